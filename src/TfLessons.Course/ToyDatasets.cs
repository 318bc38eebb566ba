using TfLessons.Random;

namespace TfLessons.Course;

/// <summary>
/// scikit-learn 1.2's <c>make_moons</c> / <c>make_circles</c> (shuffle=True) driven by a NumPy
/// legacy <see cref="RandomState"/>, reproducing the arrays bit for bit. The course calls them with
/// <c>random_state=None</c>, i.e. on the global state right after <c>np.random.seed(k)</c>.
/// </summary>
public static class ToyDatasets
{
    /// <summary>
    /// Two interleaving half circles. Outer block (label 0): (cos t, sin t), t = linspace(0, pi, n//2);
    /// inner block (label 1): (1 - cos t, 1 - sin t - 0.5), t = linspace(0, pi, n - n//2).
    /// Rows are then shuffled and Gaussian noise is added.
    /// </summary>
    /// <param name="nSamples">Total number of points.</param>
    /// <param name="noise">Noise standard deviation; <c>null</c> (sklearn's default) draws no noise, while 0 still
    /// consumes draws.</param>
    /// <param name="rng">The generator; consumed exactly as sklearn consumes the global state.</param>
    /// <returns>X as n x 2 row-major, and labels 0/1.</returns>
    public static (double[] X, long[] y) MakeMoons(int nSamples, double? noise, RandomState rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nSamples);
        ArgumentNullException.ThrowIfNull(rng);
        int nOut = nSamples / 2;
        int nIn = nSamples - nOut;
        double[] tOut = Linspace(0.0, Math.PI, nOut, endpoint: true);
        double[] tIn = Linspace(0.0, Math.PI, nIn, endpoint: true);

        var x = new double[2 * nSamples];
        var y = new long[nSamples];
        for (int i = 0; i < nOut; i++)
        {
            x[2 * i] = NumpyTrig.Cos(tOut[i]);
            x[2 * i + 1] = NumpyTrig.Sin(tOut[i]);
        }
        for (int i = 0; i < nIn; i++)
        {
            int row = nOut + i;
            x[2 * row] = 1.0 - NumpyTrig.Cos(tIn[i]);
            // Evaluated left to right as in sklearn: (1 - sin t) - 0.5.
            x[2 * row + 1] = 1.0 - NumpyTrig.Sin(tIn[i]) - 0.5;
            y[row] = 1;
        }
        return ShuffleAndAddNoise(x, y, noise, rng);
    }

    /// <summary>
    /// A large circle (label 0) containing a smaller one scaled by <paramref name="factor"/> (label 1),
    /// both sampled at t = linspace(0, 2*pi, k, endpoint=False); then shuffled and noised.
    /// </summary>
    /// <param name="nSamples">Total number of points (the inner circle gets the extra one when odd).</param>
    /// <param name="noise">Noise standard deviation; <c>null</c> draws no noise.</param>
    /// <param name="factor">Scale of the inner circle, in [0, 1); the course uses sklearn's default 0.8.</param>
    /// <param name="rng">The generator.</param>
    /// <returns>X as n x 2 row-major, and labels 0/1.</returns>
    public static (double[] X, long[] y) MakeCircles(int nSamples, double? noise, double factor, RandomState rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nSamples);
        ArgumentNullException.ThrowIfNull(rng);
        if (!(factor >= 0.0 && factor < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "'factor' has to be between 0 and 1.");
        }
        int nOut = nSamples / 2;
        int nIn = nSamples - nOut;
        double[] tOut = Linspace(0.0, 2.0 * Math.PI, nOut, endpoint: false);
        double[] tIn = Linspace(0.0, 2.0 * Math.PI, nIn, endpoint: false);

        var x = new double[2 * nSamples];
        var y = new long[nSamples];
        for (int i = 0; i < nOut; i++)
        {
            x[2 * i] = NumpyTrig.Cos(tOut[i]);
            x[2 * i + 1] = NumpyTrig.Sin(tOut[i]);
        }
        for (int i = 0; i < nIn; i++)
        {
            int row = nOut + i;
            x[2 * row] = NumpyTrig.Cos(tIn[i]) * factor;
            x[2 * row + 1] = NumpyTrig.Sin(tIn[i]) * factor;
            y[row] = 1;
        }
        return ShuffleAndAddNoise(x, y, noise, rng);
    }

    /// <summary>
    /// <c>np.linspace</c> for float64 scalars, with NumPy 1.24's exact arithmetic:
    /// step = (stop - start) / div, value i = i * step + start, and the last value overwritten
    /// with <paramref name="stop"/> when <paramref name="endpoint"/> is set.
    /// </summary>
    public static double[] Linspace(double start, double stop, int num, bool endpoint = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(num);
        var y = new double[num];
        int div = endpoint ? num - 1 : num;
        double delta = stop - start;
        if (div > 0)
        {
            double step = delta / div;
            for (int i = 0; i < num; i++)
            {
                // NumPy divides first and scales by delta only when step underflows to zero (gh-5437).
                y[i] = (step == 0.0 ? i / (double)div * delta : i * step) + start;
            }
        }
        else
        {
            for (int i = 0; i < num; i++)
            {
                y[i] = i * delta + start;
            }
        }
        if (endpoint && num > 1)
        {
            y[num - 1] = stop;
        }
        return y;
    }

    /// <summary>
    /// sklearn's <c>util_shuffle</c> (<c>indices = arange(n); rng.shuffle(indices)</c>, rows taken in
    /// that order) followed by <c>X += rng.normal(scale=noise, size=(n, 2))</c> in row-major order.
    /// </summary>
    private static (double[] X, long[] y) ShuffleAndAddNoise(double[] x, long[] y, double? noise, RandomState rng)
    {
        int n = y.Length;
        var indices = new int[n];
        for (int i = 0; i < n; i++)
        {
            indices[i] = i;
        }
        rng.Shuffle<int>(indices);

        var xs = new double[x.Length];
        var ys = new long[n];
        for (int i = 0; i < n; i++)
        {
            int src = indices[i];
            xs[2 * i] = x[2 * src];
            xs[2 * i + 1] = x[2 * src + 1];
            ys[i] = y[src];
        }

        if (noise is double scale)
        {
            // normal() returns loc + scale * gauss with loc = 0.0; keep that addition for -0.0 fidelity.
            double[] eps = rng.Normal(0.0, scale, n, 2);
            for (int i = 0; i < xs.Length; i++)
            {
                xs[i] += eps[i];
            }
        }
        return (xs, ys);
    }
}
