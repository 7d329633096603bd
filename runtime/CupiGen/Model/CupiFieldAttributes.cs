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
