using System;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CupiGen;

/// <summary>Registers CUPI clients on IHttpClientFactory with the options pattern.</summary>
public static class CupiServiceCollectionExtensions
{
    /// <summary>
    /// Registers a CUPI client: a named <see cref="HttpClient"/> with the CUPI primary handler (TLS rules) whose
    /// IHttpClientFactory logging redacts <c>Authorization</c>, <c>Proxy-Authorization</c>, <c>Cookie</c> and
    /// <c>Set-Cookie</c> values (in the message and in the structured state), named
    /// <see cref="CupiClientOptions"/>, one session (cookies) for the container, and <typeparamref name="TClient"/>
    /// as a transient service. Generated code offers <c>services.AddCupiClient(options =&gt; …)</c> on top of it.
    /// </summary>
    /// <typeparam name="TClient">The client type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="create">Creates the client over a transport.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HttpClient builder, to add handlers.</returns>
    public static IHttpClientBuilder AddCupiClient<TClient>(this IServiceCollection services, Func<CupiTransport, TClient> create, Action<CupiClientOptions> configure)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(configure);
        var name = "CupiGen:" + typeof(TClient).FullName;
        services.AddOptions<CupiClientOptions>(name).Configure(configure);
        services.TryAddKeyedSingleton(name, static (_, _) => new CupiSession());
        var builder = services.AddHttpClient(name)
            .ConfigurePrimaryHttpMessageHandler(sp => CupiHttp.CreatePrimaryHandler(OptionsFor(sp, name)))
            .ConfigureHttpClient(static client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan);
        // IHttpClientFactory logs every header at Trace, and its default loggers redact only the rendered message,
        // not the structured state: replace them with one that redacts credentials and cookies in both. The
        // redaction hook stays set for default loggers an application adds back.
        builder.RedactLoggedHeaders(IsSecretHeader);
        builder.RemoveAllLoggers();
        builder.AddLogger(sp => new CupiHttpClientLogger(
            sp.GetService<ILoggerFactory>()?.CreateLogger("System.Net.Http.HttpClient." + name) ?? NullLogger.Instance));
        services.AddTransient(sp =>
        {
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(name);
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger("CupiGen.CupiClient") ?? NullLogger.Instance;
            return create(new CupiTransport(http, OptionsFor(sp, name), logger, sp.GetRequiredKeyedService<CupiSession>(name)));
        });
        return builder;
    }

    /// <summary>Headers whose values are credentials: Basic credentials and the session cookies that stand for them.</summary>
    /// <param name="name">The header's name.</param>
    public static bool IsSecretHeader(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase);

    private static CupiClientOptions OptionsFor(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<CupiClientOptions>>().Get(name);
}
