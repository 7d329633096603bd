using Microsoft.CodeAnalysis.CSharp;

namespace CupiGen.Generator.Emit;

internal static class Literals
{
    /// <summary>A C# string literal, escaped by Roslyn itself so no schema text can break out of it.</summary>
    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
