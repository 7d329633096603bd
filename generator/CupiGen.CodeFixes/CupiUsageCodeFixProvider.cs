using System.Collections.Generic;
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
/// member), and for a constant outside its range or allowed values, use the nearest allowed value.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CupiUsageCodeFixProvider)), Shared]
public sealed class CupiUsageCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the "remove the assignment" fix.</summary>
    public const string RemoveKey = "CupiGen.RemoveAssignment";

    /// <summary>The equivalence key of the "use the nearest allowed value" fix (the lower one on a tie).</summary>
    public const string NearestKey = "CupiGen.UseNearestBound";

    /// <summary>The equivalence key of the second "use the nearest allowed value" fix, offered on a tie (the higher one).</summary>
    public const string NearestHigherKey = "CupiGen.UseNearestHigherValue";

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
    // One pass over each document: several removals in one initializer would conflict as separate text changes.
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllAsync);

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
            var write = FindWrite(root, diagnostic);
            if (write is null)
            {
                continue;
            }

            var candidates = Nearest(diagnostic);
            if (candidates.Length > 0 && write is AssignmentExpressionSyntax assignment && assignment.Right.Span.Contains(diagnostic.Location.SourceSpan))
            {
                for (var i = 0; i < candidates.Length && i < 2; i++)
                {
                    var value = candidates[i];
                    context.RegisterCodeFix(
                        CodeAction.Create($"Use the nearest allowed value, {value}", c => Task.FromResult(Apply(context.Document, root, [write], value)), i == 0 ? NearestKey : NearestHigherKey),
                        diagnostic);
                }
            }

            if (CanRemove(write))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Remove the assignment", c => Task.FromResult(Apply(context.Document, root, [write], null)), RemoveKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var key = context.CodeActionEquivalenceKey;
        if (key == RemoveKey)
        {
            var writes = diagnostics.Select(d => FindWrite(root, d)).Where(w => w is not null && CanRemove(w)).Distinct().ToList();
            return Apply(document, root, writes!, null);
        }

        if (key is NearestKey or NearestHigherKey)
        {
            // Each value on its own: the nearest value differs per diagnostic.
            var replacements = new Dictionary<SyntaxNode, string>();
            foreach (var diagnostic in diagnostics)
            {
                var candidates = Nearest(diagnostic);
                if (candidates.Length > 0 && FindWrite(root, diagnostic) is AssignmentExpressionSyntax assignment &&
                    assignment.Right.Span.Contains(diagnostic.Location.SourceSpan))
                {
                    replacements[assignment.Right] = key == NearestKey ? candidates[0] : candidates[candidates.Length - 1];
                }
            }

            return document.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) =>
                SyntaxFactory.ParseExpression(replacements[original]).WithTriviaFrom(original)));
        }

        return document;
    }

    // The nearest allowed values the analyzer found (two on a tie), lowest first.
    private static string[] Nearest(Diagnostic diagnostic) =>
        (diagnostic.Id == DiagnosticDescriptors.OutOfRange.Id || diagnostic.Id == DiagnosticDescriptors.NotAllowed.Id) &&
        diagnostic.Properties.TryGetValue(DiagnosticDescriptors.NearestProperty, out var nearest) && !string.IsNullOrEmpty(nearest)
            ? nearest!.Split(',')
            : [];

    // The assignment or increment the diagnostic is about: the diagnostic lies on its target or on its value.
    private static SyntaxNode? FindWrite(SyntaxNode root, Diagnostic diagnostic)
    {
        SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        while (node.Parent is ParenthesizedExpressionSyntax)
        {
            node = node.Parent;
        }

        return node.Parent switch
        {
            AssignmentExpressionSyntax assignment when (assignment.Left == node || assignment.Right == node) => assignment,
            PostfixUnaryExpressionSyntax postfix when postfix.Operand == node && postfix.Kind() is SyntaxKind.PostIncrementExpression or SyntaxKind.PostDecrementExpression => postfix,
            PrefixUnaryExpressionSyntax prefix when prefix.Operand == node && prefix.Kind() is SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression => prefix,
            _ => null,
        };
    }

    // Only a write that stands alone (a statement, or a member of an object initializer) can go without changing
    // what the surrounding code means.
    private static bool CanRemove(SyntaxNode write) =>
        write.Parent is ExpressionStatementSyntax ||
        (write.Parent is InitializerExpressionSyntax initializer && initializer.IsKind(SyntaxKind.ObjectInitializerExpression));

    // Removes the writes (value null) or replaces their values, in one new tree.
    private static Document Apply(Document document, SyntaxNode root, IReadOnlyList<SyntaxNode> writes, string? value)
    {
        if (value is not null)
        {
            var assignment = (AssignmentExpressionSyntax)writes[0];
            return document.WithSyntaxRoot(root.ReplaceNode(assignment.Right, SyntaxFactory.ParseExpression(value).WithTriviaFrom(assignment.Right)));
        }

        // Statements go in one call; initializer members one at a time, each against the current tree, so that
        // neighbours' separators and trivia are judged after the previous removal.
        var statements = writes.Where(w => w.Parent is ExpressionStatementSyntax).Select(w => w.Parent!).ToList();
        var members = writes.Where(w => w.Parent is InitializerExpressionSyntax).OrderBy(w => w.SpanStart).ToList();
        root = root.TrackNodes(members.Concat(statements));

        foreach (var statement in statements)
        {
            root = RemoveStatement(root, (ExpressionStatementSyntax)root.GetCurrentNode(statement)!);
        }

        foreach (var member in members)
        {
            var current = (ExpressionSyntax)root.GetCurrentNode(member)!;
            var initializer = (InitializerExpressionSyntax)current.Parent!;
            root = root.ReplaceNode(initializer, RemoveMember(initializer, current));
        }

        return document.WithSyntaxRoot(root);
    }

    private static SyntaxNode RemoveStatement(SyntaxNode root, ExpressionStatementSyntax statement)
    {
        const SyntaxRemoveOptions options = SyntaxRemoveOptions.KeepUnbalancedDirectives;
        return statement.Parent switch
        {
            BlockSyntax or SwitchSectionSyntax => root.RemoveNode(statement, options)!,
            GlobalStatementSyntax global => root.RemoveNode(global, options)!,

            // The body of an if, else, while, for, using, lock or label: an empty block keeps it a statement.
            _ => root.ReplaceNode(statement, EmptyBlock.WithTriviaFrom(statement)),
        };
    }

    // "{ }", with plain (not elastic) trivia so that the formatter leaves it on one line.
    private static readonly BlockSyntax EmptyBlock = SyntaxFactory.Block(
        SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.OpenBraceToken, SyntaxFactory.TriviaList(SyntaxFactory.Space)),
        default,
        SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.CloseBraceToken, SyntaxFactory.TriviaList()));

    // Removes one member and one of its commas, keeping the layout of what remains (one line, one member per line,
    // trailing or leading commas).
    private static InitializerExpressionSyntax RemoveMember(InitializerExpressionSyntax initializer, ExpressionSyntax member)
    {
        var items = initializer.Expressions.GetWithSeparators().ToList();
        var index = items.IndexOf(member);
        if (items.Count == 1)
        {
            return initializer.WithExpressions(default);
        }

        if (index + 1 < items.Count)
        {
            // The member and the comma after it. The next member takes over the member's place on its line, unless
            // the comma ended that line (then the next member already starts its own line).
            var comma = items[index + 1].AsToken();
            if (index + 2 < items.Count && !comma.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia))
            {
                var next = items[index + 2].AsNode()!;
                items[index + 2] = next.WithLeadingTrivia(member.GetLeadingTrivia().AddRange(next.GetLeadingTrivia()));
            }

            items.RemoveRange(index, 2);
        }
        else
        {
            // The last member and the comma before it. The previous member keeps its line end, or takes the member's.
            var previous = items[index - 2].AsNode()!;
            if (!previous.GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia))
            {
                previous = previous.WithTrailingTrivia(member.GetTrailingTrivia());
            }

            items[index - 2] = previous;
            items.RemoveRange(index - 1, 2);
        }

        return initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(SyntaxFactory.NodeOrTokenList(items)));
    }
}
