using System;
using System.Collections.Generic;
using System.Linq;
using CupiGen.Generator.Diagnostics;
using CupiGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CupiGen.Generator.Parsing;

// Shared checks (duplicate keys, identifiers, JSON kinds) and diagnostics at line and column.
internal sealed partial class SchemaParser
{
    private void CheckDuplicateKeys(JsonNode node, string what)
    {
        if (node.Properties.Count < 2)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in node.Properties)
        {
            if (!seen.Add(property.Name))
            {
                Report(DiagnosticDescriptors.Duplicate, property.NameStart, property.NameEnd - property.NameStart, what, property.Name);
            }
        }
    }

    private bool CheckIdentifier(string name, int start, int end, string what)
    {
        if (SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None)
        {
            return true;
        }

        Report(DiagnosticDescriptors.InvalidName, start, end - start, name, what, "it is not a valid C# identifier (or is a keyword)");
        return false;
    }

    private bool ExpectKind(JsonNode node, JsonKind kind, string what, string expected)
    {
        if (node.Kind == kind)
        {
            return true;
        }

        Report(DiagnosticDescriptors.InvalidKeywordValue, node, what, $"{expected}, not {node.KindName}");
        return false;
    }

    private static bool IsNamespace(string name) =>
        name.Split('.').All(part => SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None);

    private static string Display(JsonNode node) => node.Kind switch
    {
        JsonKind.String => node.StringValue!,
        JsonKind.Number => node.StringValue!,
        JsonKind.True => "true",
        JsonKind.False => "false",
        JsonKind.Null => "null",
        _ => node.KindName,
    };

    private void Report(DiagnosticDescriptor descriptor, JsonNode node, params string[] args) =>
        Report(descriptor, node.Start, node.End - node.Start, args);

    private void Report(DiagnosticDescriptor descriptor, int start, int length, params string[] args) =>
        _diagnostics.Add(new DiagnosticInfo(descriptor, Locate(start, length), args.ToEquatableArray()));

    private LocationInfo Locate(int start, int length)
    {
        var text = _file.Text;
        start = Math.Max(0, Math.Min(start, text.Length));
        length = Math.Max(0, Math.Min(length, text.Length - start));
        var lines = _lineStarts ??= ComputeLineStarts(text);
        var span = new TextSpan(start, length);
        return new LocationInfo(_file.Path, span, new LinePositionSpan(Position(lines, start), Position(lines, start + length)));
    }

    private static LinePosition Position(int[] lineStarts, int offset)
    {
        var line = Array.BinarySearch(lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new LinePosition(line, offset - lineStarts[line]);
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }
}
