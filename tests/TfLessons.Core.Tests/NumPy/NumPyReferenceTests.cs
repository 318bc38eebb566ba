using System.Globalization;
using System.Text.Json;

namespace TfLessons.Tests.NumPy;

/// <summary>
/// Every case builds in C# what Reference/numpy_semantics.py builds in Python from the same
/// fixtures, and must match Debian's NumPy in dtype, shape, values and str(). Cases listed in
/// <see cref="Approximate"/> go through libm-dependent math, so values are compared with a
/// tolerance and str() is not compared.
/// </summary>
public class NumPyReferenceTests
{
    private static readonly HashSet<string> Approximate = ["sqrt_f32", "exp_f64", "log_f64", "matmul_f32", "f_power_2"];

    private static NDArray A => np.arange(24).reshape(2, 3, 4);
    private static NDArray F => (np.arange(12).astype(np.float32).reshape(3, 4) - 5) / 3f;
    private static NDArray D => np.linspace(-1, 1, 7);
    private static NDArray U => np.array(new byte[] { 0, 1, 200, 255 });
    private static NDArray I32 => np.array(new[,] { { 1, -2, 3 }, { 4, 5, -6 } });
    private static NDArray M => np.array(true, false, true);
    private static NDArray G => np.arange(1000).astype(np.float32) * 0.37f % 1.1f;

