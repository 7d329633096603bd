using System;
using System.Buffers;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace CupiGen;

/// <summary>
/// A response body read from the wire into pooled memory, never beyond a limit: a <c>Content-Length</c> over the
/// limit fails before anything is read, a longer body (chunked, decompressed, or lying about its length) fails
/// as soon as it passes the limit. The memory held is at most about twice the body.
/// </summary>
internal sealed class CupiResponseBody : IDisposable
{
    private const int FirstBuffer = 16 * 1024;

    private byte[] _buffer;
    private int _length;

    private CupiResponseBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    public int Length => _length;

    /// <summary>Reads the whole body; throws <see cref="CupiResponseTooLargeException"/> past <paramref name="limit"/>,
    /// and lets the stream's <see cref="System.IO.IOException"/> through when the body is cut off.</summary>
    public static async Task<CupiResponseBody> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > limit)
        {
            throw new CupiResponseTooLargeException(declared, limit);
        }

        return await ReadCoreAsync(content, limit, declared, truncate: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes and stops there, keeping what was read when the body
    /// is cut off: for error bodies, of which only the beginning matters.</summary>
    public static async Task<CupiResponseBody> ReadPrefixAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadCoreAsync(content, limit, content.Headers.ContentLength, truncate: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.IO.IOException or HttpRequestException)
        {
            return new CupiResponseBody(ArrayPool<byte>.Shared.Rent(1), 0);
        }
    }

    private static async Task<CupiResponseBody> ReadCoreAsync(HttpContent content, int limit, long? declared, bool truncate, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // The declared length, when there is one (the pool rounds it up, which usually leaves room to see the end).
            var first = declared is > 0 ? (int)Math.Min(declared.Value, (long)limit + 1) : Math.Min(FirstBuffer, limit + 1);
            var body = new CupiResponseBody(ArrayPool<byte>.Shared.Rent(Math.Max(first, 1)), 0);
            try
            {
                while (true)
                {
                    if (body._length == body._buffer.Length)
                    {
                        if (body._length > limit)
                        {
                            break;
                        }

                        body.Grow((int)Math.Min((long)body._buffer.Length * 2, (long)limit + 1));
                    }

                    var room = body._buffer.AsMemory(body._length, Math.Min(body._buffer.Length, limit + 1) - body._length);
                    var read = await stream.ReadAsync(room, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return body;
                    }

                    body._length += read;
                    if (body._length > limit)
                    {
                        break;
                    }
                }

                if (truncate)
                {
                    body._length = limit;
                    return body;
                }

                throw new CupiResponseTooLargeException(null, limit);
            }
            catch
            {
                body.Dispose();
                throw;
            }
        }
    }

    private void Grow(int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>A response body over <see cref="CupiClientOptions.MaxResponseBytes"/>.</summary>
internal sealed class CupiResponseTooLargeException(long? declared, int limit)
    : Exception(declared is { } length
        ? $"the response declares {length} bytes, more than the limit of {limit} bytes (CupiClientOptions.MaxResponseBytes); nothing was read"
        : $"the response body passed the limit of {limit} bytes (CupiClientOptions.MaxResponseBytes); reading stopped there");
