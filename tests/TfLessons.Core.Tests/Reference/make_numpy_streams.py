#!/usr/bin/python3
"""Reference streams from NumPy's legacy RandomState, for TfLessons bit-exact tests.

How numpy_streams.json was made:
    /usr/bin/python3 tests/Reference/make_numpy_streams.py > tests/Reference/numpy_streams.json
with Debian's python3-numpy 1.24.2 (Python 3.11) on x86-64 with AVX512_SKX.

Floats are written by json (Python float repr), which round-trips exactly, so the C# tests
compare with ==. The "trig" section records np.sin / np.cos, which on AVX512_SKX machines use
Intel SVML (__svml_sin8 / __svml_cos8) and differ from libm by up to 1 ulp; the scikit-learn
toy data sets in shared/data/course/generated were produced with those functions.
Re-running on a machine without AVX512 would give libm values in "trig" (the RandomState
sections do not depend on the CPU).
"""
import json
import sys

import numpy as np

SEEDS = [0, 1, 2, 3, 10, 11, 2**32 - 1]

# (low, high) pairs covering: rng == 0 (no draws), tiny, non-power-of-two, exactly 2^32-1
# (raw 32-bit path), just above 2^32 (64-bit masked path), huge and full int64 range.
RANDINT_CASES = [
    (0, 1), (0, 2), (0, 10), (-5, 7), (0, 300), (0, 2**31), (0, 2**32),
    (0, 2**32 + 1), (0, 10**12), (-(2**62), 2**62 + 12345), (-(2**63), 2**63 - 1),
]


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def ints(a):
    return [int(v) for v in np.asarray(a).ravel()]


def per_seed(seed):
    out = {"seed": seed}
    rs = np.random.RandomState(seed)
    out["raw32"] = ints(rs._bit_generator.random_raw(8))
    out["rand"] = floats(np.random.RandomState(seed).rand(2, 3))
    out["randn"] = floats(np.random.RandomState(seed).randn(7))

    # Interleaving shows that the cached second gaussian survives rand() calls.
    rs = np.random.RandomState(seed)
    seq = []
    seq.append(["randn", floats(rs.randn(3))])
    seq.append(["rand", floats(rs.rand(3))])
    seq.append(["randn", floats(rs.randn(1))])
    seq.append(["rand", floats(rs.rand(1))])
    seq.append(["randn", floats(rs.randn(4))])
    out["interleaved"] = seq

    out["normal"] = floats(np.random.RandomState(seed).normal(1.5, 0.3, size=5))
    out["uniform"] = floats(np.random.RandomState(seed).uniform(-2.0, 3.0, size=5))

    cases = []
    for low, high in RANDINT_CASES:
        rs = np.random.RandomState(seed)
        vals = ints(rs.randint(low, high, size=12))
        after = floats(rs.rand(2))  # shows how many words randint consumed
        cases.append({"low": low, "high": high, "values": vals, "after": after})
    out["randint"] = cases

    out["permutation300"] = ints(np.random.RandomState(seed).permutation(300))
    rs = np.random.RandomState(seed)
    rs.rand(1)
    arr = np.arange(17)
    rs.shuffle(arr)
    out["shuffle17_after_rand1"] = ints(arr)

    # seed() must drop the cached gaussian: randn(1) caches one value, re-seed, randn(3).
    rs = np.random.RandomState(seed)
    rs.randn(1)
    rs.seed(seed)
    out["reseed_randn3"] = floats(rs.randn(3))
    return out


def global_checks():
    """Course-style uses of the global np.random state."""
    out = {}
    np.random.seed(3)
    out["he_2_4_1"] = {"W1": floats(np.random.randn(4, 2) * np.sqrt(2 / 2)),
                       "W2": floats(np.random.randn(1, 4) * np.sqrt(2 / 4))}
    np.random.seed(3)
    out["random_3_2_1"] = {"W1": floats(np.random.randn(2, 3) * 10),
                           "W2": floats(np.random.randn(1, 2) * 10)}
    np.random.seed(0)
    out["permutation148_seed0"] = ints(np.random.permutation(148))
    return out


def trig():
    xs = []
    for n, stop, endpoint in [(150, 2 * np.pi, False), (50, 2 * np.pi, False),
                              (150, np.pi, True), (7, np.pi, True)]:
        xs.extend(floats(np.linspace(0, stop, n, endpoint=endpoint)))
    rs = np.random.RandomState(12345)
    xs.extend(floats(rs.uniform(-10, 10, size=200)))
    xs.extend(floats(rs.uniform(-1e6, 1e6, size=50)))
    xs.extend(floats(rs.uniform(-1e-6, 1e-6, size=20)))
    xs.extend([0.0, -0.0, 1e-300, -1e-9, 2.0**-27, 3.0e7, -1.0e9])
    x = np.array(xs)
    return {"x": floats(x), "sin": floats(np.sin(x)), "cos": floats(np.cos(x))}


def main():
    doc = {
        "numpy_version": np.__version__,
        "seeds": [per_seed(s) for s in SEEDS],
        "global": global_checks(),
        "trig": trig(),
    }
    json.dump(doc, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
