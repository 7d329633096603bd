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

    /// <summary>The namespace of the Port Groups models the emulator serves by default (generated from the shipped schema).</summary>
    public const string DefaultModelsNamespace = "CupiGen.Emulator.Wire";

    private readonly List<CupiModelInfo> _models = [];

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

    /// <summary>Serve the Port Groups models (namespace <see cref="DefaultModelsNamespace"/>) with their seed data; true by default.</summary>
    public bool IncludePortGroupModels { get; set; } = true;

    /// <summary>The models served besides the Port Groups ones (see <see cref="AddModels"/>).</summary>
    public IReadOnlyList<CupiModelInfo> Models => _models;

    /// <summary>What <c>GET /vmrest/version</c> answers as the version; a Unity Connection 14 build by default.</summary>
    public string ServerVersion { get; set; } = "14.0.1.10000-10";

    /// <summary>The request throttle: Unity Connection's, as the Unity Connection REST API FAQ describes it, by default.</summary>
    public CupiThrottleOptions Throttle { get; } = new();

    /// <summary>Faults to inject from the start (see <see cref="CupiFault"/>); more can be added with <see cref="CupiEmulator.InjectFault"/>.</summary>
    public IList<CupiFault> Faults { get; } = [];

    /// <summary>Adds an account.</summary>
    /// <returns>These options.</returns>
    public CupiEmulatorOptions WithUser(string userName, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentNullException.ThrowIfNull(password);
        Users[userName] = password;
        return this;
    }

    /// <summary>
    /// Serves the models of a generated namespace (its <c>CupiModels.All</c>): every model with endpoints gets its
    /// routes, rules, paging, <c>query=</c> and <c>sort=</c> from its table, with no emulator code.
    /// </summary>
    /// <param name="models">The models' tables.</param>
    /// <returns>These options.</returns>
    public CupiEmulatorOptions AddModels(IEnumerable<CupiModelInfo> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        foreach (var model in models)
        {
            ArgumentNullException.ThrowIfNull(model, nameof(models));
            if (!_models.Contains(model))
            {
                _models.Add(model);
            }
        }

        return this;
    }
}

/// <summary>
/// How many requests the emulator processes at once and how long others wait. The defaults are Unity
/// Connection's (Cisco, "Unity Connection REST API FAQ"): 5 requests in progress per server whatever the client,
/// the others queued, and a request that waited too long answered 503 without being processed.
/// </summary>
public sealed class CupiThrottleOptions
{
    /// <summary>Requests processed at once; 5 by default.</summary>
    public int MaxConcurrentRequests { get; set; } = 5;

    /// <summary>Requests that may wait for a slot; 255 by default ("we can queue up to 255 requests"). One more is answered 503 at once.</summary>
    public int QueueLimit { get; set; } = 255;

    /// <summary>
    /// How long a request may wait for a slot before it is answered 503 ("server busy") unprocessed; 20 seconds by
    /// default, the timeout an earlier revision of the FAQ gives (the current one says only that the wait times out).
    /// </summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long processing one request takes (holding its slot); none by default.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;
}
