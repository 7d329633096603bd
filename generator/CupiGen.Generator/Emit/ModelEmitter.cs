using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CupiGen.Generator.Model;

namespace CupiGen.Generator.Emit;

/// <summary>Emits one model class per resource: properties, presence tracking, and JSON and XML serialization.</summary>
internal static class ModelEmitter
{
    private const string Runtime = "global::CupiGen";

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
        w.Open($"public sealed partial class {resource.TypeName} : {model}");

        WriteFields(w, resource);
        w.Doc("summary", $"Creates an empty {resource.TypeName}: no field is present.");
        w.Line($"public {resource.TypeName}()");
        w.Line("{");
        w.Line("}");
        w.Line();
        WriteProperties(w, resource);
        WriteExtras(w, resource);
        WriteStaticApi(w, resource, self);
        WriteJsonReader(w, resource, self, model);
        WriteJsonWriter(w, resource, model);
        WriteXmlReader(w, resource, self, model);
        WriteXmlWriter(w, resource, model);
        WriteToString(w, resource);

        w.Close();
        w.Close();
        return w.ToString();
    }

    // ------------------------------------------------------------------ state

    private static void WriteFields(SourceWriter w, ResourceSpec resource)
    {
        var words = (resource.Fields.Count + 63) / 64;
        for (var i = 0; i < words; i++)
        {
            w.Line($"private ulong __cupiPresent{i};");
            w.Line($"private ulong __cupiChanged{i};");
        }

        // Value-type fields are stored without Nullable<T>: a value bit per field says whether a present field
        // has a value (an integer or enum in 4 bytes), and booleans are two bits. The private _Name properties
        // give the rest of the generated code the nullable view.
        for (var i = 0; i < words; i++)
        {
            var inWord = resource.Fields.Skip(i * 64).Take(64).ToList();
            if (inWord.Any(IsCompact))
            {
                w.Line($"private ulong {HasValue(i * 64)};");
            }

            if (inWord.Any(f => f.Kind == FieldKind.Boolean))
            {
                w.Line($"private ulong {True(i * 64)};");
            }
        }

        w.Line($"private {Runtime}.CupiAdditionalFields? __cupiAdditional;");
        foreach (var field in resource.Fields)
        {
            if (!IsCompact(field))
            {
                w.Line($"private {ClrType(resource, field)} _{field.PropertyName};");
            }
            else if (field.Kind != FieldKind.Boolean)
            {
                w.Line($"private int {Stored(field)};");
            }
        }

        w.Line();
        for (var i = 0; i < resource.Fields.Count; i++)
        {
            var field = resource.Fields[i];
            if (!IsCompact(field))
            {
                continue;
            }

            w.Open($"private {ClrType(resource, field)} _{field.PropertyName}");
            if (field.Kind == FieldKind.Boolean)
            {
                w.Line($"get => ({HasValue(i)} & {Bit(i)}) != 0UL ? ({True(i)} & {Bit(i)}) != 0UL : null;");
                w.Open("set");
                w.Line("if (value is bool __cupiValue)");
                w.Line("{");
                w.Line($"    {HasValue(i)} |= {Bit(i)};");
                w.Line($"    {True(i)} = __cupiValue ? {True(i)} | {Bit(i)} : {True(i)} & ~{Bit(i)};");
                w.Line("}");
                w.Line("else");
                w.Line("{");
                w.Line($"    {HasValue(i)} &= ~{Bit(i)};");
                w.Line($"    {True(i)} &= ~{Bit(i)};");
                w.Line("}");
                w.Close();
            }
            else
            {
                var cast = field.Kind == FieldKind.Enum ? $"(global::{resource.Namespace}.{field.EnumType})" : string.Empty;
                var uncast = field.Kind == FieldKind.Enum ? "(int)" : string.Empty;
                w.Line($"get => ({HasValue(i)} & {Bit(i)}) != 0UL ? {cast}{Stored(field)} : null;");
                w.Open("set");
                w.Line($"{Stored(field)} = {uncast}value.GetValueOrDefault();");
                w.Line($"{HasValue(i)} = value.HasValue ? {HasValue(i)} | {Bit(i)} : {HasValue(i)} & ~{Bit(i)};");
                w.Close();
            }

            w.Close();
            w.Line();
        }
    }

    private static void WriteProperties(SourceWriter w, ResourceSpec resource)
    {
        for (var i = 0; i < resource.Fields.Count; i++)
        {
            var field = resource.Fields[i];
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
            w.Open($"public {ClrType(resource, field)} {field.PropertyName}");
            w.Line($"get => _{field.PropertyName};");
            w.Open("set");
            w.Line($"_{field.PropertyName} = value;");
            w.Line("if (value is null)");
            w.Line("{");
            w.Line($"    {Word(i)} &= ~{Bit(i)};");
            w.Line("}");
            w.Line("else");
            w.Line("{");
            w.Line($"    {Word(i)} |= {Bit(i)};");
            w.Line("}");
            w.Line();
            w.Line($"{Changed(i)} |= {Bit(i)};");
            w.Close();
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
            w.Line($"[{Runtime}.CupiPertinentWhen({Literals.String(pertinence.Field)}, {pertinence.Values[0]}{lookup})]");
        }

        if (field.AppliesTo is { Values.Count: > 0 } applies)
        {
            w.Line($"[{Runtime}.CupiAppliesTo({Literals.String(applies.Field)}, {string.Join(", ", applies.Values)})]");
        }
    }

    private static string Remarks(FieldSpec field)
    {
        var lines = new List<string> { $"Wire name: {field.WireName}." };
        lines.Add(field.Access switch
        {
            FieldAccess.ReadOnly => "Read-only: set by Cisco Unity Connection.",
            FieldAccess.CreateOnly => "Create-only: may be given when the object is created; it cannot be changed afterwards.",
            _ => "Read/write.",
        });
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

    private static void WriteExtras(SourceWriter w, ResourceSpec resource)
    {
        w.Doc("summary", "Fields the payload carried that the schema does not know, kept in arrival order and written back unchanged.");
        w.Line($"public global::System.Collections.Generic.IReadOnlyDictionary<string, string> AdditionalFields =>");
        w.Line($"    (global::System.Collections.Generic.IReadOnlyDictionary<string, string>?)__cupiAdditional ?? {Runtime}.CupiAdditionalFields.Empty;");
        w.Line();

        w.Doc("summary", "Sets a field the schema does not know, to be sent as it is; a null value removes it.");
        w.Doc("param", "The wire name of the field.", "name=\"wireName\"");
        w.Doc("param", "The text to send, or null to remove the field.", "name=\"value\"");
        w.DocRaw("<exception cref=\"global::System.ArgumentException\">The name is one of this model's own fields: set its property instead.</exception>");
        w.Open("public void SetAdditionalField(string wireName, string? value)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(wireName);");
        w.Line("if (IsKnownField(wireName))");
        w.Line("{");
        w.Line($"    throw new global::System.ArgumentException(\"'\" + wireName + \"' is a field of {resource.TypeName}; set its property instead.\", nameof(wireName));");
        w.Line("}");
        w.Line();
        w.Line($"{Runtime}.CupiAdditionalFields.Set(ref __cupiAdditional, wireName, value, changed: true);");
        w.Close();
        w.Line();

        var words = (resource.Fields.Count + 63) / 64;
        w.Doc("summary", "Whether any field was set since the object was created or parsed, or since AcceptChanges(): what an update request would send.");
        w.Line("public bool HasChanges =>");
        var any = string.Concat(Enumerable.Range(0, words).Select(i => $"{Changed(i * 64)} != 0UL || "));
        w.Line($"    {any}{Runtime}.CupiAdditionalFields.HasChangesIn(__cupiAdditional);");
        w.Line();

        w.Doc("summary", "Forgets which fields were set, typically after the server accepted them; presence and values stay.");
        w.Open("public void AcceptChanges()");
        for (var i = 0; i < words; i++)
        {
            w.Line($"{Changed(i * 64)} = 0UL;");
        }

        w.Line($"{Runtime}.CupiAdditionalFields.AcceptChanges(__cupiAdditional);");
        w.Close();
        w.Line();

        w.Doc("summary", "Whether the field with this wire name was set since the object was created or parsed, or since AcceptChanges().");
        w.Doc("param", "The wire name of the field.", "name=\"wireName\"");
        w.Doc("returns", "True when an update request would consider the field.");
        w.Open("public bool IsChanged(string wireName)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(wireName);");
        w.Line("switch (wireName)");
        w.Line("{");
        for (var i = 0; i < resource.Fields.Count; i++)
        {
            w.Line($"    case {Literals.String(resource.Fields[i].WireName)}:");
            w.Line($"        return ({Changed(i)} & {Bit(i)}) != 0UL;");
        }

        w.Line("    default:");
        w.Line($"        return {Runtime}.CupiAdditionalFields.IsChangedIn(__cupiAdditional, wireName);");
        w.Line("}");
        w.Close();
        w.Line();

        w.Doc("summary", "Whether the field with this wire name is present: received from the server or set since. A present field may be empty.");
        w.Doc("param", "The wire name of the field.", "name=\"wireName\"");
        w.Doc("returns", "True when the field will be written.");
        w.Open("public bool IsPresent(string wireName)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(wireName);");
        w.Line("switch (wireName)");
        w.Line("{");
        for (var i = 0; i < resource.Fields.Count; i++)
        {
            w.Line($"    case {Literals.String(resource.Fields[i].WireName)}:");
            w.Line($"        return ({Word(i)} & {Bit(i)}) != 0UL;");
        }

        w.Line("    default:");
        w.Line("        return __cupiAdditional?.ContainsKey(wireName) == true;");
        w.Line("}");
        w.Close();
        w.Line();

        w.Line("private static bool IsKnownField(string wireName)");
        w.Line("{");
        w.Line("    switch (wireName)");
        w.Line("    {");
        foreach (var field in resource.Fields)
        {
            w.Line($"        case {Literals.String(field.WireName)}:");
            foreach (var alias in field.Aliases)
            {
                w.Line($"        case {Literals.String(alias)}:");
            }
        }

        if (resource.Fields.Count > 0)
        {
            w.Line("            return true;"); // a statement with no case label above it does not compile
        }

        w.Line("        default:");
        w.Line("            return false;");
        w.Line("    }");
        w.Line("}");
        w.Line();
    }

    // ------------------------------------------------------------------ static API

    private static void WriteStaticApi(SourceWriter w, ResourceSpec resource, string self)
    {
        var name = resource.TypeName;
        var list = $"{Runtime}.CupiList<{self}>";
        var serializer = $"{Runtime}.CupiSerializer";
        var failure = $"<exception cref=\"{Runtime}.CupiFormatException\">The payload is malformed or a value has the wrong type; the message names the field and position.</exception>";

        void Reader(string returns, string method, string parameter, string target, string summary)
        {
            w.Doc("summary", summary);
            w.Doc("param", "The payload.", $"name=\"{parameter.Split(' ').Last()}\"");
            w.DocRaw(failure);
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
        w.DocRaw(failure);
        w.Line($"public static global::System.Threading.Tasks.ValueTask<{self}> FromJsonAsync(global::System.IO.Stream utf8Json, global::System.Threading.CancellationToken cancellationToken = default) =>");
        w.Line($"    {serializer}.FromJsonAsync<{self}>(utf8Json, cancellationToken);");
        w.Line();

        w.Doc("summary", $"Reads a list of {name} from a stream of UTF-8 CUPI JSON without blocking.");
        w.Doc("param", "The payload.", "name=\"utf8Json\"");
        w.Doc("param", "Cancels reading the stream.", "name=\"cancellationToken\"");
        w.DocRaw(failure);
        w.Line($"public static global::System.Threading.Tasks.ValueTask<{list}> ListFromJsonAsync(global::System.IO.Stream utf8Json, global::System.Threading.CancellationToken cancellationToken = default) =>");
        w.Line($"    {serializer}.ListFromJsonAsync<{self}>(utf8Json, cancellationToken);");
        w.Line();

        const string modeDoc = "Which fields to write: every present field (the default), a create request, or an update request.";
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

    // ------------------------------------------------------------------ JSON

    private static void WriteJsonReader(SourceWriter w, ResourceSpec resource, string self, string model)
    {
        w.Line($"static string {model}.ElementName => {Literals.String(resource.ElementName)};");
        w.Line();
        w.Line($"static string {model}.ListElementName => {Literals.String(resource.ListElementName)};");
        w.Line();
        w.Open($"static {self} {model}.ReadJson(ref global::System.Text.Json.Utf8JsonReader reader)");
        w.Line($"var result = new {self}();");
        w.Open($"while ({Runtime}.CupiJson.NextProperty(ref reader))");
        w.Line($"var name = {Runtime}.CupiJson.PropertyName(ref reader);");

        WriteNameSwitch(w, resource, (field, index) => ReadStatement(resource, field, index, json: true));
        w.Line($"{Runtime}.CupiJson.ReadUnknown(ref reader, ref result.__cupiAdditional);");
        w.Close();
        w.Line();
        w.Line("return result;");
        w.Close();
        w.Line();

        // The fast path for a flat object of plain strings (what servers send); null hands the document to ReadJson.
        w.Open($"static {self}? {model}.ReadJsonFields(ref {Runtime}.CupiJsonFields fields)");
        w.Line($"var result = new {self}();");
        w.Open("while (fields.Next(out var name, out var value))");
        WriteNameSwitch(w, resource, (field, index) => field.Kind switch
        {
            FieldKind.String => $"if ((result._{field.PropertyName} = {Runtime}.CupiJsonFields.Text(value)) is null) return null;",
            FieldKind.Boolean => $"if (!{Runtime}.CupiJsonFields.Boolean(value, ref result.{HasValue(index)}, ref result.{True(index)}, {Bit(index)})) return null;",
            _ => $"if (!{Runtime}.CupiJsonFields.Int32(value, ref result.{Stored(field)}, ref result.{HasValue(index)}, {Bit(index)})) return null;",
        });
        w.Line("return null;");
        w.Close();
        w.Line();
        w.Line("return fields.Completed ? result : null;");
        w.Close();
        w.Line();
    }

    // Matches the property name by length first, then by bytes: a handful of comparisons per property instead of
    // one per field. A match runs 'read', sets the presence bit and continues the enclosing loop.
    private static void WriteNameSwitch(SourceWriter w, ResourceSpec resource, Func<FieldSpec, int, string> read)
    {
        var names = new List<(string Name, int Index)>();
        for (var i = 0; i < resource.Fields.Count; i++)
        {
            names.Add((resource.Fields[i].WireName, i));
            foreach (var alias in resource.Fields[i].Aliases)
            {
                names.Add((alias, i));
            }
        }

        if (names.Count == 0)
        {
            return;
        }

        w.Line("switch (name.Length)");
        w.Line("{");
        foreach (var group in names.GroupBy(n => System.Text.Encoding.UTF8.GetByteCount(n.Name)).OrderBy(g => g.Key))
        {
            w.Line($"    case {group.Key.ToString(CultureInfo.InvariantCulture)}:");
            foreach (var (wireName, index) in group)
            {
                var field = resource.Fields[index];
                w.Line($"        if (global::System.MemoryExtensions.SequenceEqual(name, {Literals.String(wireName)}u8))");
                w.Line("        {");
                w.Line("            " + read(field, index));
                w.Line($"            result.{Word(index)} |= {Bit(index)};");
                w.Line("            continue;");
                w.Line("        }");
                w.Line();
            }

            w.Line("        break;");
        }

        w.Line("}");
        w.Line();
    }

    // Strings are assigned; integers, enums and booleans are read straight into their compact storage by one
    // runtime helper per kind (no per-field setter to compile before the first object is read).
    private static string ReadStatement(ResourceSpec resource, FieldSpec field, int index, bool json)
    {
        if (!IsCompact(field))
        {
            return $"result._{field.PropertyName} = {(json ? JsonRead(resource, field) : XmlRead(resource, field))};";
        }

        var helper = json ? $"{Runtime}.CupiJson" : $"{Runtime}.CupiXml";
        var reader = json ? "ref reader" : "reader";
        var wire = Literals.String(field.WireName);
        return field.Kind == FieldKind.Boolean
            ? $"{helper}.ReadBoolean({reader}, {wire}, ref result.{HasValue(index)}, ref result.{True(index)}, {Bit(index)});"
            : $"{helper}.ReadInt32({reader}, {wire}, ref result.{Stored(field)}, ref result.{HasValue(index)}, {Bit(index)});";
    }

    private static string JsonRead(ResourceSpec resource, FieldSpec field)
    {
        var wire = Literals.String(field.WireName);
        return field.Kind switch
        {
            FieldKind.String => $"{Runtime}.CupiJson.ReadString(ref reader, {wire})",
            FieldKind.Integer => $"{Runtime}.CupiJson.ReadInt32(ref reader, {wire})",
            FieldKind.Boolean => $"{Runtime}.CupiJson.ReadBoolean(ref reader, {wire})",
            _ => $"({ClrType(resource, field)}){Runtime}.CupiJson.ReadInt32(ref reader, {wire})",
        };
    }

    private static void WriteJsonWriter(SourceWriter w, ResourceSpec resource, string model)
    {
        w.Open($"void {model}.WriteJson(global::System.Text.Json.Utf8JsonWriter writer, {Runtime}.CupiWriteMode mode)");
        WriteSelection(w, resource);
        w.Line("writer.WriteStartObject();");
        for (var i = 0; i < resource.Fields.Count; i++)
        {
            var field = resource.Fields[i];
            var name = $"{Literals.String(field.WireName)}u8";
            var call = field.Kind switch
            {
                FieldKind.String => $"{Runtime}.CupiJson.WriteString(writer, {name}, _{field.PropertyName});",
                FieldKind.Integer => $"{Runtime}.CupiJson.WriteInt32(writer, {name}, _{field.PropertyName});",
                FieldKind.Boolean => $"{Runtime}.CupiJson.WriteBoolean(writer, {name}, _{field.PropertyName});",
                _ => $"{Runtime}.CupiJson.WriteInt32(writer, {name}, (int?)_{field.PropertyName});",
            };
            w.Line($"if (({Selected(i)} & {Bit(i)}) != 0UL)");
            w.Line("{");
            w.Line("    " + call);
            w.Line("}");
            w.Line();
        }

        w.Line($"{Runtime}.CupiJson.WriteAdditional(writer, __cupiAdditional, mode);");
        w.Line("writer.WriteEndObject();");
        w.Close();
        w.Line();

        // The same fields through CupiGen's fast writer (what CupiSerializer uses): names pre-encoded as "Name":.
        w.Open($"void {model}.WriteJson({Runtime}.CupiJsonWriter writer, {Runtime}.CupiWriteMode mode)");
        WriteSelection(w, resource);
        w.Line("writer.WriteStartObject();");
        WriteSelectedFields(w, resource, JsonName);

        w.Line("writer.WriteAdditional(__cupiAdditional, mode);");
        w.Line("writer.WriteEndObject();");
        w.Close();
        w.Line();
    }

    // "Name": as a UTF-8 literal when the name needs no JSON escaping, else encoded by the runtime.
    private static string JsonName(string wireName) => IsPlainName(wireName, json: true)
        ? Literals.String("\"" + wireName + "\":") + "u8"
        : $"{Runtime}.CupiJsonWriter.EncodeName({Literals.String(wireName)})";

    // The element name as a UTF-8 literal when it is a plain ASCII XML name, else checked and encoded by the runtime.
    private static string XmlName(string wireName) => IsPlainName(wireName, json: false)
        ? Literals.String(wireName) + "u8"
        : $"{Runtime}.CupiXmlWriter.EncodeName({Literals.String(wireName)})";

    private static bool IsPlainName(string name, bool json)
    {
        if (name.Length == 0 || (!json && !(char.IsLetter(name[0]) || name[0] == '_')))
        {
            return false;
        }

        foreach (var c in name)
        {
            var plain = c < 128 && (char.IsLetterOrDigit(c) || c is '_' or '-' || c == '.' || (json && c == '@'));
            if (!plain)
            {
                return false;
            }
        }

        return true;
    }

    // ------------------------------------------------------------------ XML

    private static void WriteXmlReader(SourceWriter w, ResourceSpec resource, string self, string model)
    {
        w.Open($"static {self} {model}.ReadXml(global::System.Xml.XmlReader reader)");
        w.Line($"var result = new {self}();");
        w.Line($"if (!{Runtime}.CupiXml.EnterElement(reader))");
        w.Line("{");
        w.Line("    return result;");
        w.Line("}");
        w.Line();
        w.Open($"while ({Runtime}.CupiXml.NextField(reader))");
        if (resource.Fields.Count > 0)
        {
            w.Line("switch (reader.LocalName)");
            w.Line("{");
        }

        for (var i = 0; i < resource.Fields.Count; i++)
        {
            var field = resource.Fields[i];
            w.Line($"    case {Literals.String(field.WireName)}:");
            foreach (var alias in field.Aliases)
            {
                w.Line($"    case {Literals.String(alias)}:");
            }

            w.Line("        " + ReadStatement(resource, field, i, json: false));
            w.Line($"        result.{Word(i)} |= {Bit(i)};");
            w.Line("        continue;");
        }

        if (resource.Fields.Count > 0)
        {
            w.Line("}");
            w.Line();
        }

        w.Line($"{Runtime}.CupiXml.ReadUnknown(reader, ref result.__cupiAdditional);");
        w.Close();
        w.Line();
        w.Line("return result;");
        w.Close();
        w.Line();
    }

    private static string XmlRead(ResourceSpec resource, FieldSpec field)
    {
        var wire = Literals.String(field.WireName);
        return field.Kind switch
        {
            FieldKind.String => $"{Runtime}.CupiXml.ReadString(reader, {wire})",
            FieldKind.Integer => $"{Runtime}.CupiXml.ReadInt32(reader, {wire})",
            FieldKind.Boolean => $"{Runtime}.CupiXml.ReadBoolean(reader, {wire})",
            _ => $"({ClrType(resource, field)}){Runtime}.CupiXml.ReadInt32(reader, {wire})",
        };
    }

    private static void WriteXmlWriter(SourceWriter w, ResourceSpec resource, string model)
    {
        w.Open($"void {model}.WriteXml(global::System.Xml.XmlWriter writer, {Runtime}.CupiWriteMode mode)");
        WriteSelection(w, resource);
        w.Line($"writer.WriteStartElement({Literals.String(resource.ElementName)});");
        for (var i = 0; i < resource.Fields.Count; i++)
        {
            var field = resource.Fields[i];
            var name = Literals.String(field.WireName);
            var call = field.Kind switch
            {
                FieldKind.String => $"{Runtime}.CupiXml.WriteString(writer, {name}, _{field.PropertyName});",
                FieldKind.Integer => $"{Runtime}.CupiXml.WriteInt32(writer, {name}, _{field.PropertyName});",
                FieldKind.Boolean => $"{Runtime}.CupiXml.WriteBoolean(writer, {name}, _{field.PropertyName});",
                _ => $"{Runtime}.CupiXml.WriteInt32(writer, {name}, (int?)_{field.PropertyName});",
            };
            w.Line($"if (({Selected(i)} & {Bit(i)}) != 0UL)");
            w.Line("{");
            w.Line("    " + call);
            w.Line("}");
            w.Line();
        }

        w.Line($"{Runtime}.CupiXml.WriteAdditional(writer, __cupiAdditional, mode);");
        w.Line("writer.WriteEndElement();");
        w.Close();
        w.Line();

        // The same elements through CupiGen's fast writer (what CupiSerializer uses).
        w.Open($"void {model}.WriteXml({Runtime}.CupiXmlWriter writer, {Runtime}.CupiWriteMode mode)");
        WriteSelection(w, resource);
        var element = XmlName(resource.ElementName);
        w.Line($"writer.WriteStartElement({element});");
        WriteSelectedFields(w, resource, XmlName);

        w.Line("writer.WriteAdditional(__cupiAdditional, mode);");
        w.Line($"writer.WriteEndElement({element});");
        w.Close();
        w.Line();
    }

    // The fast JSON and XML writers share their calls (WriteString/WriteInt32/WriteBoolean on a selected field);
    // only how a wire name is pre-encoded differs.
    private static void WriteSelectedFields(SourceWriter w, ResourceSpec resource, Func<string, string> encodedName)
    {
        for (var i = 0; i < resource.Fields.Count; i++)
        {
            var field = resource.Fields[i];
            var name = encodedName(field.WireName);
            var call = field.Kind switch
            {
                FieldKind.String => $"writer.WriteString({name}, _{field.PropertyName});",
                FieldKind.Integer => $"writer.WriteInt32({name}, _{field.PropertyName});",
                FieldKind.Boolean => $"writer.WriteBoolean({name}, _{field.PropertyName});",
                _ => $"writer.WriteInt32({name}, (int?)_{field.PropertyName});",
            };
            w.Line($"if (({Selected(i)} & {Bit(i)}) != 0UL)");
            w.Line("{");
            w.Line("    " + call);
            w.Line("}");
            w.Line();
        }
    }

    // ------------------------------------------------------------------ ToString

    private static void WriteToString(SourceWriter w, ResourceSpec resource)
    {
        w.Doc("summary", "The present fields, for logs and debugging; secret fields are masked.");
        w.Doc("returns", "A one-line description.");
        w.Open("public override string ToString()");
        w.Line($"var text = new {Runtime}.CupiDisplay({Literals.String(resource.TypeName)});");
        for (var i = 0; i < resource.Fields.Count; i++)
        {
            var field = resource.Fields[i];
            var name = Literals.String(field.PropertyName);
            var call = field.Secret
                ? $"text.AddSecret({name});"
                : field.Kind == FieldKind.Enum
                    ? $"text.Add({name}, (int?)_{field.PropertyName});"
                    : $"text.Add({name}, _{field.PropertyName});";
            w.Line($"if (({Word(i)} & {Bit(i)}) != 0UL)");
            w.Line("{");
            w.Line("    " + call);
            w.Line("}");
            w.Line();
        }

        w.Line("text.AddAdditional(__cupiAdditional);");
        w.Line("return text.ToString();");
        w.Close();
    }

    // ------------------------------------------------------------------ helpers

    internal static string ClrType(ResourceSpec resource, FieldSpec field) => field.Kind switch
    {
        FieldKind.String => "string?",
        FieldKind.Integer => "int?",
        FieldKind.Boolean => "bool?",
        _ => $"global::{resource.Namespace}.{field.EnumType}?",
    };

    // The fields a write mode selects, one word at a time: a create never sends what the server sets, and an
    // update sends only read/write fields that changed.
    private static void WriteSelection(SourceWriter w, ResourceSpec resource)
    {
        for (var word = 0; word * 64 < resource.Fields.Count; word++)
        {
            ulong create = 0, update = 0;
            for (var i = word * 64; i < Math.Min(resource.Fields.Count, (word + 1) * 64); i++)
            {
                var bit = 1UL << (i % 64);
                if (resource.Fields[i].Access != FieldAccess.ReadOnly)
                {
                    create |= bit;
                }

                if (resource.Fields[i].Access == FieldAccess.ReadWrite)
                {
                    update |= bit;
                }
            }

            var n = word.ToString(CultureInfo.InvariantCulture);
            w.Line($"var __cupiSelected{n} = mode switch");
            w.Line("{");
            w.Line($"    {Runtime}.CupiWriteMode.Create => __cupiPresent{n} & {Hex(create)},");
            w.Line($"    {Runtime}.CupiWriteMode.Update => __cupiPresent{n} & __cupiChanged{n} & {Hex(update)},");
            w.Line($"    _ => __cupiPresent{n},");
            w.Line("};");
        }
    }

    private static bool IsCompact(FieldSpec field) => field.Kind != FieldKind.String;

    private static string Stored(FieldSpec field) => $"__cupiValue_{field.PropertyName}";

    private static string HasValue(int index) => $"__cupiHasValue{(index / 64).ToString(CultureInfo.InvariantCulture)}";

    private static string True(int index) => $"__cupiTrue{(index / 64).ToString(CultureInfo.InvariantCulture)}";

    private static string Hex(ulong value) => $"0x{value.ToString("X", CultureInfo.InvariantCulture)}UL";

    internal static string Changed(int index) => $"__cupiChanged{(index / 64).ToString(CultureInfo.InvariantCulture)}";

    private static string Selected(int index) => $"__cupiSelected{(index / 64).ToString(CultureInfo.InvariantCulture)}";

    internal static string Word(int index) => $"__cupiPresent{(index / 64).ToString(CultureInfo.InvariantCulture)}";

    internal static string Bit(int index) => $"0x{(1UL << (index % 64)).ToString("X", CultureInfo.InvariantCulture)}UL";

    private static string? Format(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
