using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using CupiGen.Tests.Support;

namespace CupiGen.Tests;

/// <summary>
/// Generated models write through two twins per format: CupiGen's fast writers (what ToJson/ToXml use) and the
/// public <see cref="ICupiModel{TSelf}.WriteJson(Utf8JsonWriter, CupiWriteMode)"/> /
/// <see cref="ICupiModel{TSelf}.WriteXml(XmlWriter, CupiWriteMode)"/> for callers composing into their own
/// writer. For every fixture and every write mode, both must produce the same text.
/// </summary>
public class WriterTwinTests
{
    public static TheoryData<string> AllFixtures() => Fixtures.Files();

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Both_writers_write_the_same_text(string file)
    {
        var fixture = Fixtures.All[file];
        var codec = Codec.For(fixture.Resource);
        var list = codec.ReadList(ListOf(fixture), fixture.IsXml);
        Assert.NotEmpty(list.Items);

        foreach (var model in list.Items)
        {
            foreach (var mode in new[] { CupiWriteMode.Everything, CupiWriteMode.Create, CupiWriteMode.Update })
            {
                switch (model)
                {
                    case Cupi.PortGroup m: AssertTwins(m, mode); break;
                    case Cupi.PortGroupTemplate m: AssertTwins(m, mode); break;
                    case Cupi.PortGroupServer m: AssertTwins(m, mode); break;
                    case Cupi.PortGroupCodec m: AssertTwins(m, mode); break;
                    case Cupi.RtpCodecDef m: AssertTwins(m, mode); break;
                    case Cupi.PhoneSystem m: AssertTwins(m, mode); break;
                    case Cupi.SipSecurityProfile m: AssertTwins(m, mode); break;
                    case Cupi.SipCertificate m: AssertTwins(m, mode); break;
                    default: throw new InvalidOperationException("no twin check for " + model.GetType().Name);
                }
            }
        }
    }

    [Fact]
    public void Both_writers_agree_on_values_that_need_escaping()
    {
        var model = new Cupi.PortGroup { DisplayName = "a<b>&\"c\" ]]> é 日本 \t", HostOrIPAddress = "" };
        model.SetAdditionalField("FutureField", "x & <y>");

        foreach (var mode in new[] { CupiWriteMode.Everything, CupiWriteMode.Create })
        {
            AssertTwins(model, mode);
        }
    }

    private static void AssertTwins<T>(T model, CupiWriteMode mode) where T : class, ICupiModel<T>
    {
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            model.WriteJson(writer, mode);
        }

        Assert.Equal(Encoding.UTF8.GetString(json.WrittenSpan), CupiSerializer.ToJson(model, mode));

        var xml = new StringBuilder();
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment };
        using (var writer = XmlWriter.Create(new StringWriter(xml, CultureInfo.InvariantCulture), settings))
        {
            model.WriteXml(writer, mode);
        }

        Assert.Equal(xml.ToString(), CupiSerializer.ToXml(model, mode));
    }

    // A single-object fixture read as a list of one, so one path serves both shapes.
    private static string ListOf(FixtureInfo fixture)
    {
        if (fixture.IsList)
        {
            return fixture.Text;
        }

        var element = Codec.For(fixture.Resource).ModelType.Name;
        return fixture.IsXml
            ? $"<{element}s>{StripDeclaration(fixture.Text)}</{element}s>"
            : $"{{\"@total\":\"1\",\"{element}\":{fixture.Text}}}";
    }

    private static string StripDeclaration(string xml) =>
        xml.TrimStart().StartsWith("<?xml", StringComparison.Ordinal) ? xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..] : xml;
}
