namespace CupiGen;

/// <summary>
/// Bounds the readers enforce, so that a hostile or broken server cannot exhaust memory or stack.
/// CUPI payloads are shallow (a list, an object, scalar fields), so the bounds are generous for real use.
/// </summary>
public static class CupiLimits
{
    /// <summary>The deepest nesting accepted in a JSON or XML document.</summary>
    public const int MaxDepth = 64;

    /// <summary>The largest document accepted, in bytes (UTF-8) or characters (XML).</summary>
    public const int MaxDocumentBytes = 64 * 1024 * 1024;
}
