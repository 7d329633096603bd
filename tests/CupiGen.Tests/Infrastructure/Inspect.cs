using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using CupiGen;

namespace CupiGen.Tests.Infrastructure;

/// <summary>Generic, reflection-based access to a generated model's fields, by wire name.</summary>
public static class Inspect
{
    public static IReadOnlyList<(string Wire, PropertyInfo Property)> Fields(Type modelType) =>
        [.. modelType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Wire: p.GetCustomAttribute<CupiFieldAttribute>()?.WireName, Property: p))
            .Where(f => f.Wire is not null)
            .Select(f => (f.Wire!, f.Property))];

    public static bool IsPresent(object model, string wireName) =>
        (bool)model.GetType().GetMethod("IsPresent", [typeof(string)])!.Invoke(model, [wireName])!;

    public static IReadOnlyDictionary<string, string> Additional(object model) =>
        (IReadOnlyDictionary<string, string>)model.GetType().GetProperty("AdditionalFields")!.GetValue(model)!;

    /// <summary>A field's value as CUPI text: strings as they are, numbers and enums in invariant digits, booleans as true/false.</summary>
    public static string? ValueText(object model, PropertyInfo property)
    {
        var value = property.GetValue(model);
        return value switch
        {
            null => null,
            string s => s,
            bool b => b ? "true" : "false",
            Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            int i => i.ToString(CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"Unexpected field type {value.GetType()} for {property.Name}."),
        };
    }

    /// <summary>The present fields with their values, in declaration order.</summary>
    public static IReadOnlyList<(string Wire, string? Value)> PresentFields(object model) =>
        [.. Fields(model.GetType()).Where(f => IsPresent(model, f.Wire)).Select(f => (f.Wire, ValueText(model, f.Property)))];

    /// <summary>Every field present in <paramref name="expected"/> is present in <paramref name="actual"/> with an equal value, and no more.</summary>
    public static void AssertSameFields(object expected, object actual, bool includeAdditional = true)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        foreach (var (wire, property) in Fields(expected.GetType()))
        {
            var present = IsPresent(expected, wire);
            Assert.True(present == IsPresent(actual, wire), $"{wire}: presence changed from {present}");
            Assert.True(Equals(property.GetValue(expected), property.GetValue(actual)), $"{wire}: '{property.GetValue(expected)}' became '{property.GetValue(actual)}'");
        }

        if (includeAdditional)
        {
            Assert.Equal(Additional(expected).ToList(), Additional(actual).ToList());
        }
    }
}
