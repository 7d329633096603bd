using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Cupi;

namespace CupiGen.Tests;

/// <summary>
/// The generated metadata tables are what the runtime reads, writes and validates from: each must say what the
/// schema says, field by field, and the registry must hold every model.
/// </summary>
public class ModelTableTests
{
    private static readonly JsonElement Definitions = LoadSchema().GetProperty("$defs");

    [Fact]
    public void The_registry_lists_every_resource_of_the_schema_once()
    {
        var resources = Definitions.EnumerateObject()
            .Where(d => d.Value.TryGetProperty("properties", out _))
            .Select(d => d.Name)
            .OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(resources, CupiModels.All.Select(m => m.TypeName));
        Assert.All(CupiModels.All, m => Assert.Equal("Cupi", m.Namespace));
    }

    [Fact]
    public void Each_table_creates_instances_of_its_own_type()
    {
        foreach (var info in CupiModels.All)
        {
            var instance = info.CreateInstance();
            Assert.Equal(info.TypeName, instance.GetType().Name);
            Assert.Same(info, instance.ModelInfo);
            Assert.False(((ICupiChangeTracking)instance).HasChanges);
        }

        Assert.Same(CupiModels.All.Single(m => m.TypeName == "PortGroup"), ((ICupiModel)new PortGroup()).ModelInfo);
    }

