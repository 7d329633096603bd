using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CupiGen.Generator.Model;

namespace CupiGen.Generator.Emit;

/// <summary>
/// Emits one model class per resource: its metadata table (<c>CupiModelInfo</c>), storage, properties that are one
/// call into the runtime's <c>CupiFieldStore</c>, and the typed static API. Reading, writing, validation and
/// <c>ToString</c> are the runtime's, driven by the table.
/// </summary>
internal static class ModelEmitter
{
    private const string Runtime = "global::CupiGen";

    /// <summary>The generated static field holding the model's table (a '__cupi' name no schema property can take).</summary>
    internal const string InfoField = "__CupiModelInfo";

    /// <summary>The generated instance field holding the model's bits and additional fields.</summary>
    internal const string StoreField = "__cupi";

    /// <summary>The generated inline arrays holding the text and the integer/enum values, by slot.</summary>
    internal const string TextsField = "__cupiTexts";

    internal const string NumbersField = "__cupiNumbers";

    public static string HintName(ResourceSpec resource) => $"{resource.Namespace}.{resource.TypeName}.g.cs";

    public static string Emit(ResourceSpec resource)
    {
        var w = new SourceWriter();
        var self = $"global::{resource.Namespace}.{resource.TypeName}";
        var model = $"{Runtime}.ICupiModel<{self}>";

        Header.Write(w);
        w.Open($"namespace {resource.Namespace}");
        w.Doc("summary", resource.Description ?? $"The CUPI {resource.ElementName} resource.");
        w.DocRaw($"<remarks>CUPI element <c>{resource.ElementName}</c>; lists are <c>{resource.ListElementName}</c>. " +
                 "A field is present when it was received or set; only present fields are written.</remarks>");
        w.Line(Header.GeneratedCodeAttribute);
        w.Open($"public sealed partial class {resource.TypeName} : {model}, {Runtime}.ICupiChangeTracking, {Runtime}.ICupiValidatable");

        WriteTable(w, resource, self);
        WriteStorage(w, resource);
        w.Doc("summary", $"Creates an empty {resource.TypeName}: no field is present.");
        w.Line($"public {resource.TypeName}()");
        w.Line("{");
        w.Line("}");
        w.Line();
        WriteProperties(w, resource);
        WriteExtras(w);
        // Inside the class its simple name can only mean the class itself (C# forbids a member or nested type of
        // that name), so the members below use it instead of the fully qualified name.
        var local = resource.TypeName;
        WriteStaticApi(w, resource, local);
        ValidationEmitter.WriteMethods(w);
        WriteModelInterface(w, resource, local, $"{Runtime}.ICupiModel<{local}>");

        w.Close();
        w.Close();
        return w.ToString();
    }

    // ------------------------------------------------------------------ the table

    private static void WriteTable(SourceWriter w, ResourceSpec resource, string self)
    {
        w.Line($"internal static readonly {Runtime}.CupiModelInfo {InfoField} = new(");
        w.Indent();
        w.Line($"{Literals.String(resource.Namespace)}, {Literals.String(resource.TypeName)}, {Literals.String(resource.ElementName)}, {Literals.String(resource.ListElementName)},");
        w.Line($"new {Runtime}.CupiFieldInfo[]");
        w.Line("{");
        w.Indent();
        foreach (var field in resource.Fields)
        {
            WriteFieldInfo(w, field);
        }

        w.Outdent();
        w.Line("},");
        w.Line($"static () => new {self}(),");
        var required = resource.RequiredOnCreate;
        var requiredText = required.Count == 0 ? "null" : $"new int[] {{ {string.Join(", ", required.Select(i => i.ToString(CultureInfo.InvariantCulture)))} }}";
        w.Line($"description: {(resource.Description is { } description ? Literals.String(description) : "null")},");
        w.Line($"requiredOnCreate: {requiredText},");
        // The endpoint part of the table lives in the model's Endpoints file (see EndpointTableEmitter), and is built
        // on first use: serializing never needs it, and start-up time counts.
        w.Line($"endpoints: {EndpointTableEmitter.EndpointsMethod},");
        w.Line($"client: {EndpointTableEmitter.ClientMethod}());");
        w.Outdent();
        w.Line();
        EndpointTableEmitter.WriteDeclarations(w);
    }

