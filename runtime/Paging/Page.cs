using System.Collections.Generic;
using System.Text.Json;

namespace Telnyx.Sip.Runtime;

/// <summary>The <c>meta</c> member of a list response.</summary>
/// <param name="PageNumber">The number of this page, starting at 1.</param>
/// <param name="PageSize">How many items a page holds.</param>
/// <param name="TotalPages">How many pages there are.</param>
/// <param name="TotalResults">How many items there are in all.</param>
public sealed record PageMeta(int? PageNumber, int? PageSize, int? TotalPages, int? TotalResults);

/// <summary>One page of a list, with the API's paging numbers and the raw response.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class Page<T>
{
    /// <summary>Creates a page; public so that tests can build pages for a mocked <see cref="AsyncPageable{T}"/>.</summary>
    public Page(IReadOnlyList<T> items, PageMeta? meta, ApiResponse? response)
    {
        Items = items;
        Meta = meta;
        Response = response;
    }

    /// <summary>The items of this page.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>The paging numbers the API sent, when it sent them.</summary>
    public PageMeta? Meta { get; }

    /// <summary>The status, headers and request id of the response that carried this page.</summary>
    public ApiResponse? Response { get; }
}

internal readonly record struct PageBody<T>(IReadOnlyList<T> Items, PageMeta? Meta)
{
    public static PageBody<T> Read(ref Utf8JsonReader reader, Runtime.JsonReadFunc<T> readItem)
    {
        Runtime.JsonRead.ExpectObject(ref reader, "page");
        IReadOnlyList<T>? items = null;
        PageMeta? meta = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                try
                {
                    items = Runtime.JsonRead.List(ref reader, readItem);
                }
                catch (ApiSerializationException error)
                {
                    throw error.Under(".data");
                }

                foreach (T item in items ?? [])
                {
                    if (item is Runtime.GeneratedModel { HasReadIssues: true } model)
                    {
                        model.Locate("$.data", null);
                    }
                }
            }
            else if (reader.ValueTextEquals("meta"u8))
            {
                reader.Read();
                try
                {
                    meta = ReadMeta(ref reader);
                }
                catch (ApiSerializationException error)
                {
                    throw error.Under(".meta");
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new PageBody<T>(items ?? [], meta);
    }

    private static PageMeta? ReadMeta(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Runtime.JsonRead.ExpectObject(ref reader, "meta");
        int? number = null, size = null, pages = null, results = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ref int? target = ref number;
            bool known = true;
            if (reader.ValueTextEquals("page_number"u8)) target = ref number;
            else if (reader.ValueTextEquals("page_size"u8)) target = ref size;
            else if (reader.ValueTextEquals("total_pages"u8)) target = ref pages;
            else if (reader.ValueTextEquals("total_results"u8)) target = ref results;
            else known = false;

            reader.Read();
            if (known)
            {
                target = Runtime.JsonRead.Int32(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new PageMeta(number, size, pages, results);
    }
}
