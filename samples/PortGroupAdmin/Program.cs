// PortGroupAdmin: the generated Port Groups client at work.
// With no arguments it starts the CUPI emulator in this process (127.0.0.1, a free port) and runs the whole
// scenario against it; with --server it reads from a real Unity Connection (and writes only with
// --allow-writes). Exit code 0 means every step behaved as the CUPI document says.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Cupi;
using CupiGen;
using CupiGen.Emulator;
using PortGroupAdmin;

var commandLine = CommandLine.Parse(args, out var usageError);
if (commandLine is null)
{
    Console.Error.WriteLine(usageError);
    return 2;
}

if (commandLine.ShowHelp)
{
    Console.WriteLine(CommandLine.Help);
    return 0;
}

try
{
    return commandLine.Server is null ? await AgainstEmulatorAsync(commandLine) : await AgainstServerAsync(commandLine);
}
catch (Exception ex)
{
    // Only start-up can get here (every step catches its own failures).
    Console.Error.WriteLine($"PortGroupAdmin could not run: {ex.Message}");
    return 1;
}

static async Task<int> AgainstEmulatorAsync(CommandLine commandLine)
{
    await using var cuc = await CupiEmulator.StartAsync();
    var options = new CupiClientOptions
    {
        BaseAddress = cuc.BaseAddress,
        UserName = cuc.UserName,
        Password = cuc.Password,
        Format = commandLine.Format,
    };

    // The emulator counts what reaches it: the proof that a request refused by validation was never sent.
    return await RunAsync($"{cuc} in {options.Format}", new CupiClient(options), () => cuc.RequestCount, writes: true, [cuc.Password]);
}

static async Task<int> AgainstServerAsync(CommandLine commandLine)
{
    var password = Password.Read(commandLine.User!, commandLine.Server!);
    if (string.IsNullOrEmpty(password))
    {
        Console.Error.WriteLine($"No password: set {Password.EnvironmentVariable} or type it when asked.");
        return 2;
    }

    var options = new CupiClientOptions
    {
        BaseAddress = commandLine.Server,
        UserName = commandLine.User,
        Password = password,
        Format = commandLine.Format,
    };
    foreach (var pin in commandLine.Pins)
    {
        options.PinnedCertificateThumbprints.Add(pin);
    }

    // A real server's counters are out of reach, so the client counts the requests it makes.
    var transport = new CountingTransport(options);
    return await RunAsync($"{commandLine.Server} as {commandLine.User} in {options.Format}", new CupiClient(transport), () => transport.Sent, commandLine.AllowWrites, [password]);
}

static async Task<int> RunAsync(string target, CupiClient client, Func<long> requestsSent, bool writes, IEnumerable<string> passwords)
{
    var started = Stopwatch.GetTimestamp();
    Console.WriteLine($"CupiGen PortGroupAdmin: {target}, {(writes ? "read and write" : "read-only")}");
    Console.WriteLine();

    var log = new StepLog();
    var scenario = new Scenario(client, log, requestsSent);
    await scenario.ReadOnlyAsync();
    if (writes)
    {
        await scenario.WritesAsync();
    }

    await log.Run("no secret in this report", () =>
    {
        foreach (var secret in passwords.Concat(scenario.Secrets))
        {
            StepLog.Expect(!log.Mentions(secret), "no password or SipAuthenticatePassword in any step's detail");
        }

        return Task.FromResult("passwords and SipAuthenticatePassword never shown");
    });

    log.Print();
    Console.WriteLine($"Ran in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms.");
    return log.AllPassed ? 0 : 1;
}

/// <summary>A transport that counts the requests the client makes (the generated client's extension point).</summary>
internal sealed class CountingTransport(CupiClientOptions options) : CupiTransport(options)
{
    private long _sent;

    public long Sent => Interlocked.Read(ref _sent);

    protected override Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, byte[]? body, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sent);
        return base.SendAsync(method, pathAndQuery, body, cancellationToken);
    }
}
