using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using CupiGen;

namespace PortGroupAdmin;

/// <summary>
/// Runs the scenario's steps one by one and remembers what happened. A step is an async function that checks
/// the behaviour it demonstrates (<see cref="Expect"/>) and returns a short detail for the report; any exception
/// marks the step as failed and the run goes on, so one problem never hides the next.
/// </summary>
internal sealed class StepLog
{
    private readonly List<(string Step, bool Ok, string Detail)> _steps = [];

    public bool AllPassed => _steps.TrueForAll(s => s.Ok);

    public int Count => _steps.Count;

    public async Task<bool> Run(string step, Func<Task<string>> action)
    {
        try
        {
            _steps.Add((step, true, await action()));
            return true;
        }
        catch (Exception ex)
        {
            // A failure's own message is the most useful detail (CupiGen exceptions never carry secrets).
            var detail = ex switch
            {
                ScenarioException => ex.Message,
                CupiApiException api => $"HTTP {(int)api.StatusCode} {api.ErrorCode}: {api.ErrorMessage} ({api.Method} {api.Path})",
                _ => $"{ex.GetType().Name}: {ex.Message}",
            };
            _steps.Add((step, false, detail));
            return false;
        }
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

    /// <summary>True when any step's detail contains <paramref name="text"/> (used to prove secrets never reach the report).</summary>
    public bool Mentions(string text) => _steps.Exists(s => s.Detail.Contains(text, StringComparison.Ordinal));

    public void Print()
    {
        var width = 0;
        foreach (var (step, _, _) in _steps)
        {
            width = Math.Max(width, step.Length);
        }

        foreach (var (step, ok, detail) in _steps)
        {
            var shown = detail.ReplaceLineEndings(" ");
            shown = shown.Length > 100 ? shown[..97] + "..." : shown;
            Console.WriteLine($"  {(ok ? "OK  " : "FAIL")}  {step.PadRight(width)}  {shown}");
        }

        var failed = _steps.FindAll(s => !s.Ok).Count;
        Console.WriteLine();
        Console.WriteLine($"{_steps.Count - failed} of {_steps.Count} steps behaved as documented.");
    }
}

/// <summary>A step observed something other than the documented behaviour.</summary>
internal sealed class ScenarioException(string message) : Exception(message);
