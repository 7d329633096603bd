using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CupiGen.Generator.Model;

namespace CupiGen.Generator.Emit;

/// <summary>
/// Emits a model's validator as another part of its partial class: reflection-free checks of every rule the
/// schema states (required on create, access, range, length, pattern, object id, enum, allowed values,
/// pertinence, applicability, and consistency with referenced objects).
/// </summary>
internal static class ValidationEmitter
{
    private const string Runtime = "global::CupiGen";

    public static string HintName(ResourceSpec resource) => $"{resource.Namespace}.{resource.TypeName}.Validation.g.cs";

    public static string Emit(ResourceSpec resource)
    {
        var w = new SourceWriter();
        Header.Write(w);
        w.Open($"namespace {resource.Namespace}");
        w.Open($"partial class {resource.TypeName} : {Runtime}.ICupiValidatable");

        for (var i = 0; i < resource.Fields.Count; i++)
        {
            if (resource.Fields[i].Pattern is { } pattern)
            {
                w.Line($"private static readonly global::System.Text.RegularExpressions.Regex {PatternName(resource.Fields[i])} = new(");
                w.Line($"    {Literals.String(pattern)},");
                w.Line("    global::System.Text.RegularExpressions.RegexOptions.CultureInvariant,");
                w.Line("    global::System.TimeSpan.FromSeconds(1));");
                w.Line();
            }
        }

        w.Doc("summary", "Checks the present fields against the schema's rules for an operation.");
        w.Doc("param", "Create: required fields and every present field; Update: only changed fields, which must be read/write; Read: what a server returned (every problem is a warning).", "name=\"operation\"");
        w.Doc("returns", "One entry per problem.");
        w.Line(Header.GeneratedCodeAttribute);
        w.Line($"public {Runtime}.CupiValidationResult Validate({Runtime}.CupiOperation operation) => Validate(operation, null);");
        w.Line();

        w.Doc("summary", "Checks the present fields against the schema's rules for an operation, with related objects for the rules that compare two objects.");
        w.Doc("param", "What the object is about to be used for, or where it came from.", "name=\"operation\"");
        w.Doc("param", "Related objects by id (templates, SIP security profiles, …), or null: rules that need an unknown object are skipped.", "name=\"context\"");
        w.Doc("returns", "One entry per problem.");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"public {Runtime}.CupiValidationResult Validate({Runtime}.CupiOperation operation, {Runtime}.CupiValidationContext? context)");
        w.Line($"var problems = new {Runtime}.CupiValidationBuilder(operation);");
        w.Line($"var update = operation == {Runtime}.CupiOperation.Update;");
        w.Line($"var create = operation == {Runtime}.CupiOperation.Create;");
        w.Line("_ = context;");

        var required = resource.RequiredOnCreate.ToList();
        if (required.Count > 0)
        {
            w.Line("if (create)");
            w.Line("{");
            foreach (var wire in required)
            {
                var index = IndexOf(resource, wire);
                var field = resource.Fields[index];
                var empty = field.Kind == FieldKind.String ? $" || _{field.PropertyName} is \"\"" : string.Empty;
                w.Line($"    if (({ModelEmitter.Word(index)} & {ModelEmitter.Bit(index)}) == 0UL{empty})");
                w.Line("    {");
                w.Line($"        problems.Required({Literals.String(wire)});");
                w.Line("    }");
                w.Line();
            }

            w.Line("}");
            w.Line();
        }

        for (var i = 0; i < resource.Fields.Count; i++)
        {
            WriteField(w, resource, i);
        }

