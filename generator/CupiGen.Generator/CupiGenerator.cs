using System;
using System.Linq;
using System.Threading;
using CupiGen.Generator.Diagnostics;
using CupiGen.Generator.Emit;
using CupiGen.Generator.Model;
using CupiGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

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

        // Each schema is parsed on its own first. What it offers the others (its enums, its resources' fields; no
        // positions, no descriptions) is collected into one catalog; a schema that refers outside itself, or whose
        // definition another schema makes first, is parsed again with it. A documentation or whitespace edit leaves
        // the catalog unchanged, so every other schema stays cached.
        var localParses = schemaFiles
            .Select(static (file, cancellationToken) => SchemaParser.ParseLocal(file, cancellationToken))
            .WithTrackingName(TrackingNames.LocalParses);
        var catalog = localParses
            .Select(static (local, _) => local.Exports)
            .WithTrackingName(TrackingNames.SchemaExports)
            .Collect()
            .Select(static (files, _) => SchemaCatalog.From(files))
            .WithTrackingName(TrackingNames.SchemaCatalog);
        var parsed = localParses
            .Combine(catalog)
            .Select(static (pair, cancellationToken) => SchemaParser.Parse(pair.Left, pair.Right, cancellationToken))
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

        // Where to report an emitter's internal error: see TypeFiles for why this carries paths, not positions.
        var typeFiles = catalog.Select(static (files, _) => TypeFiles.From(files));

        var resources = parsed
            .SelectMany(static (result, _) => result.Resources)
            .WithTrackingName(TrackingNames.Resources);
        // The model, its validator and its factory read fields and names only: without endpoints and client
        // placement, an endpoint edit leaves them cached and re-runs the client output alone.
        var models = resources
            .Select(static (resource, _) => resource with { Endpoints = EquatableArray<EndpointSpec>.Empty, Client = null })
            .WithTrackingName(TrackingNames.Models);
        // A type that two schemas define is in one of them only (the parser gives the other up), so every spec
        // here is generated exactly once.
        context.RegisterSourceOutput(models.Combine(typeFiles), static (spc, pair) =>
        {
            var (resource, files) = pair;
            var typeName = $"{resource.Namespace}.{resource.TypeName}";
            var at = files.Locate(typeName);
            AddSource(spc, ModelEmitter.HintName(resource), typeName, at, () => ModelEmitter.Emit(resource));
            AddSource(spc, FactoryEmitter.HintName(resource), typeName, at, () => FactoryEmitter.Emit(resource));
        });

        // The endpoint part of each model's table: its own step, so an endpoint edit re-emits it and the client only.
        var endpointTables = resources
            .Select(static (resource, _) => EndpointTableSpec.From(resource))
            .WithTrackingName(TrackingNames.EndpointTables);
        context.RegisterSourceOutput(endpointTables.Combine(typeFiles), static (spc, pair) =>
        {
            var (table, files) = pair;
            var typeName = $"{table.Namespace}.{table.TypeName}";
            AddSource(spc, EndpointTableEmitter.HintName(table), typeName, files.Locate(typeName), () => EndpointTableEmitter.Emit(table));
        });

        RegisterClients(context, resources, typeFiles);

        // One registry per namespace; it depends on the type names only, so a field edit does not re-emit it.
        var registries = resources
            .Select(static (resource, _) => (resource.Namespace, resource.TypeName))
            .Collect()
            .SelectMany(static (types, _) => types
                .GroupBy(static type => type.Namespace, StringComparer.Ordinal)
                .OrderBy(static group => group.Key, StringComparer.Ordinal)
                .Select(static group => new NamespaceModels(group.Key, group.Select(static type => type.TypeName).Distinct(StringComparer.Ordinal).ToEquatableArray())))
            .WithTrackingName(TrackingNames.ModelRegistries);
        context.RegisterSourceOutput(registries.Combine(typeFiles), static (spc, pair) =>
        {
            var (registry, files) = pair;
            AddSource(spc, RegistryEmitter.HintName(registry.Namespace), registry.Namespace + ".CupiModels", files.LocateNamespace(registry.Namespace), () => RegistryEmitter.Emit(registry.Namespace, registry.TypeNames));
        });

        var enums = parsed
            .SelectMany(static (result, _) => result.Enums)
            .WithTrackingName(TrackingNames.Enums);
        context.RegisterSourceOutput(enums.Combine(typeFiles), static (spc, pair) =>
        {
            var (spec, files) = pair;
            var typeName = $"{spec.Namespace}.{spec.TypeName}";
            AddSource(spc, EnumEmitter.HintName(spec), typeName, files.Locate(typeName), () => EnumEmitter.Emit(spec));
        });
    }

    /// <summary>Typed endpoint clients: one file per resource with x-cupi-client (so editing one resource
    /// regenerates only its client) and one small root <c>CupiClient</c> file per namespace.</summary>
    private static void RegisterClients(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<ResourceSpec> resources,
        IncrementalValueProvider<TypeFiles> typeFiles)
    {
        // Endpoint clients need the CupiGen.Client assembly (transport, session, options): a project with the models
        // package only gets models. Looked up once per compilation; the bool keeps everything downstream cached.
#pragma warning disable RS0030 // GetTypeByMetadataName: once per compilation, in this step only
        var clientRuntime = context.CompilationProvider.Select(static (compilation, _) =>
            compilation.GetTypeByMetadataName("CupiGen.CupiTransport") is not null);
#pragma warning restore RS0030
        var clients = resources
            .Where(static resource => resource.Client is not null)
            .Select(static (resource, _) => ClientSpec.From(resource))
            .WithTrackingName(TrackingNames.Clients);
        context.RegisterSourceOutput(clients.Combine(typeFiles).Combine(clientRuntime), static (spc, pair) =>
        {
            var ((client, files), withClientRuntime) = pair;
            var typeName = $"{client.Namespace}.{client.TypeName}";
            if (withClientRuntime)
            {
                AddSource(spc, ClientEmitter.HintName(client), typeName + "Client", files.Locate(typeName), () => ClientEmitter.Emit(client));
            }
        });

        // The registration extension is generated only where IHttpClientFactory is referenced. This one step is the
        // cached place for the lookups: its bool output keeps everything downstream cached between compilations.
#pragma warning disable RS0030 // GetTypeByMetadataName: once per compilation, in this step only
        var dependencyInjection = context.CompilationProvider.Select(static (compilation, _) =>
            compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IHttpClientBuilder") is not null &&
            compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection") is not null);
#pragma warning restore RS0030
        // A namespace gets a root only when one of its clients is generated.
        var roots = clients
            .Select(static (client, _) => client.Namespace)
            .Collect()
            .SelectMany(static (namespaces, _) => namespaces
                .Distinct(StringComparer.Ordinal)
                .OrderBy(static ns => ns, StringComparer.Ordinal))
            .WithTrackingName(TrackingNames.ClientRoots);
        context.RegisterSourceOutput(roots.Combine(dependencyInjection).Combine(typeFiles).Combine(clientRuntime), static (spc, pair) =>
        {
            var (((ns, withDependencyInjection), files), withClientRuntime) = pair;
            if (!withClientRuntime)
            {
                return;
            }

            AddSource(spc, ClientEmitter.RootHintName(ns), ns + ".CupiClient", files.LocateNamespace(ns), () => ClientEmitter.EmitRoot(ns, withDependencyInjection));
        });
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

    // Every emit step goes through EmitGuard: an emitter's exception becomes CUPI1000, never CS8785.
    private static void AddSource(SourceProductionContext context, string hintName, string typeName, Location location, Func<string> emit) =>
        EmitGuard.TryAddSource(context.AddSource, context.ReportDiagnostic, hintName, typeName, location, emit);
}
