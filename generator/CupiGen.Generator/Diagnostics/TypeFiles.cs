using System;
using System.Linq;
using CupiGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CupiGen.Generator.Diagnostics;

/// <summary>
/// Which schema file defines each type, for locating an internal error (CUPI1000) raised while emitting it.
/// </summary>
/// <remarks>
/// The specs the emitters get are position-free on purpose (a whitespace-only edit must compare equal and leave
/// every output cached), so they cannot say where their type came from. This side channel carries file paths
/// only, no positions: it compares equal across whitespace edits too, and the error points at the first line of
/// the file that defines the type. An emitter failure is a CupiGen bug, not a schema mistake, so the file is
/// what the user needs to attach to a report; the exact token would not help them fix anything.
/// </remarks>
internal sealed record TypeFiles(EquatableArray<TypeFile> Files)
{
    /// <summary>Every type of every schema, the file that defines it first listed first.</summary>
    public static TypeFiles From(SchemaCatalog catalog) =>
        new(catalog.Files
            .Where(static file => file.Namespace is not null)
            .SelectMany(static file => file.Enums.Select(static e => e.Name).Concat(file.Resources.Select(static r => r.Name))
                .Select(name => new TypeFile(file.Namespace + "." + name, file.Path)))
            .ToEquatableArray());

    /// <summary>The first line of the schema that defines <paramref name="fullName"/>, or no location when
    /// no schema defines it under that name (e.g. a namespace's root client).</summary>
    public Location Locate(string fullName)
    {
        foreach (var file in Files)
        {
            if (string.Equals(file.FullName, fullName, StringComparison.Ordinal))
            {
                return Location.Create(file.Path, default(TextSpan), default(LinePositionSpan));
            }
        }

        return Location.None;
    }

    /// <summary>The first line of the first schema that defines a type in <paramref name="ns"/>.</summary>
    public Location LocateNamespace(string ns)
    {
        var prefix = ns + ".";
        foreach (var file in Files)
        {
            if (file.FullName.StartsWith(prefix, StringComparison.Ordinal) && file.FullName.IndexOf('.', prefix.Length) < 0)
            {
                return Location.Create(file.Path, default(TextSpan), default(LinePositionSpan));
            }
        }

        return Location.None;
    }
}

/// <summary>A type's full name and the path of the schema file that defines it.</summary>
internal sealed record TypeFile(string FullName, string Path);