        w.Line("return problems.ToResult();");
        w.Close();
        w.Close();
        w.Close();
        return w.ToString();
    }

    private static void WriteField(SourceWriter w, ResourceSpec resource, int i)
    {
        var field = resource.Fields[i];
        var wire = Literals.String(field.WireName);
        var v = $"_{field.PropertyName}";
        w.Line($"// {field.WireName}");
        w.Line($"if (({ModelEmitter.Word(i)} & {ModelEmitter.Bit(i)}) != 0UL && (!update || ({ModelEmitter.Changed(i)} & {ModelEmitter.Bit(i)}) != 0UL))");
        w.Line("{");
        w.Indent();
        if (field.Access == FieldAccess.ReadOnly)
        {
            w.Line("if (create)");
            w.Line("{");
            w.Line($"    problems.ReadOnlyIgnored({wire});");
            w.Line("}");
            w.Line("else if (update)");
            w.Line("{");
            w.Line($"    problems.NotUpdatable({wire}, {Runtime}.CupiRule.ReadOnly);");
            w.Line("}");
            w.Line("else");
        }
        else if (field.Access == FieldAccess.CreateOnly)
        {
            w.Line("if (update)");
            w.Line("{");
            w.Line($"    problems.NotUpdatable({wire}, {Runtime}.CupiRule.CreateOnly);");
            w.Line("}");
            w.Line("else");
        }

        w.Line("{");
        w.Indent();
        var secret = field.Secret ? "true" : "false";
        switch (field.Kind)
        {
            case FieldKind.String:
            {
                var checks = new List<string>();
                if (field.MinLength is not null || field.MaxLength is not null)
                {
                    checks.Add($"problems.Length({wire}, value, {Int(field.MinLength)}, {Int(field.MaxLength)}, {secret});");
                }

                if (field.Pattern is not null)
                {
                    var charset = field.Charset is null ? "null" : Literals.String(field.Charset);
                    checks.Add($"problems.Pattern({wire}, value, {PatternName(field)}, {charset}, {secret});");
                }

                if (field.Format == "uuid")
                {
                    checks.Add($"problems.ObjectId({wire}, value, {secret});");
                }

                if (field.AllowedValues.Count > 0)
                {
                    var set = string.Join(" or ", field.AllowedValues.Select(Literals.String));
                    checks.Add($"if (value is not ({set}))");
                    checks.Add("{");
                    checks.Add($"    problems.NotAllowed({wire}, {(field.Secret ? "\"***\"" : "value")}, {Literals.String(string.Join(", ", field.AllowedValues))});");
                    checks.Add("}");
                }

                WriteChecks(w, $"{v} is {{ }} value", checks);
                break;
            }

            case FieldKind.Integer:
            case FieldKind.Enum:
            {
                var checks = new List<string>();
                if (field.Kind == FieldKind.Enum && field.EnumValues.Count > 0)
                {
                    var members = string.Join(" or ", field.EnumValues.Select(n => n.ToString(CultureInfo.InvariantCulture)));
                    checks.Add($"if (value is not ({members}))");
                    checks.Add("{");
                    checks.Add($"    problems.NotAMember({wire}, value, {Literals.String(field.EnumType!)}, {Literals.String(string.Join(", ", field.EnumValues.Select(n => n.ToString(CultureInfo.InvariantCulture))))});");
                    checks.Add("}");
                }

                if (field.Minimum is not null || field.Maximum is not null)
                {
                    checks.Add($"problems.Range({wire}, value, {Long(field.Minimum)}, {Long(field.Maximum)});");
                }

                if (field.AllowedValues.Count > 0)
                {
                    checks.Add($"if (value is not ({string.Join(" or ", field.AllowedValues)}))");
                    checks.Add("{");
                    checks.Add($"    problems.NotAllowed({wire}, {Runtime}.CupiValidationBuilder.Text(value), {Literals.String(string.Join(", ", field.AllowedValues))});");
                    checks.Add("}");
                }

                WriteChecks(w, $"{(field.Kind == FieldKind.Enum ? $"(int?){v}" : v)} is {{ }} value", checks);
                break;
            }

            default:
                break;
        }

        if (field.Pertinence is { Values.Count: 1 } pertinence)
        {
            WritePertinence(w, resource, field, pertinence);
        }

        if (field.AppliesTo is { Values.Count: > 0 } applies)
        {
            var target = resource.Fields[IndexOf(resource, applies.Field)];
            var subject = target.Kind == FieldKind.Enum ? $"(int?)_{target.PropertyName}" : $"_{target.PropertyName}";
            w.Line($"if ({subject} is {{ }} appliesTo && appliesTo is not ({string.Join(" or ", applies.Values)}))");
            w.Line("{");
            w.Line($"    problems.NotApplicable({wire}, {Literals.String(field.AppliesToDisplay ?? applies.Field)});");
            w.Line("}");
        }

        if (field.Matches is { Lookup: not null, LookupField: not null } matches)
        {
            var target = resource.Fields[IndexOf(resource, matches.Field)];
            var numeric = target.Kind is FieldKind.Integer or FieldKind.Enum && matches.LookupKind is FieldKind.Integer or FieldKind.Enum;
            var lookupType = $"global::{resource.Namespace}.{matches.Lookup}";
            w.Line($"if (context is not null && _{field.PropertyName} is {{ }} matchId && context.TryGet<{lookupType}>(matchId, out var matched) &&");
            w.Line($"    matched.{matches.LookupField} is {{ }} theirs && _{target.PropertyName} is {{ }} ours && {(numeric ? "(int)theirs != (int)ours" : "theirs != ours")})");
            w.Line("{");
            var theirs = numeric ? $"{Runtime}.CupiValidationBuilder.Text((int)theirs)" : "theirs.ToString()";
            var ours = numeric ? $"{Runtime}.CupiValidationBuilder.Text((int)ours)" : "ours.ToString()";
            w.Line($"    problems.Inconsistent({wire}, \"the {matches.Lookup}'s {matches.LookupField} is \" + {theirs} + \", but {matches.Field} is \" + {ours});");
            w.Line("}");
        }

        w.Outdent();
        w.Line("}");
        w.Outdent();
        w.Line("}");
        w.Line();
    }

    private static void WritePertinence(SourceWriter w, ResourceSpec resource, FieldSpec field, ConditionSpec pertinence)
    {
        var wire = Literals.String(field.WireName);
        var display = Literals.String(field.PertinenceDisplay ?? pertinence.Field);
        var target = resource.Fields[IndexOf(resource, pertinence.Field)];
        var expected = pertinence.Values[0];
        if (pertinence.Lookup is null)
        {
            var subject = target.Kind == FieldKind.Enum ? $"(int?)_{target.PropertyName}" : $"_{target.PropertyName}";
            w.Line($"if ({subject} is {{ }} pertinentWhen && pertinentWhen is not {expected})");
        }
        else
        {
            var lookupType = $"global::{resource.Namespace}.{pertinence.Lookup}";
            var subject = pertinence.LookupKind == FieldKind.Enum ? $"(int?)related.{pertinence.LookupField}" : $"related.{pertinence.LookupField}";
            w.Line($"if (context is not null && _{target.PropertyName} is {{ }} relatedId && context.TryGet<{lookupType}>(relatedId, out var related) &&");
            w.Line($"    {subject} is {{ }} pertinentWhen && pertinentWhen is not {expected})");
        }

        w.Line("{");
        w.Line($"    problems.NotPertinent({wire}, {display});");
        w.Line("}");
    }

    private static void WriteChecks(SourceWriter w, string condition, List<string> checks)
    {
        if (checks.Count == 0)
        {
            return;
        }

        w.Line($"if ({condition})");
        w.Line("{");
        foreach (var check in checks)
        {
            w.Line("    " + check);
        }

        w.Line("}");
    }

    private static int IndexOf(ResourceSpec resource, string wireName)
    {
        for (var i = 0; i < resource.Fields.Count; i++)
        {
            if (resource.Fields[i].WireName == wireName)
            {
                return i;
            }
        }

        return -1;
    }

    private static string PatternName(FieldSpec field) => $"__cupiPattern{field.PropertyName}";

    private static string Int(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";

    private static string Long(long? value) => value is null ? "null" : value.Value.ToString(CultureInfo.InvariantCulture) + "L";
}
