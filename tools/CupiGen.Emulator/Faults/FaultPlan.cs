using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;

namespace CupiGen.Emulator.Faults;

/// <summary>The injected faults and how often each has matched and fired; picks the fault (if any) for a request.</summary>
internal sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly List<Armed> _faults = [];

    public void Add(CupiFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _faults.Add(new Armed(fault));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>The first fault that fires for the request; every matching fault counts the request as an occurrence.</summary>
    public CupiFault? Take(string method, string path)
    {
        lock (_gate)
        {
            CupiFault? chosen = null;
            foreach (var armed in _faults)
            {
                if (armed.Matches(method, path) && armed.Fires() && chosen is null)
                {
                    chosen = armed.Fault;
                    armed.Fired++;
                }
            }

            return chosen;
        }
    }

    private sealed class Armed(CupiFault fault)
    {
        private readonly Regex? _path = fault.CompilePattern();
        private readonly Random _random = new(fault.Seed);
        private int _seen;

        public CupiFault Fault { get; } = fault;

        public int Fired { get; set; }

        public bool Matches(string method, string path) =>
            (Fault.Method is null || string.Equals(Fault.Method, method, StringComparison.OrdinalIgnoreCase)) &&
            (_path is null || _path.IsMatch(path));

        public bool Fires()
        {
            _seen++;
            if (Fault.MaxTimes is { } max && Fired >= max)
            {
                return false;
            }

            if (Fault.Occurrence is { } n && _seen != n)
            {
                return false;
            }

            return Fault.Probability >= 1 || _random.NextDouble() < Fault.Probability;
        }
    }
}
