using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CupiGen.Fuzz;
using SharpFuzz;

// cupigen-fuzz: the CupiGen readers under a fuzzer. See README.md beside this file.
//   run <json|xml> [--inputs N] [--seed N] [--corpus DIR] [--findings DIR]   built-in mutation loop, no tools needed
//   afl <json|xml>                                                          under afl-fuzz (SharpFuzz fork server)
//   libfuzzer <json|xml>                                                    under libFuzzer (libfuzzer/cupigen-libfuzzer.c)
//   replay <json|xml> FILE…                                                 one input per file; a finding exits 1
//   corpus [--fixtures DIR] [--out DIR]                                     writes the seed corpus from the fixtures
if (args.Length < 1)
{
    return Usage();
}

var mode = args[0];
var format = args.Length > 1 ? args[1] : string.Empty;
Action<ReadOnlySpan<byte>>? target = format switch
{
    "json" => FuzzTarget.Json,
    "xml" => FuzzTarget.Xml,
    _ => null,
};

switch (mode)
{
    case "corpus":
        return Corpus.Write(Option(args, "--fixtures") ?? Path.Combine(Here(), "..", "fixtures", "doc"), Option(args, "--out") ?? Path.Combine(Here(), "corpus"));
    case "run" when target is not null:
        return Loop.Run(
            target,
            format,
            long.Parse(Option(args, "--inputs") ?? "1000000", CultureInfo.InvariantCulture),
            int.Parse(Option(args, "--seed") ?? "12", CultureInfo.InvariantCulture),
            Option(args, "--corpus") ?? Path.Combine(Here(), "corpus", format),
            Option(args, "--findings") ?? Path.Combine(Here(), "findings", format));
    case "afl" when target is not null:
        // afl-fuzz hands one input per run on stdin; an exception escaping is a crash it records.
        Fuzzer.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            target(copy.GetBuffer().AsSpan(0, (int)copy.Length));
        });
        return 0;
    case "libfuzzer" when target is not null:
        Fuzzer.LibFuzzer.Run(span => target(span));
        return 0;
    case "replay" when target is not null:
        var failed = 0;
        foreach (var file in args.Skip(2))
        {
            try
            {
                target(File.ReadAllBytes(file));
                Console.WriteLine($"ok       {file}");
            }
            catch (Exception ex)
            {
                failed++;
                Console.WriteLine($"FINDING  {file}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        return failed == 0 ? 0 : 1;
    default:
        return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("usage: cupigen-fuzz run|afl|libfuzzer|replay <json|xml> [options] | corpus [--fixtures DIR] [--out DIR]");
    return 2;
}

static string? Option(string[] args, string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

// The project folder (tests/Fuzz) from the build output, so the default corpus is the committed one.
static string Here()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CupiGen.Fuzz.csproj")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? Directory.GetCurrentDirectory();
}

/// <summary>The seed corpus: each example of the document (tests/fixtures/doc) behind the byte that picks its model.</summary>
internal static class Corpus
{
    private static readonly string[] ModelOrder = ["PortGroup", "PortGroupTemplate", "PortGroupServer", "SipSecurityProfile"];

    public static int Write(string fixtures, string output)
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixtures, "index.json")));
        var written = 0;
        foreach (var entry in index.RootElement.EnumerateArray())
        {
            var model = Array.IndexOf(ModelOrder, entry.GetProperty("resource").GetString());
            if (model < 0)
            {
                continue;
            }

            var file = entry.GetProperty("file").GetString()!;
            var format = entry.GetProperty("format").GetString()!;
            var dir = Path.Combine(output, format);
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, file), [(byte)('0' + model), .. File.ReadAllBytes(Path.Combine(fixtures, file))]);
            written++;
        }

        Console.WriteLine($"cupigen-fuzz corpus: {written} inputs -> {output}");
        return 0;
    }
}

/// <summary>
/// A mutation loop for machines without afl-fuzz or libFuzzer: seeded, so a run is repeatable; inputs grow from
/// the corpus and from inputs the readers accepted (a cheap stand-in for coverage feedback).
/// </summary>
internal static class Loop
{
    private static readonly byte[][] Tokens = [.. new[]
    {
        "<![CDATA[x]]>", "&#xD;", "&#0;", "&bogus;", "&amp;", "\\ud800", "\\udc00", "\\u0000", "\\\"", "]]>", "<!--c-->", "<?pi?>",
        "<!DOCTYPE x [<!ENTITY e \"e\">]>", "null", "[", "]", "{", "}", "{\"a\":", "<a>", "</a>", "<a/>", "xmlns:p=\"u\"", "p:",
        "\uFEFF", "1e999", "-0", "\"@total\":\"-1\",", "\"@total\":\"x\",", "total=\"9\"", "true", "\"\":\"\",", "\"PortGroup\":",
        "<PortGroup>", "</PortGroup>", "_x0040_", "\t", "\r\n", "é", "😀",
    }.Select(Encoding.UTF8.GetBytes)];

