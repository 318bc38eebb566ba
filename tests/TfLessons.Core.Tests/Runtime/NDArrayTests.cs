namespace TfLessons.Tests.Runtime;

public class NDArrayTests
{
    [Fact]
    public void Prints_like_numpy()
    {
        Assert.Equal("[0.09954831 0.0603791  0.00495622 0.09954831 0.73556806]", np.array(0.09954831, 0.0603791, 0.00495622, 0.09954831, 0.73556806).ToString());
        Assert.Equal("[[1. 2.]\n [3. 4.]]", np.array(new double[,] { { 1, 2 }, { 3, 4 } }).ToString());
        Assert.Equal("[[ 1.78862847  0.43650985]\n [ 0.09649747 -1.8634927 ]]", np.array(new double[,] { { 1.78862847, 0.43650985 }, { 0.09649747, -1.8634927 } }).ToString());
        Assert.Equal("[[1.51020075e-05]\n [8.75664434e-04]]", np.array(new double[,] { { 1.51020075e-05 }, { 8.75664434e-04 } }).ToString());
        Assert.Equal("[1 2 3]", np.array(1, 2, 3).ToString());
        Assert.Equal("[ True False]", np.array(true, false).ToString());
        Assert.Equal("4.9999886", np.array(4.9999886f).ToString());
        Assert.Equal("0.6931471805599453", np.array(0.6931471805599453).ToString());
        Assert.Equal("1e-05", PyFormat.Repr(1e-5));
        Assert.Equal("inf", PyFormat.Repr(double.PositiveInfinity));
    }

    [Fact]
    public void Reshape_index_and_tolerant_equality()
    {
        var a = np.arange(6).reshape(2, -1);
        Assert.Equal(new[] { 2, 3 }, a.Dims);
        Assert.Equal(5.0, a.GetDouble(1, 2));
        Assert.Equal(np.array(3L, 4L, 5L), a[1]);
        Assert.True(np.array(1.0, 2.0).AllClose(np.array(1.0 + 1e-9, 2.0)));
        Assert.False(np.array(1.0, 2.0).AllClose(np.array(1.1, 2.0)));
        var e = Assert.Throws<ArgumentException>(() => a.reshape(4, -1));
        Assert.Contains("cannot reshape array of size 6 into shape (4, -1)", e.Message);
        Assert.Throws<IndexOutOfRangeException>(() => a[2]);
        Assert.Equal(np.ones((2, 2)), np.array(new double[,] { { 1, 1 }, { 1, 1 } }));
    }
}
