using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;

namespace CupiGen.Generator.Tests.Infrastructure;

/// <summary>Reads the incremental driver's tracked steps by the generator's own tracking names.</summary>
internal static class TrackedSteps
{
    /// <summary>Every name declared in <see cref="TrackingNames"/>, found by reflection so new steps are covered.</summary>
    public static IReadOnlyList<string> AllNames { get; } = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    public static IReadOnlyList<IncrementalGeneratorRunStep> Steps(GeneratorRunResult result, string name)
    {
        Assert.True(
            result.TrackedSteps.TryGetValue(name, out var steps),
            $"No tracked step '{name}'; tracked: {string.Join(", ", result.TrackedSteps.Keys)}");
        return steps;
    }

    /// <summary>Every output of every run of the named step, with its reason.</summary>
    public static IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string name) =>
        Steps(result, name).SelectMany(s => s.Outputs).ToList();

    public static IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> OutputStepOutputs(GeneratorRunResult result) =>
        result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(s => s.Outputs).ToList();

    public static bool IsReused(IncrementalStepRunReason reason) =>
        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    public static void AssertAllReused(GeneratorRunResult result, string name)
    {
        var outputs = Outputs(result, name);
        Assert.True(outputs.Count > 0, $"Step '{name}' produced no output to check.");
        var changed = outputs.Where(o => !IsReused(o.Reason)).ToList();
        Assert.True(changed.Count == 0, $"Step '{name}' recomputed:\n{Describe(changed)}");
    }

    public static string Describe(IEnumerable<(object Value, IncrementalStepRunReason Reason)> outputs)
    {
        var text = new StringBuilder();
        foreach (var (value, reason) in outputs)
        {
            var shown = value?.ToString() ?? "null";
            text.Append("  ").Append(reason).Append(": ").AppendLine(shown.Length > 120 ? shown[..120] + "…" : shown);
        }

        return text.ToString();
    }

    /// <summary>A dump of every tracked step and output step, for failure messages.</summary>
    public static string Dump(GeneratorRunResult result)
    {
        var text = new StringBuilder();
        foreach (var (name, steps) in result.TrackedSteps.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine(name + ":").Append(Describe(steps.SelectMany(s => s.Outputs)));
        }

        foreach (var (name, steps) in result.TrackedOutputSteps.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine("output " + name + ":").Append(Describe(steps.SelectMany(s => s.Outputs)));
        }

        return text.ToString();
    }
}
