using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CupiGen;

/// <summary>
/// What generated endpoint clients call: builds CUPI requests in the configured wire format, authenticates once
/// per session and then sends the session cookies (re-authenticating once after a 401), reads responses into
/// models, and turns failures into <see cref="CupiApiException"/>. Retries and TLS trust live in the
/// <see cref="HttpClient"/>'s handlers (see <see cref="CupiHttp"/>).
/// </summary>
public class CupiTransport
{
    private static readonly Action<ILogger, string, string, int, double, Exception?> LogResponse = LoggerMessage.Define<string, string, int, double>(
        LogLevel.Information, new EventId(1, "CupiResponse"), "CUPI {Method} {Path} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms");

    private static readonly Action<ILogger, string, string, double, Exception?> LogFailure = LoggerMessage.Define<string, string, double>(
        LogLevel.Warning, new EventId(2, "CupiFailure"), "CUPI {Method} {Path} failed after {ElapsedMilliseconds:0.0} ms");

    private static readonly Action<ILogger, string, string, string, Exception?> LogBody = LoggerMessage.Define<string, string, string>(
        LogLevel.Trace, new EventId(3, "CupiBody"), "CUPI {Method} {Path} {Body}");

    private static readonly Action<ILogger, string, string, Exception?> LogReauthenticate = LoggerMessage.Define<string, string>(
        LogLevel.Debug, new EventId(4, "CupiReauthenticate"), "CUPI {Method} {Path}: session expired (401); authenticating again");

    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly Uri _baseAddress;
    private readonly string? _basic;

