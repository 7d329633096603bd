using System;
using System.Collections.Generic;
using System.Linq;
using CupiGen.Generator.Diagnostics;
using CupiGen.Generator.Model;

namespace CupiGen.Generator.Parsing;

// References to other schemas of the compilation, and definitions another schema makes first. On the first parse
// (no catalog) a reference that does not resolve inside the file only marks the file for a second parse.
internal sealed partial class SchemaParser
{
    private const string DefsPointer = "#/$defs/";

    // Enums this file defines that another file of its namespace defines first: the type is that file's.
    private readonly Dictionary<string, EnumExport> _adoptedEnums = new(StringComparer.Ordinal);

    private string _namespace = string.Empty;

    /// <summary>A resource a reference names: one of this file (<see cref="Local"/>) or another schema's (<see cref="Export"/>).</summary>
    /// <param name="Name">The name the spec carries: the type name, qualified by its namespace when that is not this file's.</param>
    private sealed record ResourceTarget(string Name, JsonProperty? Local, ResourceExport? Export);

    /// <summary>
    /// Gives up the definitions another schema file of the same namespace defines first (see
    /// <see cref="SchemaCatalog"/>): a resource, or a type of another kind or other letter case, is reported
    /// (CUPI1013) and left out; an enum of the same name is that file's type (compared in <see cref="AdoptEnum"/>).
    /// </summary>
    private void GiveUpDefinitions(string ns, Dictionary<string, JsonProperty> enumDefs, Dictionary<string, JsonProperty> resourceDefs)
    {
        if (_catalog is null)
        {
            return;
        }

        foreach (var defs in new[] { enumDefs, resourceDefs })
        {
            foreach (var def in defs.Values.ToList())
            {
                if (_catalog.Owner(ns, def.Name) is not { } owner || owner.Path == _file.Path)
                {
                    continue;
                }

                if (defs == enumDefs && owner.FindEnum(def.Name) is { } winner)
                {
                    _adoptedEnums[def.Name] = winner;
                    continue;
                }

                Report(DiagnosticDescriptors.DuplicateGeneratedType, def.NameStart, def.NameEnd - def.NameStart, ns + "." + def.Name, owner.Path);
                defs.Remove(def.Name);
            }
        }
    }

    /// <summary>
    /// For an enum another file defines first: that file's members (the one type both files' fields use), after
    /// reporting this definition when its members differ (CUPI1015); null when this file defines the enum.
    /// </summary>
    private EnumSpec? AdoptEnum(string ns, JsonProperty def, EnumSpec? local)
    {
        if (!_adoptedEnums.TryGetValue(def.Name, out var winner))
        {
            return null;
        }

        var owner = _catalog!.Owner(ns, def.Name)!;
        if (local is not null && EnumDifference(winner, local) is { } difference)
        {
            Report(DiagnosticDescriptors.ConflictingEnum, def.NameStart, def.NameEnd - def.NameStart, ns + "." + def.Name, owner.Path, difference);
        }

        return ToSpec(ns, winner);
    }

    // The first difference between two definitions of one enum, in words, or null when they are the same type.
    private static string? EnumDifference(EnumExport first, EnumSpec later)
    {
        foreach (var member in later.Members)
        {
            var same = first.Members.FirstOrDefault(m => m.Name == member.Name);
            if (same is null)
            {
                return $"'{member.Name}' is not a member there";
            }

            if (same.Value != member.Value)
            {
                return $"'{member.Name}' is {same.Value} there, {member.Value} here";
            }
        }

        var missing = first.Members.FirstOrDefault(m => later.Members.All(l => l.Name != m.Name));
        if (missing is not null)
        {
            return $"'{missing.Name}' is missing here";
        }

        return first.Members.Select(static m => m.Name).SequenceEqual(later.Members.Select(static m => m.Name), StringComparer.Ordinal)
            ? null
            : "the members are in another order";
    }

    private static EnumSpec ToSpec(string ns, EnumExport export) =>
        new(ns, export.Name, null, export.Members.Select(static m => new EnumMemberSpec(m.Name, m.Value, null)).ToEquatableArray());

    /// <summary>
    /// An enum of another schema file: <c>"other.schema.json#/$defs/Name"</c>. The file is found by its file name
    /// among the compilation's schemas (directories in the reference are ignored). Null when reported (or, on the
    /// first parse, when only the second parse can tell).
    /// </summary>
    private EnumSpec? ResolveExternalEnum(JsonNode reference, string target)
    {
        var hash = target.IndexOf(DefsPointer, StringComparison.Ordinal);
        var fileName = SchemaExports.FileNameOf(target.Substring(0, hash));
        var name = target.Substring(hash + DefsPointer.Length);
        if (_catalog is null)
        {
            _needsCatalog = true;
            return null;
        }

        var files = _catalog.FilesNamed(fileName);
        if (files.Count != 1)
        {
            Report(
                DiagnosticDescriptors.UnresolvedSchemaReference,
                reference,
                target,
                "an enum of another schema",
                files.Count == 0
                    ? $"no schema file named '{fileName}' is in this compilation (a CupiGenSchema item)"
                    : $"{files.Count} schema files are named '{fileName}': {string.Join(", ", files.Select(static f => f.Path))}");
            return null;
        }

        var file = files[0];
        if (file.Namespace is not { } ns || _catalog.Enum(ns, name) is not { } export)
        {
            Report(DiagnosticDescriptors.UnresolvedSchemaReference, reference, target, "an enum of another schema", $"'{fileName}' defines no enum '{name}'");
            return null;
        }

        return ToSpec(ns, export);
    }

    /// <summary>
    /// The resource a name refers to: this file's, else another schema's of this namespace, else the one other
    /// namespace that defines it; <c>Namespace.Type</c> names one exactly. Reports at <paramref name="at"/>
    /// (unless <paramref name="report"/> is false) and returns null when there is none, or several.
    /// </summary>
    private ResourceTarget? ResolveResource(string name, Dictionary<string, JsonProperty> resources, JsonNode at, bool report = true)
    {
        if (resources.TryGetValue(name, out var local))
        {
            return new ResourceTarget(name, local, null);
        }

        if (_catalog is null)
        {
            _needsCatalog = true;
        }
        else
        {
            var dot = name.LastIndexOf('.');
            if (dot > 0)
            {
                var ns = name.Substring(0, dot);
                var type = name.Substring(dot + 1);
                if (_catalog.Resource(ns, type) is { } qualified)
                {
                    return ns == _namespace && resources.TryGetValue(type, out var own)
                        ? new ResourceTarget(type, own, null)
                        : new ResourceTarget(ns == _namespace ? type : name, null, qualified);
                }
            }
            else if (_catalog.Resource(_namespace, name) is { } sameNamespace)
            {
                return new ResourceTarget(name, null, sameNamespace);
            }
            else
            {
                var namespaces = _catalog.NamespacesDefiningResource(name, _namespace);
                if (namespaces.Count == 1)
                {
                    return new ResourceTarget(namespaces[0] + "." + name, null, _catalog.Resource(namespaces[0], name));
                }

                if (namespaces.Count > 1)
                {
                    if (report)
                    {
                        Report(DiagnosticDescriptors.UnresolvedSchemaReference, at, name, "one resource", $"the namespaces {string.Join(", ", namespaces)} each define one; write 'Namespace.{name}'");
                    }

                    return null;
                }
            }
        }

        if (report)
        {
            Report(DiagnosticDescriptors.UnresolvedReference, at, name, "a resource");
        }

        return null;
    }
}
