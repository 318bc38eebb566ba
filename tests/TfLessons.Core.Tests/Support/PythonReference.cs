using System.Diagnostics;
using System.Text.Json;

namespace TfLessons.Tests.Support;

/// <summary>Runs a reference script under Debian's Python (/usr/bin/python3, where python3-numpy is installed) and
/// parses its JSON.</summary>
public static class PythonReference
{
    public const string Interpreter = "/usr/bin/python3";

    public static JsonElement Run(string script, params string[] args)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", script);
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        foreach (string a in args)
            start.ArgumentList.Add(a);
        using Process process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {Interpreter}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(),
            stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill();
            throw new TimeoutException($"{script} {string.Join(' ', args)} ran over 2 minutes");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{Interpreter} {script} {string.Join(' ', args)} exited {process.ExitCode} "
                    + $"(is python3-numpy installed? scripts/setup.sh installs it): {stderr.Result}"
            );
        var options = new JsonDocumentOptions();
        return JsonDocument.Parse(stdout.Result, options).RootElement.Clone();
    }

    public static double Number(JsonElement e) =>
        e.ValueKind == JsonValueKind.String
            ? e.GetString() switch
            {
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                _ => double.NaN,
            }
            : e.GetDouble();
}
