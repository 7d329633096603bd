using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CupiGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CupiGen.CodeFixes;

/// <summary>
/// Fixes for CupiGen's usage diagnostics: remove the offending assignment (a statement or an object-initializer
/// member), and for a constant outside its range, use the nearest bound.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CupiUsageCodeFixProvider)), Shared]
public sealed class CupiUsageCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the "remove the assignment" fix.</summary>
    public const string RemoveKey = "CupiGen.RemoveAssignment";

    /// <summary>The equivalence key of the "use the nearest bound" fix.</summary>
    public const string NearestKey = "CupiGen.UseNearestBound";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ReadOnlyWrite.Id,
        DiagnosticDescriptors.CreateOnlyWrite.Id,
        DiagnosticDescriptors.OutOfRange.Id,
        DiagnosticDescriptors.BadLength.Id,
        DiagnosticDescriptors.NotAllowed.Id,
        DiagnosticDescriptors.BadCharacters.Id,
        DiagnosticDescriptors.NotAMember.Id,
        DiagnosticDescriptors.NotPertinent.Id,
        DiagnosticDescriptors.NotAnObjectId.Id,
        DiagnosticDescriptors.NotApplicable.Id);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var write = node.AncestorsAndSelf().FirstOrDefault(n =>
                n is AssignmentExpressionSyntax or PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax &&
                n.Parent is ExpressionStatementSyntax or InitializerExpressionSyntax);
            if (write is null)
            {
                continue;
            }

            if (diagnostic.Id == DiagnosticDescriptors.OutOfRange.Id &&
                diagnostic.Properties.TryGetValue(DiagnosticDescriptors.NearestProperty, out var nearest) && nearest is not null &&
                write is AssignmentExpressionSyntax assignment)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Use the nearest allowed value, {nearest}", c => UseValue(context.Document, root, assignment, nearest, c), NearestKey),
                    diagnostic);
            }

            context.RegisterCodeFix(
                CodeAction.Create("Remove the assignment", c => Remove(context.Document, root, write, c), RemoveKey),
                diagnostic);
        }
    }

    private static Task<Document> Remove(Document document, SyntaxNode root, SyntaxNode write, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var updated = write.Parent is ExpressionStatementSyntax statement
            ? root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia)
            : root.RemoveNode(write, SyntaxRemoveOptions.KeepTrailingTrivia);
        return Task.FromResult(updated is null ? document : document.WithSyntaxRoot(updated));
    }

    private static Task<Document> UseValue(Document document, SyntaxNode root, AssignmentExpressionSyntax assignment, string value, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var replacement = SyntaxFactory.ParseExpression(value).WithTriviaFrom(assignment.Right);
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(assignment.Right, replacement)));
    }
}