    private static void WriteFieldInfo(SourceWriter w, FieldSpec field)
    {
        var n = field.Index.ToString(CultureInfo.InvariantCulture);
        var kind = $"{Runtime}.CupiFieldKind.{field.Kind}";
        var props = new List<string>();
        if (field.Access != FieldAccess.ReadWrite)
        {
            props.Add($"access: {Runtime}.CupiFieldAccess.{field.Access}");
        }

        if (field.Secret)
        {
            props.Add("isSecret: true");
        }

        if (field.Aliases.Count > 0)
        {
            props.Add($"aliases: {Literals.Strings(field.Aliases)}");
        }

        if (field.EnumType is { } enumType)
        {
            props.Add($"enumType: {Literals.String(enumType)}");
        }

        if (field.EnumValues.Count > 0)
        {
            props.Add($"enumValues: new int[] {{ {string.Join(", ", field.EnumValues.Select(v => v.ToString(CultureInfo.InvariantCulture)))} }}");
        }

        if (field.MinLength is { } minLength)
        {
            props.Add($"minLength: {minLength.ToString(CultureInfo.InvariantCulture)}");
        }

        if (field.MaxLength is { } maxLength)
        {
            props.Add($"maxLength: {maxLength.ToString(CultureInfo.InvariantCulture)}");
        }

        if (field.Pattern is { } pattern)
        {
            props.Add($"pattern: {Literals.String(pattern)}");
        }

        if (field.Charset is { } charset)
        {
            props.Add($"charset: {Literals.String(charset)}");
        }

        if (field.Format == "uuid" && field.Kind == FieldKind.String)
        {
            props.Add("isObjectId: true");
        }

        if (field.Minimum is { } minimum)
        {
            props.Add($"minimum: {minimum.ToString(CultureInfo.InvariantCulture)}L");
        }

        if (field.Maximum is { } maximum)
        {
            props.Add($"maximum: {maximum.ToString(CultureInfo.InvariantCulture)}L");
        }

        if (field.AllowedValues.Count > 0)
        {
            props.Add($"allowedValues: {Literals.Strings(field.AllowedValues)}");
        }

        if (field.DefaultValue is { } defaultValue)
        {
            props.Add($"defaultValue: {Literals.String(defaultValue)}");
        }

        if (field.References is { } references)
        {
            props.Add($"references: {Literals.String(references)}");
        }

        if (Condition(field.Pertinence, field.PertinenceDisplay) is { } pertinence)
        {
            props.Add($"pertinentWhen: {pertinence}");
        }

        if (Condition(field.AppliesTo, field.AppliesToDisplay) is { } applies)
        {
            props.Add($"appliesTo: {applies}");
        }

        if (Condition(field.Matches, null) is { } matches)
        {
            props.Add($"matches: {matches}");
        }

        // The property name is given only where it differs from the wire name; every rule is a named argument.
        if (field.PropertyName != field.WireName)
        {
            props.Insert(0, $"propertyName: {Literals.String(field.PropertyName)}");
        }

        var rules = props.Count == 0 ? string.Empty : ", " + string.Join(", ", props);
        // The table's slot is unused for a boolean (Slot -1): it is given as 0 there.
        var slot = System.Math.Max(field.Slot, 0).ToString(CultureInfo.InvariantCulture);
        w.Line($"new({n}, {Literals.String(field.WireName)}, {kind}, {slot}{rules}),");
    }

    private static string? Condition(ConditionSpec? condition, string? display)
    {
        if (condition is null)
        {
            return null;
        }

        // The words messages use: the schema's own where it gives them, else the field's name.
        var text = display ?? (condition.Values.Count == 0
            ? $"the {condition.Lookup}'s {condition.LookupField} equals {condition.Field}"
            : condition.Field);
        var lookup = condition.Lookup is null
            ? string.Empty
            : $", {Literals.String(condition.Lookup)}, {Literals.String(condition.LookupField ?? string.Empty)}";
        return $"new({condition.FieldIndex.ToString(CultureInfo.InvariantCulture)}, {Literals.Strings(condition.Values)}, {Literals.String(text)}{lookup})";
    }

