using System;
using System.IO;

namespace CupiGen.Generator.Tests.Infrastructure;

/// <summary>Locates the repository's source tree, which holds the schema, the baselines and the broken schemas.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> LazyRepoRoot = new(FindRepoRoot);
    private static readonly Lazy<string> LazyShippedSchema = new(() => File.ReadAllText(ShippedSchemaPath));

    /// <summary>The folder holding CupiGen.sln (or, failing that, Directory.Build.props).</summary>
    public static string RepoRoot => LazyRepoRoot.Value;

    public static string TestProject => Path.Combine(RepoRoot, "tests", "CupiGen.Generator.Tests");

    public static string BaselineDirectory => Path.Combine(TestProject, "Baselines");

    public static string BrokenSchemaDirectory => Path.Combine(TestProject, "BrokenSchemas");

    public static string ShippedSchemaPath => Path.Combine(RepoRoot, "schema", "cupi-portgroups.schema.json");

    public static string ReadShippedSchema() => LazyShippedSchema.Value;

    private static string FindRepoRoot()
    {
        foreach (var marker in new[] { "CupiGen.sln", "Directory.Build.props" })
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, marker)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No CupiGen.sln or Directory.Build.props above {AppContext.BaseDirectory}.");
    }
}
