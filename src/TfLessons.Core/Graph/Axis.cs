namespace TfLessons;

/// <summary>One axis or several, as TensorFlow.NET's <c>Axis</c>: what <c>reduction_indices: 1</c> or <c>new[] { 0, 1 }</c> means.</summary>
public sealed record Axis(int[] Values)
{
    public static implicit operator Axis(int axis) => new([axis]);

    public static implicit operator Axis(int[] axes) => new(axes);
}
