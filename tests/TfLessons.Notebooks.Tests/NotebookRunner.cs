using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;

namespace TfLessons.Notebooks.Tests;

/// <summary>What one code cell produced: its source, printed text, the MIME types it displayed and its errors (compiler
/// warnings included).</summary>
public sealed record CellResult(
    int Index,
    string Source,
    string Output,
    IReadOnlyList<string> MimeTypes,
    IReadOnlyList<string> Errors
);

/// <summary>
/// Runs a notebook's code cells in order on an in-process C# kernel (no Jupyter), as the .NET Interactive kernel
/// would: with the notebooks folder as the working directory, so the first cell's relative #r paths resolve.
/// </summary>
public static class NotebookRunner
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string NotebookDirectory => Path.Combine(RepositoryRoot, "notebooks");

    public static async Task<IReadOnlyList<CellResult>> RunAsync(string name)
    {
        string path = Path.Combine(NotebookDirectory, name + ".ipynb");
        var kernels = new KernelInfoCollection { new("csharp", languageName: "C#", aliases: ["c#", "C#"]) };
        InteractiveDocument document = Notebook.Parse(await File.ReadAllTextAsync(path), kernels);
        using var kernel = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        var results = new List<CellResult>();
        string previous = Environment.CurrentDirectory;
        TextWriter console = Console.Out;
        Environment.CurrentDirectory = NotebookDirectory;
        try
        {
            int index = 0;
            foreach (InteractiveDocumentElement cell in document.Elements)
            {
                index++;
                if (cell.KernelName is not ("csharp" or null)) continue;
                using var printed = new StringWriter();
                Console.SetOut(printed);
                KernelCommandResult result;
                try
                {
                    result = await kernel.SendAsync(
                        new Microsoft.DotNet.Interactive.Commands.SubmitCode(cell.Contents)
                    );
                }
                finally
                {
                    Console.SetOut(console);
                }
                var mimes = new List<string>();
                var errors = new List<string>();
                var text = new System.Text.StringBuilder(printed.ToString());
                foreach (KernelEvent e in result.Events)
                {
                    switch (e)
                    {
                        case StandardOutputValueProduced o:
                            text.Append(
                                string.Concat(
                                    o.FormattedValues.Where(v => v.MimeType == "text/plain").Select(v => v.Value)
                                )
                            );
                            break;
                        case StandardErrorValueProduced err:
                            errors.Add("stderr: " + string.Concat(err.FormattedValues.Select(v => v.Value)));
                            break;
                        case DisplayEvent d:
                            mimes.AddRange(d.FormattedValues.Select(v => v.MimeType));
                            break;
                        case CommandFailed failed:
                            errors.Add(failed.Message + (failed.Exception is null ? "" : "\n" + failed.Exception));
                            break;
                        case DiagnosticsProduced diagnostics:
                            // Warnings count too: the project treats them as errors, and a notebook is code a student
                            // copies.
                            errors.AddRange(
                                diagnostics
                                    .Diagnostics.Where(x =>
                                        x.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning
                                    )
                                    .Select(x => x.ToString())
                            );
                            break;
                    }
                }
                results.Add(new CellResult(index, cell.Contents, text.ToString(), mimes, errors));
                if (errors.Count > 0) break;
            }
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
        return results;
    }

    /// <summary>Publishes the library the notebooks load (artifacts/notebook-lib), once per test run.</summary>
    public static void PublishLibrary()
    {
        // The caller already holds the build lock (the test command runs under it), so this does not take it again.
        var start = new ProcessStartInfo(
            "dotnet",
            [
                "publish",
                "src/TfLessons.Plots",
                "-c",
                "Release",
                "-r",
                "linux-x64",
                "--self-contained",
                "false",
                "-o",
                "artifacts/notebook-lib",
                "--nologo",
                "-v",
                "q",
            ]
        )
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)
            ?? throw new InvalidOperationException("could not start dotnet publish");
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"dotnet publish src/TfLessons.Plots failed ({process.ExitCode}):\n{output}"
            );
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TfLessons.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no TfLessons.sln above {AppContext.BaseDirectory}");
    }
}
