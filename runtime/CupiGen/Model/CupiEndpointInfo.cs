using System;
using System.Collections.Generic;

namespace CupiGen;

/// <summary>The HTTP method of a CUPI endpoint (CUPI uses these four).</summary>
public enum CupiHttpMethod
{
    /// <summary>GET: a list or one object.</summary>
    Get,

    /// <summary>POST: a create.</summary>
    Post,

    /// <summary>PUT: an update or an action (reset).</summary>
    Put,

    /// <summary>DELETE.</summary>
    Delete,
}

/// <summary>What a request or a response body of an endpoint carries.</summary>
public enum CupiBodyKind
{
    /// <summary>No body.</summary>
    None,

    /// <summary>One object of the model.</summary>
    Object,

    /// <summary>A list of objects of the model, with its total.</summary>
    List,

    /// <summary>The new object's URI, as plain text (what a create answers).</summary>
    Uri,
}

/// <summary>
/// Where a model's endpoint client sits (schema keyword <c>x-cupi-client</c>): either a property <see cref="Name"/>
/// of the root client, or under the client of the model <see cref="Parent"/>, reached through its method
/// <see cref="Accessor"/>, whose argument fills the path parameter <see cref="Parameter"/>.
/// </summary>
/// <param name="Name">The root client's property, or null for a nested client.</param>
/// <param name="Parent">The type name of the parent model, or null.</param>
/// <param name="Parameter">The path parameter the parent's id fills, or null.</param>
/// <param name="Accessor">The parent client's method that returns this client, or null.</param>
public sealed record CupiClientPlacement(string? Name, string? Parent = null, string? Parameter = null, string? Accessor = null);

/// <summary>One documented endpoint of a model (schema keyword <c>x-cupi-endpoints</c>).</summary>
public sealed class CupiEndpointInfo
{
    /// <summary>Describes an endpoint.</summary>
    /// <param name="name">The method stem (<c>List</c>, <c>Get</c>, <c>Create</c>, …), unique within the model.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path template; <c>{name}</c> segments are parameters.</param>
    /// <param name="status">The documented success status code.</param>
    /// <param name="responseBody">What the response carries.</param>
    /// <param name="requestBody">What the request carries.</param>
    /// <param name="alternatePaths">The same endpoint as other Cisco guides spell it.</param>
    /// <param name="query">The query parameters the endpoint takes.</param>
    /// <param name="requiresField">The index of the field a documented precondition reads, or -1.</param>
    /// <param name="requiresValue">The value, as wire text, that field must have before the call.</param>
    public CupiEndpointInfo(
        string name,
        CupiHttpMethod method,
        string path,
        int status,
        CupiBodyKind responseBody,
        CupiBodyKind requestBody = CupiBodyKind.None,
        IReadOnlyList<string>? alternatePaths = null,
        IReadOnlyList<string>? query = null,
        int requiresField = -1,
        string? requiresValue = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(path);
        Name = name;
        Method = method;
        Path = path;
        RequestBody = requestBody;
        Status = status;
        ResponseBody = responseBody;
        AlternatePaths = alternatePaths ?? [];
        Query = query ?? [];
        RequiresField = requiresField;
        RequiresValue = requiresValue;
        PathParameters = CupiPathTemplate.Parameters(path).ToArray();
    }

    /// <summary>The method stem, unique within the model.</summary>
    public string Name { get; }

    /// <summary>The HTTP method.</summary>
    public CupiHttpMethod Method { get; }

    /// <summary>The path template, e.g. <c>/vmrest/portgroups/{objectId}</c>.</summary>
    public string Path { get; }

    /// <summary>What the request carries.</summary>
    public CupiBodyKind RequestBody { get; }

    /// <summary>The documented success status code.</summary>
    public int Status { get; }

    /// <summary>What the response carries.</summary>
    public CupiBodyKind ResponseBody { get; }

    /// <summary>The same endpoint as other Cisco guides spell it.</summary>
    public IReadOnlyList<string> AlternatePaths { get; }

    /// <summary>The query parameters the endpoint takes.</summary>
    public IReadOnlyList<string> Query { get; }

    /// <summary>The index of the field a documented precondition reads (<c>ResetStatusEnum</c> for a reset), or -1.</summary>
    public int RequiresField { get; }

    /// <summary>The value, as wire text, that <see cref="RequiresField"/> must have before the call, or null.</summary>
    public string? RequiresValue { get; }

    /// <summary>The names of the path's <c>{parameter}</c> segments, in order.</summary>
    public IReadOnlyList<string> PathParameters { get; }

    /// <summary>Whether the endpoint takes <paramref name="name"/> as a query parameter.</summary>
    /// <param name="name">The parameter, e.g. <c>rowsPerPage</c>.</param>
    /// <returns>True when the schema lists it.</returns>
    public bool TakesQuery(string name)
    {
        foreach (var item in Query)
        {
            if (string.Equals(item, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {HttpMethodName} {Path}";

    /// <summary>The method as HTTP spells it (<c>GET</c>, <c>POST</c>, <c>PUT</c>, <c>DELETE</c>).</summary>
    public string HttpMethodName => Method switch
    {
        CupiHttpMethod.Get => "GET",
        CupiHttpMethod.Post => "POST",
        CupiHttpMethod.Put => "PUT",
        _ => "DELETE",
    };
}
