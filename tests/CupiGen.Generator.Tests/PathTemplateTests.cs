using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CupiGen.Generator.Model;

namespace CupiGen.Generator.Tests;

/// <summary>The generator and the runtime find a path's parameters with one rule (CupiPathTemplate, linked into the
/// generator); the generator's placeholder regex, used for replacing, must agree with it on any text.</summary>
public class PathTemplateTests
{
    [Theory]
    [InlineData("/vmrest/portgroups/{objectId}/reset", new[] { "objectId" })]
    [InlineData("/vmrest/portgroups/{portGroupObjectId}/portgroupservers/{objectId}", new[] { "portGroupObjectId", "objectId" })]
    [InlineData("/vmrest/portgroups", new string[0])]
    [InlineData("/a/{b{c}/d", new[] { "c" })]
    [InlineData("/a/{}/d", new[] { "" })] // the parser refuses it as a parameter that is not an identifier; the rule still finds it
    public void Parameters_are_the_brace_free_placeholders(string path, string[] expected) =>
        Assert.Equal(expected, PathTemplate.Parameters(path));

    [Fact]
    public void The_regex_and_the_shared_rule_agree_on_random_text()
    {
        var random = new Random(20261202);
        const string alphabet = "{}/ab";
        for (var n = 0; n < 5_000; n++)
        {
            var text = new StringBuilder();
            for (var i = random.Next(0, 16); i > 0; i--)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            var path = text.ToString();
            var byRegex = PathTemplate.Parameter.Matches(path).Cast<Match>().Select(m => m.Groups[1].Value);
            Assert.True(byRegex.SequenceEqual(PathTemplate.Parameters(path)), path);
        }
    }
}
