using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using CupiGen.Emulator.Tables;

namespace CupiGen.Emulator.Engine;

/// <summary>A value a new object gets when the request did not set it (seed.json "created"), picked by its own or its parent's fields.</summary>
internal sealed record CreatedValues(IReadOnlyDictionary<string, string> When, IReadOnlyDictionary<string, string> WhenParent, IReadOnlyDictionary<string, string> Values);

/// <summary>The objects, per served model, as generated model instances; the seed data and state files.</summary>
internal sealed class Store
{
    private const string StateFormat = "CupiEmulator.State/1";

    private readonly RouteTable _tables;
    private Dictionary<Resource, List<ICupiModel>> _objects;

    public Store(RouteTable tables)
    {
        _tables = tables;
        _objects = Empty();
        var seed = ReadSeedDocument();
        Created = ReadCreated(seed);
        _seed = seed;
    }

    private readonly byte[] _seed;

    public IReadOnlyDictionary<Resource, IReadOnlyList<CreatedValues>> Created { get; }

    public List<ICupiModel> Objects(Resource resource) => _objects[resource];

    public ICupiModel? FindById(Resource resource, string? id)
    {
        if (id is null || resource.ObjectId is not { } field)
        {
            return null;
        }

        id = id.Trim();
        return Objects(resource).FirstOrDefault(o => string.Equals(Values.Get(o, field), id, StringComparison.OrdinalIgnoreCase));
    }

    public string IdOf(Resource resource, ICupiModel model) => resource.ObjectId is { } field ? Values.Get(model, field) ?? string.Empty : string.Empty;

    /// <summary>A served model by its key, its full name, or (for the seed data) its type name among the default models.</summary>
    public Resource? Find(string key) =>
        _tables.Resources.FirstOrDefault(r => r.Key == key) ??
        _tables.Resources.FirstOrDefault(r => r.Info.ToString() == key) ??
        _tables.Resources.FirstOrDefault(r => r.Name == key && r.Info.Namespace == CupiEmulatorOptions.DefaultModelsNamespace);

    /// <summary>The served model a reference names (same namespace, by type name).</summary>
    public Resource? Referenced(Resource from, string? typeName) =>
        typeName is null ? null : _tables.Resources.FirstOrDefault(r => r.Name == typeName && r.Info.Namespace == from.Info.Namespace);

    public void Reseed() => _objects = Read(_seed, seed: true);

    public void Load(byte[] utf8Json) => _objects = Read(utf8Json, seed: false);

    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = full + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        using (var stream = File.Create(temporary))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", StateFormat);
            json.WriteStartObject("objects");
            foreach (var (resource, list) in _objects)
            {
                json.WriteStartArray(resource.Key);
                foreach (var model in list)
                {
                    json.WriteStartObject();
                    foreach (var (field, value) in Values.ToDictionary(model))
                    {
                        json.WriteString(field, value);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        File.Move(temporary, full, overwrite: true);
    }

    private Dictionary<Resource, List<ICupiModel>> Empty() => _tables.Resources.ToDictionary(r => r, _ => new List<ICupiModel>());

    // The seed names the default models by type name; models a run does not serve are skipped there (a state
    // file must name served models only).
    private Dictionary<Resource, List<ICupiModel>> Read(byte[] utf8Json, bool seed)
    {
        var objects = Empty();
        using var document = JsonDocument.Parse(utf8Json);
        if (!document.RootElement.TryGetProperty("objects", out var all) || all.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("Not a CUPI emulator state file: no \"objects\".");
        }

        foreach (var entry in all.EnumerateObject())
        {
            var resource = Find(entry.Name);
            if (resource is null)
            {
                if (seed)
                {
                    continue;
                }

                throw new InvalidDataException($"State file: '{entry.Name}' is not a served model.");
            }

            foreach (var item in entry.Value.EnumerateArray())
            {
                var model = resource.Info.CreateInstance();
                foreach (var property in item.EnumerateObject())
                {
                    var field = resource.Info.FindField(property.Name) ?? throw new InvalidDataException($"State file: {resource.Name} has no field '{property.Name}'.");
                    try
                    {
                        Values.Set(model, field, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText());
                    }
                    catch (CupiFormatException ex)
                    {
                        throw new InvalidDataException($"State file: {resource.Name}.{property.Name}: {ex.Reason}", ex);
                    }
                }

                if (resource.ObjectId is { } id && !Values.IsPresent(model, id))
                {
                    throw new InvalidDataException($"State file: a {resource.Name} has no ObjectId.");
                }

                objects[resource].Add(model);
            }
        }

        return objects;
    }

    private Dictionary<Resource, IReadOnlyList<CreatedValues>> ReadCreated(byte[] utf8Json)
    {
        var created = new Dictionary<Resource, IReadOnlyList<CreatedValues>>();
        using var document = JsonDocument.Parse(utf8Json);
        if (!document.RootElement.TryGetProperty("created", out var all))
        {
            return created;
        }

        foreach (var entry in all.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Array || Find(entry.Name) is not { } resource)
            {
                continue;
            }

            created[resource] = entry.Value.EnumerateArray()
                .Select(rule => new CreatedValues(Map(rule, "when"), Map(rule, "whenParent"), Map(rule, "values")))
                .ToArray();
        }

        return created;

        static Dictionary<string, string> Map(JsonElement rule, string name)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            if (rule.TryGetProperty(name, out var values))
            {
                foreach (var value in values.EnumerateObject())
                {
                    map[value.Name] = value.Value.GetString() ?? string.Empty;
                }
            }

            return map;
        }
    }

    private static byte[] ReadSeedDocument()
    {
        using var stream = typeof(Store).Assembly.GetManifestResourceStream("seed.json")
            ?? throw new InvalidOperationException("The emulator was built without its seed data.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
