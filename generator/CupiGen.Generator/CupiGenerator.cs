using System;
using System.Threading;
using CupiGen.Generator.Diagnostics;
using CupiGen.Generator.Emit;
using CupiGen.Generator.Model;
using CupiGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CupiGen.Generator;

/// <summary>
/// Reads every AdditionalFile marked as a CupiGen schema and emits one model per resource and one enum per
/// schema enum. Parse → equatable spec → emit: each resource is its own pipeline item, so editing one
/// resource regenerates only that resource's file.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CupiGenerator : IIncrementalGenerator
{
    /// <summary>The item metadata (set by the package's build files) that marks an AdditionalFile as a schema.</summary>
    internal const string SchemaMetadata = "build_metadata.AdditionalFiles.CupiGenSchema";

    /// <summary>Optional item metadata that overrides the schema's x-cupi-namespace.</summary>
    internal const string NamespaceMetadata = "build_metadata.AdditionalFiles.CupiGenNamespace";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var schemaFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => ReadSchemaFile(pair.Left, pair.Right, cancellationToken))
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .WithTrackingName(TrackingNames.SchemaFiles);

        var parsed = schemaFiles
            .Select(static (file, cancellationToken) => SchemaParser.Parse(file, cancellationToken))
            .WithTrackingName(TrackingNames.ParsedSchemas);

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, items) =>
        {
            foreach (var item in items)
            {
                spc.ReportDiagnostic(item.ToDiagnostic());
            }
        });

        var resources = parsed
            .SelectMany(static (result, _) => result.Resources)
            .WithTrackingName(TrackingNames.Resources);
        context.RegisterSourceOutput(resources, static (spc, resource) =>
            AddSource(spc, ModelEmitter.HintName(resource), $"{resource.Namespace}.{resource.TypeName}", () => ModelEmitter.Emit(resource)));

        var enums = parsed
            .SelectMany(static (result, _) => result.Enums)
            .WithTrackingName(TrackingNames.Enums);
        context.RegisterSourceOutput(enums, static (spc, spec) =>
            AddSource(spc, EnumEmitter.HintName(spec), $"{spec.Namespace}.{spec.TypeName}", () => EnumEmitter.Emit(spec)));
    }

    private static SchemaFile? ReadSchemaFile(AdditionalText file, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        var fileOptions = options.GetOptions(file);
        if (!fileOptions.TryGetValue(SchemaMetadata, out var marker) ||
            !string.Equals(marker?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        fileOptions.TryGetValue(NamespaceMetadata, out var ns);
        var text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
        return new SchemaFile(file.Path, text, string.IsNullOrWhiteSpace(ns) ? null : ns);
    }

    private static void AddSource(SourceProductionContext context, string hintName, string typeName, Func<string> emit)
    {
        try
        {
            context.AddSource(hintName, SourceText.From(emit(), System.Text.Encoding.UTF8));
        }
        catch (ArgumentException)
        {
            // Two schemas produced the same type: AddSource refuses the second hint name.
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateGeneratedType, Location.None, typeName));
        }
    }
}