    // A condition value as a C# constant for the rule attributes: text is quoted, booleans and numbers are as is.
    private static string ConditionLiteral(ConditionSpec condition, string value) =>
        (condition.Lookup is not null ? condition.LookupKind : condition.FieldKind) == FieldKind.String ? Literals.String(value) : value;

    // The values live in the model itself, in inline arrays sized from the table, so a model is one allocation.
    private static void WriteStorage(SourceWriter w, ResourceSpec resource)
    {
        var (texts, numbers) = FieldLayout.SlotCounts(resource);
        var count = resource.Fields.Count.ToString(CultureInfo.InvariantCulture);
        w.Line($"private {Runtime}.CupiFieldStore {StoreField} = new({count});");
        if (texts > 0)
        {
            w.Line($"private __CupiTexts {TextsField};");
        }

        if (numbers > 0)
        {
            w.Line($"private __CupiNumbers {NumbersField};");
        }

        w.Line();
        InlineArray(w, "__CupiTexts", "string?", texts);
        InlineArray(w, "__CupiNumbers", "int", numbers);
    }

    private static void InlineArray(SourceWriter w, string name, string element, int length)
    {
        if (length == 0)
        {
            return; // an inline array needs at least one element; the model then has no such storage
        }

        w.Line($"[global::System.Runtime.CompilerServices.InlineArray({length.ToString(CultureInfo.InvariantCulture)})]");
        w.Line($"private struct {name}");
        w.Line("{");
        w.Line($"    private {element} _slot;");
        w.Line("}");
        w.Line();
    }

    // ------------------------------------------------------------------ properties

    private static void WriteProperties(SourceWriter w, ResourceSpec resource)
    {
        foreach (var field in resource.Fields)
        {
            var n = field.Index.ToString(CultureInfo.InvariantCulture);
            var slot = field.Slot.ToString(CultureInfo.InvariantCulture);
            w.Doc("summary", field.Description ?? $"The {field.WireName} field.");
            w.Doc("remarks", Remarks(field));
            w.Line($"[{Runtime}.CupiField({Literals.String(field.WireName)})]");
            if (field.Access == FieldAccess.ReadOnly)
            {
                w.Line($"[{Runtime}.CupiReadOnly]");
            }
            else if (field.Access == FieldAccess.CreateOnly)
            {
                w.Line($"[{Runtime}.CupiCreateOnly]");
            }

            if (field.Secret)
            {
                w.Line($"[{Runtime}.CupiSecret]");
            }

            WriteRuleAttributes(w, field);
            var (get, set) = field.Kind switch
            {
                FieldKind.String => ($"{TextsField}[{slot}]", $"{StoreField}.SetText(ref {TextsField}[{slot}], {n}, value)"),
                FieldKind.Boolean => ($"{StoreField}.GetBoolean({n})", $"{StoreField}.SetBoolean({n}, value)"),
                FieldKind.Integer => ($"{StoreField}.GetInt32({n}, {NumbersField}[{slot}])", $"{StoreField}.SetInt32(ref {NumbersField}[{slot}], {n}, value)"),
                _ => ($"({ClrType(resource, field)}){StoreField}.GetInt32({n}, {NumbersField}[{slot}])", $"{StoreField}.SetInt32(ref {NumbersField}[{slot}], {n}, (int?)value)"),
            };
            w.Open($"public {ClrType(resource, field)} {field.PropertyName}");
            w.Line($"get => {get};");
            w.Line($"set => {set};");
            w.Close();
            w.Line();
        }
    }

