namespace CupiGen;

/// <summary>Which fields a model writes.</summary>
public enum CupiWriteMode
{
    /// <summary>Every present field, server-set ones included: a faithful copy (round trips, caches, emulators).</summary>
    Everything,

    /// <summary>A create request: present fields except those the server sets (read-only).</summary>
    Create,

    /// <summary>An update request (CUPI's PUT): only read/write fields changed since the object was created or
    /// parsed, or since <c>AcceptChanges()</c>; never a read-only or create-only field.</summary>
    Update,
}

/// <summary>What a model is validated for.</summary>
public enum CupiOperation
{
    /// <summary>What a server returned: problems are warnings, never reasons to drop data.</summary>
    Read,

    /// <summary>A create request: the required fields must be present and every present field valid.</summary>
    Create,

    /// <summary>An update request: only read/write fields may have changed, and each must be valid.</summary>
    Update,
}
