using System;
using System.Net;
using System.Net.Http;
using System.Threading;

namespace CupiGen;

/// <summary>
/// The cookies a CUPI server set for one client (<c>JSESSIONID</c>, <c>JSESSIONIDSSO</c>, <c>REQUEST_TOKEN_KEY</c>, …).
/// While it holds any, requests carry them instead of Basic credentials: real servers answer 503 to clients that
/// authenticate every request. Shared by every request of a client; thread-safe.
/// </summary>
public sealed class CupiSession
{
    private readonly object _lock = new();
    private CookieContainer _cookies = new();

    /// <summary>Held while a request authenticates, so that concurrent first requests do not each log in.</summary>
    internal SemaphoreSlim LoginGate { get; } = new(1, 1);

    /// <summary>Whether the session holds a cookie for this address.</summary>
    public bool HasCookies(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return CookieHeader(uri) is not null;
    }

    /// <summary>Forgets every cookie: the next request authenticates again.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _cookies = new CookieContainer();
        }
    }

    /// <summary>
    /// Forgets the cookies after a 401, but only when they are still the ones the refused request carried: when
    /// concurrent requests meet the same expired session, the first to sign in again keeps its new session,
    /// and the others reuse it instead of clearing it and signing in once more each.
    /// </summary>
    internal void Expire(Uri uri, string refusedCookieHeader)
    {
        lock (_lock)
        {
            if (string.Equals(_cookies.GetCookieHeader(uri), refusedCookieHeader, StringComparison.Ordinal))
            {
                _cookies = new CookieContainer();
            }
        }
    }

    internal string? CookieHeader(Uri uri)
    {
        lock (_lock)
        {
            var header = _cookies.GetCookieHeader(uri);
            return string.IsNullOrEmpty(header) ? null : header;
        }
    }

    internal void Store(Uri uri, HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        lock (_lock)
        {
            foreach (var value in values)
            {
                try
                {
                    _cookies.SetCookies(uri, value);
                }
                catch (CookieException)
                {
                    // A cookie the container cannot parse is ignored, as a browser would.
                }
            }
        }
    }
}
