using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using CupiGen.Tool.Page;

namespace CupiGen.Tool.Schema;

/// <summary>
/// Human decisions applied on top of an extracted schema. The file is
/// <c>{ "overrides": [ { "decision": "54", "op": "set", "path": "/$defs/…", "value": … }, … ] }</c> with ops
/// <c>set</c> (create or replace; <c>after</c>/<c>before</c> place a new member of a map), <c>remove</c>,
/// <c>rename</c> (<c>to</c>; keeps the position and rewrites <c>$ref</c>s to a renamed definition),
/// <c>move</c> (<c>after</c>/<c>before</c>/<c>first</c>) and <c>insert</c> (an array element at an index).
/// Every entry cites the DECISIONS.md entry it implements.
/// </summary>
public static class Overrides
{
    public static int Apply(JsonObject schema, JsonNode overridesFile, Provenance provenance, string fileName)
    {
        if (overridesFile["overrides"] is not JsonArray ops)
        {
            throw new PageFormatException($"{fileName}: expected an object with an \"overrides\" array");
        }

        int index = 0;
        foreach (var node in ops)
        {
            string where = $"{fileName}: overrides[{index}]";
            if (node is not JsonObject op)
            {
                throw new PageFormatException($"{where}: not an object");
            }

            if (op["decision"] is null)
            {
                throw new PageFormatException($"{where}: every override must cite the DECISIONS.md entry it implements (\"decision\")");
            }

            string kind = (string?)op["op"] ?? throw new PageFormatException($"{where}: missing \"op\"");
            string path = (string?)op["path"] ?? throw new PageFormatException($"{where}: missing \"path\"");
            var source = new Source(Source.OverrideOrigin, index, "decision " + op["decision"]!.ToJsonString().Trim('"'));
            try
            {
                ApplyOne(schema, op, kind, path, provenance, source);
            }
            catch (InvalidOperationException ex)
            {
                throw new PageFormatException($"{where} ({kind} {path}): {ex.Message}");
            }

            index++;
        }

        SchemaWriter.Canonicalize(schema);
        return index;
    }

    private static (JsonNode Parent, string Key) Locate(JsonObject root, string path)
    {
        if (!path.StartsWith('/'))
        {
            throw new InvalidOperationException("a path is a JSON pointer starting with '/'");
        }

        var segments = path[1..].Split('/').Select(Provenance.Unescape).ToList();
        JsonNode current = root;
        for (int i = 0; i < segments.Count - 1; i++)
        {
            current = Child(current, segments[i]) ?? throw new InvalidOperationException($"'{segments[i]}' does not exist");
        }

        return (current, segments[^1]);
    }

    private static JsonNode? Child(JsonNode node, string segment) => node switch
    {
        JsonObject obj => obj[segment],
        JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i < array.Count => array[i],
        _ => null,
    };

    private static void ApplyOne(JsonObject root, JsonObject op, string kind, string path, Provenance provenance, Source source)
    {
        var (parent, key) = Locate(root, path);
        switch (kind)
        {
            case "set":
            {
                var value = op["value"]?.DeepClone();
                provenance.RemoveUnder(path);
                provenance.Record(path, source);
                if (parent is JsonArray array)
                {
                    int i = int.Parse(key, CultureInfo.InvariantCulture);
                    array[i] = value;
                    return;
                }

                var obj = (JsonObject)parent;
                if (obj.ContainsKey(key))
                {
                    obj[key] = value;
                    return;
                }

                obj[key] = value;
                Place(obj, key, op);
                return;
            }

            case "insert":
            {
                var array = parent as JsonArray ?? throw new InvalidOperationException("insert needs an array element path");
                int i = key == "-" ? array.Count : int.Parse(key, CultureInfo.InvariantCulture);
                string arrayPath = path[..path.LastIndexOf('/')];
                provenance.ShiftIndexes(arrayPath, i, +1);
                array.Insert(i, op["value"]?.DeepClone());
                provenance.Record(arrayPath + "/" + i, source);
                return;
            }

            case "remove":
                provenance.RemoveUnder(path);
                if (parent is JsonArray removeFrom)
                {
                    int i = int.Parse(key, CultureInfo.InvariantCulture);
                    removeFrom.RemoveAt(i);
                    provenance.ShiftIndexes(path[..path.LastIndexOf('/')], i + 1, -1);
                }
                else if (!((JsonObject)parent).Remove(key))
                {
                    throw new InvalidOperationException("nothing to remove");
                }

                return;

            case "rename":
            {
                string to = (string?)op["to"] ?? throw new InvalidOperationException("rename needs \"to\"");
                var obj = parent as JsonObject ?? throw new InvalidOperationException("rename needs an object member");
                if (!obj.ContainsKey(key))
                {
                    throw new InvalidOperationException("nothing to rename");
                }

                var members = obj.ToList();
                obj.Clear();
                foreach (var (k, v) in members)
                {
                    obj[k == key ? to : k] = v;
                }

                string newPath = path[..path.LastIndexOf('/')] + "/" + Provenance.Escape(to);
                provenance.Rename(path, newPath);
                provenance.Record(newPath + "#name", source);
                if (path.StartsWith("/$defs/", StringComparison.Ordinal) && path.Count(c => c == '/') == 2)
                {
                    RewriteRefs(root, "#/$defs/" + key, "#/$defs/" + to);
                }

                return;
            }

            case "move":
            {
                var obj = parent as JsonObject ?? throw new InvalidOperationException("move needs an object member");
                if (!obj.ContainsKey(key))
                {
                    throw new InvalidOperationException("nothing to move");
                }

                Place(obj, key, op);
                provenance.Record(path + "#position", source);
                return;
            }

            default:
                throw new InvalidOperationException($"unknown op '{kind}'; expected set, insert, remove, rename or move");
        }
    }

