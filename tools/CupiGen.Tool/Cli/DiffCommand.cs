using System;
using System.IO;
using System.Text.Json.Nodes;
using CupiGen.Tool.Page;
using CupiGen.Tool.Schema;

namespace CupiGen.Tool.Cli;

public static class DiffCommand
{
    public static int Execute(FileInfo from, FileInfo to, FileInfo output)
    {
        var a = Overrides.Parse(ExtractCommand.ReadInput(from), from.FullName) as JsonObject
            ?? throw new PageFormatException($"{from.FullName}: not a schema object");
        var b = Overrides.Parse(ExtractCommand.ReadInput(to), to.FullName) as JsonObject
            ?? throw new PageFormatException($"{to.FullName}: not a schema object");
        var ops = Overrides.Diff(a, b);
        Directory.CreateDirectory(output.DirectoryName ?? ".");
        File.WriteAllText(output.FullName, SchemaWriter.Write(new JsonObject { ["overrides"] = ops }));
        Console.WriteLine($"cupigen diff: {ops.Count} overrides -> {output} (fill in each \"decision\")");
        return Program.Ok;
    }
}
