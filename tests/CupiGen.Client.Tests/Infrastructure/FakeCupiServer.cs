using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CupiGen.Client.Tests.Infrastructure;

/// <summary>A way to break one request: before the server processes it (503, 500), or after, losing its answer.</summary>
public enum Fault
{
    None,

    /// <summary>503 before processing, as Unity Connection's throttle answers a request that queued too long.</summary>
    Busy,

    /// <summary>500 before processing.</summary>
    ServerError,

    /// <summary>Processed, then no answer until long after the client's attempt timeout.</summary>
    Timeout,

    /// <summary>Processed, then the connection is reset before any answer.</summary>
    Reset,

    /// <summary>Processed, then the answer's headers and half its body (per its Content-Length), then a reset.</summary>
    CutBody,
}

/// <summary>One request as the server saw it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string? Authorization, string? Cookie, string? ContentType, string? Accept, string Body, string RawTarget);

/// <summary>
/// A small in-memory CUPI server on 127.0.0.1 (a free port, real sockets): Basic authentication that opens a
/// cookie session, the Port Groups endpoints over generic field dictionaries in JSON or XML (chosen by the request's
/// Accept header), paging, query and sort. Tests can intercept any request with <see cref="Intercept"/>.
/// </summary>
internal sealed partial class FakeCupiServer : IAsyncDisposable
{
    public const string UserName = "admin";
    public const string Password = "s3cret-Pa55";

    private static readonly (Regex Pattern, string Element, string List)[] Collections =
    [
        (new Regex("^/vmrest/portgroups/([^/]+)/portgroupservers$"), "PortGroupServer", "PortGroupServers"),
        (new Regex("^/vmrest/portgroups/([^/]+)/portgroupcodecs$"), "PortGroupCodec", "PortGroupCodecs"),
        (new Regex("^/vmrest/portgroups$"), "PortGroup", "PortGroups"),
        (new Regex("^/vmrest/portgrouptemplates$"), "PortGroupTemplate", "PortGroupTemplates"),
        (new Regex("^/vmrest/rtpcodecsdefs$"), "RtpCodecDef", "RtpCodecDefs"),
        (new Regex("^/vmrest/phonesystems$"), "PhoneSystem", "PhoneSystems"),
        (new Regex("^/vmrest/sipprofiles$"), "SipSecurityProfile", "SipSecurityProfiles"),
        (new Regex("^/vmrest/sipcertificates$"), "SipCertificate", "SipCertificates"),
    ];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, List<Dictionary<string, string>>> _store = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _sessions = new(StringComparer.Ordinal);
    private readonly object _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private int _inFlight;
    private int _busyAnswers;
    private SemaphoreSlim? _throttle;
    private TimeSpan _queueTimeout;
    private TimeSpan _work;
    private int _maxInFlight;

    private FakeCupiServer(WebApplication app, Uri address)
    {
        _app = app;
        BaseAddress = address;
    }

    public Uri BaseAddress { get; }

    /// <summary>Handles a request before the fake CUPI logic; return true when it answered.</summary>
    public Func<HttpContext, RecordedRequest, Task<bool>>? Intercept { get; set; }

    /// <summary>Decides per request whether and how to break it (see <see cref="Fault"/>).</summary>
    public Func<RecordedRequest, Fault>? Faults { get; set; }

    /// <summary>How long a <see cref="Fault.Timeout"/> keeps the client waiting.</summary>
    public TimeSpan FaultDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>503s answered by <see cref="Fault.Busy"/> or by the throttle.</summary>
    public int BusyAnswers => Volatile.Read(ref _busyAnswers);

    /// <summary>
    /// Throttles as Unity Connection does (Cisco, "Unity Connection REST API FAQ"): at most
    /// <paramref name="inProgress"/> requests are processed at once, each taking <paramref name="work"/>; the others
    /// queue, and one that waited longer than <paramref name="queueTimeout"/> is answered 503 unprocessed.
    /// </summary>
    public void Throttle(int inProgress, TimeSpan queueTimeout, TimeSpan work)
    {
        _throttle = new SemaphoreSlim(inProgress, inProgress);
        _queueTimeout = queueTimeout;
        _work = work;
    }

    /// <summary>The body of a 201 for the new object's URI (the default: the URI itself).</summary>
    public Func<string, string> CreatedBody { get; set; } = static uri => uri;

