using System;

namespace CupiGen;

/// <summary>
/// Marks a property whose value the server sets (an object id, a URI, a status). Writing it is meaningless:
/// the request writer never sends it, and CupiGen's analyzers report a write as an error.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CupiReadOnlyAttribute : Attribute
{
}

/// <summary>
/// Marks a property that may be given when an object is created and is fixed afterwards
/// (for example a port group's phone system or integration method).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CupiCreateOnlyAttribute : Attribute
{
}

/// <summary>Marks a property whose value is a secret: it never appears in logs, <c>ToString()</c> or messages.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CupiSecretAttribute : Attribute
{
}

/// <summary>The wire name of a generated property, when code needs it without reflection over the model.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CupiFieldAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="wireName">The element / property name on the wire.</param>
    public CupiFieldAttribute(string wireName) => WireName = wireName;

    /// <summary>The element / property name on the wire.</summary>
    public string WireName { get; }
}

/// <summary>The inclusive integer range of a property, for analyzers that check constants at build time.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CupiRangeAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="minimum">The least value (<see cref="long.MinValue"/> for none).</param>
    /// <param name="maximum">The greatest value (<see cref="long.MaxValue"/> for none).</param>
    public CupiRangeAttribute(long minimum, long maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The least value.</summary>
    public long Minimum { get; }

    /// <summary>The greatest value.</summary>
    public long Maximum { get; }
}

/// <summary>The length bounds of a text property, in characters.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CupiLengthAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="minimum">The least length (0 for none).</param>
    /// <param name="maximum">The greatest length (<see cref="int.MaxValue"/> for none).</param>
    public CupiLengthAttribute(int minimum, int maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The least length.</summary>
    public int Minimum { get; }

    /// <summary>The greatest length.</summary>
    public int Maximum { get; }
}

/// <summary>The only values a property may take (the schema's <c>enum</c> keyword).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CupiAllowedValuesAttribute : Attribute
{
    /// <summary>Creates the attribute for an integer property.</summary>
    /// <param name="values">The allowed values.</param>
    public CupiAllowedValuesAttribute(params int[] values) => Values = values;

    /// <summary>Creates the attribute for a text property.</summary>
    /// <param name="values">The allowed values.</param>
    public CupiAllowedValuesAttribute(params string[] values) => Values = values;

    /// <summary>The allowed values.</summary>
    public Array Values { get; }
}

/// <summary>The regular expression (ECMA-262 syntax, whole value) a text property must match.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CupiPatternAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="pattern">The pattern.</param>
    public CupiPatternAttribute(string pattern) => Pattern = pattern;

    /// <summary>The pattern.</summary>
    public string Pattern { get; }
}

/// <summary>Marks a text property that holds a 36-character object id (a GUID).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CupiObjectIdAttribute : Attribute
{
}

/// <summary>
/// The property has an effect only when another property of the same object equals a value (for example
/// <c>[CupiPertinentWhen("EnableMWI", true)]</c>). With <see cref="Lookup"/>, the other property holds the id of
/// an object of that resource, whose <see cref="LookupField"/> is compared instead.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CupiPertinentWhenAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="field">The wire name of the other property.</param>
    /// <param name="value">The value that makes this property pertinent.</param>
    public CupiPertinentWhenAttribute(string field, object value)
    {
        Field = field;
        Value = value;
    }

    /// <summary>The wire name of the other property.</summary>
    public string Field { get; }

    /// <summary>The value that makes this property pertinent.</summary>
    public object Value { get; }

    /// <summary>The resource the other property refers to, for a condition on a related object.</summary>
    public string? Lookup { get; set; }

    /// <summary>The field of the related object that is compared.</summary>
    public string? LookupField { get; set; }
}

/// <summary>
/// The property applies only when another property of the same object is one of some values (for example a SIP-only
/// field: <c>[CupiAppliesTo("TelephonyIntegrationMethodEnum", 2, 3)]</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CupiAppliesToAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="field">The wire name of the other property.</param>
    /// <param name="values">The values for which this property applies.</param>
    public CupiAppliesToAttribute(string field, params object[] values)
    {
        Field = field;
        Values = values;
    }

    /// <summary>The wire name of the other property.</summary>
    public string Field { get; }

    /// <summary>The values for which this property applies.</summary>
    public object[] Values { get; }
}
