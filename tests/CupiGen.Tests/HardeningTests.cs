using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Cupi;

namespace CupiGen.Tests;

/// <summary>Hostile payloads: DTDs, entities, deep nesting, oversized documents.</summary>
public sealed class HardeningTests : IDisposable
{
    private readonly string _secretFile;
    private const string SecretContent = "TOP-SECRET-FILE-CONTENT-4711";

    public HardeningTests()
    {
        _secretFile = Path.Combine(Path.GetTempPath(), "cupigen-xxe-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(_secretFile, SecretContent);
    }

    public void Dispose() => File.Delete(_secretFile);

    private static void AssertRejected(Func<object> read, string? mustNotLeak = null)
    {
        var ex = Assert.Throws<CupiFormatException>(read);
        if (mustNotLeak is not null)
        {
            Assert.DoesNotContain(mustNotLeak, ex.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_dtd_is_rejected()
    {
        var xml = "<!DOCTYPE PortGroup [<!ELEMENT PortGroup ANY>]><PortGroup><DisplayName>x</DisplayName></PortGroup>";
        AssertRejected(() => PortGroup.FromXml(xml));
        AssertRejected(() => PortGroup.ListFromXml(xml));
        AssertRejected(() => PortGroup.FromXml(Encoding.UTF8.GetBytes(xml)));
    }

    [Fact]
    public void An_external_file_entity_is_rejected_and_the_file_is_not_read()
    {
        var uri = new Uri(_secretFile).AbsoluteUri;
        var xml = $"<?xml version=\"1.0\"?>\n<!DOCTYPE PortGroup [<!ENTITY xxe SYSTEM \"{uri}\">]>\n<PortGroup><DisplayName>&xxe;</DisplayName></PortGroup>";
        AssertRejected(() => PortGroup.FromXml(xml), SecretContent);
        AssertRejected(() => PortGroup.FromXml(new MemoryStream(Encoding.UTF8.GetBytes(xml))), SecretContent);
        AssertRejected(() => PortGroup.ListFromXml(xml.Replace("PortGroup", "PortGroups", StringComparison.Ordinal)), SecretContent);

        // An external DTD reference as well.
        var externalDtd = $"<!DOCTYPE PortGroup SYSTEM \"{uri}\"><PortGroup/>";
        AssertRejected(() => PortGroup.FromXml(externalDtd), SecretContent);
    }

    [Fact]
    public async Task An_external_http_entity_is_never_fetched()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var xml = $"<!DOCTYPE PortGroup [<!ENTITY xxe SYSTEM \"http://127.0.0.1:{port}/secret\">]><PortGroup><DisplayName>&xxe;</DisplayName></PortGroup>";
            AssertRejected(() => PortGroup.FromXml(xml));
            var dtd = $"<!DOCTYPE PortGroup SYSTEM \"http://127.0.0.1:{port}/x.dtd\"><PortGroup/>";
            AssertRejected(() => PortGroup.FromXml(dtd));

            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var accepted = listener.AcceptTcpClientAsync(cts.Token).AsTask();
            var finished = await Task.WhenAny(accepted, Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None)).ConfigureAwait(true);
            Assert.False(accepted.IsCompletedSuccessfully, "the reader connected to the entity's URL");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepted).ConfigureAwait(true);
            _ = finished;
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void Billion_laughs_is_rejected_quickly()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        sb.Append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (var i = 2; i <= 9; i++)
        {
            sb.Append("<!ENTITY lol").Append(i).Append(" \"");
            for (var j = 0; j < 10; j++)
            {
                sb.Append("&lol").Append(i - 1).Append(';');
            }

            sb.Append("\">\n");
        }

        sb.Append("]>\n<PortGroup><DisplayName>&lol9;</DisplayName></PortGroup>");
        var xml = sb.ToString();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        AssertRejected(() => PortGroup.FromXml(xml));
        AssertRejected(() => PortGroup.ListFromXml(xml));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Internal_character_and_predefined_entities_still_work()
    {
        var pg = PortGroup.FromXml("<PortGroup><DisplayName>a &amp; b &lt;c&gt; &#233;&#x65E5;</DisplayName></PortGroup>");
        Assert.Equal("a & b <c> é日", pg.DisplayName);
    }

    private static string Nested(string open, string close, int depth)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            sb.Append(open);
        }

        for (var i = 0; i < depth; i++)
        {
            sb.Append(close);
        }

        return sb.ToString();
    }

