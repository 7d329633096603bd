using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace CupiGen.Generator.Emit;

internal static class Literals
{
    /// <summary>A C# string literal, escaped by Roslyn itself so no schema text can break out of it.</summary>
    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A <c>new string[] { … }</c> expression of the values' literals.</summary>
    public static string Strings(IEnumerable<string> values) =>
        "new string[] { " + string.Join(", ", values.Select(String)) + " }";
}
