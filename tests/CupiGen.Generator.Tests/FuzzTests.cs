using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CupiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CupiGen.Generator.Tests;

/// <summary>
/// Truncated and mutated copies of the shipped schema: whatever the text, the generator reports diagnostics
/// at positions inside the file and never throws or reports an internal error.
/// </summary>
public class FuzzTests
{
    private const int Seed = 20240601;

    // Characters that change JSON structure, strings, numbers and keywords.
    private static readonly string[] Replacements =
        ["\"", "{", "}", "[", "]", ",", ":", " ", "\\", "0", "-", "x", "\n", "\u00e9", "\uD800", "\0", "true", "1e999", ""];

    [Fact]
    public void Truncated_schemas_never_break_the_generator()
    {
        var text = TestPaths.ReadShippedSchema();
        var cuts = new SortedSet<int> { 0, 1, 2, text.Length - 2, text.Length - 1 };
        var random = new Random(Seed);
        for (var i = 0; i < 150; i++)
        {
            cuts.Add(random.Next(text.Length));
        }

        // Every cut inside the first resource's header, where most keywords live.
        for (var i = 0; i < 600; i += 7)
        {
            cuts.Add(i);
        }

        foreach (var cut in cuts)
        {
            Check(text[..cut], $"cut at {cut}");
        }
    }

    [Fact]
    public void Single_character_mutations_never_break_the_generator()
    {
        var text = TestPaths.ReadShippedSchema();
        var random = new Random(Seed);
        for (var i = 0; i < 300; i++)
        {
            var at = random.Next(text.Length);
            var replacement = Replacements[random.Next(Replacements.Length)];
            var mutated = random.Next(4) switch
            {
                0 => text[..at] + replacement + text[at..],                // insert
                1 => text[..at] + text[(at + 1)..],                        // delete
                2 => text[..at] + text[at] + text[at..],                   // duplicate
                _ => text[..at] + replacement + text[(at + 1)..],          // replace
            };
            Check(mutated, $"mutation {i} at {at} with '{replacement}'");
        }
    }

    [Fact]
    public void Mutated_values_of_every_keyword_never_break_the_generator()
    {
        // Replace each value in turn (numbers, strings, booleans) with values of other kinds.
        var text = TestPaths.ReadShippedSchema();
        var values = new[] { "null", "-1", "2147483648", "9223372036854775808", "0.5", "\"\"", "\" \"", "[]", "{}", "true", "\"{x}\"" };
        var random = new Random(Seed);
        var positions = FindValueStarts(text);
        for (var i = 0; i < 250; i++)
        {
            var (start, end) = positions[random.Next(positions.Count)];
            var value = values[random.Next(values.Length)];
            Check(text[..start] + value + text[end..], $"value at {start} -> {value}");
        }
    }

    // One incremental driver per test, fed each text in turn: what a run reports is what a fresh run would, and
    // resources a mutation leaves unchanged come from the cache (much faster than a new driver per text).
    private readonly IncrementalSchemaRun _run = new(
        TestSchemas.ShippedPath,
        GeneratorHarness.CreateCompilation(GeneratorHarness.DefaultOptions),
        TestPaths.ReadShippedSchema());

    private void Check(string text, string what)
    {
        var result = _run.Next(text);
        Assert.True(result.Exception is null, $"{what}: {result.Exception}");
        foreach (var diagnostic in result.Diagnostics)
        {
            Assert.True(diagnostic.Id != "CUPI1000", $"{what}: {diagnostic}");
            Assert.True(diagnostic.Id.StartsWith("CUPI", StringComparison.Ordinal), $"{what}: {diagnostic}");
            if (diagnostic.Location != Location.None)
            {
                var span = diagnostic.Location.SourceSpan;
                Assert.True(span.Start >= 0 && span.End <= text.Length, $"{what}: {diagnostic} is outside the text");
                Assert.Equal(TestSchemas.ShippedPath, diagnostic.Location.GetLineSpan().Path);
            }
        }
    }

    // Start and end of every scalar value that follows a ':' (a crude scan is enough for a fuzzer).
    private static List<(int Start, int End)> FindValueStarts(string text)
    {
        var result = new List<(int, int)>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != ':')
            {
                continue;
            }

            var start = i + 1;
            while (start < text.Length && text[start] == ' ')
            {
                start++;
            }

            var end = start;
            if (end < text.Length && text[end] == '"')
            {
                end++;
                while (end < text.Length && text[end] != '"')
                {
                    end += text[end] == '\\' ? 2 : 1;
                }

                end++;
            }
            else
            {
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '-' or '.'))
                {
                    end++;
                }
            }

            if (end > start && end <= text.Length)
            {
                result.Add((start, end));
            }
        }

        return result;
    }
}
