using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using CupiGen.Client.Tests.Infrastructure;
using Cupi;
using Microsoft.AspNetCore.Http;

namespace CupiGen.Client.Tests;

public sealed class ErrorTests : IAsyncLifetime
{
    private FakeCupiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeCupiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private void Answer(int status, string contentType, string body) =>
        _server.Intercept = async (context, _) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
            return true;
        };

    [Fact]
    public async Task Xml_error_details()
    {
        Answer(400, "application/xml", "<?xml version=\"1.0\"?><ErrorDetails><errors><code>INVALID_PARAMETER</code><message>DisplayName is too long</message></errors></ErrorDetails>");
        var error = await Assert.ThrowsAsync<CupiApiException>(() => Clients.For(_server, CupiWireFormat.Xml).PortGroups.GetAsync("abc"));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("INVALID_PARAMETER", error.ErrorCode);
        Assert.Equal("DisplayName is too long", error.ErrorMessage);
        Assert.Equal("GET", error.Method);
        Assert.Equal("/vmrest/portgroups/abc", error.Path);
        Assert.Equal("CUPI GET /vmrest/portgroups/abc failed with HTTP 400 (BadRequest), error INVALID_PARAMETER: DisplayName is too long", error.Message);
    }

    [Fact]
    public async Task Json_error_details()
    {
        Answer(404, "application/json", "{\"errors\":{\"code\":\"DATA_EXCEPTION\",\"message\":\"Port group not found\"}}");
        var error = await Assert.ThrowsAsync<CupiApiException>(() => Clients.For(_server).PortGroups.DeleteAsync("gone"));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("DATA_EXCEPTION", error.ErrorCode);
        Assert.Equal("Port group not found", error.ErrorMessage);
        Assert.Equal("DELETE", error.Method);
    }

    [Fact]
    public async Task Html_error_page_is_reduced_to_its_text()
    {
        Answer(403, "text/html", "<!DOCTYPE html><html><head><title>HTTP Status 403 – Forbidden</title><style>body{color:red}</style></head><body><h1>HTTP Status 403 – Forbidden</h1><p>Access to the requested resource has been denied &amp; logged</p></body></html>");
        var error = await Assert.ThrowsAsync<CupiApiException>(() => Clients.For(_server).PhoneSystems.ListPageAsync());
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.Equal("HTTP Status 403 – Forbidden - Access to the requested resource has been denied & logged", error.ErrorMessage);
        Assert.DoesNotContain("<", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", "{\"errors\":{\"code\":\"BAD\\nCODE\",\"message\":\"first\\n2026-12-02 INFO forged line\\u001b[2J\"}}")]
    [InlineData("application/xml", "<ErrorDetails><errors><code>BAD\nCODE</code><message>first\r\n2026-12-02 INFO forged line</message></errors></ErrorDetails>")]
    public async Task A_servers_error_text_reaches_the_message_as_one_bounded_line(string contentType, string body)
    {
        // The server's words go into messages and logs: a hostile server must not forge log lines, drive a
        // terminal, or fill a log with one message.
        Answer(400, contentType, body);
        var error = await Assert.ThrowsAsync<CupiApiException>(() => Clients.For(_server).PortGroups.GetAsync("abc"));
        Assert.Equal("BAD CODE", error.ErrorCode);
        Assert.Equal("first 2026-12-02 INFO forged line" + (body.Contains("u001b", StringComparison.Ordinal) ? " [2J" : ""), error.ErrorMessage);
        Assert.DoesNotContain(error.Message, char.IsControl);

        Answer(500, "application/json", "{\"errors\":{\"code\":\"X\",\"message\":\"" + new string('m', 20_000) + "\"}}");
        var big = await Assert.ThrowsAsync<CupiApiException>(() => Clients.For(_server).PortGroups.GetAsync("abc"));
        Assert.InRange(big.ErrorMessage!.Length, 100, 501);
    }

    [Fact]
    public async Task Plain_and_empty_bodies()
    {
        Answer(500, "text/plain", "  Internal\n error  ");
        var clientWithoutRetries = Clients.For(_server, configure: o => o.MaxRetryAttempts = 0);
        var error = await Assert.ThrowsAsync<CupiApiException>(() => clientWithoutRetries.PhoneSystems.GetAsync("x"));
        Assert.Equal("Internal error", error.ErrorMessage);

        Answer(409, "application/json", string.Empty);
        error = await Assert.ThrowsAsync<CupiApiException>(() => clientWithoutRetries.PhoneSystems.GetAsync("x"));
        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Null(error.ErrorMessage);
    }

    [Fact]
    public async Task Errors_never_carry_credentials()
    {
        var client = Clients.For(_server, configure: o => o.Password = "wrong-" + FakeCupiServer.Password);
        var error = await Assert.ThrowsAsync<CupiApiException>(() => client.PortGroups.ListPageAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("AUTHENTICATION_FAILED", error.ErrorCode);
        Assert.DoesNotContain(FakeCupiServer.Password, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Basic", error.ToString(), StringComparison.Ordinal);
        Assert.Single(_server.Requests); // a refused Basic login is not repeated
        Assert.DoesNotContain(FakeCupiServer.Password, Clients.Options(_server).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_failure_sends_nothing()
    {
        var transport = CupiTransport.Create(Clients.Options(_server));
        var widget = new Widget { Name = "" };
        var error = await Assert.ThrowsAsync<CupiValidationException>(() => transport.CreateAsync(System.Net.Http.HttpMethod.Post, "/vmrest/widgets", widget));
        Assert.Contains("Name", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    /// <summary>A hand-written model on the runtime's table and store, with a validator, as generated models have.</summary>
    private sealed class Widget : ICupiModel<Widget>, ICupiValidatable
    {
        private static readonly CupiModelInfo Info = new(
            "Tests", "Widget", "Widget", "Widgets", [new CupiFieldInfo(0, "Name", CupiFieldKind.String, 0)], static () => new Widget());

        private readonly string?[] _texts = new string?[1];
        private CupiFieldStore _store = new(1);

        public string? Name
        {
            get => _texts[0];
            set => _store.SetText(ref _texts[0], 0, value);
        }

        public static CupiModelInfo Metadata => Info;

        public CupiModelInfo ModelInfo => Info;

        public ref CupiFieldStore FieldStore => ref _store;

        public Span<string?> TextSlots => _texts;

        public Span<int> NumberSlots => default;

        public static Widget CreateEmpty() => new();

        public CupiValidationResult Validate(CupiOperation operation) =>
            string.IsNullOrEmpty(Name)
                ? new CupiValidationResult([new CupiValidationProblem("Name", CupiRule.Required, CupiSeverity.Error, null, null, "Name is required")])
                : CupiValidationResult.Valid;
    }
}
