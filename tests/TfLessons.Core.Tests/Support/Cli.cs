using TfLessons.Cli;

namespace TfLessons.Tests.Support;

/// <summary>Runs the tfl command in-process and captures its exit code, output and errors.</summary>
public static class Cli
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandRouter.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