    [Fact]
    public void Every_field_of_every_table_says_what_the_schema_says()
    {
        foreach (var info in CupiModels.All)
        {
            var definition = Definitions.GetProperty(info.TypeName);
            var properties = definition.GetProperty("properties").EnumerateObject().ToList();
            Assert.Equal(properties.Select(p => p.Name), info.Fields.Select(f => f.WireName));
            Assert.Equal(Text(definition, "x-cupi-element") ?? info.TypeName, info.ElementName);
            for (var i = 0; i < properties.Count; i++)
            {
                var where = $"{info.TypeName}.{properties[i].Name}";
                var schema = properties[i].Value;
                var field = info.Fields[i];
                Assert.True(i == field.Index, where);
                Assert.True(ExpectedKind(schema) == field.Kind, $"{where}: kind {field.Kind}");
                var access = Flag(schema, "readOnly") ? CupiFieldAccess.ReadOnly : Flag(schema, "x-cupi-createOnly") ? CupiFieldAccess.CreateOnly : CupiFieldAccess.ReadWrite;
                Assert.True(access == field.Access, $"{where}: access {field.Access}");
                Assert.True(Flag(schema, "x-cupi-secret") == field.IsSecret, $"{where}: secret");
                Assert.True(Number(schema, "maxLength") == field.MaxLength, $"{where}: maxLength");
                Assert.True(Number(schema, "minLength") == field.MinLength, $"{where}: minLength");
                Assert.True(Number(schema, "minimum") == field.Minimum, $"{where}: minimum");
                Assert.True(Number(schema, "maximum") == field.Maximum, $"{where}: maximum");
                Assert.True(Text(schema, "pattern") == field.Pattern, $"{where}: pattern");
                Assert.True((Text(schema, "format") == "uuid") == field.IsObjectId, $"{where}: object id");
                Assert.True(Text(schema, "x-cupi-references") == field.References, $"{where}: references");
                var aliases = schema.TryGetProperty("x-cupi-aliases", out var a) ? a.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
                Assert.Equal(aliases, field.Aliases);
                Assert.True(schema.TryGetProperty("x-cupi-pertinentWhen", out _) == field.PertinentWhen is not null, $"{where}: pertinence");
                Assert.True(schema.TryGetProperty("x-cupi-appliesTo", out _) == field.AppliesTo is not null, $"{where}: applicability");
                Assert.True(WireDefault(schema) == field.Default, $"{where}: default {field.Default}");
            }

            var required = definition.TryGetProperty("x-cupi-requiredOnCreate", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
            Assert.Equal(required, info.RequiredOnCreate.Select(index => info.Fields[index].WireName));
        }
    }

    [Fact]
    public void Every_endpoint_of_every_table_says_what_the_schema_says()
    {
        var seen = 0;
        foreach (var info in CupiModels.All)
        {
            var definition = Definitions.GetProperty(info.TypeName);
            var endpoints = definition.TryGetProperty("x-cupi-endpoints", out var e) ? e.EnumerateArray().ToList() : [];
            Assert.Equal(endpoints.Select(x => x.GetProperty("name").GetString()), info.Endpoints.Select(x => x.Name));
            for (var i = 0; i < endpoints.Count; i++)
            {
                var schema = endpoints[i];
                var endpoint = info.Endpoints[i];
                var where = $"{info.TypeName}.{endpoint.Name}";
                Assert.True(schema.GetProperty("method").GetString() == endpoint.HttpMethodName, $"{where}: method {endpoint.Method}");
                Assert.True(schema.GetProperty("path").GetString() == endpoint.Path, $"{where}: path");
                Assert.Equal(Strings(schema, "alternatePaths"), endpoint.AlternatePaths);
                Assert.Equal(Strings(schema, "query"), endpoint.Query);
                var response = schema.TryGetProperty("response", out var r) ? r : default;
                Assert.True((response.ValueKind == JsonValueKind.Object && response.TryGetProperty("status", out var status) ? status.GetInt32() : 200) == endpoint.Status, $"{where}: status");
                Assert.True(Body(response) == endpoint.ResponseBody, $"{where}: response body {endpoint.ResponseBody}");
                Assert.True(Body(schema.TryGetProperty("request", out var q) ? q : default) == endpoint.RequestBody, $"{where}: request body {endpoint.RequestBody}");
                if (schema.TryGetProperty("requires", out var requires))
                {
                    Assert.Equal(requires.GetProperty("field").GetString(), info.Fields[endpoint.RequiresField].WireName);
                    Assert.Equal(requires.GetProperty("equals").GetRawText(), endpoint.RequiresValue);
                }
                else
                {
                    Assert.True(endpoint.RequiresField == -1 && endpoint.RequiresValue is null, $"{where}: requires");
                }

                Assert.Equal(System.Text.RegularExpressions.Regex.Matches(endpoint.Path, "{([^}]+)}").Select(m => m.Groups[1].Value), endpoint.PathParameters);
                seen++;
            }

            var placement = definition.TryGetProperty("x-cupi-client", out var c) ? c : default;
            if (placement.ValueKind != JsonValueKind.Object)
            {
                Assert.Null(info.Client);
                continue;
            }

            Assert.NotNull(info.Client);
            Assert.Equal(Text(placement, "name"), info.Client.Name);
            Assert.Equal(Text(placement, "parent"), info.Client.Parent);
            Assert.Equal(Text(placement, "parameter"), info.Client.Parameter);
            Assert.Equal(Text(placement, "accessor"), info.Client.Accessor);
        }

        Assert.True(seen >= 20, $"only {seen} endpoints checked");
        var reset = ((ICupiModel)new PortGroup()).ModelInfo.FindEndpoint("Reset")!;
        Assert.Equal(CupiHttpMethod.Put, reset.Method);
        Assert.Equal("ResetStatusEnum", ((ICupiModel)new PortGroup()).ModelInfo.Fields[reset.RequiresField].WireName);
        Assert.Equal("100", reset.RequiresValue);
        Assert.Null(((ICupiModel)new PortGroup()).ModelInfo.FindEndpoint("NoSuchEndpoint"));

        static CupiBodyKind Body(JsonElement part) =>
            part.ValueKind == JsonValueKind.Object && part.TryGetProperty("body", out var body)
                ? body.GetString() switch { "object" => CupiBodyKind.Object, "list" => CupiBodyKind.List, "uri" => CupiBodyKind.Uri, _ => CupiBodyKind.None }
                : CupiBodyKind.None;

        static string[] Strings(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) ? value.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
    }

    [Fact]
    public void Endpoints_are_built_on_first_read_only()
    {
        // Serializing never reads the endpoints, so a table builds them when asked (start-up time counts).
        var builds = 0;
        var info = new CupiModelInfo(
            "Contoso", "Gadget", "Gadget", "Gadgets",
            [new CupiFieldInfo(0, "Name", CupiFieldKind.String, 0)],
            static () => new PortGroup(),
            endpoints: () =>
            {
                builds++;
                return [new CupiEndpointInfo("Get", CupiHttpMethod.Get, "/gadgets/{objectId}", 200, CupiBodyKind.Object)];
            });
        Assert.Equal(0, builds);
        Assert.Equal("objectId", Assert.Single(info.Endpoints).PathParameters.Single());
        Assert.Same(info.Endpoints, info.Endpoints);
        Assert.Equal(1, builds);
        Assert.Empty(new CupiModelInfo("Contoso", "Gizmo", "Gizmo", "Gizmos", [], static () => new PortGroup()).Endpoints);
    }

    [Fact]
    public void Conditions_point_at_the_field_they_read()
    {
        var portGroup = ((ICupiModel)new PortGroup()).ModelInfo;
        var retry = portGroup.FindField("MwiRetryCountOnSuccess")!;
        Assert.Equal("EnableMWI", portGroup.Fields[retry.PertinentWhen!.Field].WireName);
        Assert.Equal(["true"], retry.PertinentWhen.Values);
        var template = portGroup.FindField("MediaPortGroupTemplateObjectId")!;
        Assert.Equal("TelephonyIntegrationMethodEnum", portGroup.Fields[template.Matches!.Field].WireName);
        Assert.Equal("PortGroupTemplate", template.Matches.LookupModel);
        Assert.Equal("CopyTelephonyIntegrationMethodEnum", template.Matches.LookupField);
        Assert.Null(portGroup.FindField("MediaPortGroupTemplateObjectID")); // an alias is read, but is not a field
    }

    [Fact]
    public void A_model_of_more_than_64_fields_keeps_every_bit_apart()
    {
        // The store keeps presence, change and value bits in 64-bit words: fields 63, 64 and 130 sit in three.
        var wide = new Wide();
        wide.Set(130, 7);
        wide.Set(64, 1);
        Assert.True(wide.FieldStore.IsPresent(130));
        Assert.True(wide.FieldStore.IsPresent(64));
        Assert.False(wide.FieldStore.IsPresent(63));
        Assert.False(wide.FieldStore.IsPresent(0));

        var json = CupiSerializer.ToJson(wide);
        Assert.Equal("{\"F64\":\"1\",\"F130\":\"7\"}", json);
        var read = CupiSerializer.FromJson<Wide>("{\"F63\":\"5\",\"F129\":\"\",\"F131\":\"-2\"}");
        Assert.Equal(5, read.Get(63));
        Assert.True(read.FieldStore.IsPresent(129));
        Assert.Null(read.Get(129));                          // present, but empty
        Assert.Equal(-2, read.Get(131));
        Assert.False(read.FieldStore.IsPresent(130));
        Assert.False(read.FieldStore.HasChanges);

        var xml = CupiSerializer.FromXml<Wide>("<Wide><F0>3</F0><F140>9</F140></Wide>");
        Assert.Equal(3, xml.Get(0));
        Assert.Equal(9, xml.Get(140));
        read.Set(131, null);
        Assert.Equal("{\"F63\":\"5\",\"F129\":\"\"}", CupiSerializer.ToJson(read));
    }

    private static JsonElement LoadSchema()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "schema", "cupi-portgroups.schema.json");
            if (File.Exists(path))
            {
                return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
            }
        }

        throw new FileNotFoundException("schema/cupi-portgroups.schema.json not found above " + AppContext.BaseDirectory);
    }

    private static CupiFieldKind ExpectedKind(JsonElement property)
    {
        if (property.TryGetProperty("$ref", out _))
        {
            return CupiFieldKind.Enum;
        }

        return Text(property, "type") switch
        {
            "integer" => CupiFieldKind.Integer,
            "boolean" => CupiFieldKind.Boolean,
            _ => CupiFieldKind.String,
        };
    }

    // The schema's default as wire text: what a server would send for it (null has no wire form).
    private static string? WireDefault(JsonElement schema) =>
        !schema.TryGetProperty("default", out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => value.GetRawText(),
        };

    private static bool Flag(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    /// <summary>A hand-made model of 150 integer fields on the runtime's table and store.</summary>
    private sealed class Wide : ICupiModel<Wide>
    {
        private static readonly CupiModelInfo Info = new(
            "Tests", "Wide", "Wide", "Wides",
            Enumerable.Range(0, 150).Select(i => new CupiFieldInfo(i, "F" + i, CupiFieldKind.Integer, i)).ToArray(),
            static () => new Wide());

        private readonly int[] _numbers = new int[150];
        private CupiFieldStore _store = new(150);

        public static CupiModelInfo Metadata => Info;

        public CupiModelInfo ModelInfo => Info;

        public ref CupiFieldStore FieldStore => ref _store;

        public Span<string?> TextSlots => default;

        public Span<int> NumberSlots => _numbers;

        public static Wide CreateEmpty() => new();

        public int? Get(int index) => _store.GetInt32(index, _numbers[index]);

        public void Set(int index, int? value) => _store.SetInt32(ref _numbers[index], index, value);
    }
}