    /// <summary>Creates a transport over an <see cref="HttpClient"/> (whose handlers provide TLS trust and retries).</summary>
    /// <param name="httpClient">The client; its handler should not manage cookies (<c>UseCookies = false</c>).</param>
    /// <param name="options">Address, credentials, format and paging.</param>
    /// <param name="logger">Where requests are logged, or null.</param>
    /// <param name="session">The session cookies to share, or null for a new session.</param>
    public CupiTransport(HttpClient httpClient, CupiClientOptions options, ILogger? logger = null, CupiSession? session = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = httpClient;
        Options = options;
        _logger = logger ?? NullLogger.Instance;
        Session = session ?? new CupiSession();
        _baseAddress = options.BaseAddress ?? httpClient.BaseAddress ??
            throw new ArgumentException("Set CupiClientOptions.BaseAddress (or the HttpClient's BaseAddress) to the server, e.g. https://cuc.example.com/.", nameof(options));
        if (options.UserName is not null)
        {
            _basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.UserName + ":" + (options.Password ?? string.Empty)));
        }
    }

    /// <summary>Creates a transport with its own <see cref="HttpClient"/> built by <see cref="CupiHttp.CreateHttpClient"/>.</summary>
    /// <param name="options">The client options.</param>
    /// <param name="logger">Where requests are logged, or null.</param>
    public CupiTransport(CupiClientOptions options, ILogger? logger = null)
        : this(CupiHttp.CreateHttpClient(options ?? throw new ArgumentNullException(nameof(options))), options, logger)
    {
    }

    /// <summary>Creates a transport with its own <see cref="HttpClient"/> (TLS rules and retries from the options), without logging.</summary>
    /// <param name="options">The client options.</param>
    public static CupiTransport Create(CupiClientOptions options) => new(options);

    /// <summary>Creates a transport over an <see cref="HttpClient"/> you manage, without logging.</summary>
    /// <param name="httpClient">The client; its handlers provide TLS trust and retries.</param>
    /// <param name="options">The client options.</param>
    public static CupiTransport Create(HttpClient httpClient, CupiClientOptions options) => new(httpClient, options);

    /// <summary>The options in force.</summary>
    public CupiClientOptions Options { get; }

    /// <summary>The session cookies.</summary>
    public CupiSession Session { get; }

    // ------------------------------------------------------------------ helpers for generated code

    /// <summary>Percent-encodes one path segment (an object id).</summary>
    /// <param name="segment">The value.</param>
    /// <param name="name">The parameter's name, for the exception.</param>
    public static string Escape(string segment, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(segment, name);
        return Uri.EscapeDataString(segment);
    }

    /// <summary>The object id a model carries, for an endpoint called with the model.</summary>
    /// <param name="id">The model's id field.</param>
    /// <param name="field">The field's wire name.</param>
    /// <param name="type">The model type, for the message.</param>
    public static string RequireId(string? id, string field, string type)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new ArgumentException($"The {type} has no {field}; read it from the server first, or pass the id.", type);
        }

        return id;
    }

    /// <summary>Throws <see cref="CupiValidationException"/> when an endpoint's documented precondition does not hold.</summary>
    /// <param name="holds">Whether it holds.</param>
    /// <param name="what">The request, e.g. <c>PortGroup Reset</c>.</param>
    /// <param name="field">The field the precondition reads.</param>
    /// <param name="value">The field's value as text, or null when absent.</param>
    /// <param name="expected">The value required.</param>
    public static void Require(bool holds, string what, string field, string? value, string expected)
    {
        if (holds)
        {
            return;
        }

        var problem = new CupiValidationProblem(
            field,
            CupiRule.Consistency,
            CupiSeverity.Error,
            value,
            expected,
            value is null
                ? $"{field} is not present; {what} requires {field} = {expected} (read the object from the server first)"
                : $"{field} is {value}; {what} requires {field} = {expected}");
        throw new CupiValidationException(what + " request", new CupiValidationResult([problem]));
    }

    /// <summary>Runs the model's validator, when it has one, and throws on errors before anything is sent.</summary>
    /// <param name="model">The request body.</param>
    /// <param name="operation">What it is for.</param>
    /// <param name="what">The request, for the message.</param>
    public static void Validate(object model, CupiOperation operation, string what)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is ICupiValidatable validatable)
        {
            validatable.Validate(operation).ThrowIfInvalid(what);
        }
    }

    // ------------------------------------------------------------------ endpoint calls

    /// <summary>Enumerates every object of a list endpoint, page by page (<c>rowsPerPage</c>/<c>pageNumber</c>).</summary>
    /// <param name="path">The endpoint path, parameters already substituted.</param>
    /// <param name="query">The filter and sort, or null.</param>
    /// <param name="paged">Whether the endpoint takes paging parameters; when not, one request returns everything.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public virtual async IAsyncEnumerable<T> ListAsync<T>(string path, CupiQuery? query, bool paged, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, ICupiModel<T>
    {
        if (!paged)
        {
            foreach (var item in await GetListAsync<T>(path, query, null, null, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }

            yield break;
        }

        var size = Options.PageSize;
        var seen = 0;
        for (var page = 1; ; page++)
        {
            var list = await GetListAsync<T>(path, query, page, size, cancellationToken).ConfigureAwait(false);
            foreach (var item in list)
            {
                yield return item;
            }

            seen += list.Count;
            if (list.Count == 0 || list.Count < size || seen >= list.Total)
            {
                yield break;
            }
        }
    }

    /// <summary>Reads one page of a list endpoint, with the server's total.</summary>
    /// <param name="path">The endpoint path, parameters already substituted.</param>
    /// <param name="query">The filter and sort, or null.</param>
    /// <param name="pageNumber">The page (1-based), or null to let the server choose.</param>
    /// <param name="rowsPerPage">The page size, or null to let the server choose.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<CupiList<T>> GetListAsync<T>(string path, CupiQuery? query, int? pageNumber, int? rowsPerPage, CancellationToken cancellationToken = default)
        where T : class, ICupiModel<T>
    {
        if (pageNumber is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pageNumber), pageNumber, "Pages are numbered from 1.");
        }

        if (rowsPerPage is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rowsPerPage), rowsPerPage, "A page holds at least one row.");
        }

        var parameters = new List<string>(4);
        if (rowsPerPage is { } rows)
        {
            parameters.Add("rowsPerPage=" + rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (pageNumber is { } page)
        {
            parameters.Add("pageNumber=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (query?.ToQueryString() is { Length: > 0 } text)
        {
            parameters.Add(text);
        }

        var target = parameters.Count == 0 ? path : path + "?" + string.Join("&", parameters);
        using var response = await SendAsync(HttpMethod.Get, target, null, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var list = FormatOf(response) == CupiWireFormat.Json ? CupiSerializer.ListFromJson<T>(bytes) : CupiSerializer.ListFromXml<T>(bytes);
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            LogBody(_logger, "GET", target, $"response: {list} [{string.Join(", ", list)}]", null);
        }

        return list;
    }

    /// <summary>Calls an endpoint that answers with one object (typically a GET).</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The endpoint path, parameters already substituted.</param>
    /// <param name="body">The request body, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<T> ReadAsync<T>(HttpMethod method, string path, T? body, CancellationToken cancellationToken = default)
        where T : class, ICupiModel<T>
    {
        using var response = await SendModelAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var result = FormatOf(response) == CupiWireFormat.Json ? CupiSerializer.FromJson<T>(bytes) : CupiSerializer.FromXml<T>(bytes);
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            LogBody(_logger, method.Method, path, "response: " + result, null);
        }

        return result;
    }

    /// <summary>Calls an endpoint that answers 201 with the new object's URI as plain text, and returns its id
    /// (the URI's last segment). The <c>Location</c> header is not used.</summary>
    /// <param name="method">The HTTP method (POST).</param>
    /// <param name="path">The endpoint path, parameters already substituted.</param>
    /// <param name="body">The request body, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task<string> CreateAsync<T>(HttpMethod method, string path, T? body, CancellationToken cancellationToken = default)
        where T : class, ICupiModel<T>
    {
        using var response = await SendModelAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return ParseCreatedId(text) ??
            throw new CupiApiException(response.StatusCode, null, "the response does not carry the new object's URI", method.Method, path);
    }

    /// <summary>Calls an endpoint that answers without a body (an update, a delete, a reset).</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The endpoint path, parameters already substituted.</param>
    /// <param name="body">The request body, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual async Task SendAsync<T>(HttpMethod method, string path, T? body, CancellationToken cancellationToken = default)
        where T : class, ICupiModel<T>
    {
        using var response = await SendModelAsync(method, path, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The id in a create response: the last segment of the URI it carries, e.g.
    /// <c>/vmrest/portgroups/8a009b99-…</c> → <c>8a009b99-…</c>; null when there is none.</summary>
    /// <param name="body">The response text.</param>
    public static string? ParseCreatedId(string? body)
    {
        var text = (body ?? string.Empty).Trim().Trim('"').Trim().TrimEnd('/');
        var slash = text.LastIndexOf('/');
        var id = Uri.UnescapeDataString(slash >= 0 ? text[(slash + 1)..] : text);
        if (id.Length == 0 || id.Length > 256)
        {
            return null;
        }

        foreach (var c in id)
        {
            if (char.IsWhiteSpace(c) || c is '<' or '>' or '{' or '}' or '"')
            {
                return null;
            }
        }

        return id;
    }

    // ------------------------------------------------------------------ the wire

    private Task<HttpResponseMessage> SendModelAsync<T>(HttpMethod method, string path, T? body, CancellationToken cancellationToken)
        where T : class, ICupiModel<T>
    {
        if (body is null)
        {
            return SendAsync(method, path, null, cancellationToken);
        }

        var (mode, operation) = method == HttpMethod.Post ? (CupiWriteMode.Create, CupiOperation.Create) : (CupiWriteMode.Update, CupiOperation.Update);
        Validate(body, operation, $"{T.ElementName} {(operation == CupiOperation.Create ? "create" : "update")} request");
        var bytes = Options.Format == CupiWireFormat.Json
            ? CupiSerializer.ToJsonUtf8(body, mode)
            : Encoding.UTF8.GetBytes(CupiSerializer.ToXml(body, mode));
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            // The model's own display masks secret fields; the wire text is never logged.
            LogBody(_logger, method.Method, path, $"request ({mode}): {body}", null);
        }

        return SendAsync(method, path, bytes, cancellationToken);
    }

    /// <summary>Sends a request and returns the successful response; throws <see cref="CupiApiException"/> otherwise.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">The path and query, resolved against the base address.</param>
    /// <param name="body">The serialized body in the configured format, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    protected virtual async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, byte[]? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var uri = new Uri(_baseAddress, pathAndQuery);
        var display = uri.PathAndQuery;
        var reauthenticated = false;
        while (true)
        {
            var response = await SendOnceAsync(method, uri, display, body, cancellationToken).ConfigureAwait(false);
            if (response.Response.StatusCode == HttpStatusCode.Unauthorized && response.Cookies is { } refused && _basic is not null && !reauthenticated)
            {
                LogReauthenticate(_logger, method.Method, display, null);
                response.Response.Dispose();
                Session.Expire(uri, refused);
                reauthenticated = true;
                continue;
            }

            if (response.Response.IsSuccessStatusCode)
            {
                return response.Response;
            }

            using (response.Response)
            {
                var text = await response.Response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var (code, message) = CupiErrorBody.Parse(response.Response.Content.Headers.ContentType?.MediaType, text);
                throw new CupiApiException(response.Response.StatusCode, code, message, method.Method, display);
            }
        }
    }

    private async Task<(HttpResponseMessage Response, string? Cookies)> SendOnceAsync(HttpMethod method, Uri uri, string display, byte[]? body, CancellationToken cancellationToken)
    {
        var cookies = Session.CookieHeader(uri);
        var gate = false;
        if (cookies is null && _basic is not null)
        {
            // Authenticate once: concurrent first requests wait for the first one's session cookies.
            await Session.LoginGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            gate = true;
            cookies = Session.CookieHeader(uri);
            if (cookies is not null)
            {
                Session.LoginGate.Release();
                gate = false;
            }
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(method, uri);
            var mediaType = Options.Format == CupiWireFormat.Json ? "application/json" : "application/xml";
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
            if (cookies is not null)
            {
                request.Headers.TryAddWithoutValidation("Cookie", cookies);
            }
            else if (_basic is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _basic);
            }

            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
            }
            else if (method == HttpMethod.Post || method == HttpMethod.Put)
            {
                request.Content = new ByteArrayContent([]);
            }

            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                // A refusal's cookies open no session; keeping them would also hide which cookies were refused.
                Session.Store(uri, response);
            }

            LogResponse(_logger, method.Method, display, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
            return (response, cookies);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailure(_logger, method.Method, display, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex);
            throw;
        }
        finally
        {
            if (gate)
            {
                Session.LoginGate.Release();
            }
        }
    }

    private CupiWireFormat FormatOf(HttpResponseMessage response)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null)
        {
            if (mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                return CupiWireFormat.Json;
            }

            if (mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase))
            {
                return CupiWireFormat.Xml;
            }
        }

        return Options.Format;
    }
}