    /// <summary>The Location header of a 201 for the new object's URI, or null for none (the default: the URI itself).</summary>
    public Func<string, string>? CreatedLocation { get; set; } = static uri => uri;

    /// <summary>Copies of a collection's objects.</summary>
    public Dictionary<string, string>[] Objects(string collectionPath)
    {
        if (!_store.TryGetValue(collectionPath, out var list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list.Select(o => new Dictionary<string, string>(o))];
        }
    }

    /// <summary>Objects created so far, per collection path.</summary>
    public int Count(string collectionPath)
    {
        if (!_store.TryGetValue(collectionPath, out var list))
        {
            return 0;
        }

        lock (list)
        {
            return list.Count;
        }
    }

    /// <summary>Requests being handled right now, and the most there ever were at once.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Whether requests must authenticate (Basic once, then the session cookie).</summary>
    public bool RequireAuthentication { get; set; } = true;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public int BasicCount => Requests.Count(r => r.Authorization?.StartsWith("Basic ", StringComparison.Ordinal) == true);

    public static async Task<FakeCupiServer> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            // Loopback only, on a port the OS picks.
            options.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        FakeCupiServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var port = new Uri(address).Port;
        server = new FakeCupiServer(app, new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{port}/"));
        return server;
    }

    public void ClearRequests()
    {
        lock (_lock)
        {
            _requests.Clear();
        }
    }

    /// <summary>Ends every session: the next cookie request gets 401.</summary>
    public void ExpireSessions() => _sessions.Clear();

    public void Seed(string collectionPath, params Dictionary<string, string>[] objects)
    {
        var list = _store.GetOrAdd(collectionPath, _ => []);
        lock (list)
        {
            list.AddRange(objects);
        }
    }

    public Dictionary<string, string>? Find(string collectionPath, string id)
    {
        if (!_store.TryGetValue(collectionPath, out var list))
        {
            return null;
        }

        lock (list)
        {
            return list.FirstOrDefault(o => o.GetValueOrDefault("ObjectId") == id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // ------------------------------------------------------------------ request handling

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, now, max) == max)
            {
                break;
            }
        }

