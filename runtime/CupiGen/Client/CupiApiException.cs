using System;
using System.Net;

namespace CupiGen;

/// <summary>
/// A CUPI server refused a request: the HTTP status, CUPI's error code and message from the error body
/// (<c>&lt;ErrorDetails&gt;&lt;errors&gt;&lt;code&gt;…</c> or its JSON form; an HTML error page is reduced to its
/// text), and the request's method and path. It never carries credentials.
/// </summary>
public sealed class CupiApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="errorCode">CUPI's error code, e.g. <c>DATA_EXCEPTION</c>, or null.</param>
    /// <param name="errorMessage">CUPI's error message, or the text of the error page, or null.</param>
    /// <param name="method">The request method.</param>
    /// <param name="path">The request path and query.</param>
    public CupiApiException(HttpStatusCode statusCode, string? errorCode, string? errorMessage, string method, string path)
        : base(BuildMessage(statusCode, errorCode, errorMessage, method, path))
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        Method = method ?? throw new ArgumentNullException(nameof(method));
        Path = path ?? throw new ArgumentNullException(nameof(path));
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>CUPI's error code (<c>errors/code</c>), when the body carried one.</summary>
    public string? ErrorCode { get; }

    /// <summary>CUPI's error message (<c>errors/message</c>), or the text of an HTML or plain error body.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The request method, e.g. <c>PUT</c>.</summary>
    public string Method { get; }

    /// <summary>The request path and query, e.g. <c>/vmrest/portgroups/8a00…/reset</c>.</summary>
    public string Path { get; }

    private static string BuildMessage(HttpStatusCode status, string? code, string? message, string method, string path)
    {
        var text = $"CUPI {method} {path} failed with HTTP {(int)status} ({status})";
        if (code is not null)
        {
            text += $", error {code}";
        }

        return message is null ? text : $"{text}: {message}";
    }
}
