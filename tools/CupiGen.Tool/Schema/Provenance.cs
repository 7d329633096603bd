using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace CupiGen.Tool.Schema;

/// <summary>Where a schema fact came from: a page line and the rule that read it, a CUPI convention, or an override.</summary>
public sealed record Source(string Origin, int Line, string Rule)
{
    public const string PageOrigin = "page";
    public const string ConventionOrigin = "convention";
    public const string OverrideOrigin = "override";
}

/// <summary>Sources by JSON pointer. A pointer's source covers everything under it unless a deeper pointer has its own.</summary>
public sealed class Provenance
{
    private readonly Dictionary<string, Source> _sources = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Source> Sources => _sources;

    public void Record(string pointer, Source source) => _sources[pointer] = source;

    public void RemoveUnder(string pointer)
    {
        foreach (var key in _sources.Keys.Where(k => k == pointer || k.StartsWith(pointer + "/", StringComparison.Ordinal)).ToList())
        {
            _sources.Remove(key);
        }
    }

    /// <summary>Moves every record under <paramref name="from"/> to <paramref name="to"/> (a rename).</summary>
    public void Rename(string from, string to)
    {
        foreach (var key in _sources.Keys.Where(k => k == from || k.StartsWith(from + "/", StringComparison.Ordinal)).ToList())
        {
            var value = _sources[key];
            _sources.Remove(key);
            _sources[to + key[from.Length..]] = value;
        }
    }

    /// <summary>Shifts array-index pointers after an insert (+1) or removal (-1) at <paramref name="index"/> of <paramref name="array"/>.</summary>
    public void ShiftIndexes(string array, int index, int delta)
    {
        var moved = new List<(string Old, string New, Source Source)>();
        foreach (var (key, value) in _sources)
        {
            if (!key.StartsWith(array + "/", StringComparison.Ordinal))
            {
                continue;
            }

            string rest = key[(array.Length + 1)..];
            int slash = rest.IndexOf('/', StringComparison.Ordinal);
            string head = slash < 0 ? rest : rest[..slash];
            if (int.TryParse(head, out int i) && i >= index)
            {
                moved.Add((key, array + "/" + (i + delta) + (slash < 0 ? "" : rest[slash..]), value));
            }
        }

        foreach (var (old, _, _) in moved)
        {
            _sources.Remove(old);
        }

        foreach (var (_, @new, source) in moved)
        {
            _sources[@new] = source;
        }
    }

    /// <summary>The source of a pointer: its own record or the nearest ancestor's.</summary>
    public Source? SourceOf(string pointer)
    {
        string p = pointer;
        while (true)
        {
            if (_sources.TryGetValue(p, out var s))
            {
                return s;
            }

            int slash = p.LastIndexOf('/');
            if (slash <= 0)
            {
                return _sources.TryGetValue("", out var root) ? root : null;
            }

            p = p[..slash];
        }
    }

    /// <summary>Counts the schema's facts (every scalar value and every array or object member key) by origin.</summary>
    public Dictionary<string, int> Count(JsonNode root)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        Walk(root, "");
        return counts;

        void Walk(JsonNode? node, string pointer)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj)
                    {
                        Walk(child, pointer + "/" + Escape(key));
                    }

                    break;
                case JsonArray array:
                    for (int i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], pointer + "/" + i);
                    }

                    break;
                default:
                    string origin = SourceOf(pointer)?.Origin ?? "unknown";
                    counts[origin] = counts.GetValueOrDefault(origin) + 1;
                    break;
            }
        }
    }

    public static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}
