# The TensorFlow.NET linear-regression program's descent in float32 NumPy: one step per example, 100 epochs.
# Run by ProgramTests with Debian's /usr/bin/python3; prints {"W", "b", "cost"} as JSON.
import json
import numpy as np

X = np.array([3.3, 4.4, 5.5, 6.71, 6.93, 4.168, 9.779, 6.182, 7.59, 2.167,
              7.042, 10.791, 5.313, 7.997, 5.654, 9.27, 3.1], dtype=np.float32)
Y = np.array([1.7, 2.76, 2.09, 3.19, 1.694, 1.573, 3.366, 2.596, 2.53, 1.221,
              2.827, 3.465, 1.65, 2.904, 2.42, 2.94, 1.3], dtype=np.float32)
n = np.float32(len(X))
W, b, lr = np.float32(-0.06), np.float32(-0.73), np.float32(0.01)
for epoch in range(100):
    for x, y in zip(X, Y):
        err = x * W + b - y                       # d/dpred of (pred - y)^2 / (2n) is (pred - y) / n
        W = W - lr * (err * x / n)
        b = b - lr * (err / n)
cost = np.sum((X * W + b - Y) ** 2) / (np.float32(2) * n)
print(json.dumps({"W": float(W), "b": float(b), "cost": float(cost)}))
