using System;
using System.Text;
using CupiGen.Tests.Infrastructure;

namespace CupiGen.Tests;

/// <summary>
/// Damaged versions of every fixture (cut short anywhere, single characters changed) either read or fail with a
/// CupiFormatException: never a NullReferenceException, InvalidCastException, raw XmlException or JsonException.
/// </summary>
public class RobustnessTests
{
    public static TheoryData<string> AllFixtures() => Fixtures.Files();

    private static void ReadOrFormatError(FixtureInfo fixture, string text)
    {
        var codec = Codec.For(fixture.Resource);
        try
        {
            if (fixture.IsList)
            {
                codec.ReadList(text, fixture.IsXml);
            }
            else
            {
                codec.Read(text, fixture.IsXml);
            }
        }
        catch (CupiFormatException ex)
        {
            Assert.False(string.IsNullOrEmpty(ex.Message));
            Assert.True(ex.Line >= 0 && ex.Column >= 0);
        }
        catch (Exception ex)
        {
            Assert.Fail($"{ex.GetType().Name} for input:\n{text}\n{ex}");
        }
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Every_truncation_reads_or_fails_cleanly(string file)
    {
        var fixture = Fixtures.All[file];
        var text = fixture.Text;
        var step = Math.Max(1, text.Length / 1500);
        for (var length = 0; length < text.Length; length += step)
        {
            ReadOrFormatError(fixture, text[..length]);
        }
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Single_character_damage_reads_or_fails_cleanly(string file)
    {
        var fixture = Fixtures.All[file];
        var text = fixture.Text;
        var random = new Random(file.GetHashCode(StringComparison.Ordinal) ^ 0x5EED);
        const string Replacements = "<>/&\"'{}[]:,\\ \n0aZ\u0001é";
        for (var i = 0; i < 400; i++)
        {
            var chars = new StringBuilder(text);
            var position = random.Next(chars.Length);
            switch (random.Next(3))
            {
                case 0:
                    chars[position] = Replacements[random.Next(Replacements.Length)];
                    break;
                case 1:
                    chars.Remove(position, 1);
                    break;
                default:
                    chars.Insert(position, Replacements[random.Next(Replacements.Length)]);
                    break;
            }

            ReadOrFormatError(fixture, chars.ToString());
        }
    }
}
