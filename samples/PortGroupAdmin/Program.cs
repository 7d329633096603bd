// PortGroupAdmin: the generated Port Groups client at work.
// With no arguments it starts the CUPI emulator in this process (127.0.0.1, a free port) and runs the whole
// scenario against it; with --server it reads from a real Unity Connection (and writes only with
// --allow-writes). Each step is shown as it finishes. Exit code 0 means every step behaved as the CUPI
// document says.
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

var report = new Report(commandLine.Json, commandLine.Verbose);
try
{
    return commandLine.Server is null ? await AgainstEmulatorAsync(commandLine, report) : await AgainstServerAsync(commandLine, report);
}
catch (Exception ex)
{
    // Only start-up can get here (every step catches its own failures).
    report.Error($"PortGroupAdmin could not run: {ex.Message}");
    return 1;
}

static async Task<int> AgainstEmulatorAsync(CommandLine commandLine, Report report)
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
    return await RunAsync(report, $"{cuc} in {options.Format}", new CupiClient(options), () => cuc.RequestCount, writes: true, commandLine.Bulk ?? 200, [cuc.Password]);
}

static async Task<int> AgainstServerAsync(CommandLine commandLine, Report report)
{
    var password = Password.Read(commandLine.User!, commandLine.Server!);
    if (string.IsNullOrEmpty(password))
    {
        report.Error($"No password: set {Password.EnvironmentVariable} or type it when asked.");
        return 2;
    }

    CupiClientOptions Options()
    {
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

        return options;
    }

    // One short attempt first: an unreachable server or a refused certificate is reported now, with what to do.
    if (await Preflight.CheckAsync(commandLine.Server!, Options) is { } problem)
    {
        report.Error(problem);
        return 1;
    }

    // A real server's counters are out of reach, so the client counts the requests it makes.
    var transport = new CountingTransport(Options());
    var bulk = commandLine.AllowWrites ? commandLine.Bulk ?? 0 : 0;
    return await RunAsync(report, $"{commandLine.Server} as {commandLine.User} in {commandLine.Format}", new CupiClient(transport), () => transport.Sent, commandLine.AllowWrites, bulk, [password]);
}

static async Task<int> RunAsync(Report report, string target, CupiClient client, Func<long> requestsSent, bool writes, int bulk, IEnumerable<string> passwords)
{
    var started = Stopwatch.GetTimestamp();
    report.Start(target, writes);

    var log = new StepLog(report);
    var scenario = new Scenario(client, log, requestsSent);
    await scenario.ReadOnlyAsync();
    if (writes)
    {
        await scenario.WritesAsync();
        if (bulk > 0)
        {
            await scenario.BulkAsync(bulk);
        }
    }

    await log.Run("no secret in this report", () =>
    {
        foreach (var secret in passwords.Concat(scenario.Secrets))
        {
            StepLog.Expect(!log.Mentions(secret), "no password or SipAuthenticatePassword in any step's detail");
        }

        return Task.FromResult("passwords and SipAuthenticatePassword never shown");
    });

    report.Summary(log.Passed, log.Count, Stopwatch.GetElapsedTime(started));
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
