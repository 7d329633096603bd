using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CupiGen.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace CupiGen.Generator.Emit;

/// <summary>
/// Emits one endpoint client per resource (<c>&lt;Type&gt;Client</c>, hint <c>&lt;Namespace&gt;.&lt;Type&gt;.Client.g.cs</c>),
/// the part of the root <c>CupiClient</c> or of the parent's client that reaches it, and per namespace the root
/// <c>CupiClient</c> itself (hint <c>&lt;Namespace&gt;.CupiClient.g.cs</c>).
/// </summary>
internal static class ClientEmitter
{
    private const string Transport = "global::CupiGen.CupiTransport";
    private const string Token = "global::System.Threading.CancellationToken";
    private const string Query = "global::CupiGen.CupiQuery";


    public static string HintName(ClientSpec spec) => $"{spec.Namespace}.{spec.TypeName}.Client.g.cs";

    public static string RootHintName(string ns) => $"{ns}.CupiClient.g.cs";

    public static string ClassName(string typeName) => typeName + "Client";

    public static IEnumerable<string> PathParameters(string path) => PathTemplate.Parameters(path);

    // ------------------------------------------------------------------ root

    public static string EmitRoot(string ns, bool dependencyInjection)
    {
        var w = new SourceWriter();
        Header.Write(w);
        w.Open($"namespace {ns}");
        w.Doc("summary", "Typed client for every CUPI endpoint of this schema: one property per resource (x-cupi-client), each with async, cancellable, virtual methods.");
        w.Doc("remarks", "Every failure is a CupiGen.CupiApiException (status, CUPI error code and message, method, path; status 0 when no answer came); a request that fails validation throws CupiGen.CupiValidationException and is not sent; OperationCanceledException only when the caller's token is cancelled. Derive from it, or from a resource client, to mock it.");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open("public partial class CupiClient");
        w.Doc("summary", "For mocking: a client without a transport; override the members you use.");
        w.Open("protected CupiClient()");
        w.Line("Transport = null!;");
        w.Close();
        w.Line();
        w.Doc("summary", "Creates a client with its own HttpClient: TLS rules, retries, timeouts and limits come from the options.");
        w.DocRaw("<param name=\"options\">Server address, credentials, wire format, paging, TLS trust and retries.</param>");
        w.Line($"public CupiClient(global::CupiGen.CupiClientOptions options)");
        w.Line($"    : this({Transport}.Create(options))");
        w.Line("{");
        w.Line("}");
        w.Line();
        w.Doc("summary", "Creates a client over an HttpClient you manage; its handler provides TLS rules and should not handle cookies itself. Retries, timeouts and limits come from the options.");
        w.DocRaw("<param name=\"httpClient\">The HTTP client.</param>");
        w.DocRaw("<param name=\"options\">Server address, credentials, wire format and paging.</param>");
        w.Line("public CupiClient(global::System.Net.Http.HttpClient httpClient, global::CupiGen.CupiClientOptions options)");
        w.Line($"    : this({Transport}.Create(httpClient, options))");
        w.Line("{");
        w.Line("}");
        w.Line();
        w.Doc("summary", "Creates a client over a transport (shared session, logging).");
        w.DocRaw("<param name=\"transport\">The transport every request goes through.</param>");
        w.Open($"public CupiClient({Transport} transport)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(transport);");
        w.Line("Transport = transport;");
        w.Close();
        w.Line();
        w.Doc("summary", "The transport every request goes through.");
        w.Line($"protected {Transport} Transport {{ get; }}");
        w.Line();
        w.Doc("summary", "Reads the server's version (GET /vmrest/version): the API name (vmrest) and the version text, e.g. 14.0.1.10000-10.");
        w.DocRaw("<param name=\"cancellationToken\">Cancels the request.</param>");
        w.DocRaw("<returns>The API name and the server's version.</returns>");
        w.Line($"public virtual global::System.Threading.Tasks.Task<global::CupiGen.CupiVersion> GetVersionAsync({Token} cancellationToken = default) =>");
        w.Line("    Transport.GetVersionAsync(cancellationToken);");
        w.Close();

        if (dependencyInjection)
        {
            w.Line();
            w.Doc("summary", "Registers this namespace's CupiClient on IHttpClientFactory.");
            w.Line(Header.GeneratedCodeAttribute);
            w.Open("public static class CupiClientServiceCollectionExtensions");
            const string Services = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
            const string Builder = "global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder";
            const string Options = "global::System.Action<global::CupiGen.CupiClientOptions>";
            const string Configuration = "global::Microsoft.Extensions.Configuration.IConfiguration";
            const string Runtime = "global::CupiGen.CupiServiceCollectionExtensions.AddCupiClient";
            var create = $"static transport => new global::{ns}.CupiClient(transport)";
            w.Doc("summary", "Registers CupiClient as a transient service over a named HttpClient with CUPI's TLS rules and redacted header logging, configured with the options pattern and validated when the host starts.");
            w.DocRaw("<param name=\"services\">The service collection.</param>");
            w.DocRaw("<param name=\"configure\">Sets server address, credentials, format, TLS trust and retries.</param>");
            w.DocRaw("<returns>The HttpClient builder, to add handlers.</returns>");
            w.Line($"public static {Builder} AddCupiClient(this {Services} services, {Options} configure) =>");
            w.Line($"    {Runtime}(services, {create}, configure);");
            w.Line();
            w.Doc("summary", "Registers one CupiClient per server: a keyed transient service (resolve it with [FromKeyedServices(name)] or GetRequiredKeyedService), with its own HttpClient, TLS rules, options and session.");
            w.DocRaw("<param name=\"services\">The service collection.</param>");
            w.DocRaw("<param name=\"name\">The registration's name, the service key.</param>");
            w.DocRaw("<param name=\"configure\">Sets server address, credentials, format, TLS trust and retries.</param>");
            w.DocRaw("<returns>The HttpClient builder, to add handlers.</returns>");
            w.Line($"public static {Builder} AddCupiClient(this {Services} services, string name, {Options} configure) =>");
            w.Line($"    {Runtime}(services, name, {create}, configure);");
            w.Line();
            w.Doc("summary", "Registers CupiClient with options bound from a configuration section (keys named as CupiClientOptions' properties), validated when the host starts.");
            w.DocRaw("<param name=\"services\">The service collection.</param>");
            w.DocRaw("<param name=\"configuration\">The section holding the options.</param>");
            w.DocRaw("<returns>The HttpClient builder, to add handlers.</returns>");
            w.Line($"public static {Builder} AddCupiClient(this {Services} services, {Configuration} configuration) =>");
            w.Line($"    {Runtime}(services, null, {create}, configuration);");
            w.Line();
            w.Doc("summary", "Registers one CupiClient per server, as a keyed service, with options bound from a configuration section.");
            w.DocRaw("<param name=\"services\">The service collection.</param>");
            w.DocRaw("<param name=\"name\">The registration's name, the service key.</param>");
            w.DocRaw("<param name=\"configuration\">The section holding the options.</param>");
            w.DocRaw("<returns>The HttpClient builder, to add handlers.</returns>");
            w.Line($"public static {Builder} AddCupiClient(this {Services} services, string name, {Configuration} configuration) =>");
            w.Line($"    {Runtime}(services, name, {create}, configuration);");
            w.Close();
        }

        w.Close();
        return w.ToString();
    }

