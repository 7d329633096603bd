using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using CupiGen.Emulator;

namespace CupiGen.Emulator.Host;

/// <summary>
/// <c>dotnet run --project tools/CupiEmulator -- [--port N] [--https] [--user NAME --password PASSWORD] [--state FILE] [--quiet]</c>:
/// serves on 127.0.0.1 until Ctrl+C or SIGTERM.
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: CupiEmulator [--port N] [--https] [--user NAME] [--password PASSWORD] [--state FILE] [--quiet]\n" +
        "  Serves the CUPI Port Groups API on 127.0.0.1 (port 0 or none: a free port) until Ctrl+C or SIGTERM.";

    public static async Task<int> Main(string[] args)
    {
        var options = new CupiEmulatorOptions();
        string? user = null;
        string? password = null;
        var quiet = false;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--port":
                        options.Port = int.Parse(Next(args, ref i), System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case "--https":
                        options.Https = true;
                        break;
                    case "--user":
                        user = Next(args, ref i);
                        break;
                    case "--password":
                        password = Next(args, ref i);
                        break;
                    case "--state":
                        options.StatePath = Next(args, ref i);
                        break;
                    case "--quiet":
                        quiet = true;
                        break;
                    case "-h" or "--help":
                        Console.WriteLine(Usage);
                        return 0;
                    default:
                        throw new FormatException($"unknown argument '{args[i]}'");
                }
            }
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"CupiEmulator: {ex.Message}\n{Usage}");
            return 2;
        }

        if (user is not null || password is not null)
        {
            options.WithUser(user ?? CupiEmulatorOptions.DefaultUserName, password ?? CupiEmulatorOptions.DefaultPassword);
        }

        if (!quiet)
        {
            options.Log = line => Console.WriteLine(line);
        }

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });

        await using var emulator = await CupiEmulator.StartAsync(options, stop.Token).ConfigureAwait(false);
        Console.WriteLine($"CUPI emulator listening on {emulator.BaseAddress} (user {emulator.UserName}{(options.StatePath is null ? string.Empty : ", state " + options.StatePath)})");
        if (emulator.Certificate is { } certificate)
        {
            Console.WriteLine($"self-signed certificate SHA-1 {certificate.Thumbprint}");
        }

        Console.WriteLine("ready");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        Console.WriteLine("stopping");
        return 0;
    }

    private static string Next(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new FormatException($"{args[i - 1]} needs a value");
}
