using System;
using System.Buffers;

namespace CupiGen;

/// <summary>
/// A growable UTF-8 output buffer rented from <see cref="ArrayPool{T}.Shared"/>: what the fast JSON and XML
/// writers write into. Only the final result (string or byte array) is allocated per call.
/// </summary>
internal struct CupiUtf8Buffer
{
    // Buffers larger than this are given back to the pool when a writer is cached, not kept per thread.
    private const int KeepAtMost = 64 * 1024;

    private byte[] _buffer;
    private int _length;

    public CupiUtf8Buffer(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        _length = 0;
    }

    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public readonly int Length => _length;

    /// <summary>A span of at least <paramref name="size"/> bytes at the end of the written data.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_buffer.Length - _length < size)
        {
            Grow(size);
        }

        return _buffer.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_buffer.Length - _length < bytes.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Write(byte b)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = b;
    }

    /// <summary>Forgets the written data; a large buffer goes back to the pool for a small one.</summary>
    public void Reset()
    {
        _length = 0;
        if (_buffer.Length > KeepAtMost)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(1024);
        }
    }

    private void Grow(int size)
    {
        var needed = (long)_length + size;
        var capacity = Math.Max(needed, (long)_buffer.Length * 2);
        if (capacity > Array.MaxLength)
        {
            capacity = Math.Max(needed, Array.MaxLength);
        }

        var larger = ArrayPool<byte>.Shared.Rent(checked((int)capacity));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
