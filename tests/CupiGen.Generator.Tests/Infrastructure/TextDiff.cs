using System;
using System.Text;

namespace CupiGen.Generator.Tests.Infrastructure;

/// <summary>Describes where two texts first differ, with a few lines of context.</summary>
internal static class TextDiff
{
    public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Null when the texts are equal (line endings aside); otherwise a readable first difference.</summary>
    public static string? FirstDifference(string expected, string actual)
    {
        expected = Normalize(expected);
        actual = Normalize(actual);
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return null;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length &&
               string.Equals(expectedLines[line], actualLines[line], StringComparison.Ordinal))
        {
            line++;
        }

        var message = new StringBuilder();
        message.Append("First difference at line ").Append(line + 1);
        var e = line < expectedLines.Length ? expectedLines[line] : null;
        var a = line < actualLines.Length ? actualLines[line] : null;
        if (e is not null && a is not null)
        {
            var column = 0;
            while (column < e.Length && column < a.Length && e[column] == a[column])
            {
                column++;
            }

            message.Append(", column ").Append(column + 1);
        }

        message.AppendLine(":");
        message.Append("  expected: ").AppendLine(e is null ? "<end of text>" : Show(e));
        message.Append("  actual:   ").AppendLine(a is null ? "<end of text>" : Show(a));
        message.AppendLine("Context (actual):");
        for (var i = Math.Max(0, line - 3); i < Math.Min(actualLines.Length, line + 4); i++)
        {
            message.Append(i == line ? "> " : "  ").Append((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(5)).Append(' ').AppendLine(actualLines[i]);
        }

        message.Append("Expected ").Append(expectedLines.Length).Append(" lines, got ").Append(actualLines.Length).Append('.');
        return message.ToString();
    }

    private static string Show(string line) => "\"" + line.Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
}
