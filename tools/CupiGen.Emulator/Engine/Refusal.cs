using System;

namespace CupiGen.Emulator.Engine;

/// <summary>A request the emulator refuses: the status, CUPI's error code and a message naming the field.</summary>
internal sealed class Refusal : Exception
{
    public Refusal(int status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    public int Status { get; }

    public string Code { get; }

    public static Refusal Invalid(string message) => new(400, "INVALID_PARAMETER", message);

    public static Refusal Missing(string message) => new(400, "MISSING_PARAMETER", message);

    public static Refusal NotFound(string message) => new(404, "NOT_FOUND", message);
}
