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

    // UTF-8 that refuses a lone surrogate instead of writing U+FFFD for it: text that cannot be sent as it is,
    // is not read as something else.
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text as UTF-8; over the limit (in bytes) or holding a lone surrogate is a format error.</summary>
    public static PooledUtf8 FromText(string text, CupiWireFormat format)
    {
        var count = CheckText(text, format);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(count, 1));
        return new PooledUtf8(buffer, Strict.GetBytes(text, buffer));
    }

    /// <summary>A copy of the bytes in a pooled buffer; over the limit is a format error.</summary>
    public static PooledUtf8 FromSpan(ReadOnlySpan<byte> bytes, CupiWireFormat format)
    {
        CheckSize(bytes.Length, format);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bytes.Length, 1));
        bytes.CopyTo(buffer);
        return new PooledUtf8(buffer, bytes.Length);
    }

    /// <summary>The text's size in UTF-8 bytes, checked against the limit; a lone surrogate is a format error naming its position.</summary>
    public static int CheckText(string text, CupiWireFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Every character is at least one byte: no need to count what is over the limit already.
        CheckSize(text.Length, format);
        int count;
        try
        {
            count = Strict.GetByteCount(text);
        }
        catch (EncoderFallbackException ex)
        {
            throw LoneSurrogate(text, ex.Index, format);
        }

        CheckSize(count, format);
        return count;
    }

    public static void CheckSize(int bytes, CupiWireFormat format)
    {
        if (bytes > CupiLimits.MaxDocumentBytes)
        {
            throw TooLarge(format);
        }
    }

    /// <summary>The bytes as a read-only stream over the pooled buffer (no copy); valid until disposed.</summary>
    public readonly MemoryStream AsStream() => new(_buffer, 0, _length, writable: false);

    public static PooledUtf8 Read(Stream stream, CupiWireFormat format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var document = new PooledUtf8(ArrayPool<byte>.Shared.Rent(InitialSize(stream)), 0);
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
        var document = new PooledUtf8(ArrayPool<byte>.Shared.Rent(InitialSize(stream)), 0);
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

    private static CupiFormatException LoneSurrogate(string text, int index, CupiWireFormat format)
    {
        index = Math.Clamp(index, 0, text.Length);
        var before = text.AsSpan(0, index);
        var line = before.Count('\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return new CupiFormatException(format, null, "the text holds a lone surrogate, which UTF-8 cannot carry", line, column);
    }

    // A stream that knows its length gets one buffer of that size (plus the byte that tells the end), not a
    // series of doublings and copies; others start at 16 KiB.
    private static int InitialSize(Stream stream)
    {
        try
        {
            if (stream.CanSeek)
            {
                var remaining = stream.Length - stream.Position;
                if (remaining >= 0 && remaining <= CupiLimits.MaxDocumentBytes)
                {
                    return (int)remaining + 1;
                }
            }
        }
        catch (NotSupportedException)
        {
        }

        return 16 * 1024;
    }

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
