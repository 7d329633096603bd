using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace CupiGen.Generator.Model;

// The equatable model between parsing and emitting. It holds only strings, numbers and other specs: no
// symbols, syntax or compilation, and no source positions (so a whitespace-only schema edit compares equal).

/// <summary>One schema file as the pipeline sees it: its path, its text and the namespace override, if any.</summary>
internal sealed record SchemaFile(string Path, string Text, string? NamespaceOverride);

/// <summary>What parsing one schema file yields.</summary>
internal sealed record ParseResult(
    EquatableArray<ResourceSpec> Resources,
    EquatableArray<EnumSpec> Enums,
    EquatableArray<DiagnosticInfo> Diagnostics);

internal enum FieldKind
{
    String,
    Integer,
    Boolean,
    Enum,
}

internal enum FieldAccess
{
    ReadWrite,
    ReadOnly,
    CreateOnly,
}

internal sealed record EnumSpec(
    string Namespace,
    string TypeName,
    string? Description,
    EquatableArray<EnumMemberSpec> Members);

internal sealed record EnumMemberSpec(string Name, int Value, string? Description);

internal sealed record ResourceSpec(
    string Namespace,
    string TypeName,
    string ElementName,
    string ListElementName,
    string? Description,
    EquatableArray<FieldSpec> Fields,
    EquatableArray<int> RequiredOnCreate,
    EquatableArray<EndpointSpec> Endpoints,
    ResourceClientSpec? Client = null);

/// <summary>
/// Where a resource's endpoint client sits (x-cupi-client): either a property <see cref="Name"/> of the root
/// <c>CupiClient</c>, or a method <see cref="Accessor"/> of its <see cref="Parent"/>'s client that binds the path
/// parameter <see cref="Parameter"/>.
/// </summary>
internal sealed record ResourceClientSpec(string? Name, string? Parent, string? Parameter, string? Accessor);

/// <summary>
/// One field of a resource. <see cref="DefaultDisplay"/> is the default as the documentation shows it
/// (<c>Udp (10)</c>); <see cref="DefaultValue"/> is the same default as wire text (<c>10</c>), for the table.
/// </summary>
internal sealed record FieldSpec(
    string WireName,
    string PropertyName,
    FieldKind Kind,
    string? EnumType,
    string? Description,
    FieldAccess Access,
    bool Secret,
    EquatableArray<string> Aliases,
    int? MinLength,
    int? MaxLength,
    string? Pattern,
    string? Charset,
    string? Format,
    long? Minimum,
    long? Maximum,
    EquatableArray<string> AllowedValues,
    string? DefaultDisplay,
    string? PertinenceDisplay,
    string? AppliesToDisplay,
    string? References,
    ConditionSpec? Pertinence = null,
    ConditionSpec? AppliesTo = null,
    EquatableArray<int> EnumValues = default,
    ConditionSpec? Matches = null,
    string? DefaultValue = null,
    string? EnumNamespace = null,
    int Index = -1,
    int Slot = -1);

/// <summary>Where each field of a resource lives: the one rule for field indexes and storage slots.</summary>
internal static class FieldLayout
{
    /// <summary>
    /// Numbers the fields in order (<see cref="FieldSpec.Index"/>) and gives each its storage slot
    /// (<see cref="FieldSpec.Slot"/>): its position among the text fields, or among the integer and enum fields;
    /// -1 for a boolean, which lives in the store's bits only.
    /// </summary>
    public static List<FieldSpec> Assign(IReadOnlyList<FieldSpec> fields)
    {
        var result = new List<FieldSpec>(fields.Count);
        int texts = 0, numbers = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            var slot = fields[i].Kind switch
            {
                FieldKind.String => texts++,
                FieldKind.Boolean => -1,
                _ => numbers++,
            };
            result.Add(fields[i] with { Index = i, Slot = slot });
        }

        return result;
    }

    /// <summary>How many text and number slots a resource's fields take.</summary>
    public static (int Texts, int Numbers) SlotCounts(ResourceSpec resource)
    {
        int texts = 0, numbers = 0;
        foreach (var field in resource.Fields)
        {
            if (field.Kind == FieldKind.String)
            {
                texts++;
            }
            else if (field.Kind is FieldKind.Integer or FieldKind.Enum)
            {
                numbers++;
            }
        }

        return (texts, numbers);
    }
}

/// <summary>
/// A structured condition on another field, for the generated validators. <see cref="Field"/> is a field of the
/// same resource (at <see cref="FieldIndex"/>), <see cref="FieldKind"/> its kind; <see cref="Values"/> are raw wire texts (<c>true</c>,
/// <c>5061</c>, <c>x</c>), of the compared field's kind. With <see cref="Lookup"/>, <see cref="Field"/> holds the id of an object of that
/// resource, and <see cref="LookupField"/> (of kind <see cref="LookupKind"/>) of that object is compared.
/// For x-cupi-appliesTo the condition is "Field is one of Values"; for x-cupi-pertinentWhen "equals Values[0]";
/// for x-cupi-matches (on a reference field) "this resource's Field equals the referenced LookupField".
/// </summary>
internal sealed record ConditionSpec(
    int FieldIndex,
    string Field,
    FieldKind FieldKind,
    string? FieldEnumType,
    EquatableArray<string> Values,
    string? Lookup = null,
    string? LookupField = null,
    FieldKind LookupKind = FieldKind.String,
    string? Text = null);

/// <summary>An endpoint's HTTP method; the names match the runtime's <c>CupiHttpMethod</c>.</summary>
internal enum EndpointMethod
{
    Get,
    Post,
    Put,
    Delete,
}

/// <summary>What an endpoint's request or response body carries; the names match the runtime's <c>CupiBodyKind</c>.</summary>
internal enum BodyKind
{
    None,
    Object,
    List,
    Uri,
}

internal sealed record EndpointSpec(
    string Name,
    EndpointMethod Method,
    string Path,
    EquatableArray<string> AlternatePaths,
    EquatableArray<string> Query,
    BodyKind RequestBody,
    int Status,
    BodyKind ResponseBody,
    string? Description,
    string? RequiresField = null,
    string? RequiresValue = null);

/// <summary>The models one namespace holds, for its <c>CupiModels</c> registry.</summary>
internal sealed record NamespaceModels(string Namespace, EquatableArray<string> TypeNames);

/// <summary>A source position that compares by value and can be turned back into a Roslyn location.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Microsoft.CodeAnalysis.Location ToLocation() => Microsoft.CodeAnalysis.Location.Create(FilePath, Span, LineSpan);
}

/// <summary>A diagnostic waiting to be reported, kept equatable for the pipeline.</summary>
internal sealed record DiagnosticInfo(Microsoft.CodeAnalysis.DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public Microsoft.CodeAnalysis.Diagnostic ToDiagnostic() =>
        Microsoft.CodeAnalysis.Diagnostic.Create(Descriptor, Location?.ToLocation(), messageArgs: [.. Arguments]);
}
