using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CupiGen;

/// <summary>
/// What generated endpoint clients call: builds CUPI requests in the configured wire format, authenticates once
/// per session and then sends the session cookies (re-authenticating once after a 401), waits for a slot of the
/// server's concurrency limit (<see cref="CupiServerThrottle"/>), reads bounded responses into models, retries
/// what may be retried, and turns every failure into <see cref="CupiApiException"/>.
/// </summary>
/// <remarks>
/// Retry rule (see <see cref="CupiClientOptions.MaxRetryAttempts"/>): a 503 or 429 is retried for every method,
/// POST included, because Unity Connection answers 503 only to a request it queued and never processed (Cisco,
/// "Unity Connection REST API FAQ": at most 5 requests are processed at once). Timeouts, lost connections,
/// cut-off or unreadable bodies, 408 and other 5xx are retried only for GET, PUT and DELETE, whose repetition is
/// harmless; a POST may have created its object and is never repeated then. A DELETE that meets 404 after such a
/// lost answer counts as done. A refused TLS certificate is never retried. Every call fails with
/// <see cref="CupiApiException"/>, <see cref="CupiValidationException"/> (nothing sent), or
/// <see cref="OperationCanceledException"/> when, and only when, the caller's token was cancelled.
/// </remarks>
public class CupiTransport
{
    private const int ErrorBodyBytes = 64 * 1024;
    private const int QuotedCharacters = 200;

    private static readonly ResiliencePropertyKey<CupiCall> CallKey = new("CupiGen.Call");

    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly Uri _baseAddress;
    private readonly string? _basic;
    private readonly ConcurrencyLimiter _throttle;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Creates a transport over an <see cref="HttpClient"/> (whose primary handler provides TLS trust).</summary>
    /// <param name="httpClient">The client; its handler should not manage cookies (<c>UseCookies = false</c>).</param>
    /// <param name="options">Address, credentials, format, paging, limits and retries.</param>
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