    // ------------------------------------------------------------------ one resource

    public static string Emit(ClientSpec spec)
    {
        var ns = spec.Namespace;
        var className = ClassName(spec.TypeName);
        var model = $"global::{ns}.{spec.TypeName}";
        var client = spec.Client;
        var bound = client.Parameter;
        var boundProperty = bound is null ? null : Pascal(bound);

        var w = new SourceWriter();
        Header.Write(w);
        w.Open($"namespace {ns}");

        // How the client is reached: a property of the root client, or a method of the parent's client.
        if (client.Name is not null)
        {
            var field = "__cupi" + client.Name;
            w.Open("public partial class CupiClient");
            w.Line($"private global::{ns}.{className}? {field};");
            w.Line();
            w.Doc("summary", $"The {spec.TypeName} endpoints.");
            w.Line($"public virtual global::{ns}.{className} {client.Name} => {field} ??= new global::{ns}.{className}(Transport);");
            w.Close();
        }
        else
        {
            w.Open($"public partial class {ClassName(client.Parent!)}");
            w.Doc("summary", $"The {spec.TypeName} endpoints of one {client.Parent}.");
            w.DocRaw($"<param name=\"{bound}\">The {client.Parent}'s object id.</param>");
            w.DocRaw($"<returns>A client bound to that {client.Parent}.</returns>");
            w.Open($"public virtual global::{ns}.{className} {client.Accessor}(string {Id(bound!)})");
            w.Line($"global::System.ArgumentException.ThrowIfNullOrEmpty({Id(bound!)});");
            w.Line($"return new global::{ns}.{className}(Transport, {Id(bound!)});");
            w.Close();
            w.Close();
        }

        w.Line();
        w.Doc("summary", client.Parent is null
            ? $"The {spec.TypeName} endpoints. Every method is async, cancellable and virtual."
            : $"The {spec.TypeName} endpoints of one {client.Parent} ({boundProperty}). Every method is async, cancellable and virtual.");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"public partial class {className}");
        w.Doc("summary", "For mocking: a client without a transport; override the members you use.");
        w.Open($"protected {className}()");
        w.Line("Transport = null!;");
        if (boundProperty is not null)
        {
            w.Line($"{boundProperty} = string.Empty;");
        }

