using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CupiGen.Generator.Tests.Infrastructure;

/// <summary>
/// One generator driver kept across many versions of one schema file, as the IDE keeps it across edits: each
/// text replaces the previous one, so resources whose specs did not change come from the driver's cache. A run's
/// result (diagnostics, sources, exception) is what a fresh run would give; IncrementalTests checks that.
/// </summary>
internal sealed class IncrementalSchemaRun
{
    private readonly string _path;
    private readonly CSharpCompilation _compilation;
    private GeneratorDriver _driver;
    private AdditionalText _current;

    public IncrementalSchemaRun(string path, CSharpCompilation compilation, string initial)
    {
        _path = path;
        _compilation = compilation;
        _current = new InMemoryAdditionalText(path, initial);
        _driver = CSharpGeneratorDriver.Create(
            [new CupiGenerator().AsSourceGenerator()],
            [_current],
            GeneratorHarness.ParseOptions,
            GeneratorHarness.OptionsFor([new SchemaInput(path, initial)]));
        _driver = _driver.RunGenerators(_compilation);
    }

    /// <summary>Replaces the schema's text and runs the generator.</summary>
    public GeneratorRunResult Next(string text)
    {
        var next = new InMemoryAdditionalText(_path, text);
        _driver = _driver.ReplaceAdditionalText(_current, next).RunGenerators(_compilation);
        _current = next;
        return _driver.GetRunResult().Results[0];
    }
}
