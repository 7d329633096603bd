using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;

namespace CupiGen.Emulator;

/// <summary>One request that reached the emulator: what was asked, what was answered, and whether it was processed.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, without the query.</param>
/// <param name="Status">The status answered (0 when the connection was reset instead).</param>
/// <param name="Processed">Whether the request reached the CUPI logic (it could change state), rather than being
/// refused by the throttle, authentication or an injected fault that answers without processing.</param>
public sealed record CupiRequestRecord(string Method, string Path, int Status, bool Processed);

/// <summary>Every request in arrival order, for "created exactly once" assertions; the latest <see cref="Capacity"/> only, so a long-running host does not grow without bound.</summary>
internal sealed class Traffic
{
    public const int Capacity = 100_000;

    private readonly Lock _gate = new();
    private readonly Queue<CupiRequestRecord> _records = new();

    public void Add(CupiRequestRecord record)
    {
        lock (_gate)
        {
            if (_records.Count == Capacity)
            {
                _records.Dequeue();
            }

            _records.Enqueue(record);
        }
    }

    public IReadOnlyList<CupiRequestRecord> Snapshot()
    {
        lock (_gate)
        {
            return [.. _records];
        }
    }

    public int Count(string? method, string? pathPattern, Func<CupiRequestRecord, bool> which)
    {
        var pattern = CupiFault.Status().For(method, pathPattern).CompilePattern();
        return Snapshot().Count(r =>
            (method is null || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)) &&
            (pattern is null || pattern.IsMatch(r.Path)) && which(r));
    }
}
