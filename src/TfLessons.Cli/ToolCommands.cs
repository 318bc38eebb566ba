using System.CommandLine;

namespace TfLessons.Cli;

/// <summary><c>tfl eval</c>, <c>tfl ckpt inspect|diff</c>, <c>tfl graph inspect</c> and <c>tfl events</c>.</summary>
internal static class ToolCommands
{
    public static IEnumerable<Command> All()
    {
        var model = new Option<string>("--model")
        {
            Description = $"checkpoint directory or prefix [default: {EvalCommand.DefaultModel}]",
            HelpName = "DIR",
        };
        var eval = new Command("eval", "restore the SIGNS model and print its train and test accuracy") { model };
        eval.SetAction(p => EvalCommand.Run(p.GetValue(model), p.InvocationConfiguration.Output));
        yield return eval;

        var ckpt = new Command("ckpt", "TensorFlow V2 checkpoints (ours or TensorFlow's)");
        var path = new Argument<string>("PATH")
        {
            Description = "checkpoint prefix, its .index file, or a directory with a 'checkpoint' file",
        };
        var values = new Option<bool>("--values")
        {
            Description = "also print every tensor's values",
            Arity = ArgumentArity.Zero,
        };
        var inspect = new Command("inspect", "list a checkpoint's tensors: name, dtype, shape, statistics")
        {
            path,
            values,
        };
        inspect.SetAction(p =>
            CheckpointCommands.Inspect(p.GetValue(path)!, p.GetValue(values), p.InvocationConfiguration.Output)
        );
        var a = new Argument<string>("A") { Description = "first checkpoint" };
        var b = new Argument<string>("B") { Description = "second checkpoint" };
        var diff = new Command("diff", "compare two checkpoints tensor by tensor (exit code 1 if they differ)")
        {
            a,
            b,
        };
        diff.SetAction(p => CheckpointCommands.Diff(p.GetValue(a)!, p.GetValue(b)!, p.InvocationConfiguration.Output));
        ckpt.Subcommands.Add(inspect);
        ckpt.Subcommands.Add(diff);
        yield return ckpt;

        var graphPath = new Argument<string>("PATH")
        {
            Description = "a MetaGraphDef (.meta) or GraphDef (.pb binary, .pbtxt text)",
        };
        var graphInspect = new Command(
            "inspect",
            "nodes by op type, placeholders with shapes, variables, collections, unsupported ops (exit code 1 if any)"
        )
        {
            graphPath,
        };
        graphInspect.SetAction(p => GraphCommands.Inspect(p.GetValue(graphPath)!, p.InvocationConfiguration.Output));
        var graph = new Command(
            "graph",
            "TensorFlow graphs (.meta, .pb, .pbtxt) written by Python TensorFlow or by TfLessons"
        );
        graph.Subcommands.Add(graphInspect);
        yield return graph;

        var events = new Argument<string>("PATH")
        {
            Description = "an event file or a directory searched for events.out.tfevents.*",
        };
        var eventsCommand = new Command("events", "print the scalar series of TensorBoard event files") { events };
        eventsCommand.SetAction(p => CheckpointCommands.Events(p.GetValue(events)!, p.InvocationConfiguration.Output));
        yield return eventsCommand;
    }
}
