using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using CupiGen;

namespace PortGroupAdmin;

/// <summary>
/// Runs the scenario's steps one by one, shows each as soon as it finishes (<see cref="Report"/>) and remembers
/// what happened. A step is an async function that checks the behaviour it demonstrates (<see cref="Expect"/>)
/// and returns a detail for the report; any exception marks the step as failed and the run goes on, so one
/// problem never hides the next.
/// </summary>
internal sealed class StepLog(Report report)
{
    private readonly List<(string Step, bool Ok, string Detail)> _steps = [];

    public bool AllPassed => _steps.TrueForAll(s => s.Ok);

    public int Count => _steps.Count;

    public int Passed => _steps.FindAll(s => s.Ok).Count;

    public Report Report => report;

    public async Task<bool> Run(string step, Func<Task<string>> action)
    {
        var started = Stopwatch.GetTimestamp();
        bool ok;
        string detail;
        try
        {
            detail = await action();
            ok = true;
        }
        catch (Exception ex)
        {
            // A failure's own message is the most useful detail (CupiGen exceptions never carry secrets).
            detail = ex switch
            {
                ScenarioException => ex.Message,
                CupiApiException api => $"HTTP {(int)api.StatusCode} {api.ErrorCode}: {api.ErrorMessage} ({api.Method} {api.Path})",
                _ => $"{ex.GetType().Name}: {ex.Message}",
            };
            ok = false;
        }

        _steps.Add((step, ok, detail));
        report.Step(step, ok, detail, Stopwatch.GetElapsedTime(started));
        return ok;
    }

    /// <summary>Fails the current step unless the documented behaviour was observed.</summary>
    public static void Expect(bool condition, string expectation)
    {
        if (!condition)
        {
            throw new ScenarioException("expected " + expectation);
        }
    }

    /// <summary>Runs a call that must fail with <typeparamref name="TException"/> and returns that exception.</summary>
    public static async Task<TException> ExpectThrows<TException>(Func<Task> call)
        where TException : Exception
    {
        try
        {
            await call();
        }
        catch (TException ex)
        {
            return ex;
        }

        throw new ScenarioException($"expected {typeof(TException).Name}, but the call succeeded");
    }

    /// <summary>
    /// True when any step's detail shows <paramref name="secret"/> as a whole value: an occurrence between
    /// separators (space, quote, punctuation that delimits values), not inside a longer word, so a one-letter
    /// password does not match every word that contains that letter.
    /// </summary>
    public bool Mentions(string secret) => _steps.Exists(s => ContainsWhole(s.Detail, secret));

    public static bool ContainsWhole(string text, string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            var end = i + value.Length;
            if ((i == 0 || IsSeparator(text[i - 1])) && (end == text.Length || IsSeparator(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || c is '\'' or '"' or '`' or ',' or ';' or ':' or '=' or '(' or ')' or '[' or ']' or '{' or '}' or '<' or '>' or '.' or '/' or '!' or '?';
}

/// <summary>A step observed something other than the documented behaviour.</summary>
internal sealed class ScenarioException(string message) : Exception(message);
