using System;
using System.Collections.Generic;

namespace CupiGen.Emulator.Tables;

internal enum HttpVerb
{
    Get,
    Post,
    Put,
    Delete,
}

internal enum BodyKind
{
    None,
    Object,
    List,
    Uri,
}

/// <summary>One endpoint of a model as the generated table gives it (CupiEndpointInfo).</summary>
internal sealed record Endpoint(
    string Name,
    HttpVerb Method,
    string Path,
    IReadOnlyList<string> AlternatePaths,
    IReadOnlyList<string> Query,
    BodyKind RequestBody,
    BodyKind ResponseBody,
    int Status,
    int RequiresField,
    string? RequiresValue)
{
    public bool TakesQuery(string name) => ((IList<string>)Query).Contains(name);

    public override string ToString() => $"{Name}: {Method.ToString().ToUpperInvariant()} {Path}";
}

/// <summary>Where a model's client sits (CupiClientPlacement): under <see cref="Parent"/>, whose id fills <see cref="Parameter"/>.</summary>
internal sealed record Placement(string? Parent, string? Parameter);
