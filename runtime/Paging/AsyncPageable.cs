using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Telnyx.Sip.Runtime;

/// <summary>
/// A list that the API serves page by page. <c>await foreach</c> yields every item, fetching the next page only
/// when the previous one is used up; <see cref="AsPages"/> yields whole pages with their <see cref="PageMeta"/>.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public abstract class AsyncPageable<T> : IAsyncEnumerable<T>
{
    /// <summary>For subclasses, including mocks in users' tests.</summary>
    protected AsyncPageable()
    {
    }

    /// <summary>
    /// A pageable over pages built in memory, for a mocked list method to return in tests. <see cref="AsPages"/>
    /// yields them in order, starting at the one whose <see cref="PageMeta.PageNumber"/> (else position, from 1)
    /// is the number asked for.
    /// </summary>
    /// <param name="pages">The pages; build them with the <see cref="Page{T}"/> constructor.</param>
    public static AsyncPageable<T> FromPages(IEnumerable<Page<T>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return new InMemoryPageable<T>([.. pages]);
    }

    /// <summary>A pageable with one page holding <paramref name="items"/>, for a mocked list method to return in tests.</summary>
    /// <param name="items">The items.</param>
    public static AsyncPageable<T> FromItems(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        T[] all = [.. items];
        return new InMemoryPageable<T>([new Page<T>(all, new PageMeta(1, all.Length, 1, all.Length), null)]);
    }

    /// <summary>Yields the pages, starting at <paramref name="pageNumber"/> (or the one the call asked for, else 1).</summary>
    public abstract IAsyncEnumerable<Page<T>> AsPages(int? pageNumber = null, CancellationToken cancellationToken = default);

    /// <summary>Yields every item of every page, in order.</summary>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (Page<T> page in AsPages(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            foreach (T item in page.Items)
            {
                yield return item;
            }
        }
    }
}

/// <summary>Pages held in memory, for tests.</summary>
internal sealed class InMemoryPageable<T>(Page<T>[] pages) : AsyncPageable<T>
{
    public override async IAsyncEnumerable<Page<T>> AsPages(int? pageNumber = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int i = 0; i < pages.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if ((pages[i].Meta?.PageNumber ?? i + 1) >= (pageNumber ?? 1))
            {
                yield return pages[i];
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}

/// <summary>Pages addressed by number (<c>page[number]</c>), as the API serves its lists.</summary>
internal sealed class PageNumberPageable<T>(Func<int, CancellationToken, Task<Page<T>>> fetchPage, int? firstPage, CancellationToken callToken)
    : AsyncPageable<T>
{
    public override async IAsyncEnumerable<Page<T>> AsPages(int? pageNumber = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Both the list method's token and the enumeration's token cancel the requests.
        using CancellationTokenSource? linked = callToken.CanBeCanceled && cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(callToken, cancellationToken)
            : null;
        CancellationToken token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : callToken);
        int number = pageNumber ?? firstPage ?? 1;
        while (true)
        {
            Page<T> page = await fetchPage(number, token).ConfigureAwait(false);
            yield return page;
            if (page.Items.Count == 0 || !HasMore(page, number))
            {
                yield break;
            }

            // The requested number, not the one in meta, moves paging on: a server that repeats a page number
            // cannot make the loop run forever.
            number++;
        }
    }

    private static bool HasMore(Page<T> page, int requested)
    {
        PageMeta? meta = page.Meta;
        if (meta?.TotalPages is { } total)
        {
            return requested < total;
        }

        // Without a page count, a short page is the last one.
        return meta?.PageSize is not { } size || page.Items.Count >= size;
    }
}
