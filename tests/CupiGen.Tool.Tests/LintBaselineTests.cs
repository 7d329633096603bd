using System.IO;
using System.Linq;
using CupiGen.Tool.Cli;
using CupiGen.Tool.Tests.Infrastructure;

namespace CupiGen.Tool.Tests;

/// <summary>The lint report of the seed page is the reviewed baseline schema/cupi-portgroups.lint.txt (decision 93).</summary>
public sealed class LintBaselineTests
{
    [Fact]
    public void Lint_of_the_seed_page_matches_the_reviewed_baseline()
    {
        var (report, _) = LintCommand.Run(Repo.Page("portgroups.txt"), "portgroups.txt");
        string baseline = Repo.Schema("cupi-portgroups.lint.txt").Replace("\r\n", "\n");
        if (System.Environment.GetEnvironmentVariable("CUPIGEN_UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(Repo.SchemaPath("cupi-portgroups.lint.txt"), report);
            return;
        }

        Assert.Equal(baseline, report);
    }

    [Theory]
    [InlineData(62, "url-section")]        // GET …/portgrouptemplates under "Listing Port Group"
    [InlineData(319, "invalid-value")]     // <EnableMWI>>true</EnableMWI>
    [InlineData(345, "invalid-value")]     // an id with an 'l' in it
    [InlineData(421, "invalid-json")]      // "Response Code: 200" inside the JSON
    [InlineData(672, "template-mismatch")] // the SCCP template with integration method 2
    [InlineData(676, "read-only-sent")]    // a create sends ResetStatusEnum
    [InlineData(851, "malformed-xml")]     // </MediaSipSecurityProfileC
    [InlineData(874, "url-placeholder")]   // <sccpobjectId> "is the id of your phone system"
    [InlineData(984, "status")]            // a GET answered 204
    [InlineData(1375, "table-unused")]     // SIPTransportProtocol
    [InlineData(1385, "default-contradicted")] // default 50, every example 300
    [InlineData(1405, "type-conflict")]    // Enum in one table, Integer in the other
    public void Lint_reports_the_known_mistakes(int line, string category)
    {
        var (_, findings) = LintCommand.Run(Repo.Page("portgroups.txt"), "portgroups.txt");
        Assert.Contains(findings, f => f.Line == line && f.Category == category);
    }

    [Fact]
    public void A_consistent_page_has_no_table_or_default_findings()
    {
        var (_, findings) = LintCommand.Run(Repo.Page("partitions.txt"), "partitions.txt");
        Assert.DoesNotContain(findings, f => f.Category is "table-unused" or "default-contradicted" or "invalid-value" or "type-conflict" or "template-mismatch" or "read-only-sent");
        // The page was written with one deliberate slip: "Response Code: 200" inside a JSON example.
        Assert.Contains(findings, f => f.Category == "invalid-json");
        Assert.DoesNotContain(findings, f => f.Category == "url-section");
    }
}
