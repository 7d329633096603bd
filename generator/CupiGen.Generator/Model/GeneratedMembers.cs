using System;
using System.Collections.Generic;

namespace CupiGen.Generator.Model;

/// <summary>
/// The member names the emitters give every generated model and client (with those inherited from object): a
/// schema name that would collide with one is refused by the parser. One list for both sides; a test compiles the
/// generated code and checks that every member it declares beyond the fields is listed here.
/// </summary>
internal static class GeneratedMembers
{
    /// <summary>Members of every model; a field's property cannot take one of these names.</summary>
    public static readonly HashSet<string> Model = new(StringComparer.Ordinal)
    {
        "FromJson", "FromJsonAsync", "FromXml", "ListFromJson", "ListFromJsonAsync", "ListFromXml", "ToJson",
        "ToJsonUtf8", "ToXml", "AdditionalFields", "SetAdditionalField", "IsPresent", "ToString", "Equals",
        "GetHashCode", "GetType", "MemberwiseClone", "Finalize", "HasChanges", "AcceptChanges", "IsChanged", "Validate", "IsKnownField",
    };

    /// <summary>Members of a generated client class; a client property or accessor cannot take one of these names
    /// (the fuzzer found CS0108 for Equals, GetType and MemberwiseClone).</summary>
    public static readonly HashSet<string> Client = new(StringComparer.Ordinal)
    {
        "CupiClient", "Transport", "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };
}
