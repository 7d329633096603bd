using System;
using System.Collections.Generic;
using System.Globalization;
using CupiGen.Generator.Diagnostics;
using CupiGen.Generator.Model;

namespace CupiGen.Generator.Parsing;

// Enum definitions: $defs entries with "type": "integer" and a oneOf of members.
internal sealed partial class SchemaParser
{
    private EnumSpec? ParseEnum(string ns, JsonProperty def)
    {
        CheckDuplicateKeys(def.Value, "keyword");
        var oneOf = def.Value.GetProperty("oneOf")!;
        if (!ExpectKind(oneOf.Value, JsonKind.Array, "oneOf", "an array of { const, title, description } members"))
        {
            return null;
        }

        var members = new List<EnumMemberSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var values = new HashSet<int>();
        foreach (var item in oneOf.Value.Items)
        {
            if (!ExpectKind(item, JsonKind.Object, "an enum member", "an object with const and title"))
            {
                continue;
            }

            var constant = item.GetProperty("const");
            var title = item.GetProperty("title");
            if (constant is null)
            {
                Report(DiagnosticDescriptors.MissingKeyword, item.Start, 1, $"A member of enum '{def.Name}'", "const");
                continue;
            }

            if (title is null)
            {
                Report(DiagnosticDescriptors.MissingKeyword, item.Start, 1, $"A member of enum '{def.Name}'", "title");
                continue;
            }

            if (!constant.Value.TryGetInt32(out var value))
            {
                Report(DiagnosticDescriptors.InvalidKeywordValue, constant.Value, "const", "a 32-bit integer");
                continue;
            }

            if (!ExpectKind(title.Value, JsonKind.String, "title", "a string") ||
                !CheckIdentifier(title.Value.StringValue!, title.Value.Start, title.Value.End, "an enum member name"))
            {
                continue;
            }

            if (title.Value.StringValue == "value__")
            {
                Report(DiagnosticDescriptors.InvalidName, title.Value, "value__", "an enum member name", "C# reserves it for the enum's value field");
                continue;
            }

            var name = title.Value.StringValue!;
            if (!names.Add(name))
            {
                Report(DiagnosticDescriptors.Duplicate, title.Value, "enum member", name);
                continue;
            }

            if (!values.Add(value))
            {
                Report(DiagnosticDescriptors.Duplicate, constant.Value, "enum value", value.ToString(CultureInfo.InvariantCulture));
                continue;
            }

            members.Add(new EnumMemberSpec(name, value, OptionalString(item, "description")));
        }

        return new EnumSpec(ns, def.Name, OptionalString(def.Value, "description"), members.ToEquatableArray());
    }
}
