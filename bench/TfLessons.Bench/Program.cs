using TfLessons.Bench;

// bench/compare runs one workload per process and reads the JSON line printed here;
// `micro` runs the BenchmarkDotNet suite instead.
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Workloads).Assembly).Run(args[1..]);
    return 0;
}
if (args.Length > 0 && args[0] == "gemm-shapes")
{
    Console.WriteLine($"isa {Machine.IsaPath}, TFL_SGEMM_PATH={Environment.GetEnvironmentVariable("TFL_SGEMM_PATH") ?? "(per shape)"}");
    GemmShapes.Run();
    return 0;
}
if (args.Length == 0 || !Workloads.All.ContainsKey(args[0]))
{
    Console.Error.WriteLine($"usage: TfLessons.Bench WORKLOAD [--quick] | gemm-shapes | micro [BenchmarkDotNet args]\nworkloads: {string.Join(", ", Workloads.All.Keys)}");
    return 2;
}
bool quick = args.Contains("--quick");
int workers = args.SkipWhile(a => a != "--workers").Skip(1).Select(int.Parse).FirstOrDefault(1);
Console.WriteLine(Workloads.All[args[0]](quick, workers).ToJson());
return 0;
