using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CupiGen.Tool.Infer;
using CupiGen.Tool.Schema;

namespace CupiGen.Tool.Cli;

public static class InferCommand
{
    public static int Execute(FileInfo[] samples, FileInfo output, string @namespace, string? element)
    {
        var objects = new List<SampleObject>();
        foreach (var (sample, i) in samples.Select((s, i) => (s, i)))
        {
            if (samples.Length > 20 && i % 20 == 0)
            {
                Console.Error.WriteLine($"reading sample {i + 1} of {samples.Length}");
            }

            objects.AddRange(PayloadInferrer.Read(ExtractCommand.ReadInput(sample), sample.FullName));
        }

        var inference = PayloadInferrer.Infer(objects, @namespace, output.Name, element);
        Directory.CreateDirectory(output.DirectoryName ?? ".");
        File.WriteAllText(output.FullName, SchemaWriter.Write(inference.Schema));
        Console.WriteLine($"cupigen infer: {samples.Length} samples, {objects.Count} objects -> {output}");
        foreach (var (resource, present) in inference.AlwaysPresent)
        {
            int fields = inference.Schema["$defs"]![resource]!["properties"]!.AsObject().Count;
            Console.WriteLine($"  {resource}: {fields} fields from {inference.ObjectCounts[resource]} objects; never absent: " + (present.Count == 0 ? "(needs 2 or more objects)" : string.Join(", ", present)));
        }

        return Program.Ok;
    }
}
