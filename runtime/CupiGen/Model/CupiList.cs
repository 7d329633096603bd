using System;
using System.Collections;
using System.Collections.Generic;

namespace CupiGen;

/// <summary>
/// One page of a CUPI list response: the objects it carries and the server's <c>total</c>, which counts
/// every object matching the request, not only those on this page.
/// </summary>
/// <typeparam name="T">The model type.</typeparam>
public sealed class CupiList<T> : IReadOnlyList<T>
{
    private readonly T[] _items;

    /// <summary>Creates a list from its items and the server's total.</summary>
    /// <param name="items">The objects on this page.</param>
    /// <param name="total">The number of objects the server reports in all pages.</param>
    public CupiList(IEnumerable<T> items, int total)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
        Total = total;
    }

    internal CupiList(T[] items, int total)
    {
        _items = items;
        Total = total;
    }

    /// <summary>An empty list whose total is 0.</summary>
    public static CupiList<T> Empty { get; } = new([], 0);

    /// <summary>The number of objects the server reports across all pages (CUPI's <c>total</c> / <c>@total</c>).</summary>
    public int Total { get; }

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"CupiList<{typeof(T).Name}> {{ Count = {Count}, Total = {Total} }}";
}