        try
        {
            if (_throttle is { } throttle)
            {
                if (!await throttle.WaitAsync(_queueTimeout))
                {
                    Interlocked.Increment(ref _busyAnswers);
                    await ErrorAsync(context, false, 503, "SERVICE_UNAVAILABLE", "Server busy");
                    return;
                }

                try
                {
                    await Task.Delay(_work);
                    await HandleCoreAsync(context);
                }
                finally
                {
                    throttle.Release();
                }
            }
            else
            {
                await HandleCoreAsync(context);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task HandleCoreAsync(HttpContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.Authorization.FirstOrDefault(),
            context.Request.Headers.Cookie.FirstOrDefault(),
            context.Request.ContentType,
            context.Request.Headers.Accept.FirstOrDefault(),
            body,
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? string.Empty);
        lock (_lock)
        {
            _requests.Add(request);
        }

        if (Intercept is { } intercept && await intercept(context, request))
        {
            return;
        }

        var xml = request.Accept?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true;
        var fault = Faults?.Invoke(request) ?? Fault.None;
        if (fault is Fault.Busy or Fault.ServerError)
        {
            if (fault == Fault.Busy)
            {
                Interlocked.Increment(ref _busyAnswers);
                context.Response.Headers.RetryAfter = "0";
            }

            await ErrorAsync(context, xml, fault == Fault.Busy ? 503 : 500, fault == Fault.Busy ? "SERVICE_UNAVAILABLE" : "INTERNAL_ERROR", "injected");
            return;
        }

        if (RequireAuthentication && !Authenticate(context, request))
        {
            await ErrorAsync(context, xml, 401, "AUTHENTICATION_FAILED", "Authentication failed");
            return;
        }

        if (fault == Fault.None)
        {
            await RouteAsync(context, request, xml);
            return;
        }

        // Process the request for real, keep its answer here, then lose it.
        var wire = context.Response.Body;
        using var answer = new MemoryStream();
        context.Response.Body = answer;
        await RouteAsync(context, request, xml);
        context.Response.Body = wire;
        switch (fault)
        {
            case Fault.Timeout:
                await Task.Delay(FaultDelay, context.RequestAborted).ContinueWith(_ => { });
                context.Abort();
                return;
            case Fault.CutBody when answer.Length > 1:
                context.Response.ContentLength = answer.Length;
                await wire.WriteAsync(answer.GetBuffer().AsMemory(0, (int)answer.Length / 2));
                await wire.FlushAsync();
                await Task.Delay(50);
                context.Abort();
                return;
            default:
                context.Abort();
                return;
        }
    }

    private bool Authenticate(HttpContext context, RecordedRequest request)
    {
        var session = context.Request.Cookies["JSESSIONID"];
        if (session is not null && _sessions.ContainsKey(session))
        {
            return true;
        }

        if (request.Authorization is { } header && header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
            if (text == UserName + ":" + Password)
            {
                var id = Guid.NewGuid().ToString("N");
                _sessions[id] = true;
                context.Response.Headers.Append("Set-Cookie", $"JSESSIONID={id}; Path=/; HttpOnly");
                context.Response.Headers.Append("Set-Cookie", $"JSESSIONIDSSO={Guid.NewGuid():N}; Path=/; HttpOnly");
                context.Response.Headers.Append("Set-Cookie", $"REQUEST_TOKEN_KEY={Guid.NewGuid():N}; Path=/");
                return true;
            }
        }

        return false;
    }

    private async Task RouteAsync(HttpContext context, RecordedRequest request, bool xml)
    {
        var path = request.Path;
        var method = request.Method;

        var reset = ResetPattern().Match(path);
        if (reset.Success && method == "PUT")
        {
            var group = Find("/vmrest/portgroups", reset.Groups[1].Value);
            if (group is null)
            {
                await ErrorAsync(context, xml, 404, "DATA_EXCEPTION", "Port group not found");
            }
            else if (group.GetValueOrDefault("ResetStatusEnum") != "100")
            {
                await ErrorAsync(context, xml, 400, "INVALID_PARAMETER", "Reset is not required for this port group");
            }
            else
            {
                group["ResetStatusEnum"] = "0";
                context.Response.StatusCode = 204;
            }

            return;
        }

        foreach (var (pattern, element, listElement) in Collections)
        {
            if (pattern.IsMatch(path))
            {
                await CollectionAsync(context, request, xml, path, element, listElement);
                return;
            }
        }

        // An item: the collection is everything before the last segment.
        var slash = path.LastIndexOf('/');
        var collectionPath = path[..slash];
        var id = Uri.UnescapeDataString(path[(slash + 1)..]);
        foreach (var (pattern, element, _) in Collections)
        {
            if (!pattern.IsMatch(collectionPath))
            {
                continue;
            }

            if (collectionPath == "/vmrest/portgroups" && method == "POST")
            {
                // "Adding New Port Group": POST /vmrest/portgroups/{phoneSystemObjectId}.
                var created = Parse(request.Body, xml);
                created["MediaSwitchObjectId"] = id;
                await CreateAsync(context, "/vmrest/portgroups", created);
                return;
            }

            var item = Find(collectionPath, id);
            if (item is null)
            {
                await ErrorAsync(context, xml, 404, "DATA_EXCEPTION", $"No {element} with id {id}");
                return;
            }

            switch (method)
            {
                case "GET":
                    await WriteAsync(context, xml, xml ? ObjectXml(element, item) : ObjectJson(item));
                    return;
                case "PUT":
                    foreach (var (key, value) in Parse(request.Body, xml))
                    {
                        item[key] = value;
                    }

                    context.Response.StatusCode = 204;
                    return;
                case "DELETE":
                    var list = _store[collectionPath];
                    lock (list)
                    {
                        list.Remove(item);
                    }

                    context.Response.StatusCode = 204;
                    return;
            }
        }

        await ErrorAsync(context, xml, 404, "NOT_FOUND", $"No resource at {path}");
    }

    private async Task CollectionAsync(HttpContext context, RecordedRequest request, bool xml, string path, string element, string listElement)
    {
        if (request.Method == "POST")
        {
            var created = Parse(request.Body, xml);
            var match = Regex.Match(path, "^/vmrest/portgroups/([^/]+)/");
            if (match.Success)
            {
                created["MediaPortGroupObjectId"] = match.Groups[1].Value;
            }

            await CreateAsync(context, path, created);
            return;
        }

        var all = _store.GetOrAdd(path, _ => []);
        List<Dictionary<string, string>> items;
        lock (all)
        {
            items = [.. all];
        }

        var query = context.Request.Query;
        if (query["query"].FirstOrDefault() is { } filter)
        {
            var clause = QueryPattern().Match(filter);
            if (!clause.Success)
            {
                await ErrorAsync(context, xml, 400, "INVALID_PARAMETER", "Invalid query " + filter);
                return;
            }

            var (column, op, value) = (clause.Groups[1].Value, clause.Groups[2].Value, clause.Groups[3].Value);
            items = items.Where(o => o.TryGetValue(column, out var v) &&
                (op == "is" ? string.Equals(v, value, StringComparison.OrdinalIgnoreCase) : v.StartsWith(value, StringComparison.OrdinalIgnoreCase))).ToList();
        }

        if (query["sort"].FirstOrDefault() is { } sort)
        {
            var clause = SortPattern().Match(sort);
            var column = clause.Groups[1].Value;
            items = clause.Groups[2].Value == "desc"
                ? items.OrderByDescending(o => o.GetValueOrDefault(column), StringComparer.Ordinal).ToList()
                : items.OrderBy(o => o.GetValueOrDefault(column), StringComparer.Ordinal).ToList();
        }

        var total = items.Count;
        if (int.TryParse(query["rowsPerPage"].FirstOrDefault(), out var rows) && int.TryParse(query["pageNumber"].FirstOrDefault(), out var page))
        {
            items = items.Skip((page - 1) * rows).Take(rows).ToList();
        }

        await WriteAsync(context, xml, xml ? ListXml(element, listElement, items, total) : ListJson(element, items, total));
    }

    private async Task CreateAsync(HttpContext context, string collectionPath, Dictionary<string, string> created)
    {
        var id = Guid.NewGuid().ToString();
        created["ObjectId"] = id;
        created["URI"] = collectionPath + "/" + id;
        if (collectionPath == "/vmrest/portgroups")
        {
            created.TryAdd("ResetStatusEnum", "0");
        }

        Seed(collectionPath, created);
        context.Response.StatusCode = 201;
        if (CreatedLocation is { } location)
        {
            context.Response.Headers.Location = location(created["URI"]);
        }

        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(CreatedBody(created["URI"]));
    }

    // ------------------------------------------------------------------ payloads

    public static async Task ErrorAsync(HttpContext context, bool xml, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        await WriteAsync(context, xml, xml
            ? new XElement("ErrorDetails", new XElement("errors", new XElement("code", code), new XElement("message", message))).ToString()
            : JsonSerializer.Serialize(new Dictionary<string, object> { ["errors"] = new Dictionary<string, string> { ["code"] = code, ["message"] = message } }));
    }

    private static async Task WriteAsync(HttpContext context, bool xml, string text)
    {
        context.Response.ContentType = xml ? "application/xml" : "application/json";
        await context.Response.WriteAsync(text);
    }

    private static Dictionary<string, string> Parse(string body, bool xml)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body))
        {
            return result;
        }

        if (xml)
        {
            foreach (var element in XElement.Parse(body).Elements())
            {
                result[element.Name.LocalName] = element.Value;
            }
        }
        else
        {
            using var document = JsonDocument.Parse(body);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                result[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return result;
    }

    private static string ObjectJson(Dictionary<string, string> item) => JsonSerializer.Serialize(item);

    private static string ObjectXml(string element, Dictionary<string, string> item) =>
        new XElement(element, item.Select(p => new XElement(p.Key, p.Value))).ToString();

    private static string ListJson(string element, List<Dictionary<string, string>> items, int total)
    {
        var root = new Dictionary<string, object> { ["@total"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (items.Count == 1)
        {
            root[element] = items[0];   // CUPI's list of one: a bare object
        }
        else if (items.Count > 1)
        {
            root[element] = items;
        }

        return JsonSerializer.Serialize(root);
    }

    private static string ListXml(string element, string listElement, List<Dictionary<string, string>> items, int total) =>
        new XElement(listElement, new XAttribute("total", total), items.Select(i => new XElement(element, i.Select(p => new XElement(p.Key, p.Value))))).ToString();

    [GeneratedRegex("^/vmrest/portgroups/([^/]+)/reset$")]
    private static partial Regex ResetPattern();

    [GeneratedRegex(@"^\((\w+) (is|startswith) (.*)\)$", RegexOptions.Singleline)]
    private static partial Regex QueryPattern();

    [GeneratedRegex(@"^\((\w+) (asc|desc)\)$")]
    private static partial Regex SortPattern();
}
