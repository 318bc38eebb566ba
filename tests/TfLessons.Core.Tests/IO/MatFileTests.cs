using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using TfLessons.Course;
using TfLessons.IO;
using TfLessons.Tests.Support;

namespace TfLessons.Tests.IO;

/// <summary>MAT v5 reader: the course's data.mat, hand-built files and corruption cases.</summary>
public class MatFileTests
{
    private static readonly string DataMat = SharedData.Path("course", "data.mat");

    [Fact]
    public void CourseDataMatHasTheDocumentedContents()
    {
        var vars = MatFile.Read(DataMat);
        Assert.Equal(["X", "y", "yval", "Xval"], vars.Keys);

        var x = vars["X"];
        Assert.Equal([211, 2], x.Shape);
        Assert.Equal(MatClass.Double, x.Class);
        Assert.Equal(MatDataType.Double, x.StorageType);
        double[] xv = x.ToDoubleRowMajor();
        Assert.Equal([-0.158986, 0.423977, -0.347926, 0.47076, -0.504608, 0.353801], xv[..6]);
        Assert.Equal(-0.657895, xv.Min());
        Assert.Equal(0.573392, xv.Max());

        var xval = vars["Xval"];
        Assert.Equal([200, 2], xval.Shape);
        double[] xvalv = xval.ToDoubleRowMajor();
        Assert.Equal(-0.7948161385602274, xvalv.Min());
        Assert.Equal(0.5975321589468918, xvalv.Max());
        Assert.Equal([-0.3530623458334412, -0.6739018129665528], xvalv[..2]);

        AssertLabels(vars["y"], 211, zeros: 105, ones: 106);
        AssertLabels(vars["yval"], 200, zeros: 113, ones: 87);
    }

