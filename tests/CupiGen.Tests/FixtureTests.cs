using System.Collections.Generic;
using System.Linq;
using CupiGen.Tests.Infrastructure;

namespace CupiGen.Tests;

/// <summary>Every example payload of the document, read, written and read again, in both formats.</summary>
public class FixtureTests
{
    public static TheoryData<string> AllFixtures() => Fixtures.Files();

    [Fact]
    public void Index_lists_every_fixture_file_and_only_those()
    {
        var onDisk = System.IO.Directory.GetFiles(Fixtures.Directory)
            .Select(f => System.IO.Path.GetFileName(f))
            .Where(f => f!.EndsWith(".xml", System.StringComparison.Ordinal) || f.EndsWith(".json", System.StringComparison.Ordinal))
            .Where(f => f != "index.json")
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .ToList();
        Assert.Equal(onDisk, Fixtures.All.Keys.ToList());
        Assert.Equal(25, onDisk.Count);
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Parses_with_its_entry_point_and_matches_an_independent_reader(string file)
    {
        var fixture = Fixtures.All[file];
        var codec = Codec.For(fixture.Resource);
        var text = fixture.Text;
        var oracle = fixture.IsXml
            ? Oracle.XmlObjects(text, fixture.Resource)
            : Oracle.JsonObjects(text, fixture.Resource, fixture.IsList);
        Assert.Equal(fixture.Count, oracle.Count);

        if (fixture.IsList)
        {
            var list = codec.ReadList(text, fixture.IsXml);
            Assert.Equal(fixture.Count, list.Items.Count);
            var total = fixture.IsXml ? Oracle.XmlTotal(text) : Oracle.JsonTotal(text);
            Assert.NotNull(total);
            Assert.Equal(total, list.Total);
            for (var i = 0; i < list.Items.Count; i++)
            {
                Assert.IsType(codec.ModelType, list.Items[i]);
                Oracle.AssertModelMatches(list.Items[i], oracle[i]);
            }
        }
        else
        {
            var model = codec.Read(text, fixture.IsXml);
            Assert.IsType(codec.ModelType, model);
            Oracle.AssertModelMatches(model, oracle[0]);
        }
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Round_trip_in_the_same_format_is_stable_and_loses_nothing(string file)
    {
        var fixture = Fixtures.All[file];
        var codec = Codec.For(fixture.Resource);
        var xml = fixture.IsXml;

        if (fixture.IsList)
        {
            var first = codec.ReadList(fixture.Text, xml);
            var written = codec.WriteList(first, xml);
            var second = codec.ReadList(written, xml);
            var rewritten = codec.WriteList(second, xml);
            Assert.Equal(written, rewritten);
            Assert.Equal(first.Total, second.Total);

            // What was written, as an independent reader sees it, holds the same fields.
            var oracle = xml ? Oracle.XmlObjects(written, fixture.Resource) : Oracle.JsonObjects(written, fixture.Resource, list: true);
            Assert.Equal(first.Items.Count, oracle.Count);
            Assert.Equal(first.Total, xml ? Oracle.XmlTotal(written) : Oracle.JsonTotal(written));
            for (var i = 0; i < oracle.Count; i++)
            {
                Oracle.AssertModelMatches(first.Items[i], oracle[i]);
            }

            Assert.Equal(first.Items.Count, second.Items.Count);
            for (var i = 0; i < first.Items.Count; i++)
            {
                Inspect.AssertSameFields(first.Items[i], second.Items[i]);
            }
        }
        else
        {
            var first = codec.Read(fixture.Text, xml);
            var written = codec.Write(first, xml);
            var second = codec.Read(written, xml);
            var rewritten = codec.Write(second, xml);
            Assert.Equal(written, rewritten);
            Inspect.AssertSameFields(first, second);
            var oracle = xml ? Oracle.XmlObjects(written, fixture.Resource) : Oracle.JsonObjects(written, fixture.Resource, list: false);
            Oracle.AssertModelMatches(first, Assert.Single(oracle));
            Assert.NotEmpty(Inspect.PresentFields(first));
        }
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Cross_format_round_trip_preserves_every_known_field(string file)
    {
        var fixture = Fixtures.All[file];
        var codec = Codec.For(fixture.Resource);
        var xml = fixture.IsXml;
        IReadOnlyList<object> originals = fixture.IsList
            ? codec.ReadList(fixture.Text, xml).Items
            : [codec.Read(fixture.Text, xml)];

        foreach (var original in originals)
        {
            // XML → model → JSON → model (or JSON → model → XML → model), then back to the first format.
            var other = codec.Write(original, !xml);
            var converted = codec.Read(other, !xml);
            Inspect.AssertSameFields(original, converted);
            var back = codec.Read(codec.Write(converted, xml), xml);
            Inspect.AssertSameFields(original, back);
        }
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Lists_survive_a_change_of_format_with_their_total(string file)
    {
        var fixture = Fixtures.All[file];
        if (!fixture.IsList)
        {
            return;
        }

        var codec = Codec.For(fixture.Resource);
        var list = codec.ReadList(fixture.Text, fixture.IsXml);
        var converted = codec.ReadList(codec.WriteList(list, !fixture.IsXml), !fixture.IsXml);
        Assert.Equal(list.Total, converted.Total);
        Assert.Equal(list.Items.Count, converted.Items.Count);
        for (var i = 0; i < list.Items.Count; i++)
        {
            Inspect.AssertSameFields(list.Items[i], converted.Items[i]);
        }
    }

    [Fact]
    public void Fixture_18_a_bare_PortGroupServer_answering_a_list_request_reads_as_a_list_of_one()
    {
        var text = Fixtures.Text(18);
        Assert.Equal("object", Fixtures.Get(18).Shape);
        var single = Cupi.PortGroupServer.FromXml(text);
        var list = Cupi.PortGroupServer.ListFromXml(text);

        var only = Assert.Single(list);
        Assert.Equal(1, list.Total);
        Inspect.AssertSameFields(single, only);
        Assert.Equal(2000, only.Port);
        Assert.Equal(2443, only.TlsPort);

        // The span and stream overloads take the same shortcut.
        var fromSpan = Cupi.PortGroupServer.ListFromXml(System.Text.Encoding.UTF8.GetBytes(text));
        Assert.Equal(1, fromSpan.Total);
        Inspect.AssertSameFields(single, Assert.Single(fromSpan));
    }

    [Fact]
    public void A_bare_element_of_another_type_is_not_taken_for_a_list_of_one()
    {
        var ex = Assert.Throws<CupiFormatException>(() => Cupi.PortGroup.ListFromXml(Fixtures.Text(18)));
        Assert.Null(ex.Field);
        Assert.Contains("PortGroups", ex.Message, System.StringComparison.Ordinal);
    }
}
