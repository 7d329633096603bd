using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO;
using System.Net.Http;
using System.Security.Authentication;

namespace CupiGen;

/// <summary>
/// The CUPI client's traces and metrics, both named <see cref="Name"/> (<c>CupiGen</c>): add them with
/// <c>AddSource("CupiGen")</c> and <c>AddMeter("CupiGen")</c> in OpenTelemetry. One span per call (kind Client,
/// named <c>{method} {url.template}</c>), parent of HttpClient's span per attempt; tags and metric dimensions
/// follow the OpenTelemetry HTTP client conventions where they apply (<c>http.request.method</c>,
/// <c>server.address</c>, <c>server.port</c>, <c>url.template</c>, <c>http.response.status_code</c>,
/// <c>error.type</c>, <c>http.request.resend_count</c>) plus <c>cupi.resource</c> and <c>cupi.operation</c>.
/// No tag carries a header, credential, query value or body.
/// </summary>
public static class CupiTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "CupiGen";

    /// <summary>The source of the per-call spans; its version is the package's.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, CupiPackage.Version);

    /// <summary>The meter of the client's instruments; its version is the package's.</summary>
    public static Meter Meter { get; } = new(Name, CupiPackage.Version);

    /// <summary><c>cupi.client.requests</c>: calls, counted when they end, success or failure.</summary>
    internal static Counter<long> Requests { get; } = Meter.CreateCounter<long>("cupi.client.requests", "{request}", "CUPI calls made by the client, counted when they end (retries included in one call).");

    /// <summary><c>cupi.client.request.duration</c>: a whole call, retries and waits included.</summary>
    internal static Histogram<double> Duration { get; } = Meter.CreateHistogram<double>("cupi.client.request.duration", "s", "Duration of CUPI calls, retries and waits included.");

    /// <summary><c>cupi.client.retries</c>: attempts repeated after a retryable failure.</summary>
    internal static Counter<long> Retries { get; } = Meter.CreateCounter<long>("cupi.client.retries", "{retry}", "Attempts repeated after a retryable failure (503, 429, timeout, lost answer of an idempotent request).");

    /// <summary><c>cupi.client.throttle.waits</c>: attempts that had to wait for a slot of the server's concurrency limit.</summary>
    internal static Counter<long> ThrottleWaits { get; } = Meter.CreateCounter<long>("cupi.client.throttle.waits", "{wait}", "Attempts that waited for a free slot of the per-server concurrency limit.");

    /// <summary><c>cupi.client.throttle.wait.duration</c>: how long those waits took.</summary>
    internal static Histogram<double> ThrottleWaitDuration { get; } = Meter.CreateHistogram<double>("cupi.client.throttle.wait.duration", "s", "Time an attempt waited for a free slot of the per-server concurrency limit.");

    /// <summary><c>cupi.client.server_busy</c>: 503 answers, the server's own throttle refusing a request it queued too long.</summary>
    internal static Counter<long> ServerBusy { get; } = Meter.CreateCounter<long>("cupi.client.server_busy", "{response}", "503 answers: Unity Connection refused a request that waited too long in its queue.");

    /// <summary>
    /// The low-cardinality form of a path no endpoint table describes, for <c>url.template</c> and span names
    /// (a documented endpoint's template is used as it is written): CUPI paths alternate a
    /// collection and an object id after <c>/vmrest</c>, so every second segment after the collection is an id
    /// (<c>/vmrest/portgroups/8a00…/reset</c> → <c>/vmrest/portgroups/{id}/reset</c>). The query is dropped.
    /// </summary>
    /// <param name="pathAndQuery">The request's path and query.</param>
    public static string Template(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = query >= 0 ? pathAndQuery[..query] : pathAndQuery;
        var segments = path.Split('/');
        for (var i = 3; i < segments.Length; i += 2)
        {
            if (segments[i].Length > 0)
            {
                segments[i] = "{id}";
            }
        }

        return string.Join('/', segments);
    }

    /// <summary>
    /// The documented endpoint of a model that a request addresses: same method, and a path whose literal
    /// segments equal the template's (<c>{name}</c> segments match any one segment). Its <see cref="CupiEndpointInfo.Path"/>
    /// is the call's <c>url.template</c> and its <see cref="CupiEndpointInfo.Name"/> the <c>cupi.operation</c>.
    /// </summary>
    /// <param name="model">The model's table.</param>
    /// <param name="method">The request's method.</param>
    /// <param name="pathAndQuery">The request's path (a query is ignored).</param>
    /// <returns>The endpoint, or null when the table has none for the request.</returns>
    public static CupiEndpointInfo? Endpoint(CupiModelInfo model, HttpMethod method, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = (query >= 0 ? pathAndQuery[..query] : pathAndQuery).Split('/');
        foreach (var endpoint in model.Endpoints)
        {
            if (string.Equals(endpoint.HttpMethodName, method.Method, StringComparison.OrdinalIgnoreCase) && Matches(endpoint.Path, path))
            {
                return endpoint;
            }
        }

        return null;
    }

    private static bool Matches(string template, string[] path)
    {
        var segments = template.Split('/');
        if (segments.Length != path.Length)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var parameter = segments[i].StartsWith('{') && segments[i].EndsWith('}');
            if (parameter ? path[i].Length == 0 : !string.Equals(segments[i], path[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The <c>error.type</c> of a failed call: the HTTP status when the server refused, otherwise what
    /// failed, named as HttpClient's own metrics name it (<c>timeout</c>, <c>connection_error</c>,
    /// <c>secure_connection_error</c>, <c>response_ended</c>, <c>invalid_response</c>).</summary>
    /// <param name="error">The exception the call ended with.</param>
    public static string ErrorType(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is not CupiApiException api)
        {
            return error.GetType().FullName ?? "_OTHER";
        }

        if ((int)api.StatusCode >= 400)
        {
            return ((int)api.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        for (var inner = api.InnerException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case Polly.Timeout.TimeoutRejectedException or OperationCanceledException or TimeoutException:
                    return "timeout";
                case AuthenticationException:
                    return "secure_connection_error";
                case HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }:
                    return "secure_connection_error";
                case HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }:
                    return "response_ended";
                case HttpRequestException when api.StatusCode == 0:
                    return "connection_error";
                case IOException or HttpRequestException:
                    return "response_ended";
            }
        }

        return "invalid_response";
    }
}
