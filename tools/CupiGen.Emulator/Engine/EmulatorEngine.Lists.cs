using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CupiGen.Emulator.Tables;

namespace CupiGen.Emulator.Engine;

internal sealed partial class EmulatorEngine
{
    // query=(Column is value) and query=(Column startswith value); letter case is ignored, as CUPI does.
    private static IEnumerable<ICupiModel> Filter(Resource resource, IEnumerable<ICupiModel> items, string query)
    {
        var parts = Unwrap(query).Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            throw Refusal.Invalid($"query: '{query}' is not (Column is value) or (Column startswith value)");
        }

        var field = resource.FieldIgnoringCase(parts[0]) ?? throw Refusal.Invalid($"query: {resource.Name} has no column '{parts[0]}'");
        var value = Normalise(field, parts.Length == 3 ? parts[2].Trim() : string.Empty);
        return parts[1].ToLowerInvariant() switch
        {
            "is" => items.Where(o => Values.Get(o, field) is { } v && string.Equals(v.Trim(), value, StringComparison.OrdinalIgnoreCase)),
            "startswith" => items.Where(o => Values.Get(o, field) is { } v && v.Trim().StartsWith(value, StringComparison.OrdinalIgnoreCase)),
            _ => throw Refusal.Invalid($"query: unknown operator '{parts[1]}' (expected is or startswith)"),
        };
    }

    // sort=(Column asc) or sort=(Column desc); integers sort as numbers, objects without the column first.
    private static IEnumerable<ICupiModel> Sort(Resource resource, IEnumerable<ICupiModel> items, string sort)
    {
        var parts = Unwrap(sort).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2)
        {
            throw Refusal.Invalid($"sort: '{sort}' is not (Column asc) or (Column desc)");
        }

        var field = resource.FieldIgnoringCase(parts[0]) ?? throw Refusal.Invalid($"sort: {resource.Name} has no column '{parts[0]}'");
        var descending = parts.Length == 2 && parts[1].ToLowerInvariant() switch
        {
            "asc" => false,
            "desc" => true,
            _ => throw Refusal.Invalid($"sort: unknown direction '{parts[1]}' (expected asc or desc)"),
        };

        if (field.Kind is CupiFieldKind.Integer or CupiFieldKind.Enum)
        {
            long Key(ICupiModel o) =>
                long.TryParse(Values.Get(o, field), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : long.MinValue;
            return descending ? items.OrderByDescending(Key) : items.OrderBy(Key);
        }

        string TextKey(ICupiModel o) => Values.Get(o, field) ?? string.Empty;
        return descending
            ? items.OrderByDescending(TextKey, StringComparer.OrdinalIgnoreCase)
            : items.OrderBy(TextKey, StringComparer.OrdinalIgnoreCase);
    }

    // rowsPerPage (0 returns only the total) and pageNumber (from 1); without rowsPerPage, everything.
    private static List<ICupiModel> Page(CupiEndpointInfo endpoint, EmulatorRequest request, List<ICupiModel> all)
    {
        if (!endpoint.TakesQuery("rowsPerPage") || !request.Query.TryGetValue("rowsPerPage", out var rowsText))
        {
            return all;
        }

        if (!int.TryParse(rowsText, NumberStyles.None, CultureInfo.InvariantCulture, out var rows))
        {
            throw Refusal.Invalid($"rowsPerPage: '{rowsText}' is not a number of rows");
        }

        var page = 1;
        if (request.Query.TryGetValue("pageNumber", out var pageText) &&
            (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            throw Refusal.Invalid($"pageNumber: '{pageText}' is not a page number (pages start at 1)");
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

    private static string Normalise(CupiFieldInfo field, string value) => field.Kind switch
    {
        CupiFieldKind.Boolean when value is "1" => "true",
        CupiFieldKind.Boolean when value is "0" => "false",
        _ => value,
    };
}
