using System;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace CupiGen;

/// <summary>
/// Builds the <c>ToString()</c> text of generated models: present fields only, secrets masked, so a model can
/// be logged without leaking credentials.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct CupiDisplay
{
    /// <summary>What a secret field shows instead of its value.</summary>
    public const string Mask = "***";

    private readonly StringBuilder _text;
    private bool _any;

    /// <summary>Starts the text for a model type.</summary>
    public CupiDisplay(string typeName)
    {
        _text = new StringBuilder(typeName).Append(" {");
        _any = false;
    }

    /// <summary>The present fields of a generated model as one line, secrets masked: its <c>ToString()</c>.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The text.</returns>
    public static string Describe(ICupiModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new CupiValues(model).Describe();
    }

    /// <summary>Adds a text field.</summary>
    public void Add(string name, string? value) => Append(name).Append('"').Append(value).Append('"');

    /// <summary>Adds an integer (or enum) field.</summary>
    public void Add(string name, int? value) => Append(name).Append(value?.ToString(CultureInfo.InvariantCulture) ?? "(empty)");

    /// <summary>Adds a boolean field.</summary>
    public void Add(string name, bool? value) => Append(name).Append(value switch { true => "true", false => "false", null => "(empty)" });

    /// <summary>Adds a secret field, masked.</summary>
    public void AddSecret(string name) => Append(name).Append(Mask);

    /// <summary>Adds the number of fields the schema does not know.</summary>
    public void AddAdditional(CupiAdditionalFields? store)
    {
        if (store is { Count: > 0 })
        {
            Append("AdditionalFields").Append(store.Count.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <inheritdoc />
    public override readonly string ToString() => _text.ToString() + (_any ? " }" : "}");

    private StringBuilder Append(string name)
    {
        _text.Append(_any ? ", " : " ").Append(name).Append(" = ");
        _any = true;
        return _text;
    }
}
