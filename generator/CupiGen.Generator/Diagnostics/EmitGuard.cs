using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CupiGen.Generator.Diagnostics;

/// <summary>
/// Runs one emitter and adds its source. An exception escaping a source output makes the compiler report
/// CS8785 and drop everything the generator produced; here it becomes CUPI1000 for that one type instead,
/// and every other type is still generated.
/// </summary>
internal static class EmitGuard
{
    /// <summary>Emits and adds one source; reports CUPI1000 (or CUPI1013 for a refused hint name) instead of throwing.</summary>
    /// <param name="addSource">Adds the text under the hint name (<c>SourceProductionContext.AddSource</c>).</param>
    /// <param name="report">Reports a diagnostic (<c>SourceProductionContext.ReportDiagnostic</c>).</param>
    /// <param name="hintName">The generated file's hint name.</param>
    /// <param name="typeName">The full name of the generated type, for the message.</param>
    /// <param name="location">Where to report: the schema that defines the type, or <see cref="Location.None"/>.</param>
    /// <param name="emit">The emitter.</param>
    /// <returns>Whether the source was added.</returns>
    public static bool TryAddSource(
        Action<string, SourceText> addSource,
        Action<Diagnostic> report,
        string hintName,
        string typeName,
        Location location,
        Func<string> emit)
    {
        string text;
        try
        {
            text = emit();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.InternalEmitError, location, typeName, ex.GetType().Name, ex.Message));
            return false;
        }

        try
        {
            addSource(hintName, SourceText.From(text, System.Text.Encoding.UTF8));
            return true;
        }
        catch (ArgumentException)
        {
            // AddSource refuses the hint name. Types defined twice are filtered out before emitting, so this is a
            // last resort.
            report(Diagnostic.Create(DiagnosticDescriptors.DuplicateGeneratedType, location, typeName));
            return false;
        }
    }
}