        _throttle = CupiServerThrottle.For(_baseAddress, options.MaxConcurrentRequestsPerServer);
        _pipeline = BuildPipeline(options, _logger);
    }

    /// <summary>Creates a transport with its own <see cref="HttpClient"/> built by <see cref="CupiHttp.CreateHttpClient"/>.</summary>
    /// <param name="options">The client options.</param>
    /// <param name="logger">Where requests are logged, or null.</param>
    public CupiTransport(CupiClientOptions options, ILogger? logger = null)
        : this(CupiHttp.CreateHttpClient(options ?? throw new ArgumentNullException(nameof(options))), options, logger)
    {
    }

    /// <summary>Creates a transport with its own <see cref="HttpClient"/> (TLS rules from the options), without logging.</summary>
    /// <param name="options">The client options.</param>
    public static CupiTransport Create(CupiClientOptions options) => new(options);

    /// <summary>Creates a transport over an <see cref="HttpClient"/> you manage, without logging.</summary>
    /// <param name="httpClient">The client; its primary handler provides TLS trust.</param>
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
        var list = await CallAsync(HttpMethod.Get, target, null, T.Metadata, "List", static (transport, reply) =>
            transport.FormatOf(reply.Response) == CupiWireFormat.Json
                ? CupiSerializer.ListFromJson<T>(reply.Body.Span)
                : CupiSerializer.ListFromXml<T>(reply.Body.Span), cancellationToken).ConfigureAwait(false);
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            CupiLog.Body(_logger, "GET", target, $"response: {list} [{string.Join(", ", list)}]");
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
        ArgumentNullException.ThrowIfNull(method);
        var bytes = Serialize(method, path, body);
        var result = await CallAsync(method, path, bytes, T.Metadata, method == HttpMethod.Get ? "Get" : method.Method, static (transport, reply) =>
            transport.FormatOf(reply.Response) == CupiWireFormat.Json
                ? CupiSerializer.FromJson<T>(reply.Body.Span)
                : CupiSerializer.FromXml<T>(reply.Body.Span), cancellationToken).ConfigureAwait(false);
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            CupiLog.Body(_logger, method.Method, path, "response: " + result);
        }

        return result;
    }

    /// <summary>
    /// Calls an endpoint that answers 201 with the new object's URI, and returns its id (the URI's last segment).
    /// The id comes from the body (CUPI's plain-text URI) or, when the body is empty or cut off, from the
    /// <c>Location</c> header; when both carry one they must agree. The id must be a CUPI object id (a GUID, 36
    /// characters), so that a cut-off body never yields a cut-off id. POST is retried only after a 503 or 429.
    /// </summary>
    /// <param name="method">The HTTP method (POST).</param>
    /// <param name="path">The endpoint path, parameters already substituted.</param>
    /// <param name="body">The request body, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual Task<string> CreateAsync<T>(HttpMethod method, string path, T? body, CancellationToken cancellationToken = default)
        where T : class, ICupiModel<T>
    {
        ArgumentNullException.ThrowIfNull(method);
        var bytes = Serialize(method, path, body);
        return CallAsync(method, path, bytes, T.Metadata, "Create", static (transport, reply) => transport.CreatedId(reply), cancellationToken, acceptsCutBody: true);
    }

    /// <summary>Calls an endpoint that answers without a body (an update, a delete, a reset): only 204, or 200 with
    /// an empty body, is success; anything else (an HTML page, a body) fails with the body's first characters.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The endpoint path, parameters already substituted.</param>
    /// <param name="body">The request body, or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public virtual Task SendAsync<T>(HttpMethod method, string path, T? body, CancellationToken cancellationToken = default)
        where T : class, ICupiModel<T>
    {
        ArgumentNullException.ThrowIfNull(method);
        var bytes = Serialize(method, path, body);
        return CallAsync(method, path, bytes, T.Metadata, SendOperation(method, path, bytes is not null), static (_, reply) => ExpectNoContent(reply), cancellationToken);
    }

    /// <summary>Reads the server's version (<c>GET /vmrest/version</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The API name and the server's version.</returns>
    public virtual Task<CupiVersion> GetVersionAsync(CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Get, "/vmrest/version", null, null, "Version", static (transport, reply) =>
        {
            try
            {
                return CupiVersion.Parse(reply.Body.Span, transport.FormatOf(reply.Response) == CupiWireFormat.Json);
            }
            catch (FormatException ex)
            {
                throw new CupiUnreadableAnswerException(ex.Message + Quote(reply.Body.Span), ex);
            }
        }, cancellationToken);

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

    /// <summary>Whether a text has the form of a CUPI object id: a GUID in its 36-character form
    /// (<c>8a009b99-4bcd-4a4f-b2c1-5d6f1e2a3b4c</c>), as every Port Groups resource's <c>ObjectId</c> is (format uuid).</summary>
    /// <param name="id">The text.</param>
    public static bool IsObjectId(string? id) => id is { Length: 36 } && Guid.TryParseExact(id, "D", out _);

    // ------------------------------------------------------------------ the wire

    /// <summary>
    /// Puts one request on the wire with the session's cookies (or, before a session exists, Basic credentials)
    /// and returns the response as soon as its headers arrived, whatever its status; the body is left unread and
    /// the caller disposes the response. Every attempt, retries and re-authentication included, comes here, so a
    /// derived transport can count or observe them. Failures of <see cref="HttpClient"/> propagate to the caller,
    /// which classifies them.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">The path and query, resolved against the base address.</param>
    /// <param name="body">The serialized body in the configured format, or null.</param>
    /// <param name="cancellationToken">Cancels the request (the caller's token, the total and the attempt timeouts).</param>
    protected virtual async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, byte[]? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var uri = new Uri(_baseAddress, pathAndQuery);
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

        try
        {
            var request = new HttpRequestMessage(method, uri);
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

            // Headers only: the body is read within the size limit by the caller, never buffered whole here.
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                // A refusal's cookies open no session; keeping them would also hide which cookies were refused.
                Session.Store(uri, response);
            }

            return response;
        }
        finally
        {
            if (gate)
            {
                Session.LoginGate.Release();
            }
        }
    }

    private byte[]? Serialize<T>(HttpMethod method, string path, T? body)
        where T : class, ICupiModel<T>
    {
        if (body is null)
        {
            return null;
        }

        var (mode, operation) = method == HttpMethod.Post ? (CupiWriteMode.Create, CupiOperation.Create) : (CupiWriteMode.Update, CupiOperation.Update);
        Validate(body, operation, $"{T.ElementName} {(operation == CupiOperation.Create ? "create" : "update")} request");
        var bytes = Options.Format == CupiWireFormat.Json
            ? CupiSerializer.ToJsonUtf8(body, mode)
            : Encoding.UTF8.GetBytes(CupiSerializer.ToXml(body, mode));
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            // The model's own display masks secret fields; the wire text is never logged.
            CupiLog.Body(_logger, method.Method, path, $"request ({mode}): {body}");
        }

        return bytes;
    }

    /// <summary>One call, retried as the rule allows, with the total timeout; every failure becomes a <see cref="CupiApiException"/>.
    /// One span, one Debug line (a Warning when it fails) and one measurement per call.</summary>
    private async Task<TResult> CallAsync<TResult>(
        HttpMethod method,
        string pathAndQuery,
        byte[]? body,
        CupiModelInfo? model,
        string operation,
        Func<CupiTransport, CupiReply, TResult> read,
        CancellationToken cancellationToken,
        bool acceptsCutBody = false)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var display = new Uri(_baseAddress, pathAndQuery).PathAndQuery;
        // The model's endpoint table names the call; a path it does not document is named from its shape.
        var endpoint = model is null ? null : CupiTelemetry.Endpoint(model, method, display);
        var call = new CupiCall(method, pathAndQuery, display, body, (transport, reply) => read(transport, reply), acceptsCutBody)
        {
            Resource = model?.ElementName ?? "Server",
            Operation = endpoint?.Name ?? operation,
            Template = endpoint?.Path ?? CupiTelemetry.Template(display),
            ServerAddress = _baseAddress.Host,
            ServerPort = _baseAddress.Port,
        };
        var started = Stopwatch.GetTimestamp();
        using var activity = CupiTelemetry.ActivitySource.StartActivity(method.Method + " " + call.Template, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            foreach (var tag in call.Tags())
            {
                activity.SetTag(tag.Key, tag.Value);
            }
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        Exception? failure = null;
        try
        {
            var attempt = await _pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<CupiAttempt>(state.Self.AttemptAsync(state.Call, ctx.CancellationToken)),
                context,
                (Self: this, Call: call)).ConfigureAwait(false);
            if (attempt.Error is { } error)
            {
                throw error;
            }

            return (TResult)attempt.Value!;
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            failure = ex;
            // Report the caller's own token, not the linked one of the timeouts.
            if (ex.CancellationToken == cancellationToken)
            {
                throw;
            }

            throw new TaskCanceledException(ex.Message, ex, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            var timeout = new CupiApiException(0, null, $"no answer within the total timeout of {Options.TotalTimeout} (CupiClientOptions.TotalTimeout)", method.Method, display, ex);
            failure = timeout;
            throw timeout;
        }
        catch (Exception ex) when (ex is not (CupiApiException or CupiValidationException or OperationCanceledException))
        {
            var wrapped = new CupiApiException(0, null, ex.Message, method.Method, display, ex);
            failure = wrapped;
            throw wrapped;
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            Completed(call, activity, failure, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Completed(CupiCall call, Activity? activity, Exception? failure, TimeSpan elapsed)
    {
        var tags = call.Tags();
        if (call.StatusCode is { } status)
        {
            tags.Add("http.response.status_code", status);
        }

        string? errorType = null;
        if (failure is not null)
        {
            errorType = CupiTelemetry.ErrorType(failure);
            tags.Add("error.type", errorType);
        }

        CupiTelemetry.Requests.Add(1, tags);
        CupiTelemetry.Duration.Record(elapsed.TotalSeconds, tags);
        if (activity is not null)
        {
            if (call.StatusCode is { } code)
            {
                activity.SetTag("http.response.status_code", code);
            }

            if (call.Retries > 0)
            {
                activity.SetTag("http.request.resend_count", call.Retries);
            }

            if (errorType is not null)
            {
                activity.SetTag("error.type", errorType);
                // The exception's message names method, path and CUPI's error, never a credential.
                activity.SetStatus(ActivityStatusCode.Error, failure!.Message);
            }
        }

        if (failure is null)
        {
            CupiLog.Call(_logger, call.Method.Method, call.Display, call.StatusCode ?? 0, elapsed.TotalMilliseconds, call.Retries);
        }
        else if (failure is not OperationCanceledException)
        {
            CupiLog.CallFailed(_logger, call.Method.Method, call.Display, elapsed.TotalMilliseconds, call.Retries, errorType!, failure);
        }
    }

    /// <summary>The operation of a call without an answer body that no endpoint table names: <c>Update</c> (PUT with a body), <c>Delete</c>, or an
    /// action named by the path's last segment (<c>PUT …/reset</c> → <c>Reset</c>).</summary>
    private static string SendOperation(HttpMethod method, string path, bool hasBody)
    {
        if (method == HttpMethod.Delete)
        {
            return "Delete";
        }

        if (hasBody)
        {
            return method == HttpMethod.Post ? "Create" : "Update";
        }

        var template = CupiTelemetry.Template(path);
        var last = template[(template.LastIndexOf('/') + 1)..];
        return last.Length > 0 && last != "{id}" ? char.ToUpperInvariant(last[0]) + last[1..] : method.Method;
    }

    /// <summary>One attempt: a slot of the server's limit, the exchange (with one re-authentication after a 401),
    /// the bounded body and its reading, under the attempt timeout. It returns its outcome rather than throwing,
    /// except when <paramref name="cancellationToken"/> (the caller's or the total timeout) ends the call.</summary>
    private async Task<CupiAttempt> AttemptAsync(CupiCall call, CancellationToken cancellationToken)
    {
        var method = call.Method;
        var reauthenticated = false;
        while (true)
        {
            using var lease = await AcquireSlotAsync(call, cancellationToken).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                return call.Fail(Verdict.Final, Error(call, 0, "no slot of the server's concurrency limit could be had", null));
            }

            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (Options.AttemptTimeout != Timeout.InfiniteTimeSpan)
            {
                attemptTimeout.CancelAfter(Options.AttemptTimeout);
            }

            var token = attemptTimeout.Token;
            var started = Stopwatch.GetTimestamp();
            HttpResponseMessage? response = null;
            call.StatusCode = null;
            try
            {
                response = await SendAsync(method, call.PathAndQuery, call.Body, token).ConfigureAwait(false);
                call.StatusCode = (int)response.StatusCode;
                var sentCookies = response.RequestMessage?.Headers.TryGetValues("Cookie", out var values) == true ? string.Join("; ", values) : null;
                if (response.StatusCode == HttpStatusCode.Unauthorized && sentCookies is not null && _basic is not null && !reauthenticated)
                {
                    CupiLog.Reauthenticate(_logger, method.Method, call.Display);
                    Session.Expire(new Uri(_baseAddress, call.PathAndQuery), sentCookies);
                    reauthenticated = true;
                    continue;
                }

                return response.IsSuccessStatusCode
                    ? await SucceededAsync(call, response, token).ConfigureAwait(false)
                    : await RefusedAsync(call, response, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                CupiLog.AttemptFailed(_logger, method.Method, call.Display, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex);
                return Failed(call, response, ex);
            }
            finally
            {
                if (response is not null)
                {
                    response.RequestMessage?.Dispose();
                    response.Dispose();
                }
            }
        }
    }

    /// <summary>A slot of the server's limit: at once when one is free, otherwise after a wait that is counted.</summary>
    private async ValueTask<RateLimitLease> AcquireSlotAsync(CupiCall call, CancellationToken cancellationToken)
    {
        var lease = _throttle.AttemptAcquire(1);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        var started = Stopwatch.GetTimestamp();
        var tags = new TagList { { "server.address", call.ServerAddress }, { "server.port", call.ServerPort } };
        CupiTelemetry.ThrottleWaits.Add(1, tags);
        try
        {
            return await _throttle.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CupiTelemetry.ThrottleWaitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    private async Task<CupiAttempt> SucceededAsync(CupiCall call, HttpResponseMessage response, CancellationToken token)
    {
        CupiResponseBody? body = null;
        Exception? cut = null;
        try
        {
            body = await CupiResponseBody.ReadAsync(response.Content, Options.MaxResponseBytes, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (call.AcceptsCutBody && ex is IOException or HttpRequestException)
        {
            cut = ex;
        }

        using (body)
        {
            var reply = new CupiReply(response, body is null ? ReadOnlyMemory<byte>.Empty : body.Memory, cut);
            if (cut is null && IsHtml(response) && call.Method == HttpMethod.Get)
            {
                // A login page or a captive portal, not CUPI's data: repeating the request will not change it.
                return call.Fail(Verdict.Final, Error(call, response.StatusCode, "the answer is an HTML page, not CUPI data" + Quote(reply.Body.Span), null));
            }

            try
            {
                return call.Succeed(call.Read(this, reply));
            }
            catch (CupiFormatException ex)
            {
                // A body that does not parse may have been damaged on the way: a GET may ask again.
                return call.Fail(Verdict.RetryIfIdempotent, Error(call, response.StatusCode, "the answer could not be read: " + ex.Message + Quote(reply.Body.Span), ex), "answered an unreadable body");
            }
            catch (CupiUnreadableAnswerException ex)
            {
                return call.Fail(ex.Verdict, Error(call, response.StatusCode, ex.Message, ex.InnerException), "answered " + ex.Message);
            }
        }
    }

    private async Task<CupiAttempt> RefusedAsync(CupiCall call, HttpResponseMessage response, CancellationToken token)
    {
        var status = response.StatusCode;
        if (status == HttpStatusCode.NotFound && call.Method == HttpMethod.Delete && call.AnswerLost)
        {
            // The earlier attempt deleted the object but its answer never arrived: the goal is reached.
            CupiLog.DeletedAfterLostAnswer(_logger, call.Display);
            return call.Succeed(null);
        }

        using var body = await CupiResponseBody.ReadPrefixAsync(response.Content, ErrorBodyBytes, token).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(body.Memory.Span);
        var (code, message) = CupiErrorBody.Parse(response.Content.Headers.ContentType?.MediaType, text);
        var error = new CupiApiException(status, code, message, call.Method.Method, call.Display);
        var retryAfter = RetryAfter(response);
        if (status == HttpStatusCode.ServiceUnavailable)
        {
            CupiTelemetry.ServerBusy.Add(1, call.Tags());
        }

        return (int)status switch
        {
            // Queued too long and never processed (the server's throttle), or refused for the rate: safe for every method.
            503 or 429 => call.Fail(Verdict.RetryAlways, error, $"answered {(int)status} (the server is busy)", retryAfter),
            408 => call.Fail(Verdict.RetryIfIdempotent, error, "answered 408", retryAfter),
            >= 500 => call.Fail(Verdict.RetryIfIdempotent, error, $"answered {(int)status}", retryAfter, answerLost: true),
            _ => call.Fail(Verdict.Final, error),
        };
    }

    private CupiAttempt Failed(CupiCall call, HttpResponseMessage? response, Exception ex)
    {
        var status = response?.StatusCode ?? 0;
        switch (ex)
        {
            case CupiResponseTooLargeException:
                return call.Fail(Verdict.Final, Error(call, status,
                    call.Method == HttpMethod.Post && response?.IsSuccessStatusCode == true ? ex.Message + "; the object was probably created" : ex.Message, null));
            case HttpRequestException http when IsTls(http):
                // A refused certificate stays refused: retrying only delays the answer.
                return call.Fail(Verdict.Final, Error(call, 0, "the TLS connection failed (certificate refused or handshake failed): " + http.Message, http));
            case OperationCanceledException:
                return call.Fail(Verdict.RetryIfIdempotent, Error(call, 0, $"no answer within the attempt timeout of {Options.AttemptTimeout} (CupiClientOptions.AttemptTimeout)", ex),
                    "timed out", answerLost: true);
            case IOException or HttpRequestException when response is not null:
                return call.Fail(Verdict.RetryIfIdempotent, Error(call, status, "the answer was cut off: " + ex.Message, ex), "answered a cut-off body", answerLost: true);
            case HttpRequestException http:
                return call.Fail(Verdict.RetryIfIdempotent, Error(call, 0, "the connection failed: " + http.Message, http), "could not connect or lost the connection", answerLost: true);
            default:
                return call.Fail(Verdict.Final, Error(call, status, ex.Message, ex));
        }
    }

    private string CreatedId(CupiReply reply)
    {
        var response = reply.Response;
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw new CupiUnreadableAnswerException($"expected 201 Created with the new object's URI, got {(int)response.StatusCode}" + Quote(reply.Body.Span), Verdict.Final);
        }

        var location = response.Headers.Location?.OriginalString;
        var locationId = location is null ? null : ParseCreatedId(location);
        var bodyText = reply.BodyError is null ? Encoding.UTF8.GetString(reply.Body.Span).Trim() : string.Empty;
        if (bodyText.Length > 0)
        {
            var bodyId = ParseCreatedId(bodyText);
            if (!IsObjectId(bodyId))
            {
                throw new CupiUnreadableAnswerException(
                    "the object was probably created, but the answer's URI does not end in an object id (a GUID)" + Quote(reply.Body.Span) +
                    (location is null ? string.Empty : $"; Location: {location}"), Verdict.Final);
            }

            if (location is not null && !string.Equals(bodyId, locationId, StringComparison.OrdinalIgnoreCase))
            {
                throw new CupiUnreadableAnswerException($"the object was probably created, but the body's URI ({bodyText}) and the Location header ({location}) name different objects", Verdict.Final);
            }

            return bodyId!;
        }

        if (IsObjectId(locationId))
        {
            CupiLog.IdFromLocation(_logger, reply.Response.RequestMessage?.RequestUri?.PathAndQuery ?? string.Empty, locationId!);
            return locationId!;
        }

        var why = reply.BodyError is null ? "the answer carries no URI" : "the answer was cut off (" + reply.BodyError.Message + ")";
        throw new CupiUnreadableAnswerException(
            $"the object was probably created, but {why}" + (location is null ? " and no Location header" : $" and the Location header ({location}) does not end in an object id"),
            Verdict.Final);
    }

    private static object? ExpectNoContent(CupiReply reply)
    {
        var status = reply.Response.StatusCode;
        if (status == HttpStatusCode.NoContent || (status == HttpStatusCode.OK && IsBlank(reply.Body.Span)))
        {
            return null;
        }

        throw new CupiUnreadableAnswerException(
            $"expected 204 No Content (or 200 without a body), got {(int)status}" +
            (reply.Response.Content.Headers.ContentType?.MediaType is { } type ? " with " + type : string.Empty) + Quote(reply.Body.Span),
            Verdict.Final);
    }

    private static bool IsBlank(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The body's first characters, for a message: enough to recognize a login page or a cut-off document.</summary>
    private static string Quote(ReadOnlySpan<byte> body)
    {
        if (IsBlank(body))
        {
            return " (empty body)";
        }

        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, QuotedCharacters * 4)]);
        var result = new StringBuilder(QuotedCharacters + 16).Append(": \"");
        var space = false;
        var count = 0;
        foreach (var c in text)
        {
            if (count >= QuotedCharacters)
            {
                result.Append('…');
                break;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = true;
                continue;
            }

            if (space && count > 0)
            {
                result.Append(' ');
                count++;
            }

            space = false;
            result.Append(c);
            count++;
        }

        return result.Append('"').ToString();
    }

    private static bool IsHtml(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true;

    private static bool IsTls(HttpRequestException ex)
    {
        if (ex.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            return true;
        }

        for (Exception? inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static CupiApiException Error(CupiCall call, HttpStatusCode status, string message, Exception? inner) =>
        new(status, null, message, call.Method.Method, call.Display, inner);

    private static ResiliencePipeline BuildPipeline(CupiClientOptions options, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.TotalTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(options.TotalTimeout);
        }

        if (options.MaxRetryAttempts > 0)
        {
            var maxDelay = options.MaxRetryDelay;
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                MaxDelay = maxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Result is CupiAttempt { Retry: true }),
                // The server's Retry-After, but never longer than MaxRetryDelay; otherwise the exponential backoff.
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Result is CupiAttempt { RetryAfter: { } after } ? (after > maxDelay ? maxDelay : after) : null),
                OnRetry = args =>
                {
                    if (args.Outcome.Result is CupiAttempt attempt && args.Context.Properties.TryGetValue(CallKey, out var call))
                    {
                        call.Retries++;
                        CupiTelemetry.Retries.Add(1, call.Tags());
                        CupiLog.Retry(logger, call.Method.Method, call.Display, args.AttemptNumber + 1, attempt.Reason ?? "failed", args.RetryDelay.TotalMilliseconds, attempt.Error);
                    }

                    return default;
                },
            });
        }

        return builder.Build();
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

    // ------------------------------------------------------------------ one call's state

    private enum Verdict
    {
        /// <summary>Not retried.</summary>
        Final,

        /// <summary>Retried for GET, PUT and DELETE only: the server may have acted on the request.</summary>
        RetryIfIdempotent,

        /// <summary>Retried for every method: the server did not process the request (503, 429).</summary>
        RetryAlways,
    }

    private readonly record struct CupiReply(HttpResponseMessage Response, ReadOnlyMemory<byte> Body, Exception? BodyError);

    private sealed class CupiCall(HttpMethod method, string pathAndQuery, string display, byte[]? body, Func<CupiTransport, CupiReply, object?> read, bool acceptsCutBody)
    {
        public HttpMethod Method { get; } = method;

        public string PathAndQuery { get; } = pathAndQuery;

        public string Display { get; } = display;

        public byte[]? Body { get; } = body;

        public Func<CupiTransport, CupiReply, object?> Read { get; } = read;

        public bool AcceptsCutBody { get; } = acceptsCutBody;

        public required string Resource { get; init; }

        public required string Operation { get; init; }

        public required string Template { get; init; }

        public required string ServerAddress { get; init; }

        public required int ServerPort { get; init; }

        /// <summary>The status of the last answer, or null when none came.</summary>
        public int? StatusCode { get; set; }

        public int Retries { get; set; }

        /// <summary>The dimensions every measurement and the span of this call share (OpenTelemetry HTTP client conventions, plus CUPI's resource and operation).</summary>
        public TagList Tags() => new()
        {
            { "http.request.method", Method.Method },
            { "server.address", ServerAddress },
            { "server.port", ServerPort },
            { "url.template", Template },
            { "cupi.resource", Resource },
            { "cupi.operation", Operation },
        };

        /// <summary>Whether an earlier attempt may have reached the server and been acted on, its answer lost.</summary>
        public bool AnswerLost { get; private set; }

        private bool Idempotent => Method == HttpMethod.Get || Method == HttpMethod.Put || Method == HttpMethod.Delete || Method == HttpMethod.Head || Method == HttpMethod.Options;

        public CupiAttempt Succeed(object? value) => new(value, null, false, null, null);

        public CupiAttempt Fail(Verdict verdict, CupiApiException error, string? reason = null, TimeSpan? retryAfter = null, bool answerLost = false)
        {
            AnswerLost |= answerLost;
            var retry = verdict == Verdict.RetryAlways || (verdict == Verdict.RetryIfIdempotent && Idempotent);
            return new CupiAttempt(null, error, retry, retryAfter, reason);
        }
    }

    private sealed record CupiAttempt(object? Value, CupiApiException? Error, bool Retry, TimeSpan? RetryAfter, string? Reason);

    /// <summary>An answer that is not what the call expects; <see cref="Verdict"/> tells whether to ask again.</summary>
    private sealed class CupiUnreadableAnswerException : Exception
    {
        public CupiUnreadableAnswerException(string message, Verdict verdict)
            : base(message) => Verdict = verdict;

        public CupiUnreadableAnswerException(string message, Exception inner)
            : base(message, inner) => Verdict = Verdict.RetryIfIdempotent;

        public Verdict Verdict { get; }
    }
}
