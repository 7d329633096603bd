using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace CupiGen;

/// <summary>What a pattern check concluded.</summary>
internal enum CupiPatternVerdict
{
    /// <summary>The text matches.</summary>
    Match,

    /// <summary>The text does not match.</summary>
    NoMatch,

    /// <summary>The pattern could not decide (it timed out or .NET cannot run it).</summary>
    Undecided,
}

/// <summary>
/// The field rules themselves, as pure functions: the runtime's validation and the analyzer's constant checks
/// both compile this one file (the analyzer links it), so the two cannot disagree. Kept to what netstandard2.0
/// offers, since the analyzer runs inside the compiler.
/// </summary>
internal static class CupiRules
{
    /// <summary>Whether an integer lies within inclusive bounds (a missing bound does not limit).</summary>
    public static bool IsInRange(long value, long? minimum, long? maximum) =>
        (minimum is null || value >= minimum.Value) && (maximum is null || value <= maximum.Value);

    /// <summary>-1 when a text is shorter than allowed, 1 when longer, 0 when its length is allowed.</summary>
    public static int CompareLength(int length, int? minimum, int? maximum)
    {
        if (maximum is not null && length > maximum.Value)
        {
            return 1;
        }

        return minimum is not null && length < minimum.Value ? -1 : 0;
    }

    /// <summary>Compiles a schema pattern as every checker runs it: culture-invariant, with a match timeout.</summary>
    public static Regex CompilePattern(string pattern, TimeSpan timeout) => new(pattern, RegexOptions.CultureInvariant, timeout);

    /// <summary>
    /// Checks a text against a schema pattern. The schema's ECMA-262 '$' does not match before a final newline,
    /// while .NET's does: a text ending in '\n' never matches.
    /// </summary>
    public static CupiPatternVerdict MatchPattern(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text) && !text.EndsWith("\n", StringComparison.Ordinal) ? CupiPatternVerdict.Match : CupiPatternVerdict.NoMatch;
        }
        catch (RegexMatchTimeoutException)
        {
            return CupiPatternVerdict.Undecided;
        }
    }

    /// <summary>Whether a text is an object id: 8-4-4-4-12 hexadecimal digits, 36 characters, no braces.</summary>
    public static bool IsObjectId(string? value)
    {
        if (value is null || value.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < 36; i++)
        {
            var c = value[i];
            var ok = i is 8 or 13 or 18 or 23 ? c == '-' : c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a value's wire text is one of the allowed texts (an empty list allows everything).</summary>
    public static bool IsAllowed(string text, IReadOnlyList<string> allowed)
    {
        if (allowed.Count == 0)
        {
            return true;
        }

        for (var i = 0; i < allowed.Count; i++)
        {
            if (string.Equals(allowed[i], text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an integer is one of an enum's values (an empty list allows everything).</summary>
    public static bool IsMember(long value, IReadOnlyList<int> members)
    {
        if (members.Count == 0)
        {
            return true;
        }

        for (var i = 0; i < members.Count; i++)
        {
            if (members[i] == value)
            {
                return true;
            }
        }

        return false;
    }
}
