using System;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CupiGen.Generator.Tests.Infrastructure;

/// <summary>
/// Walks an object graph through its fields (test-only reflection) and reports every object of a type that
/// must never be cached by an incremental pipeline: it would pin compilations in memory and break caching.
/// </summary>
internal static class ObjectGraph
{
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel),
        typeof(Location), typeof(AdditionalText), typeof(AnalyzerConfigOptions), typeof(AnalyzerConfigOptionsProvider),
        typeof(SyntaxToken), typeof(SyntaxTrivia), typeof(Diagnostic),
    ];

    /// <summary>Returns "path: type" for every forbidden object reachable from <paramref name="root"/>.</summary>
    public static List<string> FindForbidden(object? root, string rootName)
    {
        var problems = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(root, rootName, seen, problems, depth: 0);
        return problems;
    }

    private static void Walk(object? value, string path, HashSet<object> seen, List<string> problems, int depth)
    {
        if (value is null)
        {
            return;
        }

        var type = value.GetType();
        foreach (var forbidden in Forbidden)
        {
            if (forbidden.IsAssignableFrom(type))
            {
                problems.Add($"{path}: {type.FullName}");
                return;
            }
        }

        if (IsLeaf(type))
        {
            return;
        }

        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        Assert.True(depth < 64, $"Object graph too deep at {path}");
        if (value is Array array)
        {
            var i = 0;
            foreach (var item in array)
            {
                Walk(item, $"{path}[{i++}]", seen, problems, depth + 1);
            }

            return;
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRef || field.FieldType.IsByRefLike)
                {
                    continue;
                }

                Walk(field.GetValue(value), $"{path}.{field.Name}", seen, problems, depth + 1);
            }
        }
    }

    // Values that hold nothing of interest. DiagnosticDescriptor is a static singleton: allowed in the model.
    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) ||
        typeof(Type).IsAssignableFrom(type) || typeof(MemberInfo).IsAssignableFrom(type) || typeof(Assembly).IsAssignableFrom(type) ||
        typeof(DiagnosticDescriptor).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type);
}
