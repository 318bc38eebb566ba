using TfLessons.IO.Checkpoint;
using TfLessons.Runtime.Kernels;
using TfLessons.Train;

namespace TfLessons.Ops;

/// <summary>
/// The save/restore subgraph every TF1 meta graph carries (SaveV2, RestoreV2, MergeV2Checkpoints, StringJoin,
/// ShardedFilename), run on the same V2 checkpoint reader and writer as <see cref="Saver"/>.
/// </summary>
internal static class SaverOps
{
    public static void Register(Action<OpDef> add)
    {
        add(new OpDef("StringJoin", ShapeRules.Scalar, ctx =>
        {
            string separator = StringJoinAttrs.Of(ctx.Op).Separator;
            return StringKernel(ctx, s => string.Join(separator, s));
        }, null)
        { NotDifferentiable = true });
        add(new OpDef("ShardedFilename", ShapeRules.Scalar, ctx => StringKernel(ctx, s =>
            $"{s[0]}-{int.Parse(s[1]):D5}-of-{int.Parse(s[2]):D5}"), null)
        { NotDifferentiable = true });
        add(new OpDef("SaveV2", ShapeRules.None, SaveKernel, null) { NotDifferentiable = true });
        add(new OpDef("RestoreV2", RestoreShapes, RestoreKernel, null) { NotDifferentiable = true });
        add(new OpDef("MergeV2Checkpoints", ShapeRules.None, MergeKernel, null) { NotDifferentiable = true });
    }

    /// <summary>StringJoin's separator (TensorFlow's attribute, empty by default).</summary>
    internal readonly record struct StringJoinAttrs(string Separator) : IOpAttrs
    {
        public static StringJoinAttrs Of(Operation op) => new(op.Attr("separator", ""));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["separator"] = Separator;
    }

    /// <summary>RestoreV2's output dtypes (TensorFlow's attribute).</summary>
    internal readonly record struct RestoreAttrs(DType[] DTypes) : IOpAttrs
    {
        public static RestoreAttrs Of(Operation op) => new(op.Attr<DType[]>("dtypes"));

        /// <summary>dtypes of a NodeDef being imported (they give the node's output dtypes).</summary>
        public static RestoreAttrs FromTf(IReadOnlyDictionary<string, object> tf) =>
            new(OpAttrs.Need<DType[]>(tf, "dtypes", "RestoreV2"));

        public void WriteTo(IDictionary<string, object> attrs) => attrs["dtypes"] = DTypes;
    }

    private static string Scalar(NDArray a) => a.DType == DType.String ? ((string[])a.Data)[0] : a.GetDouble(0).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string[] Strings(NDArray a, string what, Operation op) =>
        a.DType == DType.String ? ((string[])a.Data)[..a.Size] : throw new ArgumentException($"{op.Type} '{op.Name}': {what} must be a string tensor, got {a.DType.Name()}");

    private static Kernel StringKernel(KernelContext ctx, Func<string[], string> f)
    {
        int[] ins = ctx.In;
        int yi = ctx.Out[0];
        return Kernel.From(v => v[yi] = new NDArray(DType.String, [], new[] { f(ins.Select(i => Scalar(v[i]!)).ToArray()) }));
    }

    private static Kernel SaveKernel(KernelContext ctx)
    {
        Operation op = ctx.Op;
        int[] ins = ctx.In;
        return Kernel.From(v =>
        {
            string prefix = Scalar(v[ins[0]]!);
            string[] names = Strings(v[ins[1]]!, "tensor_names", op);
            if (names.Length != ins.Length - 3) throw new ArgumentException($"SaveV2 '{op.Name}': {names.Length} tensor names for {ins.Length - 3} tensors");
            CheckpointWriter.Write(prefix, names.Select((n, i) => CheckpointValues.ToCheckpoint(n, v[ins[3 + i]]!)).ToList());
        });
    }

    // The restored values' shapes come from the file at run time; a plan needs them earlier, and in TF1's
    // restore subgraph each output feeds an Assign to its variable, whose shape it must have.
    private static Shape[] RestoreShapes(Operation op, Shape[] s) =>
        op.Outputs.Count == 0
            ? RestoreAttrs.Of(op).DTypes.Select(_ => Shape.Unknown).ToArray()
            : op.Outputs.Select(o => op.Consumers.Where(c => c.Type == "Assign" && c.Inputs[1] == o).Select(c => c.Inputs[0].Shape).FirstOrDefault() ?? Shape.Unknown).ToArray();

    private static Kernel RestoreKernel(KernelContext ctx)
    {
        Operation op = ctx.Op;
        int[] ins = ctx.In, outs = ctx.Out;
        int[][] shapes = ctx.OutShapes;
        return Kernel.From(v =>
        {
            string prefix = Scalar(v[ins[0]]!);
            string[] names = Strings(v[ins[1]]!, "tensor_names", op);
            if (names.Length != outs.Length) throw new ArgumentException($"RestoreV2 '{op.Name}': {names.Length} tensor names for {outs.Length} outputs");
            using CheckpointReader reader = CheckpointReader.Open(prefix);
            for (int i = 0; i < names.Length; i++)
            {
                if (!reader.Contains(names[i])) throw new KeyError($"RestoreV2 '{op.Name}': Key {names[i]} not found in checkpoint {prefix}");
                NDArray value = CheckpointValues.FromCheckpoint(reader.ReadTensor(names[i]), shapes[i]);
                if (value.DType != op.Outputs[i].DType)
                    throw new ArgumentException($"RestoreV2 '{op.Name}': tensor {names[i]} is {value.DType.Name()} in {prefix}, expected {op.Outputs[i].DType.Name()}");
                v[outs[i]] = value;
            }
        });
    }

    private static Kernel MergeKernel(KernelContext ctx)
    {
        Operation op = ctx.Op;
        int[] ins = ctx.In;
        return Kernel.From(v =>
        {
            string[] sources = Strings(v[ins[0]]!, "checkpoint_prefixes", op);
            string destination = Scalar(v[ins[1]]!);
            if (sources.Length != 1)
                throw new NotSupportedException($"MergeV2Checkpoints '{op.Name}': merging {sources.Length} shards is not supported (TfLessons writes one shard)");
            foreach (string suffix in new[] { ".index", ".data-00000-of-00001" })
                File.Move(sources[0] + suffix, destination + suffix, overwrite: true);
        });
    }
}
