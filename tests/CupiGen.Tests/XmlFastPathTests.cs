using System;
using System.Linq;
using System.Text;
using Cupi;
using CupiGen.Tests.Infrastructure;

namespace CupiGen.Tests;

/// <summary>
/// The XML byte overloads read the shape servers send straight from UTF-8 and hand everything else to XmlReader;
/// the string overload always uses XmlReader. Both must give the same model, or the same refusal.
/// </summary>
public class XmlFastPathTests
{
    public static TheoryData<string> Documents() =>
    [
        "<PortGroup><DisplayName>dn</DisplayName><PortCount>4</PortCount><EnableMWI>true</EnableMWI></PortGroup>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<PortGroup>\n  <DisplayName>\n    padded\n  </DisplayName>\n  <PortCount> -7 </PortCount>\n  <EnableMWI>1</EnableMWI>\n</PortGroup>\n",
        "<?xml version='1.0'?><PortGroup ><DisplayName/><PortCount /><EnableMWI></EnableMWI></PortGroup >",
        "<PortGroup><DisplayName>héllo 日本 😀</DisplayName><MwiOnCode>a>b</MwiOnCode></PortGroup>",
        "<PortGroup><DisplayName>a &amp; b</DisplayName></PortGroup>",
        "<PortGroup><DisplayName>a<![CDATA[b]]></DisplayName></PortGroup>",
        "<PortGroup><DisplayName>x\r\ny</DisplayName></PortGroup>",
        "<PortGroup><DisplayName>x]]>y</DisplayName></PortGroup>",
        "<PortGroup><PortCount>2147483648</PortCount></PortGroup>",
        "<PortGroup><PortCount>-2147483648</PortCount></PortGroup>",
        "<PortGroup><PortCount>+12</PortCount></PortGroup>",
        "<PortGroup><PortCount>1 2</PortCount></PortGroup>",
        "<PortGroup><EnableMWI>yes</EnableMWI></PortGroup>",
        "<PortGroup><DisplayName a=\"1\">x</DisplayName></PortGroup>",
        "<PortGroup><DisplayName>x</DisplayNam></PortGroup>",
        "<PortGroup><DisplayName>x</DisplayName></PortGroup><PortGroup/>",
        "<PortGroup><Future>x</Future></PortGroup>",
        "<PortGroup><!-- c --><DisplayName>x</DisplayName></PortGroup>",
        "<PortGroup>stray<DisplayName>x</DisplayName></PortGroup>",
        "<?xml version=\"1.1\"?><PortGroup/>",
        " <?xml version=\"1.0\"?><PortGroup/>",
        "<PortGroups total=\"2\"><PortGroup><DisplayName>a</DisplayName></PortGroup><PortGroup/></PortGroups>",
        "<PortGroups total='0'/>",
        "<PortGroups total=\" 3 \"><PortGroup/></PortGroups>",
        "<PortGroups total=\"-1\"><PortGroup/></PortGroups>",
        "<PortGroups><PortGroup/><Paging/></PortGroups>",
        "<PortGroups total=\"1\"><PortGrup/></PortGroups>",
        "<PortGroups total=\"1\" other=\"x\"><PortGroup/></PortGroups>",
        "<PortGroup><DisplayName>\u0001</DisplayName></PortGroup>",
        "<PortGroup><DisplayName>\uffff</DisplayName></PortGroup>",
        "<PortGroup><DisplayName>x</DisplayName>",
        "<PortGroup><DisplayName>x<",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Bytes_and_text_give_the_same_answer(string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        Assert.True(Readers.SameAsText(bytes) || xml.Contains("encoding", System.StringComparison.Ordinal));
        var outcomes = Readers.All<PortGroup>(bytes, xml: true);
        var text = outcomes.First(o => o.Api == "FromXml(string)");
        var span = outcomes.First(o => o.Api == "FromXml(span)");
        Assert.Equal(text.Written, span.Written);
        Assert.Equal(text.Succeeded, span.Succeeded);
        var listText = outcomes.First(o => o.Api == "ListFromXml(string)");
        var listSpan = outcomes.First(o => o.Api == "ListFromXml(span)");
        Assert.Equal(listText.Written, listSpan.Written);
    }

    [Fact]
    public void Every_ascii_byte_in_a_value_or_a_tag_reads_the_same_on_both_paths()
    {
        // The fast path finds where text and element names end with its own byte loops; each byte must end them
        // (or not) exactly as XmlReader treats it. Readers.All asserts that the byte and text overloads agree.
        for (var b = 1; b < 0x80; b++)
        {
            var raw = ((char)b).ToString();
            foreach (var xml in new[]
            {
                $"<PortGroup><PortCount>4</PortCount><DisplayName>a{raw}b</DisplayName></PortGroup>",
                $"<PortGroup><PortCount>4</PortCount><DisplayName>a{raw}{raw}>b</DisplayName></PortGroup>",
                $"<PortGroup><PortCount>4</PortCount><DisplayName{raw}>x</DisplayName></PortGroup>",
                $"<PortGroup><PortCount{raw}/><DisplayName>x</DisplayName></PortGroup>",
            })
            {
                var outcomes = Readers.All<PortGroup>(Encoding.UTF8.GetBytes(xml), xml: true);
                Assert.Equal(outcomes.First(o => o.Api == "FromXml(string)").Written, outcomes.First(o => o.Api == "FromXml(span)").Written);
            }
        }
    }

    [Fact]
    public void The_fast_path_reads_what_servers_send()
    {
        var pg = PortGroup.FromXml(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PortGroup>\n  <DisplayName>\n    dn\n  </DisplayName>\n  <PortCount>4</PortCount>\n  <EnableMWI>false</EnableMWI>\n  <MwiOnCode/>\n</PortGroup>"));
        Assert.Equal("dn", pg.DisplayName);
        Assert.Equal(4, pg.PortCount);
        Assert.False(pg.EnableMWI);
        Assert.True(pg.IsPresent("MwiOnCode"));
        Assert.Equal(string.Empty, pg.MwiOnCode);
        Assert.False(pg.IsPresent("HostOrIPAddress"));

        var list = PortGroup.ListFromXml(Encoding.UTF8.GetBytes("<PortGroups total=\"7\">\n <PortGroup><DisplayName>a</DisplayName></PortGroup>\n <PortGroup><DisplayName>b</DisplayName></PortGroup>\n</PortGroups>"));
        Assert.Equal(7, list.Total);
        Assert.Equal(["a", "b"], list.Select(p => p.DisplayName));
    }

    [Fact]
    public void The_documents_example_takes_the_fast_path()
    {
        // Deterministic, not timed: through XmlReader this read allocates about 11 KB (reader, name table,
        // buffers); straight from the bytes only the model and its strings (about 1.7 KB).
        var bytes = Encoding.UTF8.GetBytes(Fixtures.Text(3));
        PortGroup.FromXml(bytes.AsSpan());
        var before = GC.GetAllocatedBytesForCurrentThread();
        var pg = PortGroup.FromXml(bytes.AsSpan());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.NotNull(pg.DisplayName);
        Assert.True(allocated < 4096, $"{allocated} bytes: the fast path was not taken");

        // The same document through the string overload (XmlReader) reads the same.
        Assert.Equal(PortGroup.FromXml(Fixtures.Text(3)).ToXml(), pg.ToXml());
    }
}