    // The rules analyzers check constants against, so that they need no schema.
    private static void WriteRuleAttributes(SourceWriter w, FieldSpec field)
    {
        if (field.Minimum is not null || field.Maximum is not null)
        {
            var min = Format(field.Minimum) is { } a ? a + "L" : "global::System.Int64.MinValue";
            var max = Format(field.Maximum) is { } b ? b + "L" : "global::System.Int64.MaxValue";
            w.Line($"[{Runtime}.CupiRange({min}, {max})]");
        }

        if (field.MinLength is not null || field.MaxLength is not null)
        {
            var max = field.MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "global::System.Int32.MaxValue";
            w.Line($"[{Runtime}.CupiLength({(field.MinLength ?? 0).ToString(CultureInfo.InvariantCulture)}, {max})]");
        }

        if (field.AllowedValues.Count > 0 && field.Kind != FieldKind.Boolean)
        {
            var values = field.Kind == FieldKind.String
                ? field.AllowedValues.Select(Literals.String)
                : field.AllowedValues;
            w.Line($"[{Runtime}.CupiAllowedValues({string.Join(", ", values)})]");
        }

        if (field.Pattern is not null)
        {
            w.Line($"[{Runtime}.CupiPattern({Literals.String(field.Pattern)})]");
        }

        if (field.Format == "uuid" && field.Kind == FieldKind.String)
        {
            w.Line($"[{Runtime}.CupiObjectId]");
        }

        if (field.Pertinence is { Values.Count: 1 } pertinence)
        {
            var lookup = pertinence.Lookup is null
                ? string.Empty
                : $", Lookup = {Literals.String(pertinence.Lookup)}, LookupField = {Literals.String(pertinence.LookupField!)}";
            w.Line($"[{Runtime}.CupiPertinentWhen({Literals.String(pertinence.Field)}, {ConditionLiteral(pertinence, pertinence.Values[0])}{lookup})]");
        }

        if (field.AppliesTo is { Values.Count: > 0 } applies)
        {
            w.Line($"[{Runtime}.CupiAppliesTo({Literals.String(applies.Field)}, {string.Join(", ", applies.Values.Select(v => ConditionLiteral(applies, v)))})]");
        }
    }

    private static string Remarks(FieldSpec field)
    {
        // The wire name is worth a line only where the property is named otherwise ([CupiField] says it too).
        var lines = new List<string>();
        if (field.WireName != field.PropertyName)
        {
            lines.Add($"Wire name: {field.WireName}.");
        }

        // Read/write is the default and goes unsaid; the two restrictions are what a reader needs to see.
        if (field.Access != FieldAccess.ReadWrite)
        {
            lines.Add(field.Access == FieldAccess.ReadOnly
                ? "Read-only: set by Cisco Unity Connection."
                : "Create-only: may be given when the object is created; it cannot be changed afterwards.");
        }

        if (field.Minimum is not null || field.Maximum is not null)
        {
            lines.Add($"Range: {Format(field.Minimum) ?? "any"} to {Format(field.Maximum) ?? "any"}.");
        }

        if (field.MaxLength is { } max)
        {
            lines.Add(field.MinLength is { } min && min > 0 ? $"Length: {min} to {max} characters." : $"At most {max} characters.");
        }

        if (field.Format == "uuid")
        {
            lines.Add("An object id (36-character GUID).");
        }

        if (field.AllowedValues.Count > 0)
        {
            lines.Add($"Allowed values: {string.Join(", ", field.AllowedValues)}.");
        }

        if (field.Charset is not null)
        {
            lines.Add($"Allowed characters: {field.Charset}");
        }

        if (field.DefaultDisplay is not null)
        {
            lines.Add($"Default: {field.DefaultDisplay}.");
        }

        if (field.PertinenceDisplay is not null)
        {
            lines.Add($"Pertinent only when {field.PertinenceDisplay}.");
        }

        if (field.AppliesToDisplay is not null)
        {
            lines.Add($"Applies only when {field.AppliesToDisplay}.");
        }

        if (field.References is not null)
        {
            lines.Add($"Refers to a {field.References}.");
        }

        if (field.Aliases.Count > 0)
        {
            lines.Add($"Also read from: {string.Join(", ", field.Aliases)}.");
        }

        if (field.Secret)
        {
            lines.Add("Secret: never shown by ToString() or in error messages.");
        }

        return string.Join("\n", lines);
    }

