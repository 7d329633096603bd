using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CupiGen.Generator.Diagnostics;
using CupiGen.Generator.Model;

namespace CupiGen.Generator.Parsing;

/// <summary>
/// Turns a schema file into equatable specs. Every problem becomes a diagnostic at the offending token; a
/// broken field or definition is left out and the rest of the schema is still generated.
/// </summary>
internal sealed partial class SchemaParser
{
    // Keywords that JSON Schema defines and CupiGen accepts without using.
    private static readonly HashSet<string> IgnoredKeywords = new(StringComparer.Ordinal)
    {
        "$comment", "title", "examples", "deprecated", "$id", "$anchor",
    };

    // The names generated code already uses: one list, shared with the emitters' side (Model/GeneratedMembers.cs).
    private static readonly HashSet<string> ReservedMemberNames = GeneratedMembers.Model;
    private static readonly HashSet<string> ReservedClientMemberNames = GeneratedMembers.Client;

    private readonly SchemaFile _file;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics = [];

    // Conditions that read a field of another resource ('lookup'): checked once every resource is parsed, against
    // the fields that resource really has (a field dropped or renamed there must not be read here).
    private readonly List<(ConditionSpec Condition, JsonNode LookupFieldNode)> _lookups = [];
    private int[]? _lineStarts;

    // The other schemas of the compilation, or null on the first parse (the file on its own).
    private readonly SchemaCatalog? _catalog;

    // Set on the first parse when a reference did not resolve inside the file: it may name another schema's type.
    private bool _needsCatalog;

    private SchemaParser(SchemaFile file, SchemaCatalog? catalog, CancellationToken cancellationToken)
    {
        _file = file;
        _catalog = catalog;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Parses a schema on its own. Its result is final unless <see cref="LocalParse.NeedsCatalog"/> is set or the
    /// catalog shows a conflict; then <see cref="Parse(LocalParse, SchemaCatalog, CancellationToken)"/> parses again.
    /// </summary>
    public static LocalParse ParseLocal(SchemaFile file, CancellationToken cancellationToken)
    {
        var parser = new SchemaParser(file, null, cancellationToken);
        var result = parser.Run();
        return new LocalParse(file, result, SchemaExports.From(file.Path, result), parser._needsCatalog);
    }

    /// <summary>The final parse of a schema, with every schema of the compilation to resolve references in.</summary>
    public static ParseResult Parse(LocalParse local, SchemaCatalog catalog, CancellationToken cancellationToken) =>
        local.NeedsCatalog || catalog.HasConflicts(local.File.Path)
            ? new SchemaParser(local.File, catalog, cancellationToken).Run()
            : local.Result;

    private ParseResult Run()
    {
        try
        {
            return ParseFile();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A bug in the generator must not take the build down with it: report it and generate nothing.
            var diagnostic = new DiagnosticInfo(
                DiagnosticDescriptors.InternalError,
                Locate(0, 0),
                new[] { _file.Path, ex.GetType().Name + ": " + ex.Message }.ToEquatableArray());
            return new ParseResult(
                EquatableArray<ResourceSpec>.Empty,
                EquatableArray<EnumSpec>.Empty,
                new[] { diagnostic }.ToEquatableArray());
        }
    }

    private ParseResult ParseFile()
    {
        var json = JsonParser.Parse(_file.Text, _cancellationToken);
        if (json.Root is not { } root)
        {
            var error = json.Error!;
            Report(DiagnosticDescriptors.InvalidJson, error.Offset, error.Length, error.Message);
            return Result([], []);
        }

        if (!ExpectKind(root, JsonKind.Object, "the schema document", "an object"))
        {
            return Result([], []);
        }

        CheckDuplicateKeys(root, "keyword");
        var ns = ReadNamespace(root);
        var defs = root.GetProperty("$defs");
        if (defs is null)
        {
            Report(DiagnosticDescriptors.MissingKeyword, root.Start, 1, "The schema document", "$defs");
            return Result([], []);
        }

        if (ns is null || !ExpectKind(defs.Value, JsonKind.Object, "$defs", "an object"))
        {
            return Result([], []);
        }

        CheckDuplicateKeys(defs.Value, "definition");

        // First pass: what each definition is, so that references can be resolved in any order.
        var enumDefs = new Dictionary<string, JsonProperty>(StringComparer.Ordinal);
        var resourceDefs = new Dictionary<string, JsonProperty>(StringComparer.Ordinal);
        var typeNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var def in defs.Value.Properties)
        {
            if (enumDefs.ContainsKey(def.Name) || resourceDefs.ContainsKey(def.Name))
            {
                continue;
            }

            if (!ExpectKind(def.Value, JsonKind.Object, def.Name, "an object"))
            {
                continue;
            }

            if (!CheckIdentifier(def.Name, def.NameStart, def.NameEnd, "a type name"))
            {
                continue;
            }

            if (def.Name.All(c => c is >= 'a' and <= 'z'))
            {
                // CS8981 (and CS8860 for 'record'): such names may become C# keywords.
                Report(DiagnosticDescriptors.InvalidName, def.NameStart, def.NameEnd - def.NameStart, def.Name, "a type name", "a name of lower-case ASCII letters only may become a C# keyword; capitalize it");
                continue;
            }

            if (ReservedMemberNames.Contains(def.Name) || def.Name[0] == '_')
            {
                // CS0542: every model declares a member of that name, and a member cannot be named like its type.
                Report(DiagnosticDescriptors.InvalidName, def.NameStart, def.NameEnd - def.NameStart, def.Name, "a type name", def.Name[0] == '_' ? "names starting with '_' are reserved for generated members" : "every generated model has a member of that name");
                continue;
            }

            // Generated file names ignore case, so two types must differ by more than case. (An exact
            // duplicate key is already reported by CheckDuplicateKeys.)
            if (typeNames.TryGetValue(def.Name, out var sameName))
            {
                if (!string.Equals(sameName, def.Name, StringComparison.Ordinal))
                {
                    Report(DiagnosticDescriptors.Duplicate, def.NameStart, def.NameEnd - def.NameStart, "type name (ignoring case)", def.Name);
                }

                continue;
            }

            typeNames[def.Name] = def.Name;

            var type = def.Value.GetProperty("type");
            switch (type?.Value.StringValue)
            {
                case "object" when type.Value.Kind == JsonKind.String:
                    resourceDefs[def.Name] = def;
                    break;
                case "integer" when type.Value.Kind == JsonKind.String && def.Value.GetProperty("oneOf") is not null:
                    enumDefs[def.Name] = def;
                    break;
                default:
                    var at = type?.Value ?? def.Value;
                    Report(
                        DiagnosticDescriptors.UnknownType,
                        at.Start,
                        at.End - at.Start,
                        $"Definition '{def.Name}' is neither a resource (\"type\": \"object\" with x-cupi-element) nor an enum (\"type\": \"integer\" with oneOf)");
                    break;
            }
        }

        _namespace = ns;
        GiveUpDefinitions(ns, enumDefs, resourceDefs);
        var enums = new List<EnumSpec>();
        var enumMembers = new Dictionary<string, EnumSpec>(StringComparer.Ordinal);
        foreach (var def in enumDefs.Values)
        {
            var spec = ParseEnum(ns, def);
            if (AdoptEnum(ns, def, spec) is { } adopted)
            {
                enumMembers[def.Name] = adopted; // generated once, from the file that defines it first
            }
            else if (spec is not null)
            {
                enums.Add(spec);
                enumMembers[spec.TypeName] = spec;
            }
        }

        var resources = new List<ResourceSpec>();
        foreach (var def in resourceDefs.Values)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (ParseResource(ns, def, enumMembers, resourceDefs) is { } spec)
            {
                resources.Add(spec);
            }
        }