    /// <summary>Puts member <paramref name="key"/> where the op says (after/before a member, or first); by default it stays where it is.</summary>
    private static void Place(JsonObject obj, string key, JsonObject op)
    {
        string? after = (string?)op["after"];
        string? before = (string?)op["before"];
        bool first = op["first"]?.GetValue<bool>() == true;
        if (after is null && before is null && !first)
        {
            return;
        }

        var members = obj.ToList();
        var moving = members.First(m => m.Key == key);
        members.Remove(moving);
        int at = first ? 0
            : after is not null ? members.FindIndex(m => m.Key == after) + 1
            : members.FindIndex(m => m.Key == before);
        if ((after is not null && at == 0) || (before is not null && at < 0))
        {
            throw new InvalidOperationException($"no member '{after ?? before}' to place '{key}' next to");
        }

        members.Insert(at, moving);
        obj.Clear();
        foreach (var (k, v) in members)
        {
            obj[k] = v;
        }
    }

    private static void RewriteRefs(JsonNode? node, string from, string to)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (k, v) in obj.ToList())
                {
                    if (k == "$ref" && v is JsonValue value && (string?)value == from)
                    {
                        obj[k] = to;
                    }
                    else
                    {
                        RewriteRefs(v, from, to);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RewriteRefs(item, from, to);
                }

                break;
        }
    }

    // ---------------------------------------------------------------- diff

    /// <summary>
    /// The overrides that turn <paramref name="from"/> into <paramref name="to"/>: for recording hand edits of an
    /// extracted schema as an overrides file. Arrays of named objects (endpoints, enum members) are compared by name.
    /// </summary>
    public static JsonArray Diff(JsonObject from, JsonObject to)
    {
        var ops = new JsonArray();
        var work = (JsonObject)from.DeepClone();
        DiffObject(work, to, "", ops, isMap: false);
        return ops;
    }

    private static bool IsMapPointer(string pointer) =>
        pointer == "/$defs" || pointer.EndsWith("/properties", StringComparison.Ordinal);

    private static void DiffObject(JsonObject a, JsonObject b, string pointer, JsonArray ops, bool isMap)
    {
        // Renamed enum definitions: same values under another name.
        if (pointer == "/$defs")
        {
            foreach (var (key, value) in a.ToList())
            {
                if (b.ContainsKey(key) || value is not JsonObject def || def["oneOf"] is not JsonArray members)
                {
                    continue;
                }

                var consts = string.Join(",", members.Select(m => m?["const"]?.ToJsonString()));
                var target = b.FirstOrDefault(t => !a.ContainsKey(t.Key) && t.Value?["oneOf"] is JsonArray tm
                    && string.Join(",", tm.Select(m => m?["const"]?.ToJsonString())) == consts);
                if (target.Key is not null)
                {
                    ops.Add(Op("rename", pointer + "/" + Provenance.Escape(key), ("to", target.Key)));
                    var members2 = a.ToList();
                    a.Clear();
                    foreach (var (k, v) in members2)
                    {
                        a[k == key ? target.Key : k] = v;
                    }

                    RewriteRefs(a, "#/$defs/" + key, "#/$defs/" + target.Key);
                }
            }
        }

        foreach (var key in a.Select(m => m.Key).Where(k => !b.ContainsKey(k)).ToList())
        {
            ops.Add(Op("remove", pointer + "/" + Provenance.Escape(key)));
            a.Remove(key);
        }

        string? previous = null;
        foreach (var (key, bValue) in b)
        {
            string child = pointer + "/" + Provenance.Escape(key);
            if (!a.ContainsKey(key))
            {
                var op = Op("set", child);
                op["value"] = bValue?.DeepClone();
                if (isMap)
                {
                    if (previous is null)
                    {
                        op["first"] = true;
                    }
                    else
                    {
                        op["after"] = previous;
                    }
                }

                ops.Add(op);
                a[key] = bValue?.DeepClone();
                if (isMap)
                {
                    Reposition(a, key, previous);
                }
            }
            else
            {
                DiffNode(a[key], bValue, child, ops);
            }

            previous = key;
        }

        if (isMap)
        {
            // Members in another order: move each to follow its predecessor in the target.
            var want = b.Select(m => m.Key).ToList();
            for (int i = 0; i < want.Count; i++)
            {
                var have = a.Select(m => m.Key).ToList();
                if (have[i] == want[i])
                {
                    continue;
                }

                var op = Op("move", pointer + "/" + Provenance.Escape(want[i]));
                if (i == 0)
                {
                    op["first"] = true;
                }
                else
                {
                    op["after"] = want[i - 1];
                }

                ops.Add(op);
                Reposition(a, want[i], i == 0 ? null : want[i - 1]);
            }
        }
    }

    private static void Reposition(JsonObject obj, string key, string? after)
    {
        var members = obj.ToList();
        var moving = members.First(m => m.Key == key);
        members.Remove(moving);
        members.Insert(after is null ? 0 : members.FindIndex(m => m.Key == after) + 1, moving);
        obj.Clear();
        foreach (var (k, v) in members)
        {
            obj[k] = v;
        }
    }

    private static void DiffNode(JsonNode? a, JsonNode? b, string pointer, JsonArray ops)
    {
        if (JsonNode.DeepEquals(a, b))
        {
            return;
        }

        if (a is JsonObject ao && b is JsonObject bo)
        {
            DiffObject(ao, bo, pointer, ops, IsMapPointer(pointer));
            return;
        }

        if (a is JsonArray aa && b is JsonArray ba && KeyOf(ba) is { } keyName && KeyOf(aa) == keyName)
        {
            DiffKeyedArray(aa, ba, keyName, pointer, ops);
            return;
        }

        var set = Op("set", pointer);
        set["value"] = b?.DeepClone();
        ops.Add(set);
    }

    private static string? KeyOf(JsonArray array)
    {
        foreach (var key in new[] { "name", "const" })
        {
            if (array.Count > 0 && array.All(e => e is JsonObject o && o[key] is JsonValue))
            {
                return key;
            }
        }

        return null;
    }

    private static void DiffKeyedArray(JsonArray a, JsonArray b, string keyName, string pointer, JsonArray ops)
    {
        string Key(JsonNode? n) => n![keyName]!.ToJsonString();
        var bKeys = b.Select(Key).ToList();
        for (int i = a.Count - 1; i >= 0; i--)
        {
            if (!bKeys.Contains(Key(a[i])))
            {
                ops.Add(Op("remove", pointer + "/" + i));
                a.RemoveAt(i);
            }
        }

        // Common elements must keep their relative order; otherwise replace the array.
        var aKeys = a.Select(Key).ToList();
        if (!aKeys.SequenceEqual(bKeys.Where(aKeys.Contains)))
        {
            var set = Op("set", pointer);
            set["value"] = b.DeepClone();
            ops.Add(set);
            return;
        }

        for (int i = 0; i < b.Count; i++)
        {
            if (i >= a.Count || Key(a[i]) != bKeys[i])
            {
                var insert = Op("insert", pointer + "/" + i);
                insert["value"] = b[i]!.DeepClone();
                ops.Add(insert);
                a.Insert(i, b[i]!.DeepClone());
            }
            else
            {
                DiffNode(a[i], b[i], pointer + "/" + i, ops);
            }
        }
    }

    private static JsonObject Op(string kind, string path, params (string Key, string Value)[] extra)
    {
        var op = new JsonObject { ["decision"] = "?", ["op"] = kind, ["path"] = path };
        foreach (var (k, v) in extra)
        {
            op[k] = v;
        }

        return op;
    }

    public static JsonNode Parse(string text, string fileName)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
                ?? throw new PageFormatException($"{fileName}: empty");
        }
        catch (JsonException ex)
        {
            throw new PageFormatException($"{fileName}({(ex.LineNumber ?? 0) + 1}): not valid JSON: {ex.Message.Split(". ")[0]}");
        }
    }
}
