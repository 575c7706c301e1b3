using System;
using System.Collections.Generic;
using System.Linq;
using Telnyx.Sip.Generator.Diagnostics;
using Telnyx.Sip.Generator.Reading;

namespace Telnyx.Sip.Generator.Model;

/// <summary>
/// Streamed responses: a sequential media type (server-sent events, JSON Lines, NDJSON, JSON text sequences) whose
/// items have a type, from OpenAPI 3.2's <c>itemSchema</c> or, in 3.0 and 3.1 specs, the media type's <c>schema</c>.
/// </summary>
internal sealed partial class ApiModelBuilder
{
    /// <summary>A sequential media type of a response and, when known, its item type.</summary>
    private sealed record SequentialMedia(string MediaType, string Format, TypeRef? Item, EquatableArray<string> EventTypes);

    /// <summary>The runtime's <c>ItemStreamFormat</c> member for a sequential media type; null for any other.</summary>
    private static string? StreamFormat(string mediaType) => BareMediaType(mediaType) switch
        {
            "text/event-stream" => "ServerSentEvents",
            "application/jsonl" or "application/x-ndjson" or "application/x-jsonlines" => "JsonLines",
            "application/json-seq" => "JsonSequence",
            _ => null,
        };

    /// <summary>The media type without parameters, lower case: what <c>Accept</c> asks for.</summary>
    private static string BareMediaType(string mediaType) => mediaType.Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>
    /// The first sequential media type of a response's content, with its item type: <c>itemSchema</c> (for events, the
    /// <c>contentSchema</c> of its <c>data</c>), else <c>schema</c>. Reports an <c>itemSchema</c> on any other media type.
    /// </summary>
    private SequentialMedia? ReadSequentialMedia(SpecNode? content, RawOperation raw, string operationName)
    {
        SequentialMedia? found = null;
        foreach (var media in SpecDocument.Members(content))
        {
            string? format = StreamFormat(media.Key);
            SpecNode? itemSchema = SpecDocument.Get(media.Value, "itemSchema");
            if (format is null)
            {
                if (itemSchema is not null)
                {
                    Report(DiagnosticDescriptors.ItemSchemaIgnored, itemSchema, media.Key, raw.OperationId);
                }

                continue;
            }

            if (found is not null)
            {
                continue;
            }

            SpecNode? schema = itemSchema ?? SpecDocument.Get(media.Value, "schema");
            if (schema is null)
            {
                found = new SequentialMedia(BareMediaType(media.Key), format, null, EquatableArray<string>.Empty);
                continue;
            }

            string itemName = PreferredMadeUpName(operationName + (format == "ServerSentEvents" ? "Event" : "Item"), operationName + "StreamItem");
            if (format != "ServerSentEvents" || itemSchema is null)
            {
                found = new SequentialMedia(BareMediaType(media.Key), format, ResolveType(schema, itemName), EquatableArray<string>.Empty);
                continue;
            }

            found = ReadEventSchema(BareMediaType(media.Key), itemSchema, raw, itemName);
        }

        return found;
    }

    /// <summary>
    /// OpenAPI 3.2 describes a server-sent event as an object with <c>event</c>, <c>data</c>, <c>id</c> and <c>retry</c>;
    /// the item is <c>data</c>'s <c>contentSchema</c>, and <c>event</c>'s <c>const</c>/<c>enum</c> name the event types
    /// that carry it (in the schema itself or in each of its <c>oneOf</c>/<c>anyOf</c> variants). A schema without a
    /// <c>data</c> property describes the data itself.
    /// </summary>
    private SequentialMedia ReadEventSchema(string mediaType, SpecNode itemSchema, RawOperation raw, string itemName)
    {
        SpecNode? schema = Deref(itemSchema);
        var variants = new List<SpecNode>();
        if (HasDataProperty(schema))
        {
            variants.Add(schema!);
        }

        foreach (string keyword in new[] { "oneOf", "anyOf" })
        {
            foreach (SpecNode variant in SpecDocument.GetSequence(schema, keyword)?.Children ?? (IReadOnlyList<SpecNode>)Array.Empty<SpecNode>())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (Deref(variant) is { } resolved && HasDataProperty(resolved))
                {
                    variants.Add(resolved);
                }
            }
        }

        if (variants.Count == 0)
        {
            return new SequentialMedia(mediaType, "ServerSentEvents", ResolveType(itemSchema, itemName), EquatableArray<string>.Empty);
        }

        var dataSchemas = new List<SpecNode>();
        var eventTypes = new List<string>();
        bool everyType = false;
        foreach (SpecNode variant in variants)
        {
            SpecNode? properties = SpecDocument.Get(variant, "properties");
            SpecNode? data = Deref(SpecDocument.Get(properties, "data"));
            if (SpecDocument.Get(data, "contentSchema") is { } contentSchema)
            {
                dataSchemas.Add(contentSchema);
            }

            SpecNode? eventSchema = Deref(SpecDocument.Get(properties, "event"));
            var names = new List<string>();
            if (SpecDocument.GetString(eventSchema, "const") is { } single)
            {
                names.Add(single);
            }

            names.AddRange((SpecDocument.GetSequence(eventSchema, "enum")?.Children ?? (IReadOnlyList<SpecNode>)Array.Empty<SpecNode>())
                .Select(SpecDocument.ScalarText).Where(n => n is not null)!);
            everyType |= names.Count == 0;
            eventTypes.AddRange(names.Where(n => !eventTypes.Contains(n)));
        }

        var distinct = dataSchemas.GroupBy(s => ReferenceName(s) ?? $"{Line(s)}:{Column(s)}").ToList();
        if (dataSchemas.Count == 0 || distinct.Count > 1)
        {
            string why = dataSchemas.Count == 0
                ? "declares no JSON type for its events' data (no 'contentSchema' under 'data')"
                : "declares events whose data have different types (" + string.Join(", ", distinct.Select(d => d.Key)) + ")";
            Report(DiagnosticDescriptors.UntypedEventStream, itemSchema, mediaType, raw.OperationId, why);
            return new SequentialMedia(mediaType, "ServerSentEvents", null, EquatableArray<string>.Empty);
        }

        return new SequentialMedia(mediaType, "ServerSentEvents", ResolveType(dataSchemas[0], itemName),
            everyType ? EquatableArray<string>.Empty : eventTypes.ToEquatableArray());
    }

    private bool HasDataProperty(SpecNode? schema) => SpecDocument.Get(SpecDocument.Get(schema, "properties"), "data") is not null;
}
