using System;
using Microsoft.Extensions.Logging;

namespace CupiGen;

/// <summary>
/// Every log entry of the CUPI client (category <c>CupiGen.CupiClient</c>), source-generated with stable event
/// ids: one Debug line per call, a Warning when a call fails, Debug for what happens inside a call (retries,
/// re-authentication), Trace for bodies (models as their <c>ToString</c> shows them: secrets masked). No entry
/// carries a header, a credential or a wire body.
/// </summary>
internal static partial class CupiLog
{
    [LoggerMessage(EventId = 1, EventName = "CupiCall", Level = LogLevel.Debug,
        Message = "CUPI {Method} {Path} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms after {Retries} retries")]
    public static partial void Call(ILogger logger, string method, string path, int statusCode, double elapsedMilliseconds, int retries);

    [LoggerMessage(EventId = 2, EventName = "CupiCallFailed", Level = LogLevel.Warning,
        Message = "CUPI {Method} {Path} failed ({ErrorType}) in {ElapsedMilliseconds:0.0} ms, after {Retries} retries")]
    public static partial void CallFailed(ILogger logger, string method, string path, double elapsedMilliseconds, int retries, string errorType, Exception exception);

    [LoggerMessage(EventId = 3, EventName = "CupiBody", Level = LogLevel.Trace, Message = "CUPI {Method} {Path} {Body}")]
    public static partial void Body(ILogger logger, string method, string path, string body);

    [LoggerMessage(EventId = 4, EventName = "CupiReauthenticate", Level = LogLevel.Debug,
        Message = "CUPI {Method} {Path}: session expired (401); authenticating again")]
    public static partial void Reauthenticate(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 5, EventName = "CupiRetry", Level = LogLevel.Debug,
        Message = "CUPI {Method} {Path}: attempt {Attempt} {Reason}; retrying in {DelayMilliseconds:0} ms")]
    public static partial void Retry(ILogger logger, string method, string path, int attempt, string reason, double delayMilliseconds, Exception? exception);

    [LoggerMessage(EventId = 6, EventName = "CupiDeletedAfterLostAnswer", Level = LogLevel.Information,
        Message = "CUPI DELETE {Path} answered 404 after an earlier attempt's answer was lost: the object is gone, counted as deleted")]
    public static partial void DeletedAfterLostAnswer(ILogger logger, string path);

    [LoggerMessage(EventId = 7, EventName = "CupiIdFromLocation", Level = LogLevel.Debug,
        Message = "CUPI POST {Path}: the new object's id {ObjectId} comes from the Location header")]
    public static partial void IdFromLocation(ILogger logger, string path, string objectId);

    [LoggerMessage(EventId = 8, EventName = "CupiAttemptFailed", Level = LogLevel.Debug,
        Message = "CUPI {Method} {Path}: attempt failed after {ElapsedMilliseconds:0.0} ms")]
    public static partial void AttemptFailed(ILogger logger, string method, string path, double elapsedMilliseconds, Exception exception);

    [LoggerMessage(EventId = 100, EventName = "HttpRequestStart", Level = LogLevel.Trace, Message = "Sending HTTP request {HttpMethod} {Uri}")]
    public static partial void HttpStart(ILogger logger, string httpMethod, string? uri);

    [LoggerMessage(EventId = 101, EventName = "HttpRequestStop", Level = LogLevel.Trace,
        Message = "HTTP {HttpMethod} {Uri} answered {StatusCode} after {ElapsedMilliseconds:0.0} ms")]
    public static partial void HttpStop(ILogger logger, string httpMethod, string? uri, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 103, EventName = "HttpRequestFailed", Level = LogLevel.Trace,
        Message = "HTTP {HttpMethod} {Uri} failed after {ElapsedMilliseconds:0.0} ms")]
    public static partial void HttpFailed(ILogger logger, string httpMethod, string? uri, double elapsedMilliseconds, Exception exception);
}
