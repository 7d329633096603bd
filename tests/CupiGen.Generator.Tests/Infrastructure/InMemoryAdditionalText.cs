using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CupiGen.Generator.Tests.Infrastructure;

/// <summary>An AdditionalFile whose content lives in memory.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        Content = text;
        _text = SourceText.From(text, Encoding.UTF8);
    }

    public override string Path { get; }

    /// <summary>The text as given.</summary>
    public string Content { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;

    public override string ToString() => Path;
}
