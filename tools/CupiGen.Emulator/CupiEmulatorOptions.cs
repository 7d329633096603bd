using System;
using System.Collections.Generic;

namespace CupiGen.Emulator;

/// <summary>How to start a <see cref="CupiEmulator"/>.</summary>
public sealed class CupiEmulatorOptions
{
    /// <summary>The default user name.</summary>
    public const string DefaultUserName = "admin";

    /// <summary>The default password.</summary>
    public const string DefaultPassword = "Cisco!123";

    /// <summary>The TCP port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Serve HTTPS with a self-signed certificate generated at start instead of plain HTTP.</summary>
    public bool Https { get; set; }

    /// <summary>
    /// The accounts that may sign in with Basic authentication (user name → password). Empty means one account,
    /// <see cref="DefaultUserName"/> / <see cref="DefaultPassword"/>. The first entry is the emulator's
    /// <see cref="CupiEmulator.UserName"/> and <see cref="CupiEmulator.Password"/>.
    /// </summary>
    public IDictionary<string, string> Users { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// A state file: loaded at start when it exists (instead of the seed data), written after every change.
    /// Null (the default) keeps everything in memory.
    /// </summary>
    public string? StatePath { get; set; }

    /// <summary>How long an idle session stays valid; 30 minutes by default.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Called with one line per request (<c>GET /vmrest/portgroups → 200</c>); null for silence.</summary>
    public Action<string>? Log { get; set; }

    /// <summary>Adds an account.</summary>
    /// <returns>These options.</returns>
    public CupiEmulatorOptions WithUser(string userName, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentNullException.ThrowIfNull(password);
        Users[userName] = password;
        return this;
    }
}
