using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CupiGen;

/// <summary>
/// Collects the problems a generated validator finds and words their messages. Generated code uses it; user code
/// calls <c>Validate</c> on a model instead. On <see cref="CupiOperation.Read"/> every problem is a warning.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CupiValidationBuilder
{
    private const int MaxShown = 80;
    private List<CupiValidationProblem>? _problems;

    /// <summary>Starts collecting problems for an operation.</summary>
    /// <param name="operation">What the object is validated for.</param>
    public CupiValidationBuilder(CupiOperation operation) => Operation = operation;

    /// <summary>What the object is validated for.</summary>
    public CupiOperation Operation { get; }

    /// <summary>The problems found so far.</summary>
    /// <returns>The result.</returns>
    public CupiValidationResult ToResult() => _problems is null ? CupiValidationResult.Valid : new CupiValidationResult(_problems);

    /// <summary>Adds a problem; on <see cref="CupiOperation.Read"/> it is always a warning.</summary>
    /// <param name="field">The wire name.</param>
    /// <param name="rule">The rule broken.</param>
    /// <param name="severity">The severity for a request.</param>
    /// <param name="value">The value as text (null for secrets).</param>
    /// <param name="limit">The schema's limit.</param>
    /// <param name="message">The message, without the field name.</param>
    public void Add(string field, CupiRule rule, CupiSeverity severity, string? value, string? limit, string message)
    {
        var effective = Operation == CupiOperation.Read ? CupiSeverity.Warning : severity;
        (_problems ??= []).Add(new CupiValidationProblem(field, rule, effective, value, limit, field + ": " + message));
    }

    /// <summary>A create request lacks a required field.</summary>
    /// <param name="field">The wire name.</param>
    public void Required(string field) =>
        Add(field, CupiRule.Required, CupiSeverity.Error, null, null, "is required in a create request");

    /// <summary>A read-only field is set in a create request: it will not be sent.</summary>
    /// <param name="field">The wire name.</param>
    public void ReadOnlyIgnored(string field) =>
        Add(field, CupiRule.ReadOnly, CupiSeverity.Warning, null, null, "is set by Cisco Unity Connection; a create request does not send it");

    /// <summary>A field that cannot be updated was changed.</summary>
    /// <param name="field">The wire name.</param>
    /// <param name="rule"><see cref="CupiRule.ReadOnly"/> or <see cref="CupiRule.CreateOnly"/>.</param>
    public void NotUpdatable(string field, CupiRule rule) =>
        Add(field, rule, CupiSeverity.Error, null, null, rule == CupiRule.ReadOnly
            ? "was changed, but it is set by Cisco Unity Connection; an update request does not send it"
            : "was changed, but it is fixed when the object is created; an update request does not send it");

    /// <summary>Checks an integer against inclusive bounds.</summary>
    /// <param name="field">The wire name.</param>
    /// <param name="value">The value.</param>
    /// <param name="minimum">The lower bound, if any.</param>
    /// <param name="maximum">The upper bound, if any.</param>
    public void Range(string field, long value, long? minimum, long? maximum)
    {
        if (value < minimum || value > maximum)
        {
            var limit = $"{Text(minimum)}..{Text(maximum)}";
            Add(field, CupiRule.Range, CupiSeverity.Error, Text(value), limit, $"{Text(value)} is outside {limit}");
        }
    }

    /// <summary>Checks a text's length.</summary>
    /// <param name="field">The wire name.</param>
    /// <param name="value">The value.</param>
    /// <param name="minimum">The least length, if any.</param>
    /// <param name="maximum">The greatest length, if any.</param>
    /// <param name="secret">Whether the value must not be shown.</param>
    public void Length(string field, string value, int? minimum, int? maximum, bool secret)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > maximum)
        {
            var limit = "at most " + Text(maximum) + " characters";
            Add(field, CupiRule.Length, CupiSeverity.Error, Shown(value, secret), limit, $"{Describe(value, secret)} is {Text(value.Length)} characters long, more than {Text(maximum)}");
        }
        else if (value.Length < minimum)
        {
            var limit = "at least " + Text(minimum) + " characters";
            Add(field, CupiRule.Length, CupiSeverity.Error, Shown(value, secret), limit, $"{Describe(value, secret)} is {Text(value.Length)} characters long, fewer than {Text(minimum)}");
        }
    }

    /// <summary>Checks a text against the field's pattern.</summary>
    /// <param name="field">The wire name.</param>
    /// <param name="value">The value.</param>
    /// <param name="pattern">The compiled pattern (with a match timeout).</param>
    /// <param name="charset">The allowed characters in words, if the schema gives them.</param>
    /// <param name="secret">Whether the value must not be shown.</param>
    public void Pattern(string field, string value, Regex pattern, string? charset, bool secret)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(pattern);
        // A pattern that cannot decide in time rejects the value: better a false alarm than a wrong value sent.
        var ok = CupiRules.MatchPattern(pattern, value) == CupiPatternVerdict.Match;

        if (!ok)
        {
            var limit = charset ?? pattern.ToString();
            Add(field, CupiRule.Pattern, CupiSeverity.Error, Shown(value, secret), limit, $"{Describe(value, secret)} has characters the field does not allow (allowed: {limit})");
        }
    }

    /// <summary>Checks that a text is a 36-character object id (a GUID: 8-4-4-4-12 hexadecimal digits).</summary>
    /// <param name="field">The wire name.</param>
    /// <param name="value">The value; an empty text means "none" and is accepted.</param>
    /// <param name="secret">Whether the value must not be shown.</param>
    public void ObjectId(string field, string value, bool secret)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length != 0 && !IsObjectId(value))
        {
            Add(field, CupiRule.Format, CupiSeverity.Error, Shown(value, secret), "36-character object id", $"{Describe(value, secret)} is not an object id (a 36-character GUID such as 00000000-0000-0000-0000-000000000000)");
        }
    }

    /// <summary>Whether a text is an object id: 8-4-4-4-12 hexadecimal digits, 36 characters, no braces.</summary>
    /// <param name="value">The text.</param>
    /// <returns>True for an object id.</returns>
    public static bool IsObjectId(string? value) => CupiRules.IsObjectId(value);

    /// <summary>An integer outside the field's allowed set.</summary>
    /// <param name="field">The wire name.</param>
    /// <param name="value">The value.</param>
    /// <param name="allowed">The allowed values, e.g. <c>10, 20, 30</c>.</param>
    public void NotAllowed(string field, string value, string allowed) =>
        Add(field, CupiRule.AllowedValues, CupiSeverity.Error, value, allowed, $"{value} is not one of {allowed}");

    /// <summary>A value the field's enum does not name.</summary>
    /// <param name="field">The wire name.</param>
    /// <param name="value">The value.</param>
    /// <param name="enumName">The enum type name.</param>
    /// <param name="members">The members, e.g. <c>1 (Sccp), 2 (Sip)</c>.</param>
    public void NotAMember(string field, int value, string enumName, string members) =>
        Add(field, CupiRule.Enum, CupiSeverity.Error, Text(value), members, $"{Text(value)} is not a {enumName} ({members})");

    /// <summary>A field set where another field's value makes it have no effect (always a warning).</summary>
    /// <param name="field">The wire name.</param>
    /// <param name="condition">When the field is pertinent, e.g. <c>EnableMWI is true</c>.</param>
    public void NotPertinent(string field, string condition) =>
        Add(field, CupiRule.Pertinence, CupiSeverity.Warning, null, condition, $"is set but has no effect: it is pertinent only when {condition}");

    /// <summary>A field that does not apply to this kind of object (always a warning).</summary>
    /// <param name="field">The wire name.</param>
    /// <param name="condition">When the field applies, e.g. <c>TelephonyIntegrationMethodEnum is one of 2, 3</c>.</param>
    public void NotApplicable(string field, string condition) =>
        Add(field, CupiRule.AppliesTo, CupiSeverity.Warning, null, condition, $"does not apply here: it applies only when {condition}");

    /// <summary>Two objects contradict each other.</summary>
    /// <param name="field">The wire name.</param>
    /// <param name="message">What contradicts what.</param>
    public void Inconsistent(string field, string message) =>
        Add(field, CupiRule.Consistency, CupiSeverity.Error, null, null, message);

    /// <summary>Formats an integer for messages (invariant culture).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, or empty for null.</returns>
    public static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string? Shown(string value, bool secret) => secret ? null : value;

    private static string Describe(string value, bool secret)
    {
        if (secret)
        {
            return "the value";
        }

        return value.Length <= MaxShown ? "\"" + value + "\"" : "\"" + value.Substring(0, MaxShown) + "…\"";
    }
}
