namespace Tensorflow.NumPy;

/// <summary>
/// Makes <c>using Tensorflow.NumPy;</c> (TensorFlow.NET's home of <c>np</c> and <c>NDArray</c>) resolve. TfLessons
/// has one <c>np</c> and one <c>NDArray</c>, in the <c>TfLessons</c> namespace that the package's global usings import,
/// so nothing here duplicates them.
/// </summary>
public static class NumPyNamespace
{
    /// <summary>The NumPy version whose behaviour <c>np</c> follows (random streams, printing, casting).</summary>
    public const string FollowsNumPy = "1.24";
}
