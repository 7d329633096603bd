using System;
using System.IO;
using System.Text.Json;

namespace PortGroupAdmin;

/// <summary>
/// Where the run is shown, as it happens: one line per step as each finishes (details cut to one screen line
/// unless <c>--verbose</c>), a live progress line on a terminal, and a summary. With <c>--json</c>, one JSON object
/// per line instead (<c>start</c>, <c>step</c>, <c>error</c>, <c>summary</c>), for scripts; no progress lines.
/// </summary>
internal sealed class Report(bool json, bool verbose)
{
    private const int StepWidth = 36;
    private const int DetailWidth = 100;
    private readonly TextWriter _out = Console.Out;
    private readonly bool _live = !json && !Console.IsOutputRedirected;
    private int _progressWidth;

    public bool Json => json;

    public void Start(string target, bool writes)
    {
        if (json)
        {
            Write(w =>
            {
                w.WriteString("event", "start");
                w.WriteString("target", target);
                w.WriteBoolean("writes", writes);
            });
            return;
        }

        _out.WriteLine($"CupiGen PortGroupAdmin: {target}, {(writes ? "read and write" : "read-only")}");
        _out.WriteLine();
    }

    public void Step(string step, bool ok, string detail, TimeSpan elapsed)
    {
        ClearProgress();
        if (json)
        {
            Write(w =>
            {
                w.WriteString("event", "step");
                w.WriteString("step", step);
                w.WriteBoolean("ok", ok);
                w.WriteString("detail", detail);
                w.WriteNumber("ms", Math.Round(elapsed.TotalMilliseconds, 1));
            });
            return;
        }

        var shown = detail.ReplaceLineEndings(" ");
        if (!verbose && shown.Length > DetailWidth)
        {
            shown = shown[..(DetailWidth - 3)] + "...";
        }

        _out.WriteLine($"  {(ok ? "OK  " : "FAIL")}  {step.PadRight(StepWidth)}  {shown}");
    }

    /// <summary>Rewrites one line in place on a terminal (nothing when the output is a file, a pipe or JSON).</summary>
    public void Progress(string text)
    {
        if (!_live)
        {
            return;
        }

        var line = "  ....  " + text;
        _out.Write("\r" + line.PadRight(_progressWidth));
        _progressWidth = line.Length;
        _out.Flush();
    }

    public void Error(string message)
    {
        ClearProgress();
        if (json)
        {
            Write(w =>
            {
                w.WriteString("event", "error");
                w.WriteString("message", message);
            });
            return;
        }

        Console.Error.WriteLine(message);
    }

    public void Summary(int passed, int total, TimeSpan elapsed)
    {
        ClearProgress();
        if (json)
        {
            Write(w =>
            {
                w.WriteString("event", "summary");
                w.WriteNumber("passed", passed);
                w.WriteNumber("total", total);
                w.WriteBoolean("ok", passed == total);
                w.WriteNumber("ms", Math.Round(elapsed.TotalMilliseconds));
            });
            return;
        }

        _out.WriteLine();
        _out.WriteLine($"{passed} of {total} steps behaved as documented.");
        _out.WriteLine($"Ran in {elapsed.TotalMilliseconds:0} ms.");
    }

    private void ClearProgress()
    {
        if (_progressWidth > 0)
        {
            _out.Write("\r" + new string(' ', _progressWidth) + "\r");
            _progressWidth = 0;
        }
    }

    // One object per line (JSON Lines), written with Utf8JsonWriter: no reflection, so the AOT build keeps it.
    private void Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        _out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        _out.Flush();
    }
}
