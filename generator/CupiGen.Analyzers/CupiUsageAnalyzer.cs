using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CupiGen.Analyzers;

/// <summary>
/// Checks user code against the rule attributes on generated CUPI model properties: writes to read-only and
/// create-only fields, constants the field's rules reject, and fields an initializer makes pointless. Symbols
/// are matched by attribute, never by name, so other types with the same property names are left alone.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CupiUsageAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ReadOnlyWrite,
        DiagnosticDescriptors.CreateOnlyWrite,
        DiagnosticDescriptors.OutOfRange,
        DiagnosticDescriptors.BadLength,
        DiagnosticDescriptors.NotAllowed,
        DiagnosticDescriptors.BadCharacters,
        DiagnosticDescriptors.NotAMember,
        DiagnosticDescriptors.NotPertinent,
        DiagnosticDescriptors.NotAnObjectId,
        DiagnosticDescriptors.NotApplicable);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownAttributes.Find(start.Compilation);
            if (known is null)
            {
                return; // the CupiGen runtime is not referenced: nothing to check
            }

            start.RegisterOperationAction(c => AnalyzePropertyReference(c, known), OperationKind.PropertyReference);
            start.RegisterOperationAction(c => AnalyzeAssignment(c, known), OperationKind.SimpleAssignment);
            start.RegisterOperationAction(c => AnalyzeInitializer(c, known), OperationKind.ObjectOrCollectionInitializer);
        });
    }

    // ------------------------------------------------------------------ writes and constants

    private static void AnalyzePropertyReference(OperationAnalysisContext context, KnownAttributes known)
    {
        var reference = (IPropertyReferenceOperation)context.Operation;
        var property = reference.Property.OriginalDefinition;
        var attributes = property.GetAttributes();
        if (attributes.IsEmpty || !attributes.Any(a => known.IsCupi(a.AttributeClass)))
        {
            return;
        }

        var write = FindWrite(reference);
        if (write is null)
        {
            return;
        }

        var location = reference.Syntax.GetLocation();
        if (known.Has(attributes, known.ReadOnly))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ReadOnlyWrite, location, property.Name));
            return;
        }

        if (known.Has(attributes, known.CreateOnly) && !IsNewObjectInitializer(write, reference))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CreateOnlyWrite, location, property.Name, property.ContainingType.Name));
        }
    }

    // Constants are judged from the assignment, so that the diagnostic (on the value) lies within the analyzed
    // operation. A write that is already an access error is not judged again.
    private static void AnalyzeAssignment(OperationAnalysisContext context, KnownAttributes known)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation reference ||
            Constant(assignment.Value) is not { HasValue: true, Value: not null } constant)
        {
            return;
        }

        var property = reference.Property.OriginalDefinition;
        var attributes = property.GetAttributes();
        if (attributes.IsEmpty || !attributes.Any(a => known.IsCupi(a.AttributeClass)) || known.Has(attributes, known.ReadOnly) ||
            (known.Has(attributes, known.CreateOnly) && !IsNewObjectInitializer(assignment, reference)))
        {
            return;
        }

        CheckConstant(context, known, property, attributes, assignment.Value, constant.Value);
    }

    // The operation that writes the property, or null when the reference only reads it.
    private static IOperation? FindWrite(IPropertyReferenceOperation reference)
    {
        IOperation current = reference;
        while (current.Parent is ITupleOperation tuple)
        {
            current = tuple; // (a.X, b) = ... : the tuple is the deconstruction's target
        }

        if (current.Parent is IInvalidOperation { Parent: IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } } invalid)
        {
            current = invalid; // M(ref a.X): the compiler rejects it (CS0206) and wraps the property; the intent is a write
        }

        return current.Parent switch
        {
            IAssignmentOperation assignment when assignment.Target == current => assignment,
            IIncrementOrDecrementOperation increment when increment.Target == current => increment,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument,
            _ => null,
        };
    }

    private static bool IsNewObjectInitializer(IOperation write, IPropertyReferenceOperation reference) =>
        write is ISimpleAssignmentOperation &&
        reference.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } &&
        write.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation };

    private static Optional<object?> Constant(IOperation value)
    {
        while (value is IConversionOperation conversion && !value.ConstantValue.HasValue)
        {
            value = conversion.Operand;
        }

        return value.ConstantValue;
    }

    private static void CheckConstant(
        OperationAnalysisContext context,
        KnownAttributes known,
        IPropertySymbol property,
        ImmutableArray<AttributeData> attributes,
        IOperation valueOperation,
        object value)
    {
        var location = valueOperation.Syntax.GetLocation();
        var name = property.Name;
        var number = AsLong(value);
        var text = value as string;
        var type = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : property.Type;

        // A number the code fix can write as a plain literal (not into an enum-typed property).
        var integral = type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;

        if (number is { } n && known.Find(attributes, known.Range) is { } range &&
            AsLong(range.ConstructorArguments[0].Value) is { } min && AsLong(range.ConstructorArguments[1].Value) is { } max &&
            (n < min || n > max))
        {
            var properties = integral ? Nearest(n < min ? min : max) : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OutOfRange, location, properties, name, Show(n), Bound(min), Bound(max)));
            return;
        }

        if (text is not null && known.Find(attributes, known.Length) is { } length &&
            AsLong(length.ConstructorArguments[0].Value) is { } least && AsLong(length.ConstructorArguments[1].Value) is { } most &&
            (text.Length < least || text.Length > most))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BadLength, location, name, text.Length, least, most));
            return;
        }

        if (known.Find(attributes, known.AllowedValues) is { } allowed && allowed.ConstructorArguments.Length == 1 &&
            allowed.ConstructorArguments[0].Kind == TypedConstantKind.Array)
        {
            var values = allowed.ConstructorArguments[0].Values.Select(v => v.Value).ToArray();
            if (!values.Any(v => Same(v, value)))
            {
                // The nearest allowed numbers (both on a tie, lower first), for the code fix.
                var numbers = values.Select(AsLong).OfType<long>().ToArray();
                var properties = integral && number is { } wrong && numbers.Length == values.Length && numbers.Length > 0
                    ? Nearest(numbers.Where(v => Math.Abs(v - wrong) == numbers.Min(m => Math.Abs(m - wrong))).Distinct().OrderBy(v => v).ToArray())
                    : ImmutableDictionary<string, string?>.Empty;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotAllowed, location, properties, name, Show(value), string.Join(", ", values.Select(Show))));
                return;
            }
        }

        if (text is not null && Arg(known.Find(attributes, known.Pattern), 0)?.Value is string pattern && !Matches(pattern, text))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BadCharacters, location, name, text, pattern));
            return;
        }

        if (text is { Length: > 0 } && known.Has(attributes, known.ObjectId) && !IsObjectId(text))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotAnObjectId, location, name, text));
            return;
        }

        if (number is { } member && type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType &&
            !enumType.GetMembers().OfType<IFieldSymbol>().Any(f => f.HasConstantValue && AsLong(f.ConstantValue) == member))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotAMember, location, name, Show(member), enumType.Name));
        }
    }

    // ------------------------------------------------------------------ pertinence within one initializer

    private static void AnalyzeInitializer(OperationAnalysisContext context, KnownAttributes known)
    {
        var initializer = (IObjectOrCollectionInitializerOperation)context.Operation;
        Dictionary<string, object?>? constants = null;
        foreach (var item in initializer.Initializers)
        {
            if (item is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment &&
                Constant(assignment.Value) is { HasValue: true } constant &&
                WireName(target.Property.OriginalDefinition, known) is { } wire)
            {
                (constants ??= new Dictionary<string, object?>(StringComparer.Ordinal))[wire] = constant.Value;
            }
        }

        if (constants is null)
        {
            return;
        }

        foreach (var item in initializer.Initializers)
        {
            if (item is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment ||
                Constant(assignment.Value) is { HasValue: true, Value: null })
            {
                continue;
            }

            var attributes = target.Property.OriginalDefinition.GetAttributes();
            var pertinent = known.Find(attributes, known.PertinentWhen);
            if (Arg(pertinent, 0)?.Value is string field && Arg(pertinent, 1) is { } expected &&
                !pertinent!.NamedArguments.Any(a => a.Key == "Lookup" && a.Value.Value is not null) &&
                constants.TryGetValue(field, out var actual) && actual is not null && !Same(expected.Value, actual))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.NotPertinent, target.Syntax.GetLocation(), target.Property.Name, field, Show(expected.Value), Show(actual)));
            }

            var applies = known.Find(attributes, known.AppliesTo);
            if (Arg(applies, 0)?.Value is string on && Arg(applies, 1) is { Kind: TypedConstantKind.Array } values &&
                constants.TryGetValue(on, out var kind) && kind is not null && !values.Values.Any(v => Same(v.Value, kind)))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.NotApplicable, target.Syntax.GetLocation(), target.Property.Name, on, string.Join(", ", values.Values.Select(v => Show(v.Value))), Show(kind)));
            }
        }
    }

    private static string? WireName(IPropertySymbol property, KnownAttributes known)
    {
        var field = known.Find(property.GetAttributes(), known.Field);
        return Arg(field, 0)?.Value as string;
    }

    // ------------------------------------------------------------------ helpers

    private static TypedConstant? Arg(AttributeData? attribute, int index) =>
        attribute is not null && attribute.ConstructorArguments.Length > index ? attribute.ConstructorArguments[index] : null;

    private static long? AsLong(object? value) => value switch
    {
        int i => i,
        long l => l,
        short s => s,
        sbyte sb => sb,
        byte b => b,
        ushort us => us,
        uint ui => ui,
        ulong ul when ul <= long.MaxValue => (long)ul,
        _ => null,
    };

    private static bool Same(object? left, object? right) =>
        AsLong(left) is { } a && AsLong(right) is { } b ? a == b : Equals(left, right);

    private static string Show(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => "\"" + s + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static ImmutableDictionary<string, string?> Nearest(params long[] values) =>
        ImmutableDictionary<string, string?>.Empty.Add(
            DiagnosticDescriptors.NearestProperty, string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture))));

    private static string Bound(long value) => value switch
    {
        long.MinValue => "",
        long.MaxValue => "",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    // The runtime's own rule (CupiRules is compiled into this assembly from the runtime's source); a pattern that
    // .NET cannot run or that cannot decide in time is not the user's fault, so it passes here.
    private static bool Matches(string pattern, string text)
    {
        try
        {
            return CupiGen.CupiRules.MatchPattern(CupiGen.CupiRules.CompilePattern(pattern, TimeSpan.FromMilliseconds(200)), text) != CupiGen.CupiPatternVerdict.NoMatch;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static bool IsObjectId(string value) => CupiGen.CupiRules.IsObjectId(value);

    private sealed class KnownAttributes
    {
        private KnownAttributes(Compilation compilation)
        {
            Field = compilation.GetTypeByMetadataName("CupiGen.CupiFieldAttribute");
            ReadOnly = compilation.GetTypeByMetadataName("CupiGen.CupiReadOnlyAttribute");
            CreateOnly = compilation.GetTypeByMetadataName("CupiGen.CupiCreateOnlyAttribute");
            Range = compilation.GetTypeByMetadataName("CupiGen.CupiRangeAttribute");
            Length = compilation.GetTypeByMetadataName("CupiGen.CupiLengthAttribute");
            AllowedValues = compilation.GetTypeByMetadataName("CupiGen.CupiAllowedValuesAttribute");
            Pattern = compilation.GetTypeByMetadataName("CupiGen.CupiPatternAttribute");
            ObjectId = compilation.GetTypeByMetadataName("CupiGen.CupiObjectIdAttribute");
            PertinentWhen = compilation.GetTypeByMetadataName("CupiGen.CupiPertinentWhenAttribute");
            AppliesTo = compilation.GetTypeByMetadataName("CupiGen.CupiAppliesToAttribute");
        }

        public INamedTypeSymbol? Field { get; }

        public INamedTypeSymbol? ReadOnly { get; }

        public INamedTypeSymbol? CreateOnly { get; }

        public INamedTypeSymbol? Range { get; }

        public INamedTypeSymbol? Length { get; }

        public INamedTypeSymbol? AllowedValues { get; }

        public INamedTypeSymbol? Pattern { get; }

        public INamedTypeSymbol? ObjectId { get; }

        public INamedTypeSymbol? PertinentWhen { get; }

        public INamedTypeSymbol? AppliesTo { get; }

        public static KnownAttributes? Find(Compilation compilation)
        {
            var known = new KnownAttributes(compilation);
            return known.Field is null ? null : known;
        }

        // Every CupiGen property carries [CupiField]: a cheap first filter.
        public bool IsCupi(INamedTypeSymbol? attribute) => SymbolEqualityComparer.Default.Equals(attribute, Field);

        public bool Has(ImmutableArray<AttributeData> attributes, INamedTypeSymbol? type) => Find(attributes, type) is not null;

        public AttributeData? Find(ImmutableArray<AttributeData> attributes, INamedTypeSymbol? type)
        {
            if (type is null)
            {
                return null;
            }

            foreach (var attribute in attributes)
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, type))
                {
                    return attribute;
                }
            }

            return null;
        }
    }
}
