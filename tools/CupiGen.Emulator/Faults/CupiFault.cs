using System;
using System.Text.RegularExpressions;

namespace CupiGen.Emulator;

/// <summary>How an injected fault answers a request.</summary>
public enum CupiFaultKind
{
    /// <summary>The connection is reset before the request body is read: the request is not processed.</summary>
    ResetBeforeBody,

    /// <summary>The body is read and the request processed, then the connection is reset: the answer is lost.</summary>
    ResetAfterBody,

    /// <summary>An error status (500, 502, 503, …) with a CUPI error body, optionally <c>Retry-After</c>: not processed.</summary>
    Status,

    /// <summary>The request is processed and answered after <see cref="CupiFault.Delay"/>.</summary>
    Slow,

    /// <summary>The request is processed; the answer announces its full length, stops halfway and the connection is reset.</summary>
    TruncatedBody,

    /// <summary>An HTML error page (as Tomcat sends when the web application fails) with <see cref="CupiFault.StatusCode"/>: not processed.</summary>
    HtmlErrorPage,

    /// <summary>Every session ends; 401 with the session cookies cleared: not processed.</summary>
    ExpiredSession,
}

/// <summary>
/// A fault to inject into chosen requests: which (method, path pattern, the n-th match, or each match with a
/// probability from a seeded generator, at most <see cref="Times"/> times) and how (<see cref="Kind"/>).
/// </summary>
/// <example><code>options.Faults.Add(CupiFault.Status(503, retryAfter: TimeSpan.FromSeconds(1)).For("POST", "/vmrest/portgroups").OnOccurrence(2));
/// cuc.InjectFault(CupiFault.ResetAfterBody().For("POST", "/vmrest/portgroups/*/portgroupcodecs").Times(1));</code></example>
public sealed record CupiFault
{
    private CupiFault(CupiFaultKind kind) => Kind = kind;

    /// <summary>How the request is answered.</summary>
    public CupiFaultKind Kind { get; }

    /// <summary>The status of <see cref="CupiFaultKind.Status"/> and <see cref="CupiFaultKind.HtmlErrorPage"/>.</summary>
    public int StatusCode { get; init; } = 503;

    /// <summary>The <c>Retry-After</c> of a <see cref="CupiFaultKind.Status"/> answer (whole seconds), or null for none.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>How much later a <see cref="CupiFaultKind.Slow"/> answer comes.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The HTTP method it applies to (GET, POST, PUT, DELETE), or null for every method.</summary>
    public string? Method { get; init; }

    /// <summary>The path pattern it applies to (<c>*</c> matches within one segment, <c>**</c> across segments; letter case ignored), or null for every path.</summary>
    public string? PathPattern { get; init; }

    /// <summary>Only the n-th matching request (from 1), or null for every matching request.</summary>
    public int? Occurrence { get; init; }

    /// <summary>The chance (0 to 1) that a matching request fails; 1 by default.</summary>
    public double Probability { get; init; } = 1;

    /// <summary>The seed of the generator <see cref="Probability"/> draws from, so a run can be repeated.</summary>
    public int Seed { get; init; }

    /// <summary>How many requests it fails at most, or null for no limit.</summary>
    public int? MaxTimes { get; init; }

    /// <summary>Resets the connection before the body is read (not processed).</summary>
    public static CupiFault ResetBeforeBody() => new(CupiFaultKind.ResetBeforeBody);

    /// <summary>Processes the request, then resets the connection (the answer is lost).</summary>
    public static CupiFault ResetAfterBody() => new(CupiFaultKind.ResetAfterBody);

    /// <summary>Answers an error status (not processed), with <c>Retry-After</c> when given.</summary>
    public static CupiFault Status(int statusCode = 503, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new(CupiFaultKind.Status) { StatusCode = statusCode, RetryAfter = retryAfter };
    }

    /// <summary>Processes the request and answers after <paramref name="delay"/>.</summary>
    public static CupiFault Slow(TimeSpan delay) => new(CupiFaultKind.Slow) { Delay = delay };

    /// <summary>Processes the request and cuts its answer off halfway.</summary>
    public static CupiFault TruncatedBody() => new(CupiFaultKind.TruncatedBody);

    /// <summary>Answers an HTML error page with <paramref name="statusCode"/> (not processed).</summary>
    public static CupiFault HtmlErrorPage(int statusCode = 500) => new(CupiFaultKind.HtmlErrorPage) { StatusCode = statusCode };

    /// <summary>Ends every session and answers 401 with the session cookies cleared (not processed).</summary>
    public static CupiFault ExpiredSession() => new(CupiFaultKind.ExpiredSession);

    /// <summary>Applies to one method and a path pattern (either may be null for any).</summary>
    public CupiFault For(string? method, string? pathPattern = null) => this with { Method = method, PathPattern = pathPattern };

    /// <summary>Applies to the n-th matching request only (from 1).</summary>
    public CupiFault OnOccurrence(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return this with { Occurrence = n };
    }

    /// <summary>Fails each matching request with a probability, drawn from a generator seeded with <paramref name="seed"/>.</summary>
    public CupiFault WithProbability(double probability, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1);
        return this with { Probability = probability, Seed = seed };
    }

    /// <summary>Fails at most <paramref name="count"/> requests.</summary>
    public CupiFault Times(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return this with { MaxTimes = count };
    }

    internal Regex? CompilePattern() => PathPattern is null
        ? null
        : new Regex("^/?" + Regex.Escape(PathPattern.TrimStart('/')).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "/?$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
