namespace TfLessons.Tests.NumPy;

public class NumPyArithmeticTests
{
    [Fact]
    public void Literals_promote_like_python_scalars()
    {
        var f = np.array(1f, 2f);
        Assert.Equal(np.float32, (f * 2.0).dtype);
        Assert.Equal(np.float32, (f + 1).dtype);
        Assert.Equal(np.float64, (f + 1e300).dtype);
        Assert.Equal(np.int64, (np.array(true) + 1).dtype);
        Assert.Equal(np.int32, (np.array(1, 2) * 3).dtype);
        Assert.Equal(np.float64, (np.array(1, 2) * 0.5).dtype);
        Assert.Equal(np.int32, (np.array(1, 2) + np.array(3L)).dtype);
        Assert.Equal(np.int64, (np.array(1, 2) + np.array(3L, 4L)).dtype);
        Assert.Equal(np.float64, (np.array(1, 2) / np.array(2, 2)).dtype);
    }

    [Fact]
    public void Results_numpy_would_give_in_unsupported_dtypes_are_refused_by_name()
    {
        var u = np.array(new byte[] { 1, 2 });
        Assert.Contains("uint16", Assert.Throws<NotSupportedException>(() => u + 300).Message);
        // NumPy: uint8 + a negative Python int is int16, which TfLessons arrays hold.
        NDArray shifted = u + -1;
        Assert.Equal(DType.Int16, shifted.dtype);
        Assert.Equal(new short[] { 0, 1 }, shifted.ToArray<short>());
        Assert.Contains("float16", Assert.Throws<NotSupportedException>(() => np.sqrt(u)).Message);
        Assert.Contains(
            "boolean subtract",
            Assert.Throws<InvalidOperationException>(() => np.array(true) - np.array(false)).Message
        );
    }

    [Fact]
    public void Broadcast_errors_name_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => np.zeros((2, 3)) + np.zeros(4));
        Assert.Contains("operands could not be broadcast together with shapes (2, 3) (4,)", e.Message);
    }

    [Fact]
    public void Integer_arithmetic_wraps_and_divides_like_numpy()
    {
        Assert.Equal(np.array(int.MinValue), np.array(int.MaxValue) + np.array(1));
        Assert.Equal(np.array(-4L, 3L), np.floor_divide(np.array(-7L, 7L), 2));
        Assert.Equal(np.array(1L, 1L), np.array(-7L, 7L) % 2);
        Assert.Equal(np.array(0L), np.floor_divide(np.array(5L), 0));
        Assert.Contains(
            "negative integer powers",
            Assert.Throws<ArgumentException>(() => np.power(np.array(2), -1)).Message
        );
    }

    [Fact]
    public void Scalar_conversions_need_one_element()
    {
        Assert.Equal(2.5f, (float)np.array(2.5f));
        Assert.True((bool)(np.array(3) > 2));
        Assert.Equal(long.MaxValue, (long)np.array(long.MaxValue));
        Assert.Contains("shape (2,)", Assert.Throws<InvalidCastException>(() => (int)np.array(1, 2)).Message);
        NDArray m = new float[,] { { 1, 2 }, { 3, 4 } };
        Assert.Equal(new[] { 2, 2 }, m.Dims);
        NDArray d = new[] { 1.0, 2.0 };
        Assert.Equal(np.float64, d.dtype);
    }

    [Fact]
    public void Equality_operators_are_elementwise_and_null_compares_by_reference()
    {
        var a = np.array(1, 2);
        var b = np.array(1, 3);
        Assert.Equal(np.array(true, false), a == b);
        Assert.Equal(np.array(false, true), a != b);
        Assert.True(np.argmax(b) == np.argmax(np.array(0, 5)));   // a size-1 result converts to bool, as in NumPy
        Assert.Throws<InvalidCastException>(() => { bool ambiguous = a == b; });
        NDArray? none = null;
        Assert.True(none == null);
        Assert.False(a == null);
        Assert.Equal(np.array(true, false), np.equal(a, b));
        Assert.Equal(np.array(false, true), np.not_equal(a, b));
        Assert.True(np.array_equal(a, a.copy()));
        Assert.False(np.array_equal(a, np.array(1, 2, 3)));
        Assert.True(np.allclose(np.array(1.0, 2.0), np.array(1.0 + 1e-9, 2.0)));
    }

    [Fact]
    public void Reductions_reject_empty_arrays_without_identity()
    {
        var e = Assert.Throws<ArgumentException>(() => np.max(np.zeros(0)));
        Assert.Contains("zero-size array to reduction operation maximum", e.Message);
        Assert.Equal(0.0, (double)np.sum(np.zeros(0)));
        Assert.Contains(
            "axis 2 is out of bounds for array of dimension 2",
            Assert.Throws<ArgumentException>(() => np.sum(np.zeros((2, 2)), axis: 2)).Message
        );
    }

    [Fact]
    public void Random_functions_share_one_global_stream()
    {
        np.random.seed(0);
        double first = (double)np.random.rand();
        double second = (double)np.random.rand();
        np.random.seed(0);
        var both = np.random.rand(2);
        Assert.Equal(new[] { first, second }, both.ToArray<double>());
        Assert.Equal(0.5488135039273248, first);
    }
}