    private static readonly Dictionary<string, Func<NDArray>> Cases = new()
    {
        ["f_plus_d_column"] = () => F + D[":3, None"],
        ["f_times_2"] = () => F * 2.0,
        ["i32_plus_1"] = () => I32 + 1,
        ["i32_times_2_5"] = () => I32 * 2.5,
        ["u_plus_1_wraps"] = () => U + 1,
        ["u_div_255"] = () => U / 255.0,
        ["i32_plus_int64_block"] = () => I32 + A[0, ..2, ..3],
        ["f_plus_i32"] = () => F[":2, :3"] + I32,
        ["bool_plus_1"] = () => M + 1,
        ["bool_and"] = () => M & np.array(true, true, false),
        ["f_mod"] = () => F % 1.5,
        ["a_mod_negative"] = () => A % -5,
        ["a_floor_divide"] = () => np.floor_divide(A, 7),
        ["negative_i32"] = () => -I32,
        ["f_greater"] = () => F > 0.5,
        ["a_equal_5"] = () => np.equal(A, 5),
        ["f_power_2"] = () => np.power(F, 2),
        ["broadcast_row_3d"] = () => A + np.array(10, 20, 30, 40),
        ["int_true_divide"] = () => A / 4,
        ["f32_plus_0d_f64"] = () => F + np.array(2.0),
        ["i64_plus_f32"] = () => A[0, 0] + F[0],
        ["f32_plus_f64_array"] = () => F[0] + D[":4"],
        ["u_plus_i32_array"] = () => U + np.array(1, 2, 3, 4),
        ["u_times_2_5"] = () => U * 2.5,
        ["bool_plus_bool"] = () => M + M,
        ["concatenate_mixed"] = () => np.concatenate([F[0], A[0, 0]]),
        ["stack_axis1"] = () => np.stack([D[":3"], D["4:"]], axis: 1),
        ["minimum_nan"] = () => np.minimum(np.array(1.0, double.NaN, 3.0), 2.0),
        ["slice_steps"] = () => A[":, 1:, ::2"],
        ["reverse"] = () => A["::-1"],
        ["negative_step_int"] = () => A[1, new Slice(step: -2), ^1],
        ["ellipsis_newaxis"] = () => A[Slice.Ellipsis, null, 1],
        ["two_ints"] = () => A[1, 2],
        ["last_column"] = () => A[.., ^1],
        ["empty_slice"] = () => A[":, 5:1"],
        ["fancy_axis1"] = () => A[Slice.All, new[] { 2, 0 }],
        ["fancy_nonadjacent"] = () => A[new[] { 0, 1 }, Slice.All, new[] { 1, 3 }],
        ["fancy_adjacent"] = () => A[":", new[] { 0, 2 }, new[] { 1, 3 }],
        ["int_with_fancy"] = () => A[0, ":", new[] { 1, 2 }],
        ["fancy_negative_2d"] = () => F[np.array(new[,] { { -1, 0 }, { 1, 1 } })],
        ["mask_elements"] = () => { var a = A; return a[np.equal(a % 3, 0)]; },
        ["mask_rows"] = () => F[np.array(true, false, true)],
        ["view_write"] = () =>
        {
            var b = A.copy();
            var v = b[":, 1"];
            v["..."] = -1;
            return b;
        },
        ["transpose_view_write"] = () =>
        {
            var b = F.copy();
            b.T[0] = 9;
            return b;
        },
        ["mask_assign"] = () =>
        {
            var b = A.copy();
            b[b > 20] = 0;
            return b;
        },
        ["fancy_assign_broadcast"] = () =>
        {
            var b = A.copy();
            b[":", new[] { 0, 2 }] = np.array(100, 200, 300, 400);
            return b;
        },
        ["reversed_self_assign"] = () =>
        {
            var b = np.arange(6);
            b[":"] = b["::-1"];
            return b;
        },
        ["transpose"] = () => I32.T,
        ["transpose_axes"] = () => A.transpose(2, 0, 1),
        ["reshape_infer"] = () => A.reshape(4, -1),
        ["reshape_of_view"] = () => A[":, ::2"].reshape(-1),
        ["expand_squeeze"] = () => np.squeeze(np.expand_dims(I32, 1)),
        ["flatten_view"] = () => A[":, ::2"].flatten(),
        ["astype_f_to_i32"] = () => F.astype(np.int32),
        ["astype_u_to_f32"] = () => U.astype(np.float32),
        ["sum_all"] = () => np.sum(A),
        ["sum_axis0"] = () => np.sum(A, axis: 0),
        ["sum_axis1_keepdims"] = () => np.sum(A, axis: 1, keepdims: true),
        ["sum_bool"] = () => np.sum(M),
        ["sum_i32"] = () => np.sum(I32, axis: 1),
        ["sum_f32_long"] = () => np.sum(G),
        ["mean_f32_long"] = () => np.mean(G),
        ["mean_f32_axis0"] = () => np.mean(F, axis: 0),
        ["mean_int"] = () => np.mean(A, axis: -1),
        ["std_f32"] = () => np.std(F),
        ["std_axis"] = () => np.std(A, axis: 1),
        ["max_axis"] = () => np.max(F, axis: 1),
        ["min_all"] = () => np.min(I32),
        ["argmax_last"] = () => np.argmax(A, axis: -1),
        ["argmin_all"] = () => np.argmin(F),
        ["sqrt_f32"] = () => np.sqrt(np.abs(F)),
        ["exp_f64"] = () => np.exp(D),
        ["log_f64"] = () => np.log(np.abs(D) + 1),
        ["maximum_relu"] = () => np.maximum(F, 0),
        ["where_3"] = () => np.where(F > 0, F, 0),
        ["clip"] = () => np.clip(D, -0.5, 0.5),
        ["dot_int"] = () => np.dot(I32, I32.T),
        ["matmul_f32"] = () => np.matmul(F, F.T),
        ["matmul_batched"] = () => np.matmul(A.astype(np.float64), np.ones((4, 2))),
        ["concatenate_axis1"] = () => np.concatenate([I32, I32], 1),
        ["stack"] = () => np.stack([D, D]),
        ["eye"] = () => np.eye(3),
        ["arange_step"] = () => np.arange(0, 10, 3),
        ["linspace"] = () => np.linspace(0, 1, 5),
        ["isnan"] = () => np.isnan(np.array(1.0, double.NaN)),
        ["abs_int"] = () => np.abs(I32),
        ["print_summarized"] = () => np.arange(2000),
        ["print_scientific"] = () => F * 1e5,
        ["print_nan_inf"] = () => np.array(1.5, double.NaN, double.PositiveInfinity),
        ["print_uint8"] = () => U,
        ["print_f32_scalar"] = () => np.array(1f / 3f),
        ["print_wrapped_1d"] = () => np.linspace(0, 1, 30),
        ["print_wrapped_nested"] = () => { np.random.seed(12); return np.random.randn(2, 2, 12); },
        ["print_summarized_2d"] = () => np.arange(3000).reshape(30, 100),
        ["print_summarized_3d_f32"] = () => (np.arange(2400).astype(np.float32) / 7f).reshape(12, 2, 100),
        ["print_scientific_nan"] = () => np.array(1e-7, double.NaN, double.NegativeInfinity, 3.0),
        ["print_bool_2d"] = () => np.equal(A % 2, 0),
        ["print_all_nan"] = () => np.array(double.NaN, double.PositiveInfinity),
        ["print_negative_zero_mix"] = () => np.array(-0.0, 1.25, -3.5),
        ["rand"] = () =>
        {
            np.random.seed(1);
            return np.random.rand(2, 3);
        },
        ["randn"] = () =>
        {
            np.random.seed(2);
            return np.random.randn(5);
        },
        ["randint"] = () =>
        {
            np.random.seed(3);
            return np.random.randint(0, 10, size: [4]);
        },
        ["randint_int32"] = () =>
        {
            np.random.seed(3);
            return np.random.randint(5, size: [3], dtype: np.int32);
        },
        ["permutation"] = () =>
        {
            np.random.seed(4);
            return np.random.permutation(10);
        },
        ["shuffle_rows"] = () =>
        {
            np.random.seed(5);
            var r = np.arange(6).reshape(3, 2);
            np.random.shuffle(r);
            return r;
        },
        ["choice_range"] = () =>
        {
            np.random.seed(6);
            return np.random.choice(5, [3]);
        },
        ["choice_no_replace"] = () =>
        {
            np.random.seed(7);
            return np.random.choice(np.arange(10) * 2, [2, 2], replace: false);
        },
        ["choice_p"] = () =>
        {
            np.random.seed(8);
            return np.random.choice(4, [6], p: [0.1, 0.2, 0.3, 0.4]);
        },
        ["uniform"] = () =>
        {
            np.random.seed(9);
            return np.random.uniform(-1, 1, [3]);
        },
        ["normal"] = () =>
        {
            np.random.seed(10);
            return np.random.normal(2, 0.5, [2, 2]);
        },
        ["stream_continues"] = () =>
        {
            np.random.seed(11);
            np.random.randn(3);
            return np.random.rand(2);
        },
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [NumPyTheory]
    [MemberData(nameof(CaseNames))]
    public void Matches_numpy(string name)
    {
        JsonElement expected = NumPyReference.Case(name);
        NDArray actual;
        // The global random state is shared; the random cases must not interleave with each other.
        lock (Cases) actual = Cases[name]();
        Assert.Equal(expected.GetProperty("dtype").GetString(), actual.dtype.Name());
        Assert.Equal(expected.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray(), actual.Dims);
        double[] want = expected.GetProperty("values").EnumerateArray().Select(ToDouble).ToArray();
        double[] got = actual.ToDoubleArray();
        Assert.Equal(want.Length, got.Length);
        bool approx = Approximate.Contains(name);
        for (int i = 0; i < want.Length; i++)
        {
            bool same =
                want[i].Equals(got[i])
                || (approx && Math.Abs(want[i] - got[i]) <= 1e-6 * Math.Max(1, Math.Abs(want[i])));
            Assert.True(same, $"{name}[{i}]: NumPy {want[i]:R}, TfLessons {got[i]:R}");
        }
        if (!approx) Assert.Equal(expected.GetProperty("str").GetString(), actual.ToString());
    }

    [Fact]
    public void Every_reference_case_has_a_csharp_twin()
    {
        string script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "numpy_semantics.py"));
        var names = System
            .Text.RegularExpressions.Regex.Matches(
                script,
                "^    \"([a-z0-9_]+)\": \"",
                System.Text.RegularExpressions.RegexOptions.Multiline
            )
            .Select(m => m.Groups[1].Value)
            .ToHashSet();
        Assert.Equal(names.OrderBy(n => n), Cases.Keys.OrderBy(n => n));
    }

    private static double ToDouble(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        JsonValueKind.String => e.GetString() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var s => double.Parse(s!, CultureInfo.InvariantCulture),
        },
        _ => e.GetDouble(),
    };
}
