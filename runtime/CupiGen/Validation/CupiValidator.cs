using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CupiGen;

/// <summary>
/// The one rule engine: checks any generated model against its <see cref="CupiModelInfo"/> (required on create,
/// access, length, pattern, object id, allowed values, enum members, range, pertinence, applicability and
/// consistency with related objects). Generated <c>Validate</c> methods call it; the predicates are
/// <see cref="CupiRules"/>, which the analyzer compiles too.
/// </summary>
public static class CupiValidator
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Checks a model's present fields for an operation.</summary>
    /// <param name="model">The model.</param>
    /// <param name="operation">Create: required fields and every present field; Update: only changed fields, which must be read/write; Read: what a server returned (every problem is a warning).</param>
    /// <param name="context">Related objects by id, or null: rules that need an unknown object are skipped.</param>
    /// <returns>One entry per problem.</returns>
    public static CupiValidationResult Validate(ICupiModel model, CupiOperation operation, CupiValidationContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var values = new CupiValues(model);
        var info = values.Info;
        var problems = new CupiValidationBuilder(operation);
        var create = operation == CupiOperation.Create;
        var update = operation == CupiOperation.Update;
        if (create)
        {
            foreach (var index in info.RequiredOnCreate)
            {
                var field = info.FieldArray[index];
                if (!values.IsPresent(index) || (field.ValueKind == CupiFieldKind.String && values.Text(field) is ""))
                {
                    problems.Required(field.Wire);
                }
            }
        }

        for (var i = 0; i < info.FieldArray.Length; i++)
        {
            if (!values.IsPresent(i) || (update && !values.Store.IsChanged(i)))
            {
                continue;
            }

            var field = info.FieldArray[i];
            if (field.Access == CupiFieldAccess.ReadOnly && (create || update))
            {
                if (create)
                {
                    problems.ReadOnlyIgnored(field.Wire);
                }
                else
                {
                    problems.NotUpdatable(field.Wire, CupiRule.ReadOnly);
                }

                continue;
            }

            if (field.Access == CupiFieldAccess.CreateOnly && update)
            {
                problems.NotUpdatable(field.Wire, CupiRule.CreateOnly);
                continue;
            }

            CheckValue(problems, field, values);
            CheckConditions(problems, field, values, context);
        }

        return problems.ToResult();
    }

    private static void CheckValue(CupiValidationBuilder problems, CupiFieldInfo field, CupiValues values)
    {
        switch (field.ValueKind)
        {
            case CupiFieldKind.String when values.Text(field) is { } value:
                if (field.MinLength is not null || field.MaxLength is not null)
                {
                    problems.Length(field.Wire, value, field.MinLength, field.MaxLength, field.IsSecret);
                }

                if (field.Pattern is not null)
                {
                    problems.Pattern(field.Wire, value, Pattern(field), field.Charset, field.IsSecret);
                }

                if (field.IsObjectId)
                {
                    problems.ObjectId(field.Wire, value, field.IsSecret);
                }

                if (!CupiRules.IsAllowed(value, field.AllowedValues))
                {
                    problems.NotAllowed(field.Wire, field.IsSecret ? CupiDisplay.Mask : value, string.Join(", ", field.AllowedValues));
                }

                break;
            case CupiFieldKind.Integer or CupiFieldKind.Enum when values.Int32(field) is { } number:
                if (field.ValueKind == CupiFieldKind.Enum && !CupiRules.IsMember(number, field.EnumValues))
                {
                    problems.NotAMember(field.Wire, number, field.EnumType ?? field.Wire, string.Join(", ", field.EnumValues));
                }

                if (field.Minimum is not null || field.Maximum is not null)
                {
                    problems.Range(field.Wire, number, field.Minimum, field.Maximum);
                }

                var text = number.ToString(CultureInfo.InvariantCulture);
                if (!CupiRules.IsAllowed(text, field.AllowedValues))
                {
                    problems.NotAllowed(field.Wire, text, string.Join(", ", field.AllowedValues));
                }

                break;
        }
    }

    private static void CheckConditions(CupiValidationBuilder problems, CupiFieldInfo field, CupiValues values, CupiValidationContext? context)
    {
        var info = values.Info;
        if (field.PertinentWhen is { Values.Count: 1 } pertinence)
        {
            var subject = pertinence.LookupModel is null
                ? values.WireText(info.FieldArray[pertinence.Field])
                : Related(pertinence, info.FieldArray[pertinence.Field], values, context);
            if (subject is not null && subject != pertinence.Values[0])
            {
                problems.NotPertinent(field.Wire, pertinence.Text);
            }
        }

        if (field.AppliesTo is { Values.Count: > 0 } applies &&
            values.WireText(info.FieldArray[applies.Field]) is { } kind && !CupiRules.IsAllowed(kind, applies.Values))
        {
            problems.NotApplicable(field.Wire, applies.Text);
        }

        if (field.Matches is { LookupModel: not null, LookupField: not null } matches &&
            Related(matches, field, values, context) is { } theirs &&
            values.WireText(info.FieldArray[matches.Field]) is { } ours && theirs != ours)
        {
            problems.Inconsistent(field.Wire, "the " + matches.LookupModel + "'s " + matches.LookupField + " is " + theirs + ", but " + info.FieldArray[matches.Field].WireName + " is " + ours);
        }
    }

    // The related object's field, as wire text: the object whose id is in idField (for pertinence, the condition's
    // own field holds the id; for matches, the reference field being checked does).
    private static string? Related(CupiCondition condition, CupiFieldInfo idField, CupiValues values, CupiValidationContext? context)
    {
        // A model of another schema's namespace is named 'Namespace.Type' (a type name has no dot).
        var model = condition.LookupModel!;
        var dot = model.LastIndexOf('.');
        var (ns, typeName) = dot < 0 ? (values.Info.Namespace, model) : (model.Substring(0, dot), model.Substring(dot + 1));
        if (context is null || idField.ValueKind != CupiFieldKind.String || values.Text(idField) is not { } objectId ||
            !context.TryGetModel(ns, typeName, objectId, out var related))
        {
            return null;
        }

        var theirs = related.ModelInfo.FindField(condition.LookupField!);
        return theirs is null ? null : new CupiValues(related).WireText(theirs);
    }

    private static Regex Pattern(CupiFieldInfo field) =>
        field.CompiledPattern ??= CupiRules.CompilePattern(field.Pattern!, PatternTimeout);
}
