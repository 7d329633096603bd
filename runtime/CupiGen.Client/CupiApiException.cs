using System;
using System.Net;

namespace CupiGen;

/// <summary>
/// A CUPI call failed. Either the server answered with an error (the HTTP status, CUPI's error code and message
/// from the error body, <c>&lt;ErrorDetails&gt;&lt;errors&gt;&lt;code&gt;…</c> or its JSON form; an HTML error page is
/// reduced to its text), or with something that is not a valid answer (a cut-off, oversized or unreadable body,
/// an HTML page where CUPI data was expected: the status it came with, and the body's first characters), or no
/// answer came at all (a refused connection or TLS certificate, a timeout: <see cref="StatusCode"/> is 0 and
/// <see cref="Exception.InnerException"/> is the cause). It carries the request's method and path, never credentials.
/// </summary>
public sealed class CupiApiException : Exception
{
    /// <summary>Creates the exception for an answer of the server.</summary>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="errorCode">CUPI's error code, e.g. <c>DATA_EXCEPTION</c>, or null.</param>
    /// <param name="errorMessage">CUPI's error message, or the text of the error page, or null.</param>
    /// <param name="method">The request method.</param>
    /// <param name="path">The request path and query.</param>
    public CupiApiException(HttpStatusCode statusCode, string? errorCode, string? errorMessage, string method, string path)
        : this(statusCode, errorCode, errorMessage, method, path, null)
    {
    }

    /// <summary>Creates the exception, with its cause.</summary>
    /// <param name="statusCode">The HTTP status of the response, or 0 when there was none.</param>
    /// <param name="errorCode">CUPI's error code, e.g. <c>DATA_EXCEPTION</c>, or null.</param>
    /// <param name="errorMessage">CUPI's error message, the text of the error page, or what went wrong.</param>
    /// <param name="method">The request method.</param>
    /// <param name="path">The request path and query.</param>
    /// <param name="innerException">The cause (a connection, TLS, timeout or format failure), or null.</param>
    public CupiApiException(HttpStatusCode statusCode, string? errorCode, string? errorMessage, string method, string path, Exception? innerException)
        : base(BuildMessage(statusCode, errorCode, errorMessage, method, path), innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        Method = method ?? throw new ArgumentNullException(nameof(method));
        Path = path ?? throw new ArgumentNullException(nameof(path));
    }

    /// <summary>The HTTP status of the response, or 0 when no response came (connection, TLS, timeout).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>CUPI's error code (<c>errors/code</c>), when the body carried one.</summary>
    public string? ErrorCode { get; }

    /// <summary>CUPI's error message (<c>errors/message</c>), the text of an HTML or plain error body, or what was wrong with the answer.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The request method, e.g. <c>PUT</c>.</summary>
    public string Method { get; }

    /// <summary>The request path and query, e.g. <c>/vmrest/portgroups/8a00…/reset</c>.</summary>
    public string Path { get; }

    private static string BuildMessage(HttpStatusCode status, string? code, string? message, string method, string path)
    {
        var text = status == 0
            ? $"CUPI {method} {path} failed without a response"
            : $"CUPI {method} {path} failed with HTTP {(int)status} ({status})";
        if (code is not null)
        {
            text += $", error {code}";
        }

        return message is null ? text : $"{text}: {message}";
    }
}
