using System.Collections;
using System.Runtime.CompilerServices;

namespace TfLessons;

/// <summary>
/// One axis or several, as TensorFlow.NET's <c>Axis</c>: what <c>reduction_indices: 1</c>, <c>new[] { 0, 1 }</c> or
/// <c>[0, 1]</c> means.
/// </summary>
[CollectionBuilder(typeof(Axis), nameof(Create))]
public sealed record Axis(int[] Values) : IEnumerable<int>
{
    public static Axis Create(ReadOnlySpan<int> values) => new(values.ToArray());

    public static implicit operator Axis(int axis) => new([axis]);

    public static implicit operator Axis(int[] axes) => new(axes);

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)Values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
