using TfLessons.Cli;

return CommandRouter.Run(args, Console.Out, Console.Error);
