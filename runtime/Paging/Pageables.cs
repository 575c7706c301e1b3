using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Telnyx.Sip.Runtime;

/// <summary>Creates the pageables generated list methods return.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Pageables
{
    /// <summary>A list paged by page number; <paramref name="fetchPage"/> requests one page by its number.</summary>
    /// <param name="fetchPage">Requests one page by its number.</param>
    /// <param name="firstPage">The page to start at; null for the first.</param>
    /// <param name="cancellationToken">The token given to the list method; it cancels every page request.</param>
    public static AsyncPageable<T> ByPageNumber<T>(Func<int, CancellationToken, Task<Page<T>>> fetchPage, int? firstPage, CancellationToken cancellationToken) =>
        new PageNumberPageable<T>(fetchPage, firstPage, cancellationToken);
}
