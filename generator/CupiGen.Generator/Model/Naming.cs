using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace CupiGen.Generator.Model;

/// <summary>How generated C# names are derived from schema names: one rule, used by every emitter.</summary>
internal static class Naming
{
    /// <summary>A camelCase parameter name: the leading capitals lowered, an acronym's last capital kept when a word
    /// follows ("URI" → "uri", "ObjectId" → "objectId", "SIPProfile" → "sipProfile").</summary>
    public static string Camel(string name)
    {
        var upper = 0;
        while (upper < name.Length && char.IsUpper(name[upper]))
        {
            upper++;
        }

        if (upper == 0)
        {
            return name;
        }

        var lower = upper == name.Length || upper == 1 ? upper : upper - 1;
        return name.Substring(0, lower).ToLowerInvariant() + name.Substring(lower);
    }
}

/// <summary>An endpoint path with <c>{parameter}</c> placeholders: one rule for parser and emitters.</summary>
internal static class PathTemplate
{
    /// <summary>A placeholder; group 1 is its name (the same rule as <see cref="Parameters"/>, for replacing).</summary>
    public static readonly Regex Parameter = new(@"\{([^{}]*)\}", RegexOptions.CultureInvariant);

    /// <summary>The placeholder names of a path, in order: the runtime's own rule (CupiPathTemplate, linked in).</summary>
    public static IEnumerable<string> Parameters(string path) => global::CupiGen.CupiPathTemplate.Parameters(path);
}
