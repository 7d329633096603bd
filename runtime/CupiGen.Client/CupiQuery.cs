using System;
using System.Globalization;
using System.Text;

namespace CupiGen;

/// <summary>
/// A CUPI list filter and sort order: <c>query=(Column is value)</c> or <c>query=(Column startswith value)</c>,
/// and <c>sort=(Column asc|desc)</c>. Booleans are written 1/0 and enums as their numbers, as CUPI stores them;
/// the expression is percent-encoded as a whole. Columns are wire names, e.g. <c>nameof(PortGroup.DisplayName)</c>.
/// </summary>
/// <example><code>var query = CupiQuery.StartsWith(nameof(PortGroup.DisplayName), "PhoneSystem").OrderBy(nameof(PortGroup.DisplayName));</code></example>
public sealed class CupiQuery
{
    private CupiQuery(string? filter, string? sort)
    {
        Filter = filter;
        Sort = sort;
    }

    /// <summary>The filter expression, e.g. <c>(DisplayName is PhoneSystem-6)</c>, or null.</summary>
    public string? Filter { get; }

    /// <summary>The sort expression, e.g. <c>(DisplayName asc)</c>, or null.</summary>
    public string? Sort { get; }

    /// <summary>Objects whose column equals a text.</summary>
    public static CupiQuery Is(string column, string value) => new(Expression(column, "is", value), null);

    /// <summary>Objects whose column equals a number.</summary>
    public static CupiQuery Is(string column, long value) => Is(column, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Objects whose column equals a boolean (sent as 1 or 0).</summary>
    public static CupiQuery Is(string column, bool value) => Is(column, value ? "1" : "0");

    /// <summary>Objects whose column equals an enum value (sent as its number).</summary>
    public static CupiQuery Is(string column, Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Is(column, Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    /// <summary>Objects whose column starts with a text.</summary>
    public static CupiQuery StartsWith(string column, string value) => new(Expression(column, "startswith", value), null);

    /// <summary>No filter, sorted ascending by a column.</summary>
    public static CupiQuery SortedBy(string column, bool descending = false) => new(null, SortExpression(column, descending));

    /// <summary>This filter, sorted ascending by a column.</summary>
    public CupiQuery OrderBy(string column) => new(Filter, SortExpression(column, false));

    /// <summary>This filter, sorted descending by a column.</summary>
    public CupiQuery OrderByDescending(string column) => new(Filter, SortExpression(column, true));

    /// <summary>The query-string parameters, percent-encoded, joined by <c>&amp;</c> (no leading <c>?</c>).</summary>
    public string ToQueryString()
    {
        var text = new StringBuilder();
        if (Filter is not null)
        {
            text.Append("query=").Append(Uri.EscapeDataString(Filter));
        }

        if (Sort is not null)
        {
            text.Append(text.Length == 0 ? string.Empty : "&").Append("sort=").Append(Uri.EscapeDataString(Sort));
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToQueryString();

    private static string Expression(string column, string op, string value)
    {
        CheckColumn(column);
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException("A CUPI query value cannot contain control characters.", nameof(value));
            }
        }

        return $"({column} {op} {value})";
    }

    private static string SortExpression(string column, bool descending)
    {
        CheckColumn(column);
        return $"({column} {(descending ? "desc" : "asc")})";
    }

    private static void CheckColumn(string column)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        foreach (var c in column)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException($"'{column}' is not a CUPI column name (letters, digits and '_' only).", nameof(column));
            }
        }
    }
}
