using System;
using System.Xml;

namespace CupiGen.Generator.Tests;

/// <summary>
/// The shared wire-name rule (runtime/CupiGen/Model/CupiWireNames.cs, compiled into the generator) agrees with what
/// the runtime's XmlWriter accepts as an element name, character by character, and refuses what it would refuse.
/// .NET classifies name characters by XML 1.0 fourth edition, so that is the rule, not the fifth edition's table.
/// </summary>
public class WireNameTests
{
    [Fact]
    public void The_rule_matches_XmlConvert_for_every_BMP_character_first_and_later()
    {
        var disagreements = 0;
        string? first = null;
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (char.IsSurrogate((char)c) || c == ':')
            {
                continue; // surrogates are checked in pairs below; ':' is refused on purpose (no prefixes)
            }

            foreach (var name in new[] { ((char)c).ToString() + "a", "a" + (char)c })
            {
                if (name.StartsWith("xml", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (CupiWireNames.IsValidWireName(name) != IsNcName(name))
                {
                    disagreements++;
                    first ??= $"U+{c:X4} in \"{name}\"";
                }
            }
        }

        Assert.True(disagreements == 0, $"{disagreements} disagreement(s) with XmlConvert.VerifyNCName, first {first}");
    }

    [Theory]
    [InlineData("a\U00010400")] // a supplementary letter (Deseret): valid in XML 1.0 fifth edition
    [InlineData("\U00010400a")]
    [InlineData("\u0132a")]      // 'Ĳ': a fifth-edition letter that .NET's fourth-edition tables refuse
    public void Fifth_edition_names_that_dotnet_refuses_are_refused(string name)
    {
        Assert.False(IsNcName(name));
        Assert.ThrowsAny<Exception>(() => WriteElement(name));
        Assert.False(CupiWireNames.IsValidWireName(name));
    }

    [Fact]
    public void Unpaired_surrogates_are_refused()
    {
        // Built in code: a lone surrogate in an attribute argument does not survive the metadata's UTF-8.
        foreach (var name in new[] { "a" + '\ud800' + "b", "a" + '\udc00', '\ud800'.ToString(), "a" + '\udc00' + '\ud800' })
        {
            Assert.Contains("unpaired surrogate", CupiWireNames.Problem(name), StringComparison.Ordinal);
            Assert.ThrowsAny<Exception>(() => WriteElement(name));
        }
    }

    [Theory]
    [InlineData("a:b", "':'")]
    [InlineData("1abc", "cannot start")]
    [InlineData("-abc", "cannot start")]
    [InlineData("a b", "U+0020")]
    [InlineData("a\tb", "U+0009")]
    [InlineData("a\u0000b", "U+0000")]
    [InlineData("a\"b", "'\"'")]
    [InlineData("xmlFoo", "reserves")]
    [InlineData("XML", "reserves")]
    [InlineData("", "empty")]
    public void Unusable_names_are_refused_with_a_reason(string name, string reason)
    {
        Assert.False(CupiWireNames.IsValidWireName(name));
        Assert.Contains(reason, CupiWireNames.Problem(name), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a:b")]
    [InlineData("1abc")]
    [InlineData("a b")]
    [InlineData("xml:lang")]
    public void What_the_rule_refuses_XmlWriter_refuses_too(string name)
    {
        Assert.ThrowsAny<Exception>(() => WriteElement(name));
    }

    [Theory]
    [InlineData("Größe")]
    [InlineData("名前")]
    [InlineData("Name·Alt")]
    [InlineData("_x-1.2")]
    [InlineData("DisplayName")]
    [InlineData("xm")]
    [InlineData("Xm1")]
    public void Valid_names_are_accepted_and_written_by_XmlWriter(string name)
    {
        Assert.Null(CupiWireNames.Problem(name));
        Assert.Equal("<" + name + " />", WriteElement(name));
    }

    private static bool IsNcName(string name)
    {
        try
        {
            XmlConvert.VerifyNCName(name);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static string WriteElement(string name)
    {
        var text = new System.Text.StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            writer.WriteStartElement(name);
            writer.WriteEndElement();
        }

        return text.ToString();
    }
}