        w.Close();
        w.Line();
        w.Doc("summary", "Creates the client over a transport.");
        w.DocRaw("<param name=\"transport\">The transport every request goes through.</param>");
        if (bound is not null)
        {
            w.DocRaw($"<param name=\"{bound}\">The {client.Parent}'s object id.</param>");
            w.Open($"protected internal {className}({Transport} transport, string {Id(bound)})");
        }
        else
        {
            w.Open($"protected internal {className}({Transport} transport)");
        }

        w.Line("global::System.ArgumentNullException.ThrowIfNull(transport);");
        w.Line("Transport = transport;");
        if (bound is not null)
        {
            w.Line($"{boundProperty} = {Id(bound)};");
        }

        w.Close();
        w.Line();
        w.Doc("summary", "The transport every request goes through.");
        w.Line($"protected {Transport} Transport {{ get; }}");
        if (boundProperty is not null)
        {
            w.Line();
            w.Doc("summary", $"The {client.Parent}'s object id this client is bound to.");
            w.Line($"public string {boundProperty} {{ get; }}");
        }

        foreach (var endpoint in spec.Endpoints)
        {
            EmitEndpoint(w, spec, endpoint, model, bound, boundProperty);
        }

        w.Close();
        w.Close();
        return w.ToString();
    }

    private static void EmitEndpoint(SourceWriter w, ClientSpec spec, EndpointSpec endpoint, string model, string? bound, string? boundProperty)
    {
        var parameters = PathParameters(endpoint.Path).Where(p => p != bound).Distinct().ToList();
        var path = PathExpression(endpoint.Path, bound, boundProperty);
        var method = "global::System.Net.Http.HttpMethod." + endpoint.Method;
        var hasBody = endpoint.RequestBody == BodyKind.Object;
        var bodyName = Id(Camel(spec.TypeName));
        var idParameters = string.Concat(parameters.Select(p => $"string {Id(p)}, "));
        var remarks = $"{EndpointTableEmitter.HttpName(endpoint.Method)} {endpoint.Path}; documented answer {endpoint.Status}.";

        w.Line();
        switch (endpoint.ResponseBody)
        {
            case BodyKind.List:
            {
                var paged = endpoint.Query.Contains("rowsPerPage") && endpoint.Query.Contains("pageNumber");
                var filtered = endpoint.Query.Contains("query") || endpoint.Query.Contains("sort");
                var queryParameter = filtered ? $"{Query}? query = null, " : string.Empty;
                var queryArgument = filtered ? "query" : "null";
                Summary(w, endpoint, paged ? "Every object, requested page by page (rowsPerPage from the options, pageNumber 1, 2, …) as the enumeration proceeds." : "Every object.");
                w.Doc("remarks", remarks);
                ParamDocs(w, parameters);
                if (filtered)
                {
                    w.DocRaw("<param name=\"query\">The filter and sort order, or null for all.</param>");
                }

                w.DocRaw("<param name=\"cancellationToken\">Cancels the enumeration.</param>");
                w.Line($"public virtual global::System.Collections.Generic.IAsyncEnumerable<{model}> {endpoint.Name}Async({idParameters}{queryParameter}{Token} cancellationToken = default) =>");
                w.Line($"    Transport.ListAsync<{model}>({path}, {queryArgument}, {(paged ? "true" : "false")}, cancellationToken);");
                w.Line();
                // The endpoint's description is on the enumerating method just above; this one names it instead.
                w.Doc("summary", (paged ? "One page, with the server's total across all pages" : "The list, with the server's total") + $" (see {endpoint.Name}Async).");
                w.Doc("remarks", remarks);
                ParamDocs(w, parameters);
                if (paged)
                {
                    w.DocRaw("<param name=\"pageNumber\">The page, from 1.</param>");
                    w.DocRaw("<param name=\"rowsPerPage\">Rows per page; null for the options' page size (100 by default).</param>");
                }

                if (filtered)
                {
                    w.DocRaw("<param name=\"query\">The filter and sort order, or null for all.</param>");
                }

                w.DocRaw("<param name=\"cancellationToken\">Cancels the request.</param>");
                var pageParameters = paged ? "int pageNumber = 1, int? rowsPerPage = null, " : string.Empty;
                var pageArguments = paged ? "pageNumber, rowsPerPage ?? Transport.Options.PageSize" : "null, null";
                w.Line($"public virtual global::System.Threading.Tasks.Task<global::CupiGen.CupiList<{model}>> {endpoint.Name}PageAsync({idParameters}{pageParameters}{queryParameter}{Token} cancellationToken = default) =>");
                w.Line($"    Transport.GetListAsync<{model}>({path}, {queryArgument}, {pageArguments}, cancellationToken);");
                return;
            }

            case BodyKind.Object:
                Summary(w, endpoint, $"Reads one {spec.TypeName}.");
                w.Doc("remarks", remarks);
                ParamDocs(w, parameters);
                BodyDoc(w, hasBody, bodyName, spec.TypeName);
                w.DocRaw("<param name=\"cancellationToken\">Cancels the request.</param>");
                w.DocRaw($"<returns>The {spec.TypeName}.</returns>");
                w.Line($"public virtual global::System.Threading.Tasks.Task<{model}> {endpoint.Name}Async({idParameters}{(hasBody ? $"{model} {bodyName}, " : string.Empty)}{Token} cancellationToken = default) =>");
                w.Line($"    Transport.ReadAsync<{model}>({method}, {path}, {(hasBody ? bodyName : "null")}, cancellationToken);");
                break;

            case BodyKind.Uri:
            {
                var fillsParent = hasBody && spec.ParentIdProperty is not null && boundProperty is not null && PathParameters(endpoint.Path).Contains(bound!);
                Summary(w, endpoint, $"Creates a {spec.TypeName}.");
                w.Doc("remarks", remarks + " The id comes from the URI in the body or the Location header (both, if given, must agree; a GUID). Retried only after a 503 or 429, which the server did not process." +
                    (fillsParent ? $" When {spec.ParentIdProperty} is not set, it is set to {boundProperty}." : string.Empty));
                ParamDocs(w, parameters);
                BodyDoc(w, hasBody, bodyName, spec.TypeName);
                w.DocRaw("<param name=\"cancellationToken\">Cancels the request.</param>");
                w.DocRaw("<returns>The new object's id.</returns>");
                w.Open($"public virtual global::System.Threading.Tasks.Task<string> {endpoint.Name}Async({idParameters}{(hasBody ? $"{model} {bodyName}, " : string.Empty)}{Token} cancellationToken = default)");
                if (hasBody)
                {
                    w.Line($"global::System.ArgumentNullException.ThrowIfNull({bodyName});");
                    if (fillsParent)
                    {
                        // The server takes the parent from the path; the body must carry it too when the schema
                        // requires it on create, so a client bound to the parent supplies it unless it is set.
                        w.Open($"if (string.IsNullOrEmpty({bodyName}.{spec.ParentIdProperty}))");
                        w.Line($"{bodyName}.{spec.ParentIdProperty} = {boundProperty};");
                        w.Close();
                        w.Line();
                    }
                }

                w.Line($"return Transport.CreateAsync<{model}>({method}, {path}, {(hasBody ? bodyName : "null")}, cancellationToken);");
                w.Close();
                if (hasBody && parameters.Count == 0)
                {
                    EmitMany(w, spec, endpoint, model, "string", "The new objects' ids", bulkCreate: true);
                }

                break;
            }

            default:
                Summary(w, endpoint, $"Calls {endpoint.Name} on a {spec.TypeName}.");
                w.Doc("remarks", hasBody && endpoint.Method != EndpointMethod.Post
                    ? remarks + " Only the fields changed since the object was read are sent; on success the object's changes are accepted."
                    : remarks);
                ParamDocs(w, parameters);
                BodyDoc(w, hasBody, bodyName, spec.TypeName);
                w.DocRaw("<param name=\"cancellationToken\">Cancels the request.</param>");
                w.DocRaw("<returns>A task that completes when the server has answered.</returns>");
                if (hasBody && endpoint.Method != EndpointMethod.Post)
                {
                    w.Open($"public virtual async global::System.Threading.Tasks.Task {endpoint.Name}Async({idParameters}{model} {bodyName}, {Token} cancellationToken = default)");
                    w.Line($"global::System.ArgumentNullException.ThrowIfNull({bodyName});");
                    w.Line($"await Transport.SendAsync<{model}>({method}, {path}, {bodyName}, cancellationToken).ConfigureAwait(false);");
                    w.Line($"{bodyName}.AcceptChanges();");
                    w.Close();
                }
                else
                {
                    w.Open($"public virtual global::System.Threading.Tasks.Task {endpoint.Name}Async({idParameters}{(hasBody ? $"{model} {bodyName}, " : string.Empty)}{Token} cancellationToken = default)");
                    if (hasBody)
                    {
                        w.Line($"global::System.ArgumentNullException.ThrowIfNull({bodyName});");
                    }

                    w.Line($"return Transport.SendAsync<{model}>({method}, {path}, {(hasBody ? bodyName : "null")}, cancellationToken);");
                    w.Close();
                }

                if (!hasBody && parameters.Count == 1)
                {
                    EmitMany(w, spec, endpoint, "string", "string", "The ids", bulkCreate: false);
                }

                break;
        }

        if (EmitModelOverload(w, spec, endpoint, model, parameters, hasBody, bodyName) && endpoint.ResponseBody == BodyKind.None)
        {
            EmitMany(w, spec, endpoint, model, model, "The objects", bulkCreate: false);
        }
    }

    /// <summary>
    /// <c>CreateManyAsync</c>, <c>UpdateManyAsync</c>, <c>DeleteManyAsync</c>, …: the endpoint once per item through
    /// CupiGen.CupiBulk, within the transport's concurrency limit, with progress and one result per item.
    /// </summary>
    private static void EmitMany(SourceWriter w, ClientSpec spec, EndpointSpec endpoint, string item, string result, string values, bool bulkCreate)
    {
        var items = item == "string" ? "ids" : "items";
        w.Line();
        // Short docs: the rules every bulk method shares (concurrency, progress, never sent twice) are CupiBulk's,
        // documented once there; each method says only what it calls and what it returns.
        w.Doc("summary", $"Calls {endpoint.Name} once per item within the server's concurrency limit, reporting progress; a failed item never stops the others" +
            (bulkCreate ? " and a create whose answer was lost is never sent again (see CupiGen.CupiBulk)." : " (see CupiGen.CupiBulk)."));
        w.DocRaw($"<returns>One result per item, in input order: {values[0].ToString().ToLowerInvariant()}{values.Substring(1)} or the error.</returns>");
        var signature = $"(global::System.Collections.Generic.IEnumerable<{item}> {items}, global::System.IProgress<global::CupiGen.CupiBulkProgress>? progress = null, {Token} cancellationToken = default)";
        var returns = $"global::System.Threading.Tasks.Task<global::CupiGen.CupiBulkResults<{result}>>";
        w.Line($"public virtual {returns} {endpoint.Name}ManyAsync{signature} =>");
        w.Line(bulkCreate
            ? $"    global::CupiGen.CupiBulk.RunAsync(Transport, {items}, (item, token) => {endpoint.Name}Async(item, token), progress, cancellationToken);"
            : $"    global::CupiGen.CupiBulk.ForEachAsync(Transport, {items}, (item, token) => {endpoint.Name}Async(item, token), progress, cancellationToken);");
    }

    /// <summary>
    /// <c>UpdateAsync(portGroup)</c>, <c>ResetAsync(portGroup)</c>: the ids come from the object's fields, and an
    /// endpoint's documented precondition (<c>requires</c>) is checked on it before anything is sent.
    /// </summary>
    private static bool EmitModelOverload(SourceWriter w, ClientSpec spec, EndpointSpec endpoint, string model, List<string> parameters, bool hasBody, string bodyName)
    {
        if (parameters.Count == 0 || (!hasBody && endpoint.RequiresField is null))
        {
            return false;
        }

        var idFields = new List<ClientFieldSpec>();
        foreach (var parameter in parameters)
        {
            var field = spec.Fields.FirstOrDefault(f => f.Kind == FieldKind.String && string.Equals(f.PropertyName, parameter, StringComparison.OrdinalIgnoreCase));
            if (field is null)
            {
                return false;
            }

            idFields.Add(field);
        }

        var returns = endpoint.ResponseBody switch
        {
            BodyKind.Object => $"global::System.Threading.Tasks.Task<{model}>",
            BodyKind.Uri => "global::System.Threading.Tasks.Task<string>",
            _ => "global::System.Threading.Tasks.Task",
        };

        w.Line();
        var idText = string.Join(", ", idFields.Select(f => f.WireName));
        Summary(w, endpoint, $"Calls {endpoint.Name} on a {spec.TypeName}.");
        var requires = endpoint.RequiresField is null ? null : spec.Fields.FirstOrDefault(f => f.WireName == endpoint.RequiresField);
        w.Doc("remarks", $"The path's ids come from the object ({idText})." +
            (requires is null ? string.Empty : $" Documented precondition, checked before sending: {requires.WireName} = {endpoint.RequiresValue}; otherwise CupiGen.CupiValidationException is thrown and nothing is sent."));
        w.DocRaw($"<param name=\"{bodyName.TrimStart('@')}\">The {spec.TypeName}, as read from the server.</param>");
        w.DocRaw("<param name=\"cancellationToken\">Cancels the request.</param>");
        w.DocRaw("<returns>What the id-based overload returns.</returns>");
        w.Open($"public virtual {returns} {endpoint.Name}Async({model} {bodyName}, {Token} cancellationToken = default)");
        w.Line($"global::System.ArgumentNullException.ThrowIfNull({bodyName});");
        if (requires is not null)
        {
            var access = $"{bodyName}.{requires.PropertyName}";
            var value = endpoint.RequiresValue!;
            var (condition, text, expected) = requires.Kind switch
            {
                FieldKind.Enum => ($"(int?){access} == {value}", $"((int?){access})?.ToString(global::System.Globalization.CultureInfo.InvariantCulture)", value),
                FieldKind.Integer => ($"{access} == {value}", $"{access}?.ToString(global::System.Globalization.CultureInfo.InvariantCulture)", value),
                FieldKind.Boolean => ($"{access} == {value}", $"({access} is {{ }} __cupiValue ? (__cupiValue ? \"true\" : \"false\") : null)", value),
                _ => ($"{access} == {Literals.String(value)}", access, value),
            };
            w.Line($"{Transport}.Require({condition}, {Literals.String(spec.TypeName + " " + endpoint.Name)}, {Literals.String(requires.WireName)}, {text}, {Literals.String(expected)});");
        }

        var arguments = new StringBuilder();
        foreach (var field in idFields)
        {
            arguments.Append($"{Transport}.RequireId({bodyName}.{field.PropertyName}, {Literals.String(field.WireName)}, {Literals.String(spec.TypeName)}), ");
        }

        if (hasBody)
        {
            arguments.Append(bodyName).Append(", ");
        }

        w.Line($"return {endpoint.Name}Async({arguments}cancellationToken);");
        w.Close();
        return true;
    }

    private static void Summary(SourceWriter w, EndpointSpec endpoint, string fallback)
    {
        w.Doc("summary", endpoint.Description is null ? fallback : $"{fallback} {endpoint.Description}");
    }

    private static void ParamDocs(SourceWriter w, List<string> parameters)
    {
        foreach (var parameter in parameters)
        {
            w.DocRaw($"<param name=\"{parameter}\">The {{{parameter}}} path segment (an object id).</param>");
        }
    }

    private static void BodyDoc(SourceWriter w, bool hasBody, string bodyName, string typeName)
    {
        if (hasBody)
        {
            w.DocRaw($"<param name=\"{bodyName.TrimStart('@')}\">The {typeName} to send.</param>");
        }
    }

    private static string PathExpression(string template, string? bound, string? boundProperty)
    {
        var parts = new List<string>();
        var last = 0;
        foreach (Match match in PathTemplate.Parameter.Matches(template))
        {
            if (match.Index > last)
            {
                parts.Add(Literals.String(template.Substring(last, match.Index - last)));
            }

            var name = match.Groups[1].Value;
            var source = name == bound ? boundProperty! : Id(name);
            parts.Add($"{Transport}.Escape({source}, {Literals.String(name)})");
            last = match.Index + match.Length;
        }

        if (last < template.Length)
        {
            parts.Add(Literals.String(template.Substring(last)));
        }

        return parts.Count == 0 ? "\"\"" : string.Join(" + ", parts);
    }

    private static string Id(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.AwaitKeyword ? "@" + name : name;

    private static string Camel(string name) => Naming.Camel(name);

    private static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);
}
