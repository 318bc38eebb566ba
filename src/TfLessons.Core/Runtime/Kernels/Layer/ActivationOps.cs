using System.Numerics;

namespace TfLessons.Runtime.Kernels.Layer;

/// <summary>max(x, 0); NaN stays NaN as in TensorFlow's Relu.</summary>
internal readonly struct ReluOp : IUnaryOp
{
    public static V Invoke<V, T>(V x) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> =>
        V.Select(V.Lt(x, V.Zero), V.Zero, x);
}

/// <summary>ReluGrad(dy, x) = dy where x &gt; 0, else 0.</summary>
internal readonly struct ReluGradOp : IBinaryOp
{
    public static TypeSet Types => TypeSet.Floating;

    public static V Invoke<V, T>(V dy, V x) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> =>
        V.Select(V.Gt(x, V.Zero), dy, V.Zero);
}

/// <summary>SigmoidGrad(y, dy) = dy * y * (1 - y).</summary>
internal readonly struct SigmoidGradOp : IBinaryOp
{
    public static TypeSet Types => TypeSet.Floating;

    public static V Invoke<V, T>(V y, V dy) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> =>
        dy * y * (V.One - y);
}

/// <summary>TanhGrad(y, dy) = dy * (1 - y * y).</summary>
internal readonly struct TanhGradOp : IBinaryOp
{
    public static TypeSet Types => TypeSet.Floating;

    public static V Invoke<V, T>(V y, V dy) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> =>
        dy * (V.One - y * y);
}

/// <summary>SqrtGrad(y, dy) = dy * 0.5 / y.</summary>
internal readonly struct SqrtGradOp : IBinaryOp
{
    public static TypeSet Types => TypeSet.Floating;

    public static V Invoke<V, T>(V y, V dy) where V : struct, ILanes<V, T> where T : unmanaged, IBinaryNumber<T> =>
        dy * V.Splat(T.One / (T.One + T.One)) / y;
}
