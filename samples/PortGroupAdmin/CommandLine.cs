using System;
using System.Collections.Generic;
using CupiGen;

namespace PortGroupAdmin;

/// <summary>The command line: where to run the scenario, in which wire format, and whether it may write.</summary>
internal sealed class CommandLine
{
    public const string Help = """
        PortGroupAdmin: the CupiGen showcase. Drives Cisco Unity Connection's CUPI Port Groups API with the
        generated client and prints one line per step. Exit code 0 when every step behaved as documented.

        Usage:
          PortGroupAdmin [--format json|xml]
              Starts the embedded CUPI emulator on 127.0.0.1 and runs the whole scenario against it: list
              templates and codec definitions, create SCCP, SIP and PIMG/TIMG port groups, update, reset,
              servers, codecs, SIP profile and certificate, a validation error and server errors, then delete
              everything.

          PortGroupAdmin --server https://cuc.example.com:8443 --user NAME [options]
              Runs only the read-only part (lists and gets) against a real server.

        Options:
          --format json|xml    Wire format of requests and responses (default json).
          --server URL         A Unity Connection server. https only (http is accepted for 127.0.0.1/localhost).
          --user NAME          The administrator account. The password is read from the environment variable
                               CUPI_PASSWORD or, when it is not set, asked for without echo. It is never a
                               command-line argument.
          --pin THUMBPRINT     Trust the server certificate with this SHA-1 or SHA-256 thumbprint (Unity
                               Connection's certificate is usually self-signed). Repeatable.
          --allow-writes       With --server: also run the write part. It creates three port groups named
                               CupiGen-demo-<random>-*, changes them and deletes them again.
          --bulk N             The bulk step: N port groups created, changed, reset where required and deleted,
                               as many at once as the server's limit allows (default 200 against the emulator;
                               against a server only with --allow-writes and --bulk; 0 skips it).
          --verbose            Show every step's details in full (default: cut to one line).
          --json               One JSON object per line (start, step, error, summary) instead of text.
          -h, --help           Show this text.
        """;

    public CupiWireFormat Format { get; private set; } = CupiWireFormat.Json;

    public Uri? Server { get; private set; }

    public string? User { get; private set; }

    public List<string> Pins { get; } = [];

    public bool AllowWrites { get; private set; }

    /// <summary>Port groups in the bulk step; null for the default (200 against the emulator, none against a server).</summary>
    public int? Bulk { get; private set; }

    public bool Verbose { get; private set; }

    public bool Json { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>Parses the arguments; returns null and sets <paramref name="error"/> when they are unusable.</summary>
    public static CommandLine? Parse(string[] args, out string? error)
    {
        var result = new CommandLine();
        error = null;
        for (var i = 0; i < args.Length && error is null; i++)
        {
            var arg = args[i];
            string? Value() => i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            switch (arg)
            {
                case "-h" or "--help" or "-?":
                    result.ShowHelp = true;
                    break;
                case "--format":
                    var format = Value();
                    if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
                    {
                        result.Format = CupiWireFormat.Json;
                    }
                    else if (string.Equals(format, "xml", StringComparison.OrdinalIgnoreCase))
                    {
                        result.Format = CupiWireFormat.Xml;
                    }
                    else
                    {
                        error = "--format takes json or xml.";
                    }

                    break;
                case "--server":
                    result.Server = ParseServer(Value(), out error);
                    break;
                case "--user":
                    result.User = Value();
                    error = string.IsNullOrEmpty(result.User) ? "--user takes an account name." : null;
                    break;
                case "--pin":
                    var pin = Value();
                    if (string.IsNullOrEmpty(pin))
                    {
                        error = "--pin takes a certificate thumbprint.";
                    }
                    else
                    {
                        result.Pins.Add(pin);
                    }

                    break;
                case "--allow-writes":
                    result.AllowWrites = true;
                    break;
                case "--bulk":
                    if (int.TryParse(Value(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bulk) && bulk <= 10_000)
                    {
                        result.Bulk = bulk;
                    }
                    else
                    {
                        error = "--bulk takes a number of port groups, 0 to 10000.";
                    }

                    break;
                case "--verbose":
                    result.Verbose = true;
                    break;
                case "--json":
                    result.Json = true;
                    break;
                case var _ when arg.StartsWith("--password", StringComparison.OrdinalIgnoreCase):
                    // Command lines end up in shell history and process listings.
                    error = "There is no --password option: a password on the command line is visible to other users. " +
                        "Set the environment variable CUPI_PASSWORD, or leave it unset to be asked for it.";
                    break;
                default:
                    error = $"Unknown argument '{arg}'. See --help.";
                    break;
            }
        }

        if (error is null && !result.ShowHelp)
        {
            if (result.Server is null && (result.User is not null || result.AllowWrites || result.Pins.Count > 0))
            {
                error = "--user, --pin and --allow-writes need --server (without it, the emulator is used and its account is known).";
            }
            else if (result.Server is not null && result.User is null)
            {
                error = "--server needs --user.";
            }
            else if (result.Server is not null && result.Bulk > 0 && !result.AllowWrites)
            {
                error = "--bulk writes: against a server it needs --allow-writes.";
            }
        }

        return error is null ? result : null;
    }

    private static Uri? ParseServer(string? text, out string? error)
    {
        error = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.AbsolutePath != "/" || uri.Query.Length > 0)
        {
            error = "--server takes the server's root, e.g. https://cuc.example.com:8443 (no path).";
            return null;
        }

        // Credentials and session cookies must never cross a network in clear text; loopback (a local
        // emulator) is the one exception.
        if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            error = "--server must be an https URL (http is accepted only for 127.0.0.1 and localhost).";
            return null;
        }

        return uri;
    }
}
