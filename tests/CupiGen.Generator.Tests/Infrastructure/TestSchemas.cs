namespace CupiGen.Generator.Tests.Infrastructure;

/// <summary>Inputs built from the shipped schema.</summary>
internal static class TestSchemas
{
    /// <summary>The path diagnostics report for the shipped schema (stable, machine independent).</summary>
    public const string ShippedPath = "/schemas/cupi-portgroups.schema.json";

    public static SchemaInput Shipped(string? namespaceOverride = null) =>
        new(ShippedPath, TestPaths.ReadShippedSchema(), namespaceOverride);

    /// <summary>The shipped schema with its text replaced.</summary>
    public static SchemaInput ShippedWithText(string text) => new(ShippedPath, text);
}
