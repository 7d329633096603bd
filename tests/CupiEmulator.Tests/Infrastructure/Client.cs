using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace CupiGen.Emulator.Tests.Infrastructure;

/// <summary>Which wire format a request and its response use.</summary>
public enum WireFormat
{
    Xml,
    Json,
}

/// <summary>A response: status, body text and headers.</summary>
public sealed record Reply(HttpStatusCode Status, string Body, string? ContentType, HttpResponseMessage Message)
{
    public XElement Xml() => XDocument.Parse(Body).Root!;

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>The object's fields, whatever the format: wire name → trimmed text.</summary>
    public Dictionary<string, string> Fields(WireFormat wire) =>
        wire == WireFormat.Xml ? Payload.Fields(Xml()) : Payload.Fields(Json());

    /// <summary>The list's total and its objects' fields.</summary>
    public (int Total, List<Dictionary<string, string>> Items) List(WireFormat wire, string element) =>
        wire == WireFormat.Xml ? Payload.List(Xml()) : Payload.List(Json(), element);

    /// <summary>The CUPI error's code and message.</summary>
    public (string Code, string Message) Error(WireFormat wire)
    {
        if (wire == WireFormat.Xml)
        {
            var root = Xml();
            Assert.Equal("ErrorDetails", root.Name.LocalName);
            var errors = root.Element("errors")!;
            return (errors.Element("code")!.Value, errors.Element("message")!.Value);
        }

        var json = Json().GetProperty("errors");
        return (json.GetProperty("code").GetString()!, json.GetProperty("message").GetString()!);
    }
}

/// <summary>Plain HttpClient calls against an emulator, with Basic credentials and cookies as a client would send.</summary>
public sealed class Client : IDisposable
{
    private readonly HttpClient _http;

    public Client(CupiEmulator emulator, bool withCredentials = true, bool useCookies = true, string? user = null, string? password = null)
    {
        _http = new HttpClient(emulator.CreateHandler(useCookies)) { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (withCredentials)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user ?? emulator.UserName}:{password ?? emulator.Password}"));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
        }
    }

    public HttpRequestHeaders Headers => _http.DefaultRequestHeaders;

    public Task<Reply> Get(string path, WireFormat wire = WireFormat.Xml) => Send(HttpMethod.Get, path, null, wire);

    public Task<Reply> Post(string path, string body, WireFormat wire = WireFormat.Xml) => Send(HttpMethod.Post, path, body, wire);

    public Task<Reply> Put(string path, string? body, WireFormat wire = WireFormat.Xml) => Send(HttpMethod.Put, path, body, wire);

    public Task<Reply> Delete(string path, WireFormat wire = WireFormat.Xml) => Send(HttpMethod.Delete, path, null, wire);

    public async Task<Reply> Send(HttpMethod method, string path, string? body, WireFormat wire)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        var type = wire == WireFormat.Json ? "application/json" : "application/xml";
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, type);
        }

        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, text, response.Content.Headers.ContentType?.MediaType, response);
    }

    /// <summary>Sends a request exactly as built (for requests the helpers above would not send, such as a body without a content type).</summary>
    public async Task<Reply> SendRaw(HttpRequestMessage request)
    {
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, text, response.Content.Headers.ContentType?.MediaType, response);
    }

    /// <summary>Creates a port group and returns its id.</summary>
    public async Task<string> CreatePortGroup(string displayName, int method = 1, string host = "10.10.10.10", WireFormat wire = WireFormat.Xml)
    {
        var template = method switch { 1 => Seed.SccpTemplate, 2 => Seed.SipTemplate, _ => Seed.PimgTemplate };
        var body = Payload.Object(wire, "PortGroup", new()
        {
            ["MediaSwitchObjectId"] = Seed.PhoneSystem,
            ["MediaPortGroupTemplateObjectId"] = template,
            ["DisplayName"] = displayName,
            ["TelephonyIntegrationMethodEnum"] = method.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HostOrIPAddress"] = host,
        });
        var reply = await Post("vmrest/portgroups", body, wire);
        Assert.True(reply.Status == HttpStatusCode.Created, $"{reply.Status}: {reply.Body}");
        return reply.Body.Trim()["/vmrest/portgroups/".Length..];
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>Ids of the seed data (the document's).</summary>
public static class Seed
{
    public const string SccpTemplate = "90dd306f-b8af-46b6-8289-f13437cc1e5e";
    public const string SipTemplate = "04e0e286-56ed-4f27-a325-756a49dd98e1";
    public const string PimgTemplate = "8fc4952c-aa4f-4b96-a4b3-dbe26e49d899";
    public const string PhoneSystem = "5bfd3bae-0c37-4d20-8066-c3065431fc41";
    public const string Profile5060 = "87cab9a5-c68d-447a-ab4f-7cd2837aa240";
    public const string Profile5061 = "61dc7bd7-06a4-4e64-8104-ea9694390358";
    public const string Certificate = "2654ba6a-ae1a-4935-a8cc-c1cf7199f695";
    public const string Ilbc = "9a23b48c-060d-b267-2589-5701238ab567";
    public const string G729 = "8923aabc-3650-b232-1b00-0788b04a84c6";
}

/// <summary>Builds and reads CUPI payloads without the generated serializers.</summary>
public static class Payload
{
    public static string Object(WireFormat wire, string element, Dictionary<string, string> fields)
    {
        if (wire == WireFormat.Json)
        {
            return JsonSerializer.Serialize(fields);
        }

        return new XElement(element, fields.Select(f => new XElement(f.Key, f.Value))).ToString(SaveOptions.DisableFormatting);
    }

    public static Dictionary<string, string> Fields(XElement element) =>
        element.Elements().ToDictionary(e => e.Name.LocalName, e => e.Value.Trim(), StringComparer.Ordinal);

    public static Dictionary<string, string> Fields(JsonElement element)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            // CUPI's JSON dialect: every scalar is a string.
            Assert.True(property.Value.ValueKind == JsonValueKind.String, $"{property.Name} is {property.Value.ValueKind}, not a string");
            fields[property.Name] = property.Value.GetString()!.Trim();
        }

        return fields;
    }

    public static (int Total, List<Dictionary<string, string>> Items) List(XElement root) =>
        (int.Parse(root.Attribute("total")!.Value, System.Globalization.CultureInfo.InvariantCulture), root.Elements().Select(Fields).ToList());

    public static (int Total, List<Dictionary<string, string>> Items) List(JsonElement root, string element)
    {
        var totalValue = root.GetProperty("@total");
        Assert.Equal(JsonValueKind.String, totalValue.ValueKind);
        var total = int.Parse(totalValue.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var items = new List<Dictionary<string, string>>();
        if (root.TryGetProperty(element, out var member))
        {
            if (member.ValueKind == JsonValueKind.Array)
            {
                Assert.True(member.GetArrayLength() > 1, "a list of one must be a bare object, not an array");
                items.AddRange(member.EnumerateArray().Select(Fields));
            }
            else
            {
                items.Add(Fields(member));
            }
        }

        return (total, items);
    }
}

/// <summary>The document's example payloads (tests/fixtures/doc).</summary>
public static class DocFixture
{
    public static string Text(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "doc", file));

    public static XElement Xml(string file) => XDocument.Parse(Text(file)).Root!;

    public static JsonElement Json(string file) => JsonDocument.Parse(Text(file)).RootElement.Clone();
}
