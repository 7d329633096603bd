using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace CupiGen;

/// <summary>
/// Related objects a validator may consult, by type and object id: the port group templates, SIP security
/// profiles and the like that a model refers to. Rules that compare two objects (a template's integration method,
/// a SIP profile's port) run only where both objects are known; unknown ids are never an error.
/// </summary>
public sealed class CupiValidationContext
{
    private readonly Dictionary<Key, object> _objects = new();
    private readonly Dictionary<ModelKey, ICupiModel> _models = new();

    /// <summary>Adds an object under its object id; a later object with the same type and id replaces it.</summary>
    /// <typeparam name="T">The generated model type (the type lookups ask for).</typeparam>
    /// <param name="objectId">The object's id (compared ignoring case and surrounding white space).</param>
    /// <param name="item">The object.</param>
    /// <returns>This context, for chaining.</returns>
    public CupiValidationContext Add<T>(string objectId, T item) where T : class
    {
        ArgumentNullException.ThrowIfNull(objectId);
        ArgumentNullException.ThrowIfNull(item);
        var id = Normalize(objectId);
        _objects[new Key(typeof(T), id)] = item;
        if (item is ICupiModel model)
        {
            // Table-driven rules look related objects up by model name, not by CLR type.
            _models[new ModelKey(model.ModelInfo.Namespace, model.ModelInfo.TypeName, id)] = model;
        }

        return this;
    }

    /// <summary>Adds every object that has an id; objects whose id is null or empty are skipped.</summary>
    /// <typeparam name="T">The generated model type.</typeparam>
    /// <param name="items">The objects, for example a list read from the server.</param>
    /// <param name="objectId">Gives an object's id, e.g. <c>t =&gt; t.ObjectId</c>.</param>
    /// <returns>This context, for chaining.</returns>
    public CupiValidationContext AddRange<T>(IEnumerable<T> items, Func<T, string?> objectId) where T : class
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(objectId);
        foreach (var item in items)
        {
            if (item is not null && objectId(item) is { Length: > 0 } id)
            {
                Add(id, item);
            }
        }

        return this;
    }

    /// <summary>Finds an object of type <typeparamref name="T"/> by id.</summary>
    /// <typeparam name="T">The generated model type.</typeparam>
    /// <param name="objectId">The id, or null (never found).</param>
    /// <param name="item">The object, when found.</param>
    /// <returns>True when the context knows the object.</returns>
    public bool TryGet<T>(string? objectId, [NotNullWhen(true)] out T? item) where T : class
    {
        if (objectId is not null && _objects.TryGetValue(new Key(typeof(T), Normalize(objectId)), out var found) && found is T typed)
        {
            item = typed;
            return true;
        }

        item = null;
        return false;
    }

    /// <summary>Finds a generated model by its namespace, type name and id (what the runtime's rules use).</summary>
    /// <param name="ns">The model's namespace.</param>
    /// <param name="typeName">The model's type name.</param>
    /// <param name="objectId">The id, or null (never found).</param>
    /// <param name="item">The object, when found.</param>
    /// <returns>True when the context knows the object.</returns>
    public bool TryGetModel(string ns, string typeName, string? objectId, [NotNullWhen(true)] out ICupiModel? item)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(typeName);
        item = null;
        return objectId is not null && _models.TryGetValue(new ModelKey(ns, typeName, Normalize(objectId)), out item);
    }

    private static string Normalize(string objectId) => objectId.Trim().ToUpperInvariant();

    private readonly record struct Key(Type Type, string Id);

    private readonly record struct ModelKey(string Namespace, string TypeName, string Id);
}
