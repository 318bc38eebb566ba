#!/usr/bin/python3
"""NumPy's answers for the TfLessons NumPy semantics tests (tests/.../NumPy/NumPyReferenceTests.cs).

Run by the tests with Debian's /usr/bin/python3 (python3-numpy 1.24); prints one JSON object
mapping each case name to its result's dtype, shape, row-major values and str(). Each case is a
snippet whose last statement assigns `r`; the C# test builds the same thing from the same
fixtures and compares. Floats go through repr (exact round trip); nan/inf as strings.
"""
import json
import math

import numpy as np


def fixtures():
    return dict(
        np=np,
        a=np.arange(24).reshape(2, 3, 4),
        f=((np.arange(12, dtype=np.float32).reshape(3, 4) - 5) / np.float32(3)).astype(np.float32),
        d=np.linspace(-1, 1, 7),
        u=np.array([0, 1, 200, 255], np.uint8),
        i32=np.array([[1, -2, 3], [4, 5, -6]], np.int32),
        m=np.array([True, False, True]),
        g=((np.arange(1000, dtype=np.float32) * np.float32(0.37)) % np.float32(1.1)).astype(np.float32),
    )


CASES = {
    # broadcasting and promotion
    "f_plus_d_column": "r = f + d[:3, None]",
    "f_times_2": "r = f * 2.0",
    "i32_plus_1": "r = i32 + 1",
    "i32_times_2_5": "r = i32 * 2.5",
    "u_plus_1_wraps": "r = u + 1",
    "u_div_255": "r = u / 255.0",
    "i32_plus_int64_block": "r = i32 + a[0, :2, :3]",
    "f_plus_i32": "r = f[:2, :3] + i32",
    "bool_plus_1": "r = m + 1",
    "bool_and": "r = m & np.array([True, True, False])",
    "f_mod": "r = f % 1.5",
    "a_mod_negative": "r = a % -5",
    "a_floor_divide": "r = a // 7",
    "negative_i32": "r = -i32",
    "f_greater": "r = f > 0.5",
    "a_equal_5": "r = np.equal(a, 5)",
    "f_power_2": "r = f ** 2",
    "broadcast_row_3d": "r = a + np.array([10, 20, 30, 40])",
    "int_true_divide": "r = a / 4",
    "f32_plus_0d_f64": "r = f + np.array(2.0)",
    "i64_plus_f32": "r = a[0, 0] + f[0]",
    "f32_plus_f64_array": "r = f[0] + d[:4]",
    "u_plus_i32_array": "r = u + np.array([1, 2, 3, 4], np.int32)",
    "u_times_2_5": "r = u * 2.5",
    "bool_plus_bool": "r = m + m",
    "concatenate_mixed": "r = np.concatenate([f[0], a[0, 0]])",
    "stack_axis1": "r = np.stack([d[:3], d[4:]], axis=1)",
    "minimum_nan": "r = np.minimum(np.array([1.0, math.nan, 3.0]), 2.0)",
    # basic slicing (views)
    "slice_steps": "r = a[:, 1:, ::2]",
    "reverse": "r = a[::-1]",
    "negative_step_int": "r = a[1, ::-2, -1]",
    "ellipsis_newaxis": "r = a[..., None, 1]",
    "two_ints": "r = a[1, 2]",
    "last_column": "r = a[:, -1]",
    "empty_slice": "r = a[:, 5:1]",
    # advanced indexing
    "fancy_axis1": "r = a[:, [2, 0]]",
    "fancy_nonadjacent": "r = a[[0, 1], :, [1, 3]]",
    "fancy_adjacent": "r = a[:, [0, 2], [1, 3]]",
    "int_with_fancy": "r = a[0, :, [1, 2]]",
    "fancy_negative_2d": "r = f[np.array([[-1, 0], [1, 1]])]",
    "mask_elements": "r = a[a % 3 == 0]",
    "mask_rows": "r = f[np.array([True, False, True])]",
    # writes through views and indexed assignment
    "view_write": "b = a.copy(); v = b[:, 1]; v[...] = -1; r = b",
    "transpose_view_write": "b = f.copy(); b.T[0] = 9; r = b",
    "mask_assign": "b = a.copy(); b[b > 20] = 0; r = b",
    "fancy_assign_broadcast": "b = a.copy(); b[:, [0, 2]] = np.array([100, 200, 300, 400]); r = b",
    "reversed_self_assign": "b = np.arange(6); b[:] = b[::-1]; r = b",
    # shapes
    "transpose": "r = i32.T",
    "transpose_axes": "r = a.transpose(2, 0, 1)",
    "reshape_infer": "r = a.reshape(4, -1)",
    "reshape_of_view": "r = a[:, ::2].reshape(-1)",
    "expand_squeeze": "r = np.squeeze(np.expand_dims(i32, 1))",
    "flatten_view": "r = a[:, ::2].flatten()",
    "astype_f_to_i32": "r = f.astype(np.int32)",
    "astype_u_to_f32": "r = u.astype(np.float32)",
    # reductions
    "sum_all": "r = np.sum(a)",
    "sum_axis0": "r = np.sum(a, axis=0)",
    "sum_axis1_keepdims": "r = np.sum(a, axis=1, keepdims=True)",
    "sum_bool": "r = np.sum(m)",
    "sum_i32": "r = np.sum(i32, axis=1)",
    "sum_f32_long": "r = np.sum(g)",
    "mean_f32_long": "r = np.mean(g)",
    "mean_f32_axis0": "r = np.mean(f, axis=0)",
    "mean_int": "r = np.mean(a, axis=-1)",
    "std_f32": "r = np.std(f)",
    "std_axis": "r = np.std(a, axis=1)",
    "max_axis": "r = np.max(f, axis=1)",
    "min_all": "r = np.min(i32)",
    "argmax_last": "r = np.argmax(a, axis=-1)",
    "argmin_all": "r = np.argmin(f)",
    # functions
    "sqrt_f32": "r = np.sqrt(np.abs(f))",
    "exp_f64": "r = np.exp(d)",
    "log_f64": "r = np.log(np.abs(d) + 1)",
    "maximum_relu": "r = np.maximum(f, 0)",
    "where_3": "r = np.where(f > 0, f, 0)",
    "clip": "r = np.clip(d, -0.5, 0.5)",
    "dot_int": "r = np.dot(i32, i32.T)",
    "matmul_f32": "r = np.matmul(f, f.T)",
    "matmul_batched": "r = np.matmul(a.astype(np.float64), np.ones((4, 2)))",
    "concatenate_axis1": "r = np.concatenate([i32, i32], 1)",
    "stack": "r = np.stack([d, d])",
    "eye": "r = np.eye(3)",
    "arange_step": "r = np.arange(0, 10, 3)",
    "linspace": "r = np.linspace(0, 1, 5)",
    "isnan": "r = np.isnan(np.array([1.0, math.nan]))",
    "abs_int": "r = np.abs(i32)",
    # printing
    "print_summarized": "r = np.arange(2000)",
    "print_scientific": "r = f * 1e5",
    "print_nan_inf": "r = np.array([1.5, math.nan, math.inf])",
    "print_uint8": "r = u",
    "print_f32_scalar": "r = np.array(np.float32(1) / np.float32(3))",
    "print_wrapped_1d": "r = np.linspace(0, 1, 30)",
    "print_wrapped_nested": "np.random.seed(12); r = np.random.randn(2, 2, 12)",
    "print_summarized_2d": "r = np.arange(3000).reshape(30, 100)",
    "print_summarized_3d_f32": "r = (np.arange(2400, dtype=np.float32) / np.float32(7)).reshape(12, 2, 100)",
    "print_scientific_nan": "r = np.array([1e-7, math.nan, -math.inf, 3.0])",
    "print_bool_2d": "r = a % 2 == 0",
    "print_all_nan": "r = np.array([math.nan, math.inf])",
    "print_negative_zero_mix": "r = np.array([-0.0, 1.25, -3.5])",
    # np.random on the global RandomState
    "rand": "np.random.seed(1); r = np.random.rand(2, 3)",
    "randn": "np.random.seed(2); r = np.random.randn(5)",
    "randint": "np.random.seed(3); r = np.random.randint(0, 10, size=(4,))",
    "randint_int32": "np.random.seed(3); r = np.random.randint(5, size=(3,), dtype=np.int32)",
    "permutation": "np.random.seed(4); r = np.random.permutation(10)",
    "shuffle_rows": "np.random.seed(5); r = np.arange(6).reshape(3, 2); np.random.shuffle(r)",
    "choice_range": "np.random.seed(6); r = np.random.choice(5, 3)",
    "choice_no_replace": "np.random.seed(7); r = np.random.choice(np.arange(10) * 2, size=(2, 2), replace=False)",
    "choice_p": "np.random.seed(8); r = np.random.choice(4, size=6, p=[0.1, 0.2, 0.3, 0.4])",
    "uniform": "np.random.seed(9); r = np.random.uniform(-1, 1, size=(3,))",
    "normal": "np.random.seed(10); r = np.random.normal(2, 0.5, size=(2, 2))",
    "stream_continues": "np.random.seed(11); np.random.randn(3); r = np.random.rand(2)",
}


def encode(x):
    if isinstance(x, float) and not math.isfinite(x):
        return str(x)
    return x


def main():
    out = {}
    for name, code in CASES.items():
        env = fixtures()
        env["math"] = math
        exec(code, env)
        r = np.asarray(env["r"])
        out[name] = {
            "dtype": str(r.dtype),
            "shape": list(r.shape),
            "values": [encode(v) for v in r.ravel().tolist()],
            "str": str(env["r"]),
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
