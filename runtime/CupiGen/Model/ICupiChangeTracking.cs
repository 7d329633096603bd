using System.Collections.Generic;

namespace CupiGen;

/// <summary>
/// Presence and change tracking, which every generated model has: a field is present when it was received or
/// set, and changed when it was set since the object was created, parsed or accepted (what an update sends).
/// </summary>
public interface ICupiChangeTracking
{
    /// <summary>Fields the payload carried that the schema does not know, kept in arrival order and written back unchanged.</summary>
    IReadOnlyDictionary<string, string> AdditionalFields { get; }

    /// <summary>Whether any field was set since the object was created or parsed, or since AcceptChanges(): what an update request would send.</summary>
    bool HasChanges { get; }

    /// <summary>Sets a field the schema does not know, to be sent as it is; a null value removes it.</summary>
    /// <param name="wireName">The wire name of the field.</param>
    /// <param name="value">The text to send, or null to remove the field.</param>
    /// <exception cref="System.ArgumentException">The name is one of this model's own fields: set its property instead.</exception>
    void SetAdditionalField(string wireName, string? value);

    /// <summary>Forgets which fields were set, typically after the server accepted them; presence and values stay.</summary>
    void AcceptChanges();

    /// <summary>Whether the field with this wire name was set since the object was created or parsed, or since AcceptChanges().</summary>
    /// <param name="wireName">The wire name of the field.</param>
    /// <returns>True when an update request would consider the field.</returns>
    bool IsChanged(string wireName);

    /// <summary>Whether the field with this wire name is present: received from the server or set since. A present field may be empty.</summary>
    /// <param name="wireName">The wire name of the field.</param>
    /// <returns>True when the field will be written.</returns>
    bool IsPresent(string wireName);
}
