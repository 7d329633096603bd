using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Cupi;
using CupiGen.Tests.Infrastructure;

namespace CupiGen.Tests;

/// <summary>The stream, span and async overloads agree with the string ones.</summary>
public class OverloadTests
{
    public static TheoryData<string> AllFixtures() => Fixtures.Files();

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(10)]
    [InlineData(23)]
    [InlineData(25)]
    public async Task Json_stream_span_and_async_readers_agree_with_the_string_reader(int number)
    {
        var fixture = Fixtures.Get(number);
        var text = fixture.Text;
        var bytes = Encoding.UTF8.GetBytes(text);
        if (fixture.IsList)
        {
            var expected = PortGroup.ListFromJson(text);
            var fromSpan = PortGroup.ListFromJson(bytes.AsSpan());
            var fromStream = PortGroup.ListFromJson(new MemoryStream(bytes));
            var fromAsync = await PortGroup.ListFromJsonAsync(new MemoryStream(bytes), CancellationToken.None).ConfigureAwait(true);
            foreach (var actual in new[] { fromSpan, fromStream, fromAsync })
            {
                Assert.Equal(expected.Total, actual.Total);
                Assert.Equal(expected.Count, actual.Count);
                for (var i = 0; i < expected.Count; i++)
                {
                    Inspect.AssertSameFields(expected[i], actual[i]);
                }
            }
        }
        else
        {
            var expected = PortGroup.FromJson(text);
            Inspect.AssertSameFields(expected, PortGroup.FromJson(bytes.AsSpan()));
            Inspect.AssertSameFields(expected, PortGroup.FromJson(new MemoryStream(bytes)));
            Inspect.AssertSameFields(expected, await PortGroup.FromJsonAsync(new MemoryStream(bytes), CancellationToken.None).ConfigureAwait(true));
            Assert.Equal(expected.ToJson(), Encoding.UTF8.GetString(expected.ToJsonUtf8()));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(13)]
    [InlineData(24)]
    public void Xml_stream_and_span_readers_agree_with_the_string_reader(int number)
    {
        var fixture = Fixtures.Get(number);
        var text = fixture.Text;
        var bytes = Encoding.UTF8.GetBytes(text);
        if (fixture.IsList)
        {
            var expected = PortGroup.ListFromXml(text);
            foreach (var actual in new[] { PortGroup.ListFromXml(bytes.AsSpan()), PortGroup.ListFromXml(new MemoryStream(bytes)) })
            {
                Assert.Equal(expected.Total, actual.Total);
                Assert.Equal(expected.Count, actual.Count);
                for (var i = 0; i < expected.Count; i++)
                {
                    Inspect.AssertSameFields(expected[i], actual[i]);
                }
            }
        }
        else
        {
            var expected = PortGroup.FromXml(text);
            Inspect.AssertSameFields(expected, PortGroup.FromXml(bytes.AsSpan()));
            Inspect.AssertSameFields(expected, PortGroup.FromXml(new MemoryStream(bytes)));
        }
    }

    [Fact]
    public void ToJsonUtf8_is_the_utf8_of_ToJson_including_non_ascii()
    {
        var pg = PortGroup.FromXml(Fixtures.Text(3));
#pragma warning disable CUPI2002 // renaming a parsed object on purpose: only the serializers are under test
        pg.DisplayName = "Zürich 日本";
#pragma warning restore CUPI2002
        var utf8 = pg.ToJsonUtf8();
        Assert.Equal(pg.ToJson(), Encoding.UTF8.GetString(utf8));
        Assert.False(utf8.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Inspect.AssertSameFields(pg, PortGroup.FromJson(utf8));
    }

    [Fact]
    public void Stream_writers_agree_with_the_string_writers()
    {
        var pg = PortGroup.FromXml(Fixtures.Text(24));
#pragma warning disable CUPI2002 // renaming a parsed object on purpose: only the serializers are under test
        pg.DisplayName = "Zürich";
#pragma warning restore CUPI2002

        using var json = new MemoryStream();
        CupiSerializer.ToJson(pg, json);
        Assert.Equal(pg.ToJson(), Encoding.UTF8.GetString(json.ToArray()));

        using var xml = new MemoryStream();
        CupiSerializer.ToXml(pg, xml);
        var bytes = xml.ToArray();
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Assert.Equal(pg.ToXml(), Encoding.UTF8.GetString(bytes));
        Inspect.AssertSameFields(pg, PortGroup.FromXml(bytes.AsSpan()));
    }

    [Fact]
    public void Xml_bytes_with_a_byte_order_mark_or_utf16_are_read()
    {
        var text = "<PortGroup><DisplayName>Zürich</DisplayName></PortGroup>";
        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.AsSpan().ToArray();
        var content = Encoding.UTF8.GetBytes(text);
        var all = new byte[withBom.Length + content.Length];
        withBom.CopyTo(all, 0);
        content.CopyTo(all, withBom.Length);
        Assert.Equal("Zürich", PortGroup.FromXml(all.AsSpan()).DisplayName);

        var utf16 = Encoding.Unicode.GetPreamble();
        var body = Encoding.Unicode.GetBytes(text);
        var both = new byte[utf16.Length + body.Length];
        utf16.CopyTo(both, 0);
        body.CopyTo(both, utf16.Length);
        Assert.Equal("Zürich", PortGroup.FromXml(new MemoryStream(both)).DisplayName);
    }

    [Fact]
    public async Task Json_with_a_utf8_byte_order_mark_is_read()
    {
        var bom = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes("{\"DisplayName\":\"Zürich\"}");
        var all = new byte[bom.Length + body.Length];
        bom.CopyTo(all, 0);
        body.CopyTo(all, bom.Length);

        Assert.Equal("Zürich", PortGroup.FromJson(all.AsSpan()).DisplayName);
        Assert.Equal("Zürich", PortGroup.FromJson(new MemoryStream(all)).DisplayName);
        Assert.Equal("Zürich", (await PortGroup.FromJsonAsync(new MemoryStream(all), CancellationToken.None).ConfigureAwait(true)).DisplayName);
        Assert.Equal("Zürich", PortGroup.FromJson("\uFEFF{\"DisplayName\":\"Zürich\"}").DisplayName);
        Assert.Single(PortGroup.ListFromJson("\uFEFF{\"@total\":\"1\",\"PortGroup\":{}}"));

        // Only at the very start: anywhere else it is an error, reported at its position.
        var ex = Assert.Throws<CupiFormatException>(() => PortGroup.FromJson(" \uFEFF{}"));
        Assert.Equal(1, ex.Line);
        Assert.Equal(2, ex.Column);
    }

    [Fact]
    public async Task Async_reading_honours_cancellation()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync().ConfigureAwait(true);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await PortGroup.FromJsonAsync(new SlowStream(), cts.Token).ConfigureAwait(true)).ConfigureAwait(true);
    }

    [Fact]
    public void Reading_a_stream_leaves_it_open()
    {
        var bytes = Encoding.UTF8.GetBytes("<PortGroup/>");
        using var stream = new MemoryStream(bytes);
        PortGroup.FromXml(stream);
        Assert.True(stream.CanRead);
        using var json = new MemoryStream(Encoding.UTF8.GetBytes("{}"));
        PortGroup.FromJson(json);
        Assert.True(json.CanRead);
    }

    /// <summary>A stream whose asynchronous read waits for cancellation.</summary>
    private sealed class SlowStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