    [Fact]
    public void Xml_nested_deeper_than_the_limit_inside_an_unknown_element_is_rejected()
    {
        var xml = "<PortGroup><DisplayName>x</DisplayName>\n<Unknown>" + Nested("<a>", "</a>", CupiLimits.MaxDepth + 5) + "</Unknown></PortGroup>";
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.FromXml(xml));
        Assert.Equal(2, ex.Line);
        Assert.True(ex.Column > 0);
        Assert.Equal("Unknown", ex.Field);

        // In a list member, and far deeper.
        var list = "<PortGroups total=\"1\"><PortGroup><Unknown>" + Nested("<a>", "</a>", 10_000) + "</Unknown></PortGroup></PortGroups>";
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromXml(list));
    }

    [Fact]
    public void Xml_nested_within_the_limit_inside_an_unknown_element_is_kept()
    {
        var inner = Nested("<a>", "</a>", CupiLimits.MaxDepth - 5);
        var pg = PortGroup.FromXml("<PortGroup><Unknown>" + inner + "</Unknown></PortGroup>");
        Assert.True(pg.IsPresent("Unknown"));
        var again = PortGroup.FromXml(pg.ToXml());
        Assert.Equal(pg.AdditionalFields["Unknown"], again.AdditionalFields["Unknown"]);
    }

    [Fact]
    public void Xml_nested_deeper_than_the_limit_is_rejected_wherever_it_is()
    {
        // Inside elements the list reader skips.
        var skipped = "<PortGroups total=\"0\"><Paging>" + Nested("<a>", "</a>", 10_000) + "</Paging></PortGroups>";
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromXml(skipped));

        // Inside a known field.
        var inField = "<PortGroup><DisplayName>" + Nested("<a>", "</a>", 10_000) + "</DisplayName></PortGroup>";
        Assert.Throws<CupiFormatException>(() => PortGroup.FromXml(inField));
    }

    [Fact]
    public void Json_nested_deeper_than_the_limit_is_rejected()
    {
        var deepArray = "{\"Unknown\":" + Nested("[", "]", CupiLimits.MaxDepth + 5) + "}";
        Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(deepArray));
        var deepObject = "{\"Unknown\":" + string.Concat(System.Linq.Enumerable.Repeat("{\"a\":", CupiLimits.MaxDepth + 5)) + "1" + new string('}', CupiLimits.MaxDepth + 5) + "}";
        Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(deepObject));
        var inList = "{\"@total\":\"1\",\"PortGroup\":{\"Unknown\":" + Nested("[", "]", 100_000) + "}}";
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson(inList));
        var skipped = "{\"@total\":\"0\",\"@other\":" + Nested("[", "]", 100_000) + "}";
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromJson(skipped));
    }

    [Fact]
    public void Json_nested_within_the_limit_is_kept_and_written_back()
    {
        var inner = Nested("[", "]", CupiLimits.MaxDepth - 2);
        var pg = PortGroup.FromJson("{\"Unknown\":" + inner + "}");
        Assert.Equal(inner, pg.AdditionalFields["Unknown"]);
        var again = PortGroup.FromJson(pg.ToJson());
        Assert.Equal(inner, again.AdditionalFields["Unknown"]);

        var list = PortGroup.ListFromJson("{\"@total\":\"1\",\"PortGroup\":{\"Unknown\":" + Nested("[", "]", CupiLimits.MaxDepth - 3) + "}}");
        Assert.Single(list);
        Assert.Single(PortGroup.ListFromJson(CupiSerializer.ListToJson(list)));
    }

    [Fact]
    public void A_json_stream_larger_than_the_limit_is_rejected()
    {
        using var stream = new EndlessStream("{\"DisplayName\":\"", (byte)'a');
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(stream));
        Assert.Equal(CupiWireFormat.Json, ex.Format);
        Assert.InRange(stream.Produced, CupiLimits.MaxDocumentBytes, CupiLimits.MaxDocumentBytes + (1L << 20));
    }

    [Fact]
    public async Task A_json_stream_larger_than_the_limit_is_rejected_asynchronously()
    {
        using var stream = new EndlessStream("{\"@total\":\"1\",\"PortGroup\":{\"DisplayName\":\"", (byte)'a');
        await Assert.ThrowsAsync<CupiFormatException>(async () => await PortGroup.FromJsonAsync(stream, CancellationToken.None).ConfigureAwait(true)).ConfigureAwait(true);
        Assert.InRange(stream.Produced, CupiLimits.MaxDocumentBytes, CupiLimits.MaxDocumentBytes + (1L << 20));

        using var list = new EndlessStream("{\"@total\":\"1\",\"PortGroup\":{\"DisplayName\":\"", (byte)'a');
        await Assert.ThrowsAsync<CupiFormatException>(async () => await PortGroup.ListFromJsonAsync(list, CancellationToken.None).ConfigureAwait(true)).ConfigureAwait(true);
    }

    [Fact]
    public void An_xml_stream_larger_than_the_limit_is_rejected()
    {
        // Comments are skipped by the reader, so nothing but the document limit stops this one.
        var chunk = "<!--" + new string('c', 64 * 1024 - 7) + "-->";
        using var stream = new EndlessStream("<PortGroup>", Encoding.UTF8.GetBytes(chunk));
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.FromXml(stream));
        Assert.Equal(CupiWireFormat.Xml, ex.Format);
        Assert.InRange(stream.Produced, CupiLimits.MaxDocumentBytes, CupiLimits.MaxDocumentBytes + (4L << 20));

        using var list = new EndlessStream("<PortGroups total=\"1\">", Encoding.UTF8.GetBytes(chunk));
        Assert.Throws<CupiFormatException>(() => PortGroup.ListFromXml(list));
    }

    [Fact]
    public void A_stream_under_the_limit_is_read_in_full()
    {
        // Big enough to make the reader grow its buffer several times.
        var name = new string('n', 300_000);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"DisplayName\":\"" + name + "\"}"));
        Assert.Equal(name, PortGroup.FromJson(stream).DisplayName);
        using var trickle = new TrickleStream(Encoding.UTF8.GetBytes("<PortGroup><DisplayName>" + name + "</DisplayName></PortGroup>"));
        Assert.Equal(name, PortGroup.FromXml(trickle).DisplayName);
    }

    /// <summary>A read-only stream that yields a prefix and then the same bytes forever, without holding them.</summary>
    private sealed class EndlessStream(byte[] prefix, byte[] repeated) : Stream
    {
        private long _position;

        public EndlessStream(string prefix, byte repeated)
            : this(Encoding.UTF8.GetBytes(prefix), [repeated])
        {
        }

        public EndlessStream(string prefix, byte[] repeated)
            : this(Encoding.UTF8.GetBytes(prefix), repeated)
        {
        }

        public long Produced => _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = _position < prefix.Length ? prefix[_position] : repeated[(_position - prefix.Length) % repeated.Length];
                _position++;
            }

            return buffer.Length;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A stream that returns at most a few bytes per read, as a slow network does.</summary>
    private sealed class TrickleStream(byte[] content) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 7), content.Length - _position);
            Array.Copy(content, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
