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
    /// Registers a CUPI client: a named <see cref="HttpClient"/> with the CUPI primary handler (TLS rules) and a
    /// resilience handler (retries of idempotent calls honoring <c>Retry-After</c>, attempt timeouts), named
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
        builder.AddResilienceHandler("cupi", (pipeline, context) => CupiHttp.ConfigureResilience(pipeline, context.GetOptions<CupiClientOptions>(name)));
        services.AddTransient(sp =>
        {
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(name);
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger("CupiGen.CupiClient") ?? NullLogger.Instance;
            return create(new CupiTransport(http, OptionsFor(sp, name), logger, sp.GetRequiredKeyedService<CupiSession>(name)));
        });
        return builder;
    }

    private static CupiClientOptions OptionsFor(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<CupiClientOptions>>().Get(name);
}
