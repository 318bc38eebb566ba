namespace TfLessons.Tests.IO.Graph;

/// <summary>
/// Tile, Pack and ConcatV2 in TF's node form, registered only when the engine does not have them yet (another
/// family file adds them), so the fixture graphs' gradient subgraphs can run in these tests. Each is the plain
/// definition, enough for the small integer and float tensors of the fixtures.
/// </summary>
internal static class StandInOps
{
    private static readonly object Gate = new();

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (!OpRegistry.Types.Contains("Tile")) OpRegistry.Register(new OpDef("Tile", TileShape, TileKernel, null));
            if (!OpRegistry.Types.Contains("Pack")) OpRegistry.Register(new OpDef("Pack", PackShape, ctx => Concat(ctx, ctx.In.Length), null) { NotDifferentiable = true });
            if (!OpRegistry.Types.Contains("ConcatV2")) OpRegistry.Register(new OpDef("ConcatV2", ConcatShape, ctx => Concat(ctx, ctx.In.Length - 1), null) { NotDifferentiable = true });
        }
    }

    private static Shape[] TileShape(Operation op, Shape[] s)
    {
        int[]? multiples = ShapeValues.TryGetInts(op.Inputs[1]);
        if (multiples is null || !s[0].IsFullyDefined) return [Shape.Unknown];
        return [new Shape(s[0].ToArray().Select((d, i) => d * multiples[i]).ToArray())];
    }

    private static Kernel TileKernel(KernelContext ctx)
    {
        int xi = ctx.In[0], yi = ctx.Out[0];
        int[] inShape = ctx.InShapes[0], outShape = ctx.OutShapes[0];
        NDArray y = ctx.Output(0);
        return Kernel.From(v =>
        {
            NDArray x = v[xi]!;
            var index = new int[outShape.Length];
            for (int flat = 0; flat < y.Size; flat++)
            {
                int source = 0;
                for (int d = 0; d < outShape.Length; d++) source = source * inShape[d] + index[d] % inShape[d];
                Array.Copy(x.Data, source, y.Data, flat, 1);
                for (int d = outShape.Length - 1; d >= 0 && ++index[d] == outShape[d]; d--) index[d] = 0;
            }
            v[yi] = y;
        });
    }

    // Only axis 0 of scalars (Pack) or vectors (ConcatV2), which is all the fixtures use.
    private static Shape[] PackShape(Operation op, Shape[] s) => [new Shape(s.Length)];

    private static Shape[] ConcatShape(Operation op, Shape[] s) =>
        [s[..^1].All(x => x.IsFullyDefined) ? new Shape(s[..^1].Sum(x => x.Size)) : new Shape(-1)];

    private static Kernel Concat(KernelContext ctx, int parts)
    {
        int[] ins = ctx.In[..parts];
        int yi = ctx.Out[0];
        NDArray y = ctx.Output(0);
        return Kernel.From(v =>
        {
            int at = 0;
            foreach (int i in ins)
            {
                Array.Copy(v[i]!.Data, 0, y.Data, at, v[i]!.Size);
                at += v[i]!.Size;
            }
            v[yi] = y;
        });
    }
}
