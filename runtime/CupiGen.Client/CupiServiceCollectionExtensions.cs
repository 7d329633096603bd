using System;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CupiGen;

/// <summary>
/// Registers CUPI clients on IHttpClientFactory with the options pattern: one unnamed client, or any number of
/// named ones (keyed services, one per server), configured in code or bound from <see cref="IConfiguration"/>,
/// and validated when the host starts.
/// </summary>
public static class CupiServiceCollectionExtensions
{
    /// <summary>
    /// Registers a CUPI client: a named <see cref="HttpClient"/> with the CUPI primary handler (TLS rules) whose
    /// IHttpClientFactory logging redacts <c>Authorization</c>, <c>Proxy-Authorization</c>, <c>Cookie</c> and
    /// <c>Set-Cookie</c> values (in the message and in the structured state), named
    /// <see cref="CupiClientOptions"/> validated on start, one session (cookies) for the container, and
    /// <typeparamref name="TClient"/> as a transient service. Generated code offers
    /// <c>services.AddCupiClient(options =&gt; …)</c> on top of it.
    /// </summary>
    /// <typeparam name="TClient">The client type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="create">Creates the client over a transport.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HttpClient builder, to add handlers.</returns>
    public static IHttpClientBuilder AddCupiClient<TClient>(this IServiceCollection services, Func<CupiTransport, TClient> create, Action<CupiClientOptions> configure)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, null, create, options => options.Configure(configure));
    }

    /// <summary>
    /// Registers a named CUPI client, one per server: <typeparamref name="TClient"/> as a keyed transient service
    /// (<c>[FromKeyedServices("east")]</c>, <c>GetRequiredKeyedService&lt;TClient&gt;("east")</c>) with its own
    /// HttpClient, TLS rules, options and session. Two names never share anything but the process-wide
    /// concurrency limit of a server they both talk to.
    /// </summary>
    /// <typeparam name="TClient">The client type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The registration's name, the service key.</param>
    /// <param name="create">Creates the client over a transport.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HttpClient builder, to add handlers.</returns>
    public static IHttpClientBuilder AddCupiClient<TClient>(this IServiceCollection services, string name, Func<CupiTransport, TClient> create, Action<CupiClientOptions> configure)
        where TClient : class
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, name, create, options => options.Configure(configure));
    }

    /// <summary>
    /// Registers a CUPI client whose options are bound from a configuration section (keys named as the
    /// properties of <see cref="CupiClientOptions"/>: <c>BaseAddress</c>, <c>UserName</c>, <c>Password</c>,
    /// <c>Format</c>, <c>PinnedCertificateThumbprints:0</c>, <c>AttemptTimeout</c> as <c>00:00:30</c>, …), then
    /// adjusted by <paramref name="configure"/>. Keep the password in a secret store, not in a file. The section is read
    /// without reflection (trimming- and AOT-safe); its reloads are followed.
    /// </summary>
    /// <typeparam name="TClient">The client type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The registration's name, the service key; null for the unnamed client.</param>
    /// <param name="create">Creates the client over a transport.</param>
    /// <param name="configuration">The section holding the options.</param>
    /// <param name="configure">Adjusts the bound options, or null.</param>
    /// <returns>The HttpClient builder, to add handlers.</returns>
    public static IHttpClientBuilder AddCupiClient<TClient>(this IServiceCollection services, string? name, Func<CupiTransport, TClient> create, IConfiguration configuration, Action<CupiClientOptions>? configure = null)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (name is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
        }

        return Register(services, name, create, options =>
        {
            options.Configure(o => CupiClientOptionsSection.Bind(configuration, o));
            // Follow the section's reloads, as OptionsBuilder.Bind would.
            options.Services.AddSingleton<IOptionsChangeTokenSource<CupiClientOptions>>(new ConfigurationChangeTokenSource<CupiClientOptions>(options.Name, configuration));
            if (configure is not null)
            {
                options.Configure(configure);
            }
        });
    }

    /// <summary>Headers whose values are credentials: Basic credentials and the session cookies that stand for them.</summary>
    /// <param name="name">The header's name.</param>
    public static bool IsSecretHeader(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase);

    /// <summary>The name of the HttpClient, options and session of one registration: per client type and per
    /// registration name, so that two registrations never share a handler, TLS rules or credentials.</summary>
    /// <typeparam name="TClient">The client type.</typeparam>
    /// <param name="name">The registration's name, or null for the unnamed one.</param>
    public static string HttpClientName<TClient>(string? name) =>
        name is null ? CupiClientOptionsValidator.Prefix + typeof(TClient).FullName : CupiClientOptionsValidator.Prefix + typeof(TClient).FullName + ":" + name;

    private static IHttpClientBuilder Register<TClient>(IServiceCollection services, string? key, Func<CupiTransport, TClient> create, Action<OptionsBuilder<CupiClientOptions>> configureOptions)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(create);
        var name = HttpClientName<TClient>(key);
        var options = services.AddOptions<CupiClientOptions>(name);
        configureOptions(options);
        // Problems surface when the host starts (IStartupValidator), not at the first request hours later.
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CupiClientOptions>, CupiClientOptionsValidator>());
        services.TryAddKeyedSingleton(name, static (_, _) => new CupiSession());
        var builder = services.AddHttpClient(name)
            .ConfigurePrimaryHttpMessageHandler(sp => CupiHttp.CreatePrimaryHandler(OptionsFor(sp, name)))
            .ConfigureHttpClient(static client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan);
        // IHttpClientFactory logs every request at Information and every header at Trace, and its default loggers
        // redact only the rendered message, not the structured state: replace them with one that writes at Trace
        // (the transport writes one Debug line per call) and redacts credentials and cookies in both. The
        // redaction hook stays set for default loggers an application adds back.
        builder.RedactLoggedHeaders(IsSecretHeader);
        builder.RemoveAllLoggers();
        builder.AddLogger(sp => new CupiHttpClientLogger(
            sp.GetService<ILoggerFactory>()?.CreateLogger("System.Net.Http.HttpClient." + name) ?? NullLogger.Instance));

        TClient Create(IServiceProvider sp)
        {
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(name);
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger("CupiGen.CupiClient") ?? NullLogger.Instance;
            return create(new CupiTransport(http, OptionsFor(sp, name), logger, sp.GetRequiredKeyedService<CupiSession>(name)));
        }

        if (key is null)
        {
            services.AddTransient(Create);
        }
        else
        {
            services.AddKeyedTransient(key, (sp, _) => Create(sp));
        }

        return builder;
    }

    private static CupiClientOptions OptionsFor(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<CupiClientOptions>>().Get(name);
}

/// <summary>
/// Validates the options of every <c>AddCupiClient</c> registration (and only those): each problem named, a
/// missing <see cref="CupiClientOptions.BaseAddress"/> included. Never shows the password.
/// </summary>
public sealed class CupiClientOptionsValidator : IValidateOptions<CupiClientOptions>
{
    internal const string Prefix = "CupiGen:";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CupiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name is null || !name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = options.Problems(requireBaseAddress: true);
        if (problems.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var registration = name.Substring(Prefix.Length);
        var failures = new string[problems.Count];
        for (var i = 0; i < failures.Length; i++)
        {
            failures[i] = $"CupiClientOptions of {registration}: {problems[i]}";
        }

        return ValidateOptionsResult.Fail(failures);
    }
}
