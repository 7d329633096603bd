namespace CupiGen.Generator;

/// <summary>Names of the pipeline steps, so tests can assert which steps ran, were cached or were unchanged.</summary>
internal static class TrackingNames
{
    public const string SchemaFiles = nameof(SchemaFiles);
    public const string LocalParses = nameof(LocalParses);
    public const string SchemaExports = nameof(SchemaExports);
    public const string SchemaCatalog = nameof(SchemaCatalog);
    public const string ParsedSchemas = nameof(ParsedSchemas);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Resources = nameof(Resources);
    public const string Models = nameof(Models);
    public const string Enums = nameof(Enums);
    public const string EndpointTables = nameof(EndpointTables);
    public const string Clients = nameof(Clients);
    public const string ClientRoots = nameof(ClientRoots);
    public const string ModelRegistries = nameof(ModelRegistries);
}
