using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CupiGen;

/// <summary>
/// A whole document as UTF-8 in a pooled buffer, bounded by <see cref="CupiLimits.MaxDocumentBytes"/>: the
/// readers parse from one contiguous span, so text and streams are gathered here first.
/// </summary>
internal struct PooledUtf8 : IDisposable
{
    private byte[] _buffer;
    private int _length;

    private PooledUtf8(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public readonly ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    // Never read more than one byte past the limit, whatever size of array the pool hands out.
    private readonly int Capacity => Math.Min(_buffer.Length, CupiLimits.MaxDocumentBytes + 1);

    public static PooledUtf8 FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > CupiLimits.MaxDocumentBytes)
        {
            throw TooLarge(CupiWireFormat.Json);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        return new PooledUtf8(buffer, Encoding.UTF8.GetBytes(text, buffer));
    }

    public static PooledUtf8 Read(Stream stream, CupiWireFormat format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var document = new PooledUtf8(ArrayPool<byte>.Shared.Rent(16 * 1024), 0);
        try
        {
            int read;
            while ((read = stream.Read(document._buffer, document._length, document.Capacity - document._length)) > 0)
            {
                document.Advance(read, format);
            }

            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    public static async ValueTask<PooledUtf8> ReadAsync(Stream stream, CupiWireFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var document = new PooledUtf8(ArrayPool<byte>.Shared.Rent(16 * 1024), 0);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(document._buffer.AsMemory(document._length, document.Capacity - document._length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                document.Advance(read, format);
            }

            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    public readonly void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    internal static CupiFormatException TooLarge(CupiWireFormat format) =>
        new(format, null, $"the document is larger than {CupiLimits.MaxDocumentBytes} bytes", 0, 0);

    private void Advance(int read, CupiWireFormat format)
    {
        _length += read;
        if (_length < Capacity)
        {
            return;
        }

        if (_length > CupiLimits.MaxDocumentBytes)
        {
            throw TooLarge(format);
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, CupiLimits.MaxDocumentBytes + 1));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
