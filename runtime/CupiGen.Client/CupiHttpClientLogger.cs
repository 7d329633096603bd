using System;
using System.Collections;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace CupiGen;

/// <summary>
/// IHttpClientFactory's logging for CUPI clients, in place of its default loggers: those redact secret headers
/// only in the rendered message, while the structured state (what a JSON sink writes to disk) keeps the raw
/// <c>Authorization</c> and cookie values. Here a secret header's value is replaced by <c>*</c> before it
/// reaches the message or the state (see <see cref="CupiServiceCollectionExtensions.IsSecretHeader"/>). Every line is
/// Trace: the transport writes the one Debug line per call, so a default configuration logs nothing per request.
/// </summary>
internal sealed class CupiHttpClientLogger(ILogger logger) : IHttpClientLogger
{
    private const string Redacted = "*";

    private static readonly EventId RequestHeaders = new(102, "RequestHeader");
    private static readonly EventId ResponseHeaders = new(104, "ResponseHeader");

    public object? LogRequestStart(HttpRequestMessage request)
    {
        CupiLog.HttpStart(logger, request.Method.Method, UriOf(request));
        if (logger.IsEnabled(LogLevel.Trace))
        {
            logger.Log(LogLevel.Trace, RequestHeaders, new HeaderState("Request Headers:", request.Headers, request.Content?.Headers), null, static (state, _) => state.ToString());
        }

        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        CupiLog.HttpStop(logger, request.Method.Method, UriOf(request), (int)response.StatusCode, elapsed.TotalMilliseconds);
        if (logger.IsEnabled(LogLevel.Trace))
        {
            logger.Log(LogLevel.Trace, ResponseHeaders, new HeaderState("Response Headers:", response.Headers, response.Content.Headers), null, static (state, _) => state.ToString());
        }
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        CupiLog.HttpFailed(logger, request.Method.Method, UriOf(request), elapsed.TotalMilliseconds, exception);

    // The path and query, never user information a URI might carry.
    private static string? UriOf(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } uri ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped) : request.RequestUri?.ToString();

    /// <summary>Header names and values, secret ones redacted, as structured state and as text.</summary>
    private sealed class HeaderState : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly string _title;
        private readonly List<KeyValuePair<string, object?>> _values = [];

        public HeaderState(string title, HttpHeaders headers, HttpHeaders? contentHeaders)
        {
            _title = title;
            Add(headers);
            if (contentHeaders is not null)
            {
                Add(contentHeaders);
            }
        }

        public int Count => _values.Count;

        public KeyValuePair<string, object?> this[int index] => _values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString()
        {
            var text = new StringBuilder(_title).AppendLine();
            foreach (var (key, value) in _values)
            {
                text.Append(key).Append(": ").Append(value).AppendLine();
            }

            return text.ToString();
        }

        private void Add(HttpHeaders headers)
        {
            // NonValidated: reading must not change how the headers go on the wire.
            foreach (var header in headers.NonValidated)
            {
                _values.Add(new(header.Key, CupiServiceCollectionExtensions.IsSecretHeader(header.Key) ? Redacted : header.Value.ToString()));
            }
        }
    }
}
