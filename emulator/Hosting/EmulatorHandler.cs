using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Telnyx.Sip.Emulator.Hosting;

/// <summary>Serves an <see cref="ApiEmulator"/> in process: an <see cref="HttpClient"/> over this handler opens no port.</summary>
internal sealed class EmulatorHandler(ApiEmulator emulator) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new ApiEmulator.RequestHeaders();
        AddAll(request.Headers);

        string? body = null;
        if (request.Content is not null)
        {
            AddAll(request.Content.Headers);
            body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }

        Uri uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        string pathAndQuery = uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
        EmulatorResponse answer = await emulator
            .HandleAsync(new EmulatorRequest(request.Method.Method, pathAndQuery, headers, body), cancellationToken)
            .ConfigureAwait(false);
        if (answer.DropConnection)
        {
#if NET8_0_OR_GREATER
            throw new HttpRequestException(HttpRequestError.ConnectionError, "The emulator dropped the connection (an injected fault).");
#else
            throw new HttpRequestException("The emulator dropped the connection (an injected fault).");
#endif
        }

        var response = new HttpResponseMessage((HttpStatusCode)answer.Status) { RequestMessage = request };
        response.Content = new ByteArrayContent(answer.ContentArray ?? []);
        foreach (KeyValuePair<string, string> header in answer.Headers)
        {
            if (header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            else if (!response.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return response;

        // Each header as one value, as the journal records it.
        void AddAll(HttpHeaders source)
        {
#if NET8_0_OR_GREATER
            foreach (KeyValuePair<string, HeaderStringValues> header in source.NonValidated)
            {
                headers.Add(emulator, header.Key, header.Value.ToString());
            }
#else
            // Joined with ", " (cookies with "; "); .NET 8 uses each header's own separator (User-Agent: a space).
            foreach (KeyValuePair<string, IEnumerable<string>> header in source)
            {
                headers.Add(emulator, header.Key, string.Join(header.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase) ? "; " : ", ", header.Value));
            }
#endif
        }
    }
}
