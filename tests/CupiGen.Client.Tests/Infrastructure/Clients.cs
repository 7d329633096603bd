using System;
using Cupi;

namespace CupiGen.Client.Tests.Infrastructure;

internal static class Clients
{
    public static CupiClientOptions Options(FakeCupiServer server, CupiWireFormat format = CupiWireFormat.Json)
    {
        var options = new CupiClientOptions
        {
            BaseAddress = server.BaseAddress,
            UserName = FakeCupiServer.UserName,
            Password = FakeCupiServer.Password,
            Format = format,
            // Short delays keep the suite fast; a Retry-After header still takes precedence.
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromSeconds(3),
            AttemptTimeout = TimeSpan.FromSeconds(20),
        };
        return options;
    }

    public static CupiClient For(FakeCupiServer server, CupiWireFormat format = CupiWireFormat.Json, Action<CupiClientOptions>? configure = null)
    {
        var options = Options(server, format);
        configure?.Invoke(options);
        return new CupiClient(options);
    }
}