    private static void AssertLabels(MatArray a, int n, int zeros, int ones)
    {
        Assert.Equal([n, 1], a.Shape);
        // Class double stored as uint8; scipy reports the storage type, hence "uint8" in COURSE.md.
        Assert.Equal(MatClass.Double, a.Class);
        Assert.Equal(MatDataType.UInt8, a.StorageType);
        double[] v = a.ToDoubleRowMajor();
        Assert.Equal(zeros, v.Count(d => d == 0));
        Assert.Equal(ones, v.Count(d => d == 1));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void HandBuiltThreeDimensionalArrayIsReturnedRowMajor(bool bigEndian, bool compress)
    {
        // A 2x3x2 int16 array whose value encodes its MATLAB subscripts: 100*i + 10*j + k.
        int[] dims = [2, 3, 2];
        var colMajor = new List<short>();
        for (int k = 0; k < 2; k++)
            for (int j = 0; j < 3; j++)
                for (int i = 0; i < 2; i++)
                    colMajor.Add((short)(100 * i + 10 * j + k));
        var w = new MatWriter(bigEndian);
        byte[] file = w.File(
            w.Matrix(
                "A",
                10 /* mxINT16 */
                ,
                dims,
                w.Element(
                    3 /* miINT16 */
                    ,
                    colMajor.SelectMany(w.Int16).ToArray()
                )
            ),
            compress
        );

        var a = MatFile.Parse(file, "test.mat")["A"];
        Assert.Equal(dims, a.Shape);
        Assert.Equal(MatClass.Int16, a.Class);
        double[] expected = [0, 1, 10, 11, 20, 21, 100, 101, 110, 111, 120, 121];
        Assert.Equal(expected, a.ToDoubleRowMajor());
    }

    [Fact]
    public void DoubleClassStoredAsUInt8AndComplexAreDecoded()
    {
        var w = new MatWriter(false);
        byte[] real = w.Element(2 /* miUINT8 */, [1, 2, 3, 4]);
        byte[] imag = w.Element(2, [5, 6, 7, 8]);
        byte[] file = w.File(
            w.Matrix(
                "z",
                6 /* mxDOUBLE */
                ,
                [2, 2],
                [.. real, .. imag],
                complex: true
            ),
            compress: false
        );
        var z = MatFile.Parse(file, "z.mat")["z"];
        Assert.True(z.IsComplex);
        Assert.Equal([1.0, 3, 2, 4], z.ToDoubleRowMajor());
        Assert.Equal([5.0, 7, 6, 8], z.ToImaginaryRowMajor()!);
    }

    [Fact]
    public void TruncatedHeaderIsReported()
    {
        byte[] bytes = File.ReadAllBytes(DataMat)[..100];
        var ex = Assert.Throws<InvalidDataException>(() => MatFile.Parse(bytes, "short.mat"));
        Assert.Contains("short.mat", ex.Message);
        Assert.Contains("128-byte", ex.Message);
    }

    [Fact]
    public void TruncatedElementIsReported()
    {
        byte[] bytes = File.ReadAllBytes(DataMat)[..1000];
        var ex = Assert.Throws<InvalidDataException>(() => MatFile.Parse(bytes, "cut.mat"));
        Assert.Contains("cut.mat", ex.Message);
        Assert.Contains("top-level element #1", ex.Message);
        Assert.Contains("remain", ex.Message);
    }

    [Theory]
    [InlineData(0, (byte)'X', "MATLAB")]
    [InlineData(126, (byte)'Z', "endian")]
    [InlineData(125, (byte)2, "version")]
    public void BadHeaderIsReported(int offset, byte value, string expectedText)
    {
        byte[] bytes = File.ReadAllBytes(DataMat);
        bytes[offset] = value;
        var ex = Assert.Throws<InvalidDataException>(() => MatFile.Parse(bytes, "bad.mat"));
        Assert.Contains("bad.mat", ex.Message);
        Assert.Contains(expectedText, ex.Message);
    }

    [Fact]
    public void HugeDeclaredLengthIsRejectedBeforeAllocating()
    {
        var w = new MatWriter(false);
        byte[] file = w.File([.. w.UInt32(14), .. w.UInt32(0x7ffffff0), 1, 2, 3, 4, 5, 6, 7, 8], compress: false);
        var ex = Assert.Throws<InvalidDataException>(() => MatFile.Parse(file, "huge.mat"));
        Assert.Contains("2147483632 bytes", ex.Message);
    }

    [Fact]
    public void DimensionsInconsistentWithDataAreRejected()
    {
        var w = new MatWriter(false);
        byte[] file = w.File(w.Matrix("q", 6, [1000, 1000], w.Element(9, new byte[16])), compress: false);
        var ex = Assert.Throws<InvalidDataException>(() => MatFile.Parse(file, "dims.mat"));
        Assert.Contains("variable 'q'", ex.Message);
    }

    [Fact]
    public void CorruptCompressedDataIsReported()
    {
        byte[] bytes = File.ReadAllBytes(DataMat);
        for (int i = 140; i < 400; i++)
        {
            bytes[i] ^= 0x5a;
        }
        var ex = Assert.Throws<InvalidDataException>(() => MatFile.Parse(bytes, "zlib.mat"));
        Assert.Contains("zlib.mat", ex.Message);
    }

    /// <summary>Minimal MAT v5 writer for building test files in either byte order.</summary>
    private sealed class MatWriter(bool bigEndian)
    {
        public byte[] UInt32(uint v)
        {
            var b = new byte[4];
            if (bigEndian)
                BinaryPrimitives.WriteUInt32BigEndian(b, v);
            else
                BinaryPrimitives.WriteUInt32LittleEndian(b, v);
            return b;
        }

        public byte[] Int16(short v)
        {
            var b = new byte[2];
            if (bigEndian)
                BinaryPrimitives.WriteInt16BigEndian(b, v);
            else
                BinaryPrimitives.WriteInt16LittleEndian(b, v);
            return b;
        }

        public byte[] Element(int type, byte[] payload)
        {
            int padded = (payload.Length + 7) & ~7;
            var result = new byte[8 + padded];
            UInt32((uint)type).CopyTo(result, 0);
            UInt32((uint)payload.Length).CopyTo(result, 4);
            payload.CopyTo(result, 8);
            return result;
        }

        public byte[] Matrix(string name, int mxClass, int[] dims, byte[] dataElements, bool complex = false)
        {
            byte[] flags = Element(6, [.. UInt32((uint)mxClass | (complex ? 0x800u : 0u)), .. UInt32(0)]);
            byte[] dimsEl = Element(5, dims.SelectMany(d => UInt32((uint)d)).ToArray());
            byte[] nameEl = Element(1, Encoding.ASCII.GetBytes(name));
            return Element(14, [.. flags, .. dimsEl, .. nameEl, .. dataElements]);
        }

        public byte[] File(byte[] element, bool compress)
        {
            var header = new byte[128];
            Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, test".PadRight(116)).CopyTo(header, 0);
            header[124] = bigEndian ? (byte)1 : (byte)0;
            header[125] = bigEndian ? (byte)0 : (byte)1;
            header[126] = bigEndian ? (byte)'M' : (byte)'I';
            header[127] = bigEndian ? (byte)'I' : (byte)'M';
            if (!compress)
            {
                return [.. header, .. element];
            }
            using var ms = new MemoryStream();
            using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(element);
            }
            byte[] packed = ms.ToArray();
            return [.. header, .. UInt32(15), .. UInt32((uint)packed.Length), .. packed];
        }
    }
}
