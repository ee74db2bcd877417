using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SessionGen.AspNetCore.Endpoints;

/// <summary>Reads a request body whole, refusing it once it exceeds the limit (413) without reading further.</summary>
internal static class RequestBody
{
    private const int InitialCapacity = 64 * 1024;

    /// <summary>The body's bytes, or null when it is over <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        // Kestrel stops the upload too, so a client that sends no Content-Length cannot stream past the limit.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        // Sized by the Content-Length up to 64 KiB (the default limit: one buffer), then grown as bytes arrive: a client
        // that declares the limit and sends a few bytes must not make the server allocate the limit.
        var body = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var length ? (int)Math.Min(length, InitialCapacity) : 1024);
        try
        {
            while (true)
            {
                Memory<byte> space = body.GetMemory(4096);
                int read = await request.Body.ReadAsync(space, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return body.WrittenSpan.ToArray();
                }

                body.Advance(read);
                if (body.WrittenCount > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }
}
