using Microsoft.CodeAnalysis;

namespace CupiGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports about a schema. IDs are stable: new ones are appended and listed in
/// AnalyzerReleases.Unshipped.md; each links to its entry in docs/diagnostics.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "CupiGen.Schema";
    private const string HelpBase = "https://github.com/cupigen/CupiGen/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor InternalError = Create(
        "CUPI1000", "The generator failed", "CupiGen could not process schema '{0}': {1}", DiagnosticSeverity.Error);

    // The same ID as InternalError: both mean "CupiGen has a bug", this one while emitting one type.
    public static readonly DiagnosticDescriptor InternalEmitError = Create(
        "CUPI1000", "The generator failed", "Internal error generating {0}: {1}: {2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidJson = Create(
        "CUPI1001", "Schema is not valid JSON", "The schema is not valid JSON: {0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownType = Create(
        "CUPI1002", "Unknown type", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor Duplicate = Create(
        "CUPI1003", "Duplicate name", "Duplicate {0} '{1}'", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidRange = Create(
        "CUPI1004", "Invalid range", "{0}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnresolvedReference = Create(
        "CUPI1005", "Unresolved reference", "'{0}' does not name {1} defined in this schema", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidName = Create(
        "CUPI1006", "Unusable name", "'{0}' cannot be used as {1}: {2}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownKeyword = Create(
        "CUPI1007", "Unknown keyword", "Unknown keyword '{0}' is ignored", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor InvalidKeywordValue = Create(
        "CUPI1008", "Invalid keyword value", "'{0}' must be {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingKeyword = Create(
        "CUPI1009", "Missing keyword", "{0} needs '{1}'", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidDefault = Create(
        "CUPI1010", "Invalid default", "The default of field '{0}' is not valid: {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidEndpoint = Create(
        "CUPI1011", "Invalid endpoint", "Endpoint '{0}': {1}", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ConflictingAccess = Create(
        "CUPI1012", "Conflicting access", "Field '{0}' cannot be both readOnly and x-cupi-createOnly", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateGeneratedType = Create(
        "CUPI1013", "Type generated twice", "Type '{0}' is also defined by schema '{1}', whose definition is generated; remove one, or give the schemas different namespaces", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InapplicableKeyword = Create(
        "CUPI1014", "Keyword does not apply", "'{0}' does not apply to a {1} field and is ignored", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ConflictingEnum = Create(
        "CUPI1015", "Conflicting enum", "Enum '{0}' is also defined by schema '{1}' with other members ({2}); that definition is generated and used here", DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnresolvedSchemaReference = Create(
        "CUPI1016", "Unresolved reference to another schema", "'{0}' does not name {1}: {2}", DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