        CheckLookups(resources);
        CheckClientNames(resources, resourceDefs);
        return Result(resources, enums);
    }

    private ParseResult Result(List<ResourceSpec> resources, List<EnumSpec> enums) =>
        new(resources.ToEquatableArray(), enums.ToEquatableArray(), _diagnostics.ToEquatableArray());

    // ------------------------------------------------------------------ document level

    private string? ReadNamespace(JsonNode root)
    {
        if (!string.IsNullOrWhiteSpace(_file.NamespaceOverride))
        {
            var candidate = _file.NamespaceOverride!.Trim();
            if (IsNamespace(candidate))
            {
                return candidate;
            }

            Report(DiagnosticDescriptors.InvalidName, root.Start, 1, candidate, "a namespace", "the CupiGenSchema item's Namespace metadata is not a dotted C# identifier");
            return null;
        }

        var property = root.GetProperty("x-cupi-namespace");
        if (property is null)
        {
            Report(DiagnosticDescriptors.MissingKeyword, root.Start, 1, "The schema document", "x-cupi-namespace");
            return null;
        }

        if (!ExpectKind(property.Value, JsonKind.String, "x-cupi-namespace", "a string"))
        {
            return null;
        }

        var ns = property.Value.StringValue!;
        if (!IsNamespace(ns))
        {
            Report(DiagnosticDescriptors.InvalidName, property.Value, ns, "a namespace", "expected dotted C# identifiers such as 'Cupi' or 'Contoso.Cupi'");
            return null;
        }

        return ns;
    }
}
