using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;

namespace CupiGen;

/// <summary>
/// One concurrency limit per CUPI server (scheme, host and port) for the whole process, shared by every client
/// that talks to it: Unity Connection processes at most 5 CUPI requests at once, queues the others and answers
/// 503 to a request that waited too long (Cisco, "Unity Connection REST API FAQ"), so requests beyond the limit
/// wait here instead of in the server's queue. See <see cref="CupiClientOptions.MaxConcurrentRequestsPerServer"/>.
/// </summary>
public static class CupiServerThrottle
{
    private static readonly ConcurrentDictionary<string, ConcurrencyLimiter> Limiters = new(StringComparer.Ordinal);

    /// <summary>The key of a server: its scheme, host and port, e.g. <c>https://cuc.example.com:443</c>.</summary>
    /// <param name="address">Any address on the server.</param>
    public static string ServerKey(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return string.Create(CultureInfo.InvariantCulture, $"{address.Scheme}://{address.IdnHost}:{address.Port}").ToLowerInvariant();
    }

    /// <summary>The limiter of a server, created with <paramref name="permitLimit"/> by the first caller.</summary>
    /// <param name="address">Any address on the server.</param>
    /// <param name="permitLimit">Requests in progress at once, when the limiter is created now.</param>
    public static ConcurrencyLimiter For(Uri address, int permitLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        return Limiters.GetOrAdd(ServerKey(address), static (_, limit) => new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limit,
            // Waiting is bounded by the caller's token and CupiClientOptions.TotalTimeout, not by a queue length.
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }), permitLimit);
    }
}
