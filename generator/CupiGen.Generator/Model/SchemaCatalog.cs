using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace CupiGen.Generator.Model;

// What schemas of one compilation know of each other. Position-free and without descriptions, so that a
// whitespace or documentation edit in one schema leaves every other schema's parse cached.

/// <summary>What one schema file offers the other schemas of the compilation: its enums and resources.</summary>
internal sealed record SchemaExports(
    string Path,
    string? Namespace,
    EquatableArray<EnumExport> Enums,
    EquatableArray<ResourceExport> Resources)
{
    /// <summary>The exports of a parse result (its namespace is its types' namespace).</summary>
    public static SchemaExports From(string path, ParseResult result) =>
        new(
            path,
            result.Resources.Select(static r => r.Namespace).Concat(result.Enums.Select(static e => e.Namespace)).FirstOrDefault(),
            result.Enums.Select(static e => new EnumExport(e.TypeName, e.Members.Select(static m => new EnumValue(m.Name, m.Value)).ToEquatableArray())).ToEquatableArray(),
            result.Resources.Select(static r => new ResourceExport(
                r.TypeName,
                r.Fields.Select(static f => new FieldExport(f.WireName, f.PropertyName, f.Kind)).ToEquatableArray(),
                r.Client?.Name)).ToEquatableArray());

    /// <summary>The file name a cross-schema <c>$ref</c> names: the path's last segment.</summary>
    public string FileName => FileNameOf(Path);

    public static string FileNameOf(string path)
    {
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return path.Substring(slash + 1);
    }

    public EnumExport? FindEnum(string name) => Enums.FirstOrDefault(e => e.Name == name);

    public ResourceExport? FindResource(string name) => Resources.FirstOrDefault(r => r.Name == name);
}

/// <summary>An enum another schema may use: its name and members (what decides whether two definitions are one type).</summary>
internal sealed record EnumExport(string Name, EquatableArray<EnumValue> Members);

internal sealed record EnumValue(string Name, int Value);

/// <summary>A resource another schema may refer to or look fields up in; <see cref="ClientName"/> is its root client property.</summary>
internal sealed record ResourceExport(string Name, EquatableArray<FieldExport> Fields, string? ClientName);

internal sealed record FieldExport(string WireName, string PropertyName, FieldKind Kind);

/// <summary>
/// Every schema file's exports, ordered by path: where a type is defined twice (same namespace, names equal
/// ignoring case, as generated file names are), the file whose path sorts first (ordinal) defines it.
/// </summary>
internal sealed record SchemaCatalog(EquatableArray<SchemaExports> Files)
{
    public static SchemaCatalog From(ImmutableArray<SchemaExports> files) =>
        new(files.OrderBy(static f => f.Path, StringComparer.Ordinal).ToEquatableArray());

    /// <summary>The file that defines the type <paramref name="ns"/>.<paramref name="name"/> (ignoring case), or null.</summary>
    public SchemaExports? Owner(string ns, string name)
    {
        foreach (var file in Files)
        {
            if (string.Equals(file.Namespace, ns, StringComparison.Ordinal) &&
                (file.Enums.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)) ||
                 file.Resources.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))))
            {
                return file;
            }
        }

        return null;
    }

    /// <summary>The first file whose generated resource has the root client property <paramref name="clientName"/> in <paramref name="ns"/>, or null.</summary>
    public SchemaExports? ClientOwner(string ns, string clientName) =>
        Files.FirstOrDefault(f =>
            string.Equals(f.Namespace, ns, StringComparison.Ordinal) &&
            f.Resources.Any(r => r.ClientName == clientName && Owner(ns, r.Name)?.Path == f.Path));

    /// <summary>
    /// True when a type or root client name of the file at <paramref name="path"/> is defined first by another
    /// file: that file must be parsed again with the catalog, to give the definition up (and say so).
    /// </summary>
    public bool HasConflicts(string path)
    {
        var file = Files.FirstOrDefault(f => f.Path == path);
        if (file?.Namespace is not { } ns)
        {
            return false;
        }

        return file.Enums.Select(static e => e.Name).Concat(file.Resources.Select(static r => r.Name)).Any(name => Owner(ns, name)?.Path != path) ||
               file.Resources.Any(r => r.ClientName is { } client && ClientOwner(ns, client)?.Path != path);
    }

    /// <summary>The schema files whose file name is <paramref name="fileName"/> (ignoring case, as file systems may).</summary>
    public IReadOnlyList<SchemaExports> FilesNamed(string fileName) =>
        Files.Where(f => string.Equals(f.FileName, fileName, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The namespaces other than <paramref name="except"/> whose schemas define a resource <paramref name="name"/>.</summary>
    public IReadOnlyList<string> NamespacesDefiningResource(string name, string except) =>
        Files.Where(f => f.Namespace is not null && f.Namespace != except && f.FindResource(name) is not null)
            .Select(static f => f.Namespace!)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(static ns => ns, StringComparer.Ordinal)
            .ToList();

    /// <summary>The definition of resource <paramref name="ns"/>.<paramref name="name"/> that is generated, or null.</summary>
    public ResourceExport? Resource(string ns, string name) =>
        Owner(ns, name) is { } owner ? owner.FindResource(name) : null;

    /// <summary>The definition of enum <paramref name="ns"/>.<paramref name="name"/> that is generated, or null.</summary>
    public EnumExport? Enum(string ns, string name) =>
        Owner(ns, name) is { } owner ? owner.FindEnum(name) : null;
}

/// <summary>A schema parsed on its own: the result stands unless the schema refers outside itself or gives a definition up.</summary>
/// <param name="File">The schema, for the second parse.</param>
/// <param name="Result">What the schema gives on its own.</param>
/// <param name="Exports">What it offers other schemas.</param>
/// <param name="NeedsCatalog">A reference did not resolve inside the file, so it may name another schema's type.</param>
internal sealed record LocalParse(SchemaFile File, ParseResult Result, SchemaExports Exports, bool NeedsCatalog);
