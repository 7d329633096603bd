using System;
using System.IO;
using System.Linq;
using CupiGen.Fuzz;

namespace CupiGen.Tests;

/// <summary>
/// The fuzzing harness's seed corpus (the document's examples) and every input it or issue 12 found
/// (tests/Fuzz/regressions), replayed through the harness's own target: no exception but CupiFormatException, and
/// whatever reads writes back and reads back equal.
/// </summary>
public class FuzzCorpusTests
{
    private static string Root => Path.Combine(AppContext.BaseDirectory, "fuzz");

    private static string[] Files() =>
        [.. Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(Root, file).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Inputs() => [.. Files()];

    [Fact]
    public void The_corpus_and_the_regressions_cover_both_formats()
    {
        var inputs = Files();
        foreach (var folder in new[] { "corpus/json", "corpus/xml", "regressions/json", "regressions/xml" })
        {
            Assert.Contains(inputs, input => input.StartsWith(folder + "/", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Every_input_reads_or_fails_cleanly_and_round_trips(string input)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Root, input));
        if (input.Contains("/xml/", StringComparison.Ordinal))
        {
            FuzzTarget.Xml(bytes);
        }
        else
        {
            FuzzTarget.Json(bytes);
        }
    }
}
