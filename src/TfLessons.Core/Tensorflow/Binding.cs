using System.Collections;
using TfLessons;

namespace Tensorflow;

/// <summary>
/// TensorFlow.NET's <c>using static Tensorflow.Binding;</c> helpers: Python's <c>print</c>, <c>range</c>, <c>zip</c>,
/// <c>len</c> and the <c>with</c> statement, so programs written for TensorFlow.NET compile against TfLessons
/// unchanged.
/// </summary>
/// <remarks>
/// <c>tf</c> itself is TfLessons' <see cref="TfLessons.tf"/> class, which the package's global usings bring into scope,
/// so one <c>tf</c> serves TfLessons and TensorFlow.NET programs alike.
/// </remarks>
public static class Binding
{
    /// <summary>Python's <c>print</c>: tensors as TensorFlow prints them, arrays as NumPy does, several values
    /// space-separated.</summary>
    public static void print(params object?[] values) => Console.WriteLine(string.Join(" ", values.Select(str)));

    /// <summary>Python's <c>str</c>: <c>None</c>, <c>True</c>/<c>False</c>, shortest float repr, NumPy and TF
    /// forms.</summary>
    public static string str(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        float f => PyFormat.Repr(f),
        double d => PyFormat.Repr(d),
        _ => value.ToString() ?? "",
    };

    /// <summary>Python's <c>range(stop)</c>.</summary>
    public static IEnumerable<int> range(int stop) => range(0, stop);

    /// <summary>Python's <c>range(start, stop, step)</c>; a zero step is an error, as in Python.</summary>
    public static IEnumerable<int> range(int start, int stop, int step = 1)
    {
        if (step == 0) throw new ArgumentException("range() arg 3 must not be zero", nameof(step));
        return Iterate(start, stop, step);

        static IEnumerable<int> Iterate(int start, int stop, int step)
        {
            for (int i = start; step > 0 ? i < stop : i > stop; i += step) yield return i;
        }
    }

    /// <summary>Python's <c>zip</c> of two sequences, stopping at the shorter.</summary>
    public static IEnumerable<(T1, T2)> zip<T1, T2>(IEnumerable<T1> first, IEnumerable<T2> second) => first.Zip(second);

    /// <summary>Python's <c>zip</c> of three sequences.</summary>
    public static IEnumerable<(T1, T2, T3)> zip<T1, T2, T3>(
        IEnumerable<T1> first,
        IEnumerable<T2> second,
        IEnumerable<T3> third
    ) => first.Zip(second, third);

    /// <summary>TensorFlow.NET's <c>zip</c> of two arrays' elements (flattened, as T), e.g. the (x, y) pairs of a data
    /// set.</summary>
    public static IEnumerable<(T, T)> zip<T>(NDArray first, NDArray second) where T : unmanaged =>
        Elements<T>(first).Zip(Elements<T>(second));

    private static T[] Elements<T>(NDArray array) where T : unmanaged
    {
        if (array.DType != DTypes.Of<T>())
            throw new ArgumentException(
                $"zip<{typeof(T).Name}>: the array holds {array.DType.Name()}, not {DTypes.Of<T>().Name()}"
            );
        return array.ToArray<T>();
    }

    /// <summary>Python's <c>enumerate</c>.</summary>
    public static IEnumerable<(int, T)> enumerate<T>(IEnumerable<T> values, int start = 0) =>
        values.Select((v, i) => (i + start, v));

    /// <summary>Python's <c>len</c>: an array's first dimension, a collection's or string's length.</summary>
    public static int len(object value) => value switch
    {
        NDArray a => a.Rank > 0 ? a.ShapeSpan[0] : throw new ArgumentException("len() of unsized object (a 0-d array)"),
        string s => s.Length,
        ICollection c => c.Count,
        IEnumerable e => e.Cast<object>().Count(),
        _ => throw new ArgumentException($"object of type '{value.GetType().Name}' has no len()"),
    };

    /// <summary>
    /// Python's <c>with</c> statement: runs <paramref name="action"/> inside the context of <paramref name="context"/>
    /// and exits it afterwards. A session is the default session inside and is closed afterwards, as
    /// <c>with tf.Session() as sess:</c> does; a graph from <c>as_default()</c> stops being the default.
    /// </summary>
    public static void tf_with<T>(T context, Action<T> action) where T : IDisposable
    {
        using IDisposable? asDefault = (context as Session)?.as_default();
        try
        {
            action(context);
        }
        finally
        {
            context.Dispose();
        }
    }

    /// <summary>The value-returning form of <see cref="tf_with{T}(T, Action{T})"/>.</summary>
    public static TOut tf_with<T, TOut>(T context, Func<T, TOut> action) where T : IDisposable
    {
        TOut result = default!;
        tf_with(context, c => { result = action(c); });
        return result;
    }

    /// <summary>TensorFlow.NET's older name for <see cref="tf_with{T}(T, Action{T})"/>.</summary>
    public static void with<T>(T context, Action<T> action) where T : IDisposable => tf_with(context, action);

    /// <summary>TensorFlow.NET's older name for <see cref="tf_with{T, TOut}(T, Func{T, TOut})"/>.</summary>
    public static TOut with<T, TOut>(T context, Func<T, TOut> action) where T : IDisposable => tf_with(context, action);
}
