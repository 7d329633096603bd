using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;
using CupiGen.Tool.Cli;
using CupiGen.Tool.Page;

namespace CupiGen.Tool;

/// <summary>cupigen extract | lint | infer | diff. Exit codes: 0 done, 1 lint findings, 2 bad input.</summary>
public static class Program
{
    public const int Ok = 0;
    public const int Findings = 1;
    public const int BadInput = 2;

    public static int Main(string[] args)
    {
        // A plain command named "cupigen" (a RootCommand would take the assembly's name, CupiGen.Tool, for its usage line).
        var root = new Command("cupigen", "Schemas for CupiGen from Cisco Unity Connection CUPI documentation pages (as text) and captured payloads.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());

        var pageArg = new Argument<FileInfo>("page") { Description = "The CUPI documentation page as text." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The schema file to write.", Required = true };
        var overrides = new Option<FileInfo?>("--overrides") { Description = "Overrides to apply (human decisions the page cannot carry)." };
        var ns = new Option<string>("--namespace") { Description = "x-cupi-namespace of the schema.", DefaultValueFactory = _ => "Cupi" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr." };
        var extract = new Command("extract", "Extract a schema from a CUPI documentation page; writes SCHEMA and SCHEMA's .sources.json sidecar.")
        {
            pageArg, output, overrides, ns, quiet,
        };
        extract.SetAction(r => Guard(() => ExtractCommand.Execute(r.GetValue(pageArg)!, r.GetValue(output)!, r.GetValue(overrides), r.GetValue(ns)!, r.GetValue(quiet))));
        root.Subcommands.Add(extract);

        var lintPage = new Argument<FileInfo>("page") { Description = "The CUPI documentation page as text." };
        var lint = new Command("lint", "Print every inconsistency of a CUPI documentation page, with line numbers and a category. Exit code 1 when there are findings.")
        {
            lintPage,
        };
        lint.SetAction(r => Guard(() => LintCommand.Execute(r.GetValue(lintPage)!)));
        root.Subcommands.Add(lint);

        var samples = new Argument<FileInfo[]>("samples") { Description = "Captured payloads (.xml or .json).", Arity = ArgumentArity.OneOrMore };
        var inferOutput = new Option<FileInfo>("--output", "-o") { Description = "The schema file to write.", Required = true };
        var inferNs = new Option<string>("--namespace") { Description = "x-cupi-namespace of the schema.", DefaultValueFactory = _ => "Cupi" };
        var element = new Option<string?>("--element") { Description = "Element name for bare JSON objects when no XML sample names it." };
        var infer = new Command("infer", "Build a starting schema from captured XML or JSON payloads.")
        {
            samples, inferOutput, inferNs, element,
        };
        infer.SetAction(r => Guard(() => InferCommand.Execute(r.GetValue(samples)!, r.GetValue(inferOutput)!, r.GetValue(inferNs)!, r.GetValue(element))));
        root.Subcommands.Add(infer);

        var from = new Argument<FileInfo>("from") { Description = "The extracted schema." };
        var to = new Argument<FileInfo>("to") { Description = "The schema as you want it (the extracted one, edited by hand)." };
        var diffOutput = new Option<FileInfo>("--output", "-o") { Description = "The overrides file to write.", Required = true };
        var diff = new Command("diff", "Write the overrides that turn an extracted schema into a hand-edited one (each entry still needs its \"decision\").")
        {
            from, to, diffOutput,
        };
        diff.SetAction(r => Guard(() => DiffCommand.Execute(r.GetValue(from)!, r.GetValue(to)!, r.GetValue(diffOutput)!)));
        root.Subcommands.Add(diff);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine("cupigen: " + error.Message);
            }

            Console.Error.WriteLine("Run 'cupigen --help' for usage.");
            return BadInput;
        }

        return parsed.Invoke();
    }

    /// <summary>Bad input is a message naming the file and line, never a stack trace.</summary>
    private static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (PageFormatException ex)
        {
            Console.Error.WriteLine("cupigen: " + ex.Message);
            return BadInput;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine("cupigen: " + ex.Message);
            return BadInput;
        }
        catch (UnauthorizedAccessException ex)
        {
            Console.Error.WriteLine("cupigen: " + ex.Message);
            return BadInput;
        }
    }
}
