using System;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Cupi;
using CupiGen;

namespace PortGroupAdmin;

/// <summary>
/// Before the scenario against a real server: one request (<c>GET /vmrest/version</c>) with a single attempt of
/// at most <see cref="AttemptTimeout"/>, so an unreachable server or a refused certificate is reported at once
/// instead of after every retry. A refused certificate is answered with its thumbprint and the <c>--pin</c> to use.
/// </summary>
internal static class Preflight
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Returns null when the server answered, or what to tell the user.</summary>
    public static async Task<string?> CheckAsync(Uri server, Func<CupiClientOptions> options)
    {
        var probe = options();
        probe.MaxRetryAttempts = 0;
        probe.AttemptTimeout = AttemptTimeout;
        probe.TotalTimeout = AttemptTimeout + TimeSpan.FromSeconds(5);
        try
        {
            await new CupiClient(probe).GetVersionAsync();
            return null;
        }
        catch (CupiApiException ex) when (CupiTelemetry.ErrorType(ex) == "secure_connection_error")
        {
            var seen = await ServerCertificateAsync(server);
            return seen is null
                ? $"The TLS connection to {server} failed: {ex.ErrorMessage}. If the server's certificate is self-signed, pin it with --pin <SHA-256 thumbprint>."
                : $"The TLS certificate of {server} was refused ({seen.Value.Subject}). If it is your Unity Connection server's own certificate " +
                  $"(compare it in Cisco Unified OS Administration > Security > Certificate Management), run again with --pin {seen.Value.Sha256}";
        }
        catch (CupiApiException ex) when (ex.StatusCode == 0)
        {
            return $"Cannot reach {server}: {ex.ErrorMessage} (one attempt of at most {AttemptTimeout.TotalSeconds:0} s).";
        }
        catch (CupiApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            return $"{server} refused the credentials (HTTP 401): check --user and {Password.EnvironmentVariable}.";
        }
        catch (CupiApiException)
        {
            return null; // the server answered; the scenario's steps report what it said
        }
    }

    /// <summary>The certificate the server presents, read with a handshake that trusts it only to look at it
    /// (nothing is sent over that connection).</summary>
    private static async Task<(string Subject, string Sha256)?> ServerCertificateAsync(Uri server)
    {
        using var timeout = new CancellationTokenSource(AttemptTimeout);
        (string, string)? seen = null;
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(server.IdnHost, server.Port, timeout.Token);
            await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = server.IdnHost,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is not null)
                    {
                        seen = (certificate.Subject, certificate.GetCertHashString(HashAlgorithmName.SHA256));
                    }

                    return certificate is not null;
                },
            }, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or System.IO.IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
        {
            // Whatever was seen before the failure is still shown.
        }

        return seen;
    }
}
