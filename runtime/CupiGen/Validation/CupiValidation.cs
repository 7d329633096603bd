using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace CupiGen;

/// <summary>How serious a validation problem is.</summary>
public enum CupiSeverity
{
    /// <summary>Worth knowing; the request may still be sent (or the data kept).</summary>
    Warning,

    /// <summary>The request would be refused by the server, or is meaningless.</summary>
    Error,
}

/// <summary>The kind of rule a value breaks.</summary>
public enum CupiRule
{
    /// <summary>A field a create request must carry is missing.</summary>
    Required,

    /// <summary>A field the server sets was set.</summary>
    ReadOnly,

    /// <summary>A field fixed at creation was changed.</summary>
    CreateOnly,

    /// <summary>An integer outside its documented range.</summary>
    Range,

    /// <summary>A text longer (or shorter) than allowed.</summary>
    Length,

    /// <summary>A text with characters the field does not allow.</summary>
    Pattern,

    /// <summary>A text that is not in the field's format (for example an object id).</summary>
    Format,

    /// <summary>A value the field's enum does not name.</summary>
    Enum,

    /// <summary>A value outside the field's allowed set.</summary>
    AllowedValues,

    /// <summary>A field set where another field's value makes it have no effect.</summary>
    Pertinence,

    /// <summary>A field that does not apply to the object's kind (for example a SIP field on an SCCP port group).</summary>
    AppliesTo,

    /// <summary>Fields that contradict each other.</summary>
    Consistency,
}

/// <summary>One problem found by a generated validator.</summary>
public sealed class CupiValidationProblem
{
    /// <summary>Creates a problem.</summary>
    /// <param name="field">The wire name of the field.</param>
    /// <param name="rule">The rule broken.</param>
    /// <param name="severity">How serious it is.</param>
    /// <param name="value">The offending value as text (already redacted for secrets), or null.</param>
    /// <param name="limit">The schema's limit (a range, a length, a set), or null.</param>
    /// <param name="message">A sentence naming the field, e.g. <c>MwiMaxConcurrentRequests: 300 is outside 0..250</c>.</param>
    public CupiValidationProblem(string field, CupiRule rule, CupiSeverity severity, string? value, string? limit, string message)
    {
        Field = field ?? throw new ArgumentNullException(nameof(field));
        Rule = rule;
        Severity = severity;
        Value = value;
        Limit = limit;
        Message = message ?? throw new ArgumentNullException(nameof(message));
    }

    /// <summary>The wire name of the field.</summary>
    public string Field { get; }

    /// <summary>The rule broken.</summary>
    public CupiRule Rule { get; }

    /// <summary>How serious it is.</summary>
    public CupiSeverity Severity { get; }

    /// <summary>The offending value as text; never the value of a secret field.</summary>
    public string? Value { get; }

    /// <summary>The schema's limit, e.g. <c>0..250</c>.</summary>
    public string? Limit { get; }

    /// <summary>A sentence naming the field and what is wrong.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Severity}: {Message}";
}

/// <summary>What a generated validator found: one entry per problem.</summary>
public sealed class CupiValidationResult
{
    private static readonly CupiValidationProblem[] None = [];

    /// <summary>Creates a result from its problems.</summary>
    public CupiValidationResult(IEnumerable<CupiValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Problems = problems.ToArray();
    }

    private CupiValidationResult() => Problems = None;

    /// <summary>A result with no problems.</summary>
    public static CupiValidationResult Valid { get; } = new();

    /// <summary>Every problem, in field order.</summary>
    public IReadOnlyList<CupiValidationProblem> Problems { get; }

    /// <summary>The problems of severity <see cref="CupiSeverity.Error"/>.</summary>
    public IEnumerable<CupiValidationProblem> Errors => Problems.Where(p => p.Severity == CupiSeverity.Error);

    /// <summary>The problems of severity <see cref="CupiSeverity.Warning"/>.</summary>
    public IEnumerable<CupiValidationProblem> Warnings => Problems.Where(p => p.Severity == CupiSeverity.Warning);

    /// <summary>True when there is no error (warnings allowed).</summary>
    public bool IsValid => !Errors.Any();

    /// <summary>Throws <see cref="CupiValidationException"/> when there is an error.</summary>
    /// <param name="what">What was validated, for the message, e.g. <c>PortGroup create request</c>.</param>
    public void ThrowIfInvalid(string what)
    {
        if (!IsValid)
        {
            throw new CupiValidationException(what, this);
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        if (Problems.Count == 0)
        {
            return "valid";
        }

        var text = new StringBuilder();
        foreach (var problem in Problems)
        {
            text.Append(text.Length == 0 ? string.Empty : "; ").Append(problem);
        }

        return text.ToString();
    }
}

/// <summary>A request failed validation before anything was sent.</summary>
public sealed class CupiValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="what">What was validated.</param>
    /// <param name="result">The problems found.</param>
    public CupiValidationException(string what, CupiValidationResult result)
        : base($"{what} is invalid: {string.Join("; ", (result ?? throw new ArgumentNullException(nameof(result))).Errors.Select(e => e.Message))}")
    {
        Result = result;
    }

    /// <summary>Every problem found, warnings included.</summary>
    public CupiValidationResult Result { get; }
}

/// <summary>A model that can check itself against its schema's rules. Generated models implement it.</summary>
public interface ICupiValidatable
{
    /// <summary>Checks the present fields against the schema's rules for an operation.</summary>
    /// <param name="operation">Create: required fields and every present field; Update: only changed fields, which must be read/write; Read: what a server returned (every problem is a warning).</param>
    /// <returns>One entry per problem.</returns>
    CupiValidationResult Validate(CupiOperation operation);
}
