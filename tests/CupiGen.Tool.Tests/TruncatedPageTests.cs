using System.Linq;
using CupiGen.Tool.Cli;
using CupiGen.Tool.Page;
using CupiGen.Tool.Tests.Infrastructure;

namespace CupiGen.Tool.Tests;

/// <summary>A page cut anywhere is either extracted and linted, or refused with a message naming a line: never a crash.</summary>
public sealed class TruncatedPageTests
{
    public static TheoryData<int> Cuts => new() { 5, 60, 70, 107, 180, 300, 425, 480, 600, 851, 1100, 1350, 1360, 1391, 1405 };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void A_truncated_page_is_extracted_or_refused_cleanly(int lines)
    {
        string text = string.Join("\n", Repo.Page("portgroups.txt").Split('\n').Take(lines));
        try
        {
            var result = ExtractCommand.Run(text, "cut.txt", null, null, "Cupi", "cut.schema.json");
            Assert.StartsWith("{", result.SchemaText, System.StringComparison.Ordinal);
            var (report, _) = LintCommand.Run(text, "cut.txt");
            Assert.EndsWith("\n", report, System.StringComparison.Ordinal);
        }
        catch (PageFormatException ex)
        {
            Assert.StartsWith("cut.txt", ex.Message, System.StringComparison.Ordinal);
        }
    }
}
