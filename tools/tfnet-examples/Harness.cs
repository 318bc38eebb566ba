// Stand-ins for the examples repository's own scaffolding (not TensorFlow.NET): IExample, ExampleConfig,
// SciSharpExample without its Keras field, Utility.Web, and a driver that runs the programs named on the command line.
using System;
using System.IO;
using System.Linq;
using Tensorflow;

namespace TensorFlowNET.Examples
{
    public class ExampleConfig
    {
        public int Priority { get; set; } = 100;
        public string Name { get; set; }
        public bool Enabled { get; set; } = true;
        public bool IsImportingGraph { get; set; } = false;
    }

    public interface IExample
    {
        ExampleConfig Config { get; set; }
        ExampleConfig InitConfig();
        bool Run();
        void BuildModel();
        void Train();
        string FreezeModel();
        void Test();
        void Predict();
        Graph ImportGraph();
        Graph BuildGraph();
        void PrepareData();
    }

    public class SciSharpExample
    {
        public ExampleConfig Config { get; set; }
        public virtual void BuildModel() { }
        public virtual Graph BuildGraph() => throw new NotImplementedException();
        public virtual Graph ImportGraph() => throw new NotImplementedException();
        public virtual void PrepareData() => throw new NotImplementedException();
        public virtual void Train() { }
        public virtual void Test() { }
        public virtual void Predict() { }
        public virtual string FreezeModel() => throw new NotImplementedException();
    }

    public static class Driver
    {
        public static int Main(string[] args)
        {
            var types = typeof(Driver).Assembly.GetTypes()
                .Where(t => typeof(IExample).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract)
                .Where(t => args.Length == 0 || args.Contains(t.Name)).OrderBy(t => t.Name).ToList();
            int failed = 0;
            foreach (var type in types)
            {
                var example = (IExample)Activator.CreateInstance(type)!;
                example.InitConfig();
                Console.WriteLine($"=== {type.Name}: {example.Config.Name}");
                var watch = System.Diagnostics.Stopwatch.StartNew();
                bool ok;
                try { ok = example.Run(); }
                catch (Exception e) { Console.WriteLine(e); ok = false; }
                Console.WriteLine($"=== {type.Name}: {(ok ? "OK" : "FAILED")} in {watch.Elapsed.TotalSeconds:F1}s");
                if (!ok) failed++;
            }
            return failed;
        }
    }
}

namespace TensorFlowNET.Examples.Utility
{
    public static class Web
    {
        // The examples download their data; here the files must already be in place (copied from a local cache).
        public static bool Download(string url, string destDir, string destFileName)
        {
            var target = Path.Combine(destDir, destFileName);
            if (File.Exists(target))
                return false;
            var cache = Path.Combine(
                Environment.GetEnvironmentVariable("TFNET_EXAMPLES_CACHE") ?? "cache",
                destFileName
            );
            Directory.CreateDirectory(destDir);
            File.Copy(cache, target);
            return true;
        }
    }
}

namespace TensorFlowNET.Examples.Utility
{
    public static class Compress
    {
        public static void UnZip(string zipFile, string destDir)
        {
            if (!System.IO.File.Exists(zipFile)) throw new System.IO.FileNotFoundException(zipFile);
            System.IO.Compression.ZipFile.ExtractToDirectory(zipFile, destDir, overwriteFiles: true);
        }
    }
}
