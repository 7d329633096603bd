using System.Collections.Generic;

namespace CupiGen;

/// <summary>
/// The one rule for an endpoint path template: a <c>{name}</c> with no brace inside is a parameter; anything else
/// is literal text. Shared source: the generator compiles this file too (netstandard2.0), so the parameters the
/// generator checks and binds are exactly those the runtime's <see cref="CupiEndpointInfo.PathParameters"/> lists.
/// </summary>
internal static class CupiPathTemplate
{
    /// <summary>The parameter names of <paramref name="path"/>, in order.</summary>
    public static List<string> Parameters(string path)
    {
        var found = new List<string>();
        var open = -1;
        for (var i = 0; i < path.Length; i++)
        {
            switch (path[i])
            {
                case '{':
                    open = i;
                    break;
                case '}' when open >= 0:
                    found.Add(path.Substring(open + 1, i - open - 1));
                    open = -1;
                    break;
            }
        }

        return found;
    }
}
