using System;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CupiGen;

/// <summary>
/// Reads <see cref="CupiClientOptions"/> from a configuration section, key by key (the keys are the property
/// names), without reflection: the configuration binder's source generator cannot bind the options class (its
/// certificate collection has no text form), and the reflection binder is not trimming-safe. A key that is
/// absent leaves the option as it was; a value that does not convert fails with an error naming the key.
/// Certificate authorities are objects and are added in code.
/// </summary>
internal static class CupiClientOptionsSection
{
    public static void Bind(IConfiguration configuration, CupiClientOptions options)
    {
        if (Text(configuration, nameof(CupiClientOptions.BaseAddress)) is { } address)
        {
            options.BaseAddress = Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : throw Invalid(configuration, nameof(CupiClientOptions.BaseAddress), "an absolute URI such as https://cuc.example.com/");
        }

        options.UserName = Text(configuration, nameof(CupiClientOptions.UserName)) ?? options.UserName;
        options.Password = configuration[nameof(CupiClientOptions.Password)] ?? options.Password;
        if (Text(configuration, nameof(CupiClientOptions.Format)) is { } format)
        {
            options.Format = Enum.TryParse<CupiWireFormat>(format, ignoreCase: true, out var value) && Enum.IsDefined(value)
                ? value
                : throw Invalid(configuration, nameof(CupiClientOptions.Format), "Json or Xml");
        }

        options.PageSize = Integer(configuration, nameof(CupiClientOptions.PageSize)) ?? options.PageSize;
        foreach (var pin in configuration.GetSection(nameof(CupiClientOptions.PinnedCertificateThumbprints)).GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(pin.Value))
            {
                options.PinnedCertificateThumbprints.Add(pin.Value);
            }
        }

        if (Text(configuration, nameof(CupiClientOptions.DangerousAcceptAnyServerCertificate)) is { } acceptAny)
        {
            options.DangerousAcceptAnyServerCertificate = bool.TryParse(acceptAny, out var value) ? value : throw Invalid(configuration, nameof(CupiClientOptions.DangerousAcceptAnyServerCertificate), "true or false");
        }

        options.MaxRetryAttempts = Integer(configuration, nameof(CupiClientOptions.MaxRetryAttempts)) ?? options.MaxRetryAttempts;
        options.RetryDelay = Duration(configuration, nameof(CupiClientOptions.RetryDelay)) ?? options.RetryDelay;
        options.MaxRetryDelay = Duration(configuration, nameof(CupiClientOptions.MaxRetryDelay)) ?? options.MaxRetryDelay;
        options.AttemptTimeout = Duration(configuration, nameof(CupiClientOptions.AttemptTimeout)) ?? options.AttemptTimeout;
        options.TotalTimeout = Duration(configuration, nameof(CupiClientOptions.TotalTimeout)) ?? options.TotalTimeout;
        options.MaxResponseBytes = Integer(configuration, nameof(CupiClientOptions.MaxResponseBytes)) ?? options.MaxResponseBytes;
        options.MaxConcurrentRequestsPerServer = Integer(configuration, nameof(CupiClientOptions.MaxConcurrentRequestsPerServer)) ?? options.MaxConcurrentRequestsPerServer;
    }

    private static string? Text(IConfiguration configuration, string key) =>
        configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static int? Integer(IConfiguration configuration, string key) =>
        Text(configuration, key) is not { } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw Invalid(configuration, key, "an integer");

    private static TimeSpan? Duration(IConfiguration configuration, string key) =>
        Text(configuration, key) is not { } text ? null
        : string.Equals(text, "Infinite", StringComparison.OrdinalIgnoreCase) ? System.Threading.Timeout.InfiniteTimeSpan
        : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value
        : throw Invalid(configuration, key, "a duration such as 00:00:30, or Infinite");

    // The key's full path and what was expected, never the value: it could be a misplaced secret.
    private static InvalidOperationException Invalid(IConfiguration configuration, string key, string expected) =>
        new($"Configuration value '{(configuration is IConfigurationSection section ? section.Path + ":" : string.Empty)}{key}' is not valid: expected {expected}.");
}
