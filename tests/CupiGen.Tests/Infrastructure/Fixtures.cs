using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace CupiGen.Tests.Infrastructure;

/// <summary>One entry of <c>fixtures/doc/index.json</c>.</summary>
public sealed record FixtureInfo(string File, string Format, string Resource, string Shape, string Direction, int Count)
{
    public bool IsXml => Format == "xml";

    public bool IsList => Shape == "list";

    public string Text => Fixtures.Read(File);

    public override string ToString() => File;
}

/// <summary>Access to the document's example payloads copied to the test output.</summary>
public static class Fixtures
{
    private static readonly Lazy<IReadOnlyDictionary<string, FixtureInfo>> Index = new(LoadIndex);

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "fixtures", "doc");

    public static IReadOnlyDictionary<string, FixtureInfo> All => Index.Value;

    public static string Read(string file) => System.IO.File.ReadAllText(Path.Combine(Directory, file));

    /// <summary>The fixture whose file name starts with the two-digit number, e.g. 1 → <c>01-list-portgroups.xml</c>.</summary>
    public static FixtureInfo Get(int number)
    {
        var prefix = number.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + "-";
        foreach (var (file, info) in All)
        {
            if (file.StartsWith(prefix, StringComparison.Ordinal))
            {
                return info;
            }
        }

        throw new InvalidOperationException($"No fixture numbered {number}.");
    }

    public static string Text(int number) => Get(number).Text;

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in All.Keys)
        {
            data.Add(file);
        }

        return data;
    }

    private static IReadOnlyDictionary<string, FixtureInfo> LoadIndex()
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(Directory, "index.json")));
        var result = new SortedDictionary<string, FixtureInfo>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateArray())
        {
            var info = new FixtureInfo(
                entry.GetProperty("file").GetString()!,
                entry.GetProperty("format").GetString()!,
                entry.GetProperty("resource").GetString()!,
                entry.GetProperty("shape").GetString()!,
                entry.GetProperty("direction").GetString()!,
                entry.GetProperty("count").GetInt32());
            result.Add(info.File, info);
        }

        return result;
    }
}