    private static readonly byte[] Bytes = [.. "<>/{}[]\":,\\&;!?= \n\r\t0-a"u8, 0x00, 0x01, 0x7F, 0x80, 0xA0, 0xC0, 0xC3, 0xED, 0xEF, 0xF0, 0xF4, 0xFF];

    public static int Run(Action<ReadOnlySpan<byte>> target, string format, long inputs, int seed, string corpusDir, string findingsDir)
    {
        var pool = Directory.Exists(corpusDir)
            ? Directory.GetFiles(corpusDir).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList()
            : [];
        if (pool.Count == 0)
        {
            Console.Error.WriteLine($"cupigen-fuzz: no seed inputs in {corpusDir} (run 'cupigen-fuzz corpus' first)");
            return 2;
        }

        var seeds = pool.Count;
        var random = new Random(seed);
        var findings = new HashSet<string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var buffer = new List<byte>(64 * 1024);
        for (long i = 1; i <= inputs; i++)
        {
            var input = Mutate(pool[random.Next(pool.Count)], random, buffer);
            try
            {
                target(input);

                // Keep a few accepted variants as new starting points; bounded, so memory stays flat.
                if (random.Next(64) == 0 && input.Length < 64 * 1024)
                {
                    if (pool.Count < seeds + 4096)
                    {
                        pool.Add(input);
                    }
                    else
                    {
                        pool[seeds + random.Next(4096)] = input;
                    }
                }
            }
            catch (Exception ex)
            {
                var key = ex.GetType().Name + ": " + FirstLine(ex.Message);
                if (findings.Add(key))
                {
                    Directory.CreateDirectory(findingsDir);
                    var file = Path.Combine(findingsDir, Convert.ToHexString(SHA256.HashData(input))[..16].ToLowerInvariant());
                    File.WriteAllBytes(file, input);
                    Console.WriteLine($"FINDING {key}\n  input: {file}\n{ex}");
                }
            }

            if (i % 100_000 == 0 || i == inputs)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{format}: {i:N0} inputs, {findings.Count} findings, {i / clock.Elapsed.TotalSeconds:N0}/s"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cupigen-fuzz {format}: {inputs:N0} inputs in {clock.Elapsed.TotalSeconds:N0} s, seed {seed}, {findings.Count} distinct findings"));
        return findings.Count == 0 ? 0 : 1;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    private static byte[] Mutate(byte[] input, Random random, List<byte> bytes)
    {
        bytes.Clear();
        bytes.AddRange(input);
        var count = 1 + random.Next(random.Next(2) == 0 ? 2 : 6);
        for (var m = 0; m < count; m++)
        {
            // Never touch byte 0 (it picks the model) unless asked to by chance.
            var at = bytes.Count <= 1 ? bytes.Count : 1 + random.Next(bytes.Count - 1);
            var length = Math.Min(1 + random.Next(32), bytes.Count - at);
            switch (random.Next(9))
            {
                case 0 when at < bytes.Count:
                    bytes[at] = Bytes[random.Next(Bytes.Length)];
                    break;
                case 1 when at < bytes.Count:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    bytes.RemoveRange(at, length);
                    break;
                case 3:
                    bytes.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 4:
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 5 when at < bytes.Count:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 6 when bytes.Count > 2:
                    // Repeat a piece many times: the shapes (many fields, many pieces) that found quadratic work.
                    var piece = bytes.GetRange(at, length);
                    for (var r = random.Next(2, 200); r > 0; r--)
                    {
                        bytes.InsertRange(at, piece);
                    }

                    break;
                case 7 when bytes.Count > 0:
                    bytes[0] = (byte)('0' + random.Next(FuzzTarget.Models));
                    break;
                default:
                    bytes.Insert(at, Bytes[random.Next(Bytes.Length)]);
                    break;
            }
        }

        return [.. bytes];
    }
}
