using Microsoft.CodeAnalysis;

namespace CupiGen.Analyzers;

/// <summary>
/// Every diagnostic CupiGen's analyzers report about user code. IDs are stable: new ones are appended and listed in
/// AnalyzerReleases.Unshipped.md; each links to its entry in docs/diagnostics.md.
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>
    /// The property of a CUPI2003 or CUPI2005 diagnostic on an integer field that carries the nearest allowed value, or
    /// the two nearest, comma-separated and lower first, when the constant lies halfway between two allowed values.
    /// </summary>
    public const string NearestProperty = "Nearest";

    private const string Category = "CupiGen.Usage";
    private const string HelpBase = "https://github.com/cupigen/CupiGen/blob/main/docs/diagnostics.md#";

    /// <summary>CUPI2001: a write to a read-only field.</summary>
    public static readonly DiagnosticDescriptor ReadOnlyWrite = Create(
        "CUPI2001", "Write to a read-only CUPI field",
        "'{0}' is read-only: its value is set by Cisco Unity Connection, and requests never send it",
        DiagnosticSeverity.Error);

    /// <summary>CUPI2002: a write to a create-only field of an existing object.</summary>
    public static readonly DiagnosticDescriptor CreateOnlyWrite = Create(
        "CUPI2002", "Write to a create-only CUPI field of an existing object",
        "'{0}' is create-only: it can be given only in the object initializer of a new {1}; it is fixed once the object exists, and update requests never send it",
        DiagnosticSeverity.Error);

    /// <summary>CUPI2003: a constant outside the range.</summary>
    public static readonly DiagnosticDescriptor OutOfRange = Create(
        "CUPI2003", "Constant outside the field's range", "'{0}': {1} is outside {2}..{3}", DiagnosticSeverity.Error);

    /// <summary>CUPI2004: a constant text of the wrong length.</summary>
    public static readonly DiagnosticDescriptor BadLength = Create(
        "CUPI2004", "Constant text of the wrong length", "'{0}': the text is {1} characters long; the field takes {2} to {3}", DiagnosticSeverity.Error);

    /// <summary>CUPI2005: a constant outside the allowed set.</summary>
    public static readonly DiagnosticDescriptor NotAllowed = Create(
        "CUPI2005", "Constant not in the field's allowed values", "'{0}': {1} is not one of {2}", DiagnosticSeverity.Error);

    /// <summary>CUPI2006: a constant text the pattern rejects.</summary>
    public static readonly DiagnosticDescriptor BadCharacters = Create(
        "CUPI2006", "Constant text with characters the field does not allow", "'{0}': \"{1}\" does not match {2}", DiagnosticSeverity.Error);

    /// <summary>CUPI2007: a constant that is not an enum member.</summary>
    public static readonly DiagnosticDescriptor NotAMember = Create(
        "CUPI2007", "Constant that is not a member of the field's enum", "'{0}': {1} is not a defined member of {2}", DiagnosticSeverity.Error);

    /// <summary>CUPI2008: a field set where another constant makes it have no effect.</summary>
    public static readonly DiagnosticDescriptor NotPertinent = Create(
        "CUPI2008", "Field set where it has no effect", "'{0}' has no effect: it is pertinent only when {1} is {2}, and this initializer sets {1} to {3}", DiagnosticSeverity.Warning);

    /// <summary>CUPI2009: a constant that is not an object id.</summary>
    public static readonly DiagnosticDescriptor NotAnObjectId = Create(
        "CUPI2009", "Constant that is not an object id", "'{0}': \"{1}\" is not an object id (a 36-character GUID)", DiagnosticSeverity.Error);

    /// <summary>CUPI2010: a field that does not apply to the object's kind.</summary>
    public static readonly DiagnosticDescriptor NotApplicable = Create(
        "CUPI2010", "Field that does not apply to this kind of object", "'{0}' does not apply here: it applies only when {1} is one of {2}, and this initializer sets {1} to {3}", DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
