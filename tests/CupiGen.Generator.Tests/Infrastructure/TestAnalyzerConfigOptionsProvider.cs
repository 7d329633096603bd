using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CupiGen.Generator.Tests.Infrastructure;

/// <summary>
/// Supplies per-AdditionalFile item metadata the way the build does through the generated .editorconfig:
/// <c>build_metadata.AdditionalFiles.&lt;Name&gt;</c> keys, looked up by the file's path.
/// </summary>
internal sealed class TestAnalyzerConfigOptionsProvider : AnalyzerConfigOptionsProvider
{
    public const string SchemaKey = "build_metadata.AdditionalFiles.CupiGenSchema";
    public const string NamespaceKey = "build_metadata.AdditionalFiles.CupiGenNamespace";

    private static readonly DictionaryOptions Empty = new(ImmutableDictionary<string, string>.Empty);

    private readonly ImmutableDictionary<string, DictionaryOptions> _byPath;

    public TestAnalyzerConfigOptionsProvider(IEnumerable<KeyValuePair<string, ImmutableDictionary<string, string>>> optionsByPath)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, DictionaryOptions>(StringComparer.Ordinal);
        foreach (var (path, options) in optionsByPath)
        {
            builder[path] = new DictionaryOptions(options);
        }

        _byPath = builder.ToImmutable();
    }

    public override AnalyzerConfigOptions GlobalOptions => Empty;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        _byPath.TryGetValue(textFile.Path, out var options) ? options : Empty;

    /// <summary>The metadata a <c>&lt;CupiGenSchema Include="..." Namespace="..." /&gt;</c> item produces.</summary>
    public static ImmutableDictionary<string, string> SchemaMetadata(string? namespaceOverride = null, string marker = "true")
    {
        var options = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        options[SchemaKey] = marker;
        if (namespaceOverride is not null)
        {
            options[NamespaceKey] = namespaceOverride;
        }

        return options.ToImmutable();
    }

    private sealed class DictionaryOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
