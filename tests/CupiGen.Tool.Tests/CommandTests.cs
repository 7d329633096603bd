using System;
using System.IO;
using CupiGen.Tool.Tests.Infrastructure;

namespace CupiGen.Tool.Tests;

/// <summary>The command line: exit codes 0 / 1 / 2 and files written.</summary>
[Collection("console")]
public sealed class CommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cupigen-tool-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o);
        Console.SetError(e);
        try
        {
            return (Program.Main(args), o.ToString(), e.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    [Fact]
    public void Extract_writes_the_schema_and_its_sources_and_prints_a_summary()
    {
        string schema = Path.Combine(_dir, "cupi-portgroups.schema.json");
        var (code, stdout, stderr) = Run("extract", Repo.PagePath("portgroups.txt"), "--overrides", Repo.SchemaPath("cupi-portgroups.overrides.json"), "-o", schema);
        Assert.Equal(0, code);
        Assert.Equal(Repo.Schema("cupi-portgroups.schema.json").Replace("\r\n", "\n"), File.ReadAllText(schema));
        Assert.True(File.Exists(Path.Combine(_dir, "cupi-portgroups.sources.json")));
        Assert.Contains("resources: 8", stdout, StringComparison.Ordinal);
        Assert.Contains("endpoints: 25", stdout, StringComparison.Ordinal);
        Assert.Contains("from 97 overrides", stdout, StringComparison.Ordinal);
        Assert.Contains("code blocks", stderr, StringComparison.Ordinal);   // progress goes to stderr
    }

    [Fact]
    public void Lint_exits_1_when_it_has_findings()
    {
        var (code, stdout, _) = Run("lint", Repo.PagePath("portgroups.txt"));
        Assert.Equal(1, code);
        Assert.Contains("portgroups.txt(1385): default-contradicted:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_exits_2_with_a_message_and_no_stack_trace()
    {
        string notCupi = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(notCupi, "Shopping list\n- milk\n");
        var (code, _, stderr) = Run("extract", notCupi, "-o", Path.Combine(_dir, "x.schema.json"));
        Assert.Equal(2, code);
        Assert.Contains("not a CUPI documentation page", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);

        Assert.Equal(2, Run("extract", Path.Combine(_dir, "missing.txt"), "-o", Path.Combine(_dir, "x.json")).Code);
        Assert.Equal(2, Run("extract", Repo.PagePath("portgroups.txt")).Code);   // -o is required
        Assert.Equal(2, Run("frobnicate").Code);
    }

    [Fact]
    public void Overrides_without_a_decision_or_with_a_wrong_path_are_bad_input_naming_the_entry()
    {
        string overrides = Path.Combine(_dir, "o.json");
        File.WriteAllText(overrides, "{ \"overrides\": [ { \"op\": \"set\", \"path\": \"/title\", \"value\": \"x\" } ] }");
        var (code, _, stderr) = Run("extract", Repo.PagePath("portgroups.txt"), "--overrides", overrides, "-o", Path.Combine(_dir, "x.schema.json"), "-q");
        Assert.Equal(2, code);
        Assert.Contains("overrides[0]", stderr, StringComparison.Ordinal);
        Assert.Contains("decision", stderr, StringComparison.Ordinal);

        File.WriteAllText(overrides, "{ \"overrides\": [ { \"decision\": 1, \"op\": \"set\", \"path\": \"/$defs/Nope/description\", \"value\": \"x\" } ] }");
        (code, _, stderr) = Run("extract", Repo.PagePath("portgroups.txt"), "--overrides", overrides, "-o", Path.Combine(_dir, "x.schema.json"), "-q");
        Assert.Equal(2, code);
        Assert.Contains("'Nope' does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_records_hand_edits_as_overrides_that_reproduce_them()
    {
        string extracted = Path.Combine(_dir, "cupi-portgroups.schema.json");
        Assert.Equal(0, Run("extract", Repo.PagePath("portgroups.txt"), "-o", extracted, "-q").Code);
        string overrides = Path.Combine(_dir, "diff.overrides.json");
        Assert.Equal(0, Run("diff", extracted, Repo.SchemaPath("cupi-portgroups.schema.json"), "-o", overrides).Code);
        string reproduced = Path.Combine(_dir, "again", "cupi-portgroups.schema.json");
        Directory.CreateDirectory(Path.GetDirectoryName(reproduced)!);
        Assert.Equal(0, Run("extract", Repo.PagePath("portgroups.txt"), "--overrides", overrides, "-o", reproduced, "-q").Code);
        Assert.Equal(Repo.Schema("cupi-portgroups.schema.json").Replace("\r\n", "\n"), File.ReadAllText(reproduced));
    }
}

[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;
