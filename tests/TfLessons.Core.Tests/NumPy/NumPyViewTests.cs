namespace TfLessons.Tests.NumPy;

public class NumPyViewTests
{
    [Fact]
    public void Basic_slices_share_memory_with_their_base()
    {
        var a = np.arange(12).reshape(3, 4);
        var column = a[.., 1];
        column[0] = 100;
        Assert.Equal(100L, (long)a[0, 1]);
        a[2, 1] = -7;
        Assert.Equal(-7L, (long)column[2]);
        Assert.Same(a.@base, column.@base);
        Assert.False(column.IsContiguous);
    }

    [Fact]
    public void Fancy_and_mask_reads_are_copies()
    {
        var a = np.arange(6);
        var picked = a[new[] { 1, 2 }];
        picked[0] = 50;
        var masked = a[a > 3];
        masked[0] = 60;
        Assert.Equal(np.arange(6), a);
        Assert.Null(picked.@base);
    }

    [Fact]
    public void Transpose_and_reshape_are_views_and_T_writes_reach_the_base()
    {
        var a = np.zeros((2, 3), np.float32);
        a.T[2, 0] = 5;
        Assert.Equal(5f, (float)a[0, 2]);
        var flat = a.reshape(-1);
        flat[1] = 3;
        Assert.Equal(3f, (float)a[0, 1]);
    }

    [Fact]
    public void Feeding_a_strided_view_to_a_session_gives_its_logical_elements()
    {
        tf.reset_default_graph();
        var x = tf.placeholder(tf.float32, shape: (2, 2));
        var big = np.arange(16).astype(np.float32).reshape(4, 4);
        NDArray view = big["1:3, ::-2"];
        using var s = tf.Session();
        NDArray fromView = s.run(x * 1.0f, (x, view));
        NDArray fromCopy = s.run(x * 1.0f, (x, view.copy()));
        Assert.Equal(fromCopy, fromView);
        Assert.Equal(np.array(new float[,] { { 7, 5 }, { 11, 9 } }), fromView);
    }

    [Fact]
    public void AsSpan_of_a_view_detaches_it_into_a_dense_copy()
    {
        var a = np.arange(6).astype(np.float64).reshape(2, 3);
        var t = a.T;
        Span<double> span = t.AsSpan<double>();
        Assert.Equal(new double[] { 0, 3, 1, 4, 2, 5 }, span.ToArray());
        span[0] = 42;
        Assert.Equal(42.0, (double)t[0, 0]);
        Assert.Equal(0.0, (double)a[0, 0]);
        Assert.True(t.IsContiguous);
    }

    [Fact]
    public void Ranges_and_from_end_indices_follow_python_slices()
    {
        var a = np.arange(10);
        Assert.Equal(np.array(8L, 9L), a[^2..]);
        Assert.Equal(np.array(0L, 1L, 2L), a[..3]);
        Assert.Equal(np.array(7L, 8L), a[^3..^1]);
        Assert.Equal(9L, (long)a[^1]);
        Assert.Equal(np.array(9L, 6L, 3L, 0L), a[new Slice(null, null, -3)]);
        Assert.Equal(0, a[^0..].size);
        Assert.Equal(np.array(4L, 5L), a["4:6"]);
    }

    [Fact]
    public void Index_errors_name_axis_size_and_shapes()
    {
        var a = np.arange(6).reshape(2, 3);
        Assert.Contains(
            "index 3 is out of bounds for axis 1 with size 3",
            Assert.Throws<IndexOutOfRangeException>(() => a[0, 3]).Message
        );
        Assert.Contains(
            "too many indices for array: array is 2-dimensional, but 3 were indexed",
            Assert.Throws<IndexOutOfRangeException>(() => a[0, 0, 0]).Message
        );
        Assert.Contains(
            "index -4 is out of bounds for axis 0 with size 2",
            Assert.Throws<IndexOutOfRangeException>(() => a[new[] { -4 }]).Message
        );
        Assert.Contains(
            "boolean index did not match indexed array along dimension 0",
            Assert.Throws<IndexOutOfRangeException>(() => a[np.array(true, false, true)]).Message
        );
        Assert.Contains("'x' in index '1:x' is not an integer", Assert.Throws<FormatException>(() => a["1:x"]).Message);
        Assert.Contains(
            "could not broadcast input array from shape (2,) into shape (3,)",
            Assert.Throws<ArgumentException>(() => a[0] = np.array(1L, 2L)).Message
        );
    }

    [Fact]
    public void Overlapping_assignment_reads_the_old_values()
    {
        var a = np.arange(5);
        a["1:"] = a[":-1"];
        Assert.Equal(np.array(0L, 0L, 1L, 2L, 3L), a);
    }
}
