using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CupiGen.Emulator.Schema;

namespace CupiGen.Emulator.Engine;

internal sealed partial class EmulatorEngine
{
    // query=(Column is value) and query=(Column startswith value); letter case is ignored, as CUPI does.
    private static IEnumerable<Dictionary<string, string>> Filter(ResourceSpec resource, IEnumerable<Dictionary<string, string>> items, string query)
    {
        var text = Unwrap(query);
        var parts = text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            throw Invalid($"query: '{query}' is not (Column is value) or (Column startswith value)");
        }

        var rule = resource.FieldIgnoringCase(parts[0]) ?? throw Invalid($"query: {resource.Name} has no column '{parts[0]}'");
        var value = Normalise(rule, parts.Length == 3 ? parts[2].Trim() : string.Empty);
        return parts[1].ToLowerInvariant() switch
        {
            "is" => items.Where(o => o.TryGetValue(rule.Name, out var v) && string.Equals(v, value, StringComparison.OrdinalIgnoreCase)),
            "startswith" => items.Where(o => o.TryGetValue(rule.Name, out var v) && v.StartsWith(value, StringComparison.OrdinalIgnoreCase)),
            _ => throw Invalid($"query: unknown operator '{parts[1]}' (expected is or startswith)"),
        };
    }

    // sort=(Column asc) or sort=(Column desc); integers sort as numbers, objects without the column first.
    private static IEnumerable<Dictionary<string, string>> Sort(ResourceSpec resource, IEnumerable<Dictionary<string, string>> items, string sort)
    {
        var parts = Unwrap(sort).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2)
        {
            throw Invalid($"sort: '{sort}' is not (Column asc) or (Column desc)");
        }

        var rule = resource.FieldIgnoringCase(parts[0]) ?? throw Invalid($"sort: {resource.Name} has no column '{parts[0]}'");
        var descending = parts.Length == 2 && parts[1].ToLowerInvariant() switch
        {
            "asc" => false,
            "desc" => true,
            _ => throw Invalid($"sort: unknown direction '{parts[1]}' (expected asc or desc)"),
        };

        if (rule.Kind == FieldKind.Integer)
        {
            long Key(Dictionary<string, string> o) =>
                o.TryGetValue(rule.Name, out var v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : long.MinValue;
            return descending ? items.OrderByDescending(Key) : items.OrderBy(Key);
        }

        string TextKey(Dictionary<string, string> o) => o.GetValueOrDefault(rule.Name, string.Empty);
        return descending
            ? items.OrderByDescending(TextKey, StringComparer.OrdinalIgnoreCase)
            : items.OrderBy(TextKey, StringComparer.OrdinalIgnoreCase);
    }

    // rowsPerPage (0 returns only the total) and pageNumber (from 1); without rowsPerPage, everything.
    private static List<Dictionary<string, string>> Page(Route route, EmulatorRequest request, List<Dictionary<string, string>> all)
    {
        if (!route.Endpoint.Query.Contains("rowsPerPage") || !request.Query.TryGetValue("rowsPerPage", out var rowsText))
        {
            return all;
        }

        if (!int.TryParse(rowsText, NumberStyles.None, CultureInfo.InvariantCulture, out var rows))
        {
            throw Invalid($"rowsPerPage: '{rowsText}' is not a number of rows");
        }

        var page = 1;
        if (request.Query.TryGetValue("pageNumber", out var pageText) &&
            (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            throw Invalid($"pageNumber: '{pageText}' is not a page number (pages start at 1)");
        }

        var skip = (long)(page - 1) * rows;
        return skip >= all.Count ? [] : all.Skip((int)skip).Take(rows).ToList();
    }

    private static string Unwrap(string text)
    {
        text = text.Trim();
        if (text.StartsWith('(') && text.EndsWith(')'))
        {
            text = text[1..^1].Trim();
        }

        return text;
    }

    private static string Normalise(FieldRule rule, string value) => rule.Kind switch
    {
        FieldKind.Boolean when value is "1" => "true",
        FieldKind.Boolean when value is "0" => "false",
        _ => value,
    };

    // ------------------------------------------------------------------ objects created with another

    // Values of the default port group server per integration method: SCCP as the document's example shows
    // (l. 997-1005); SIP and PIMG/TIMG on the standard SIP ports (the document shows no example).
    private static readonly Dictionary<string, Dictionary<string, string>> DefaultServerValues = new(StringComparer.Ordinal)
    {
        ["1"] = new(StringComparer.Ordinal)
        {
            ["MediaRemoteServiceEnum"] = "100", ["Port"] = "2000", ["TlsPort"] = "2443", ["Precedence"] = "0", ["SkinnyStateMachineEnum"] = "10",
        },
        ["2"] = new(StringComparer.Ordinal) { ["Port"] = "5060", ["TlsPort"] = "5061", ["Precedence"] = "0" },
        ["3"] = new(StringComparer.Ordinal) { ["Port"] = "5060", ["TlsPort"] = "5061", ["Precedence"] = "0" },
    };

    /// <summary>
    /// A create-only field of the new object that a child resource has as a writable field (the port group's
    /// <c>HostOrIPAddress</c> and its servers) becomes the first child: the server creates the port group's
    /// default server from it. The field itself is not part of the stored object, as no response shows it.
    /// </summary>
    private void CreateDefaultChildren(ResourceSpec resource, Dictionary<string, string> created)
    {
        foreach (var (child, parentField) in Children(resource))
        {
            foreach (var rule in resource.Fields.Where(f => f.CreateOnly && child.Field(f.Name) is { ReadOnly: false, CreateOnly: false }))
            {
                if (!created.TryGetValue(rule.Name, out var value))
                {
                    continue;
                }

                var record = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [ObjectIdField] = Guid.NewGuid().ToString("D"),
                    [parentField.Name] = created[ObjectIdField],
                    [rule.Name] = value,
                };
                if (created.TryGetValue("TelephonyIntegrationMethodEnum", out var method) && DefaultServerValues.TryGetValue(method, out var defaults))
                {
                    foreach (var (name, text) in defaults.Where(d => child.Field(d.Key) is not null))
                    {
                        record[name] = text;
                    }
                }

                FillDefaults(child, record);
                FillServerFields(child, record);
                Objects(child).Add(record);
                created.Remove(rule.Name);
            }
        }
    }
}
