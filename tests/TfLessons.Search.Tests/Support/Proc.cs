using System.Diagnostics;
using System.Text;

namespace TfLessons.Search.Tests;

/// <summary>A child process with its output collected line by line.</summary>
internal sealed class Proc : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    public Proc(string file, IEnumerable<string> args, string? workDir = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir ?? AppContext.BaseDirectory,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        _process = new Process { StartInfo = psi };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stdout)
                {
                    _stdout.AppendLine(e.Data);
                }
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Stdout { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_stderr) { return _stderr.ToString(); } } }

    /// <summary>The test worker app, started through the dotnet host.</summary>
    public static Proc Worker(params string[] args) =>
        new("dotnet", new[] { Path.Combine(AppContext.BaseDirectory, "TfLessons.Search.TestWorker.dll") }.Concat(args));

    /// <summary>Runs to completion and returns (exit code, stdout, stderr).</summary>
    public static (int Code, string Out, string Err) Run(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        using var p = new Proc(file, args);
        if (!p.WaitForExit(timeout))
        {
            p.Kill();
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout}: {p.Stderr}");
        }
        return (p.ExitCode, p.Stdout, p.Stderr);
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }
        // Let the async readers drain, but bounded: a grandchild (e.g. a server it started)
        // may hold our pipes open forever.
        _process.WaitForExitAsync().Wait(TimeSpan.FromSeconds(10));
        return true;
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>SIGKILL on Linux: the worker gets no chance to clean up, like a crashed node.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}

/// <summary>A temporary directory removed at dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tfl-search-" + Guid.NewGuid().ToString("N")[..10]);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string SqliteUrl(string name = "study.db") => "sqlite:///" + File(name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the OS cleans /tmp anyway.
        }
    }
}
