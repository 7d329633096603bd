using System;
using System.Text;

namespace PortGroupAdmin;

/// <summary>Where a real server's password comes from: never the command line.</summary>
internal static class Password
{
    public const string EnvironmentVariable = "CUPI_PASSWORD";

    /// <summary>CUPI_PASSWORD when set; otherwise asks on the terminal without echo (or reads one line of redirected input).</summary>
    public static string? Read(string user, Uri server)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine();
        }

        Console.Error.Write($"Password for {user} on {server.Host}: ");
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true); // intercept: the key is not echoed
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }
}
