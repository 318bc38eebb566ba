// Namespaces that TensorFlow.NET programs import and whose contents TfLessons already has in the TfLessons namespace
// (brought in by the package's global usings). Each holds one marker type, so that `using NumSharp;` and
// `using Tensorflow.Hub;` resolve without a second copy of np, NDArray or the MNIST loader.

namespace NumSharp
{
    /// <summary>
    /// Makes <c>using NumSharp;</c> resolve: TensorFlow.NET before 0.60 took <c>np</c> and <c>NDArray</c> from
    /// NumSharp;
    /// here they are TfLessons' own.
    /// </summary>
    public static class NumSharpNamespace
    {
        /// <summary>The NumPy version whose behaviour <c>np</c> follows.</summary>
        public const string FollowsNumPy = Tensorflow.NumPy.NumPyNamespace.FollowsNumPy;
    }
}

namespace Tensorflow.Hub
{
    /// <summary>
    /// Makes <c>using Tensorflow.Hub;</c> resolve: TensorFlow.NET's MNIST loader lived there before it moved to
    /// <c>Tensorflow</c>; here it is <see cref="TfLessons.MnistModelLoader"/>.
    /// </summary>
    public static class HubNamespace
    {
        /// <summary>Where the MNIST loader looks first for the IDX files when no directory holds them.</summary>
        public const string DefaultSourceUrl = TfLessons.MnistModelLoader.DefaultSourceUrl;
    }
}
