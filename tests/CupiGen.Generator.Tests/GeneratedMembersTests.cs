using System;
using System.Linq;
using CupiGen.Generator.Model;
using CupiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CupiGen.Generator.Tests;

/// <summary>
/// The parser refuses field names that generated members already use, from the list in
/// <see cref="GeneratedMembers"/>. That list must name every public or protected member the emitters declare on
/// a model beyond its fields, or a schema could make the generated code collide with itself.
/// </summary>
public class GeneratedMembersTests
{
    [Fact]
    public void Every_member_a_model_declares_beyond_its_fields_is_reserved()
    {
        var run = GeneratorHarness.Run(TestSchemas.Shipped());
        var models = run.OutputCompilation.GetSymbolsWithName(_ => true, SymbolFilter.Type)
            .OfType<INamedTypeSymbol>()
            .Where(t => t.AllInterfaces.Any(i => i.Name == "ICupiChangeTracking"))
            .ToList();
        Assert.Equal(8, models.Count);
        foreach (var model in models)
        {
            var fields = model.GetMembers().OfType<IPropertySymbol>()
                .Where(p => p.GetAttributes().Any(a => a.AttributeClass?.Name == "CupiFieldAttribute"))
                .Select(p => p.Name)
                .ToHashSet(StringComparer.Ordinal);
            Assert.NotEmpty(fields);
            var others = model.GetMembers()
                .Where(m => m.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal)
                .Where(m => !m.IsImplicitlyDeclared && m.Kind != SymbolKind.NamedType && m is not IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.PropertyGet or MethodKind.PropertySet })
                .Select(m => m.Name)
                .Where(name => !fields.Contains(name))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            Assert.NotEmpty(others);
            Assert.All(others, name => Assert.True(GeneratedMembers.Model.Contains(name), $"{model.Name}.{name} is generated but not reserved"));
        }
    }
}