    // The tracking members' documentation is ICupiChangeTracking's, written once in the runtime.
    private static void WriteExtras(SourceWriter w)
    {
        w.Line("/// <inheritdoc/>");
        w.Line($"public global::System.Collections.Generic.IReadOnlyDictionary<string, string> AdditionalFields => {StoreField}.AdditionalFields;");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public void SetAdditionalField(string wireName, string? value) => {StoreField}.SetAdditionalField({InfoField}, wireName, value);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public bool HasChanges => {StoreField}.HasChanges;");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public void AcceptChanges() => {StoreField}.AcceptChanges();");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public bool IsChanged(string wireName) => {StoreField}.IsChanged({InfoField}, wireName);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public bool IsPresent(string wireName) => {StoreField}.IsPresent({InfoField}, wireName);");
        w.Line();
        w.Doc("summary", "The present fields, for logs and debugging; secret fields are masked.");
        w.Doc("returns", "A one-line description.");
        w.Line($"public override string ToString() => {Runtime}.CupiDisplay.Describe(this);");
        w.Line();
    }

    // ------------------------------------------------------------------ static API

    private static void WriteStaticApi(SourceWriter w, ResourceSpec resource, string self)
    {
        var name = resource.TypeName;
        var list = $"{Runtime}.CupiList<{self}>";
        var serializer = $"{Runtime}.CupiSerializer";
        var failure = $"<exception cref=\"{Runtime}.CupiFormatException\">The payload is not valid CUPI; the message names the field and position.</exception>";

        // The exception is described once, on FromJson(string); the other readers point at it.
        var sameFailure = "<inheritdoc cref=\"FromJson(string)\" path=\"/exception\"/>";
        void Reader(string returns, string method, string parameter, string target, string summary)
        {
            // Only the reference reader describes its parameter: "the payload" says nothing the name does not.
            var reference = method == "FromJson" && parameter == "string json";
            w.Doc("summary", summary);
            if (reference)
            {
                w.Doc("param", "The payload.", "name=\"json\"");
            }

            w.DocRaw(reference ? failure : sameFailure);
            w.Line($"public static {returns} {method}({parameter}) => {serializer}.{target}<{self}>({parameter.Split(' ').Last()});");
            w.Line();
        }

        Reader(self, "FromJson", "string json", "FromJson", $"Reads one {name} from CUPI JSON.");
        Reader(self, "FromJson", "global::System.ReadOnlySpan<byte> utf8Json", "FromJson", $"Reads one {name} from UTF-8 CUPI JSON.");
        Reader(self, "FromJson", "global::System.IO.Stream utf8Json", "FromJson", $"Reads one {name} from a stream of UTF-8 CUPI JSON.");
        Reader(self, "FromXml", "string xml", "FromXml", $"Reads one {name} from CUPI XML.");
        Reader(self, "FromXml", "global::System.ReadOnlySpan<byte> utf8Xml", "FromXml", $"Reads one {name} from UTF-8 CUPI XML.");
        Reader(self, "FromXml", "global::System.IO.Stream xml", "FromXml", $"Reads one {name} from a stream of CUPI XML.");
        Reader(list, "ListFromJson", "string json", "ListFromJson", $"Reads a list of {name} from CUPI JSON (@total and one object or an array).");
        Reader(list, "ListFromJson", "global::System.ReadOnlySpan<byte> utf8Json", "ListFromJson", $"Reads a list of {name} from UTF-8 CUPI JSON.");
        Reader(list, "ListFromJson", "global::System.IO.Stream utf8Json", "ListFromJson", $"Reads a list of {name} from a stream of UTF-8 CUPI JSON.");
        Reader(list, "ListFromXml", "string xml", "ListFromXml", $"Reads a list of {name} from CUPI XML (<{resource.ListElementName} total=\"n\">).");
        Reader(list, "ListFromXml", "global::System.ReadOnlySpan<byte> utf8Xml", "ListFromXml", $"Reads a list of {name} from UTF-8 CUPI XML.");
        Reader(list, "ListFromXml", "global::System.IO.Stream xml", "ListFromXml", $"Reads a list of {name} from a stream of CUPI XML.");

        w.Doc("summary", $"Reads one {name} from a stream of UTF-8 CUPI JSON without blocking.");
        w.Doc("param", "The payload.", "name=\"utf8Json\"");
        w.Doc("param", "Cancels reading the stream.", "name=\"cancellationToken\"");
        w.DocRaw(sameFailure);
        w.Line($"public static global::System.Threading.Tasks.ValueTask<{self}> FromJsonAsync(global::System.IO.Stream utf8Json, global::System.Threading.CancellationToken cancellationToken = default) =>");
        w.Line($"    {serializer}.FromJsonAsync<{self}>(utf8Json, cancellationToken);");
        w.Line();

        w.Doc("summary", $"Reads a list of {name} from a stream of UTF-8 CUPI JSON without blocking.");
        w.Doc("param", "The payload.", "name=\"utf8Json\"");
        w.Doc("param", "Cancels reading the stream.", "name=\"cancellationToken\"");
        w.DocRaw(sameFailure);
        w.Line($"public static global::System.Threading.Tasks.ValueTask<{list}> ListFromJsonAsync(global::System.IO.Stream utf8Json, global::System.Threading.CancellationToken cancellationToken = default) =>");
        w.Line($"    {serializer}.ListFromJsonAsync<{self}>(utf8Json, cancellationToken);");
        w.Line();

        const string modeDoc = "Every present field (the default), a create request, or an update request.";
        const string modeParameter = "global::CupiGen.CupiWriteMode mode = global::CupiGen.CupiWriteMode.Everything";
        w.Doc("summary", "Writes the fields as CUPI JSON (every scalar as a string).");
        w.Doc("param", modeDoc, "name=\"mode\"");
        w.Doc("returns", "The JSON text.");
        w.Line($"public string ToJson({modeParameter}) => {serializer}.ToJson(this, mode);");
        w.Line();
        w.Doc("summary", "Writes the fields as UTF-8 CUPI JSON.");
        w.Doc("param", modeDoc, "name=\"mode\"");
        w.Doc("returns", "The UTF-8 bytes.");
        w.Line($"public byte[] ToJsonUtf8({modeParameter}) => {serializer}.ToJsonUtf8(this, mode);");
        w.Line();
        w.Doc("summary", $"Writes the fields as a CUPI XML <{resource.ElementName}> element.");
        w.Doc("param", modeDoc, "name=\"mode\"");
        w.Doc("returns", "The XML text, without a declaration.");
        w.Line($"public string ToXml({modeParameter}) => {serializer}.ToXml(this, mode);");
        w.Line();
    }

    // ------------------------------------------------------------------ what the runtime needs

    private static void WriteModelInterface(SourceWriter w, ResourceSpec resource, string self, string model)
    {
        w.Line($"static {Runtime}.CupiModelInfo {model}.Metadata => {InfoField};");
        w.Line();
        w.Line($"{Runtime}.CupiModelInfo {Runtime}.ICupiModel.ModelInfo => {InfoField};");
        w.Line();
        w.Line($"ref {Runtime}.CupiFieldStore {Runtime}.ICupiModel.FieldStore => ref {StoreField};");
        w.Line();
        var (texts, numbers) = FieldLayout.SlotCounts(resource);
        w.Line($"global::System.Span<string?> {Runtime}.ICupiModel.TextSlots => {(texts > 0 ? TextsField : "default")};");
        w.Line();
        w.Line($"global::System.Span<int> {Runtime}.ICupiModel.NumberSlots => {(numbers > 0 ? NumbersField : "default")};");
        w.Line();
        w.Line($"static {self} {model}.CreateEmpty() => new {self}();");
    }

    // ------------------------------------------------------------------ helpers

    internal static string ClrType(ResourceSpec resource, FieldSpec field) => field.Kind switch
    {
        FieldKind.String => "string?",
        FieldKind.Integer => "int?",
        FieldKind.Boolean => "bool?",
        _ => $"global::{field.EnumNamespace ?? resource.Namespace}.{field.EnumType}?", // another schema's enum may be in another namespace
    };

    private static string? Format(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
