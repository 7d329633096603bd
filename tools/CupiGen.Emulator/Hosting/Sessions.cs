using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Security.Cryptography;

namespace CupiGen.Emulator.Hosting;

/// <summary>
/// Sessions as Unity Connection keeps them: a successful Basic sign-in opens one and sets the JSESSIONID,
/// JSESSIONIDSSO and REQUEST_TOKEN_KEY cookies; a request carrying a live session cookie needs no credentials.
/// </summary>
internal sealed class Sessions
{
    private readonly ConcurrentDictionary<string, Session> _byCookie = new(StringComparer.Ordinal);
    private readonly TimeSpan _idleTimeout;

    public Sessions(TimeSpan idleTimeout) => _idleTimeout = idleTimeout;

    public int Count => _byCookie.Values.Distinct().Count();

    public Session Open(string user)
    {
        var session = new Session(user, Token(16), Token(16), Token(16)) { LastUsed = DateTimeOffset.UtcNow };
        _byCookie[session.JSessionId] = session;
        _byCookie[session.JSessionIdSso] = session;
        return session;
    }

    /// <summary>The live session a JSESSIONID or JSESSIONIDSSO cookie names, or null.</summary>
    public Session? Find(string? cookie)
    {
        if (cookie is null || !_byCookie.TryGetValue(cookie, out var session))
        {
            return null;
        }

        var now = DateTimeOffset.UtcNow;
        if (session.Expired || now - session.LastUsed > _idleTimeout)
        {
            Close(session);
            return null;
        }

        session.LastUsed = now;
        return session;
    }

    public void ExpireAll()
    {
        foreach (var session in _byCookie.Values)
        {
            session.Expired = true;
        }

        _byCookie.Clear();
    }

    private void Close(Session session)
    {
        session.Expired = true;
        _byCookie.TryRemove(session.JSessionId, out _);
        _byCookie.TryRemove(session.JSessionIdSso, out _);
    }

    private static string Token(int bytes) => Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes));
}

internal sealed class Session(string user, string jSessionId, string jSessionIdSso, string requestToken)
{
    public string User { get; } = user;

    public string JSessionId { get; } = jSessionId;

    public string JSessionIdSso { get; } = jSessionIdSso;

    public string RequestToken { get; } = requestToken;

    public DateTimeOffset LastUsed { get; set; }

    public bool Expired { get; set; }
}
