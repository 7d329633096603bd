using System;
using System.IO;

namespace CupiGen.Tool.Tests.Infrastructure;

/// <summary>The repository's files: pages, the shipped schema, its overrides and lint baseline.</summary>
internal static class Repo
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CupiGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CupiGen.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => LazyRoot.Value;

    public static string PagePath(string name) => Path.Combine(Root, "tests", "fixtures", "pages", name);

    public static string Page(string name) => File.ReadAllText(PagePath(name));

    public static string SchemaPath(string name) => Path.Combine(Root, "schema", name);

    public static string Schema(string name) => File.ReadAllText(SchemaPath(name));

    /// <summary>A page built from lines, for rule tests (a page header and a /vmrest/ URL make it a CUPI page).</summary>
    public static string MiniPage(params string[] lines) =>
        "Cisco_Unity_Connection_Provisioning_Interface_(CUPI)_API_--_Widgets\n\nGET https://<connection-server>/vmrest/widgets\n\n" + string.Join("\n", lines) + "\n";
}
