using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CupiGen.Generator.Diagnostics;

namespace CupiGen.Generator.Model;

/// <summary>A type that a schema file defines, and where: see <see cref="Parsing.SchemaParser.ReadTypeDefinitions"/>.</summary>
internal sealed record TypeDefinition(string FullName, LocationInfo Location);

/// <summary>The types that more than one schema defines: none of them is generated, each definition is reported.</summary>
internal sealed record DuplicateTypes(EquatableArray<string> FullNames, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static bool Contains(EquatableArray<string> fullNames, string fullName) => fullNames.Contains(fullName, StringComparer.Ordinal);

    /// <summary>
    /// Finds the full names defined by more than one schema file. Names are compared ignoring case, as generated
    /// file names are; each file lists a name once (a file's own duplicates are the parser's to report).
    /// </summary>
    public static DuplicateTypes Find(ImmutableArray<EquatableArray<TypeDefinition>> files)
    {
        var byName = new Dictionary<string, List<TypeDefinition>>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            foreach (var definition in file)
            {
                if (!byName.TryGetValue(definition.FullName, out var list))
                {
                    byName[definition.FullName] = list = [];
                }

                list.Add(definition);
            }
        }

        var names = new List<string>();
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var list in byName.Values.Where(l => l.Count > 1))
        {
            foreach (var definition in list.OrderBy(d => d.Location.FilePath, StringComparer.Ordinal))
            {
                if (!names.Contains(definition.FullName))
                {
                    names.Add(definition.FullName);
                }

                diagnostics.Add(new DiagnosticInfo(
                    DiagnosticDescriptors.DuplicateGeneratedType,
                    definition.Location,
                    new[] { definition.FullName }.ToEquatableArray()));
            }
        }

        names.Sort(StringComparer.Ordinal);
        return new DuplicateTypes(names.ToEquatableArray(), diagnostics.ToEquatableArray());
    }
}
