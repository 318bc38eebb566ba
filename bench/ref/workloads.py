#!/usr/bin/env python3
"""Python reference workloads for the TfLessons benchmark (bench/compare).

Each workload exists twice:
  numpy -- the course's style: plain arrays, hand-written forward/backward and update rules;
  torch -- idiomatic PyTorch: nn modules, autograd (loss.backward()) and torch.optim.

CLI:  python3 workloads.py WORKLOAD --impl numpy|torch [--repeat N] [--quick] [--steps N]
                                    [--epochs N] [--workers N]
prints exactly one JSON line on stdout:
  {"workload": W, "impl": "numpy"|"torch", "unit": U, "value": x, "steps": n, "detail": {...}}
where U is "us/step", "s", "trials/min" or "GFLOP/s".  With --repeat N the workload is timed N
times and the best time is reported (all times are in detail.times_s).

Only the training computation is timed: data generation, imports and (for the per-step
workloads) warm-up steps are outside the clock.
"""

import argparse
import json
import math
import os
import platform
import sys
import time

import numpy as np

WORKLOADS = ("w5-step", "moons-adam", "signs-step", "fashion-bn", "moons-trials")
TORCH_THREADS = 2

_torch = None


def _import_torch(threads=None):
    """Imports torch lazily (the numpy runs never pay for it) and sets its intra-op thread count.

    Debian's torch runs its own parallel loops on OpenMP and its matrix products in OpenBLAS's
    pthreads. With libgomp's default spin-waiting, the idle OpenMP workers spin on the two cores
    that OpenBLAS needs and large products get 3-10x slower; sleeping waits avoid that. Set
    OMP_WAIT_POLICY yourself to override (it must be set before torch is imported).
    """
    global _torch
    if _torch is None:
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import torch
        _torch = torch
    _torch.set_num_threads(threads or TORCH_THREADS)
    return _torch


def _best(times):
    return min(times)


# ---------------------------------------------------------------------------------------------
# w5-step: cost = x0*w^2 + x1*w + x2 = (w-5)^2, one gradient-descent step, lr 0.01, float32
# ---------------------------------------------------------------------------------------------

W5_COEFFICIENTS = [[1.0], [-10.0], [25.0]]


def w5_numpy(steps):
    """The numpy rewrite of the course's TensorFlow "w" example: gradient written by hand."""
    x = np.array(W5_COEFFICIENTS, dtype=np.float32)
    lr = np.float32(0.01)
    two = np.float32(2.0)
    w = np.float32(0.0)
    t0 = time.perf_counter()
    for _ in range(steps):
        # x is read on every step, as the session feeds it on every run.
        w = w - lr * (two * x[0][0] * w + x[1][0])
    elapsed = time.perf_counter() - t0
    cost = x[0][0] * w * w + x[1][0] * w + x[2][0]
    assert isinstance(w, np.float32)
    return elapsed, {"w": float(w), "cost": float(cost)}


def w5_torch(steps):
    torch = _import_torch()
    x = torch.tensor(W5_COEFFICIENTS, dtype=torch.float32)
    w = torch.zeros((), dtype=torch.float32, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=0.01)
    t0 = time.perf_counter()
    for _ in range(steps):
        cost = x[0][0] * w * w + x[1][0] * w + x[2][0]
        cost.backward()
        optimizer.step()
        optimizer.zero_grad()
    elapsed = time.perf_counter() - t0
    with torch.no_grad():
        cost = x[0][0] * w * w + x[1][0] * w + x[2][0]
    return elapsed, {"w": float(w.item()), "cost": float(cost.item())}


def run_w5(args):
    impl = args.impl
    if args.steps:
        steps = args.steps
    else:
        steps = 100000 if impl == "numpy" else 20000
        if args.quick:
            steps //= 10
    fn = w5_numpy if impl == "numpy" else w5_torch
    fn(min(steps, 1000))  # warm-up
    times, detail = [], {}
    for _ in range(args.repeat or 3):
        elapsed, detail = fn(steps)
        times.append(elapsed)
    best = _best(times)
    detail.update(times_s=times, dtype="float32", lr=0.01)
    return "us/step", best / steps * 1e6, steps, detail


# ---------------------------------------------------------------------------------------------
# moons: the optimization lesson's 3-layer model ([2,5,2,1], relu-relu-sigmoid) with Adam
# ---------------------------------------------------------------------------------------------

MOONS_LAYERS = [2, 5, 2, 1]


def load_moons():
    """The course's load_dataset(): np.random.seed(3); make_moons(300, noise=.2); transposed."""
    import sklearn.datasets
    np.random.seed(3)
    train_X, train_Y = sklearn.datasets.make_moons(n_samples=300, noise=.2)
    train_X = train_X.T
    train_Y = train_Y.reshape((1, train_Y.shape[0]))
    return train_X, train_Y


def initialize_parameters(layer_dims):
    """He initialisation as in opt_utils.initialize_parameters (np.random.seed(3))."""
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2 / layer_dims[l - 1])
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size: (k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size: (k + 1) * mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size: m]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size: m]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    return mini_batches


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    z1 = np.dot(W1, X) + b1
    a1 = relu(z1)
    z2 = np.dot(W2, a1) + b2
    a2 = relu(z2)
    z3 = np.dot(W3, a2) + b3
    a3 = sigmoid(z3)
    cache = (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3)
    return a3, cache


def compute_cost(a3, Y):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    cost = 1. / m * np.sum(logprobs)
    return cost


def backward_propagation(X, Y, cache):
    m = X.shape[1]
    (z1, a1, W1, b1, z2, a2, W2, b2, z3, a3, W3, b3) = cache
    dz3 = 1. / m * (a3 - Y)
    dW3 = np.dot(dz3, a2.T)
    db3 = np.sum(dz3, axis=1, keepdims=True)
    da2 = np.dot(W3.T, dz3)
    dz2 = np.multiply(da2, np.int64(a2 > 0))
    dW2 = np.dot(dz2, a1.T)
    db2 = np.sum(dz2, axis=1, keepdims=True)
    da1 = np.dot(W2.T, dz2)
    dz1 = np.multiply(da1, np.int64(a1 > 0))
    dW1 = np.dot(dz1, X.T)
    db1 = np.sum(dz1, axis=1, keepdims=True)
    return {"dz3": dz3, "dW3": dW3, "db3": db3, "da2": da2, "dz2": dz2, "dW2": dW2, "db2": db2,
            "da1": da1, "dz1": dz1, "dW1": dW1, "db1": db1}


def initialize_adam(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(L):
        for p in ("W", "b"):
            v["d" + p + str(l + 1)] = np.zeros_like(parameters[p + str(l + 1)])
            s["d" + p + str(l + 1)] = np.zeros_like(parameters[p + str(l + 1)])
    return v, s


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    """The course's Adam (the original notebook's form: epsilon inside the square root)."""
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(L):
        for p in ("W", "b"):
            key = "d" + p + str(l + 1)
            v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
            v_corrected[key] = v[key] / (1 - np.power(beta1, t))
            s[key] = beta2 * s[key] + (1 - beta2) * np.power(grads[key], 2)
            s_corrected[key] = s[key] / (1 - np.power(beta2, t))
            parameters[p + str(l + 1)] = (parameters[p + str(l + 1)]
                                          - learning_rate * v_corrected[key] / np.sqrt(s_corrected[key] + epsilon))
    return parameters, v, s


def predict_accuracy(X, Y, parameters):
    a3, _ = forward_propagation(X, parameters)
    return float(np.mean((a3 > 0.5) == (Y == 1)))


def moons_model_numpy(X, Y, learning_rate=0.0007, mini_batch_size=64, num_epochs=10000,
                      beta1=0.9, beta2=0.999, epsilon=1e-8):
    """opt_utils model(..., optimizer="adam") without the printing; returns parameters, last cost, steps."""
    t = 0
    seed = 10
    parameters = initialize_parameters(MOONS_LAYERS)
    v, s = initialize_adam(parameters)
    cost = float("nan")
    for i in range(num_epochs):
        seed = seed + 1
        minibatches = random_mini_batches(X, Y, mini_batch_size, seed)
        for minibatch_X, minibatch_Y in minibatches:
            a3, caches = forward_propagation(minibatch_X, parameters)
            cost = compute_cost(a3, minibatch_Y)
            grads = backward_propagation(minibatch_X, minibatch_Y, caches)
            t = t + 1
            parameters, v, s = update_parameters_with_adam(parameters, grads, v, s, t, learning_rate,
                                                           beta1, beta2, epsilon)
    return parameters, float(cost), t


def moons_model_torch(X, Y, learning_rate=0.0007, mini_batch_size=64, num_epochs=10000):
    """The same model in idiomatic PyTorch, float64, same initial weights and mini-batch order.

    torch.optim.Adam divides by sqrt(s_hat) + eps where the course divides by sqrt(s_hat + eps).
    """
    torch = _torch
    nn = torch.nn
    init = initialize_parameters(MOONS_LAYERS)
    layers = []
    for l in range(1, len(MOONS_LAYERS)):
        linear = nn.Linear(MOONS_LAYERS[l - 1], MOONS_LAYERS[l]).double()
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(init["W" + str(l)]))
            linear.bias.copy_(torch.from_numpy(init["b" + str(l)].ravel()))
        layers.append(linear)
        if l < len(MOONS_LAYERS) - 1:
            layers.append(nn.ReLU())
    model = nn.Sequential(*layers)  # logits; the sigmoid is inside the loss
    loss_fn = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate, betas=(0.9, 0.999), eps=1e-8)
    X_t = torch.from_numpy(np.ascontiguousarray(X.T))                 # (m, 2) float64
    Y_t = torch.from_numpy(np.ascontiguousarray(Y.T).astype(np.float64))  # (m, 1)
    m = X_t.shape[0]
    seed = 10
    steps = 0
    loss = None
    for epoch in range(num_epochs):
        seed = seed + 1
        np.random.seed(seed)
        permutation = torch.from_numpy(np.random.permutation(m))
        for batch in permutation.split(mini_batch_size):
            xb, yb = X_t[batch], Y_t[batch]
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            steps += 1
    with torch.no_grad():
        accuracy = float(((model(X_t) > 0) == (Y_t == 1)).double().mean())
    return float(loss.item()), steps, accuracy


def moons_train(impl, X, Y, learning_rate, epochs):
    """Trains once; returns (seconds, steps, final mini-batch cost, train accuracy)."""
    if impl == "numpy":
        t0 = time.perf_counter()
        parameters, cost, steps = moons_model_numpy(X, Y, learning_rate=learning_rate, num_epochs=epochs)
        elapsed = time.perf_counter() - t0
        return elapsed, steps, cost, predict_accuracy(X, Y, parameters)
    t0 = time.perf_counter()
    cost, steps, accuracy = moons_model_torch(X, Y, learning_rate=learning_rate, num_epochs=epochs)
    elapsed = time.perf_counter() - t0
    return elapsed, steps, cost, accuracy


def run_moons_adam(args):
    if args.impl == "torch":
        _import_torch()
    epochs = args.epochs or (1000 if args.quick else 10000)
    X, Y = load_moons()
    times, steps, cost, accuracy = [], 0, None, None
    for _ in range(args.repeat or 1):
        elapsed, steps, cost, accuracy = moons_train(args.impl, X, Y, 0.0007, epochs)
        times.append(elapsed)
    best = _best(times)
    detail = {"epochs": epochs, "us_per_step": best / steps * 1e6, "times_s": times,
              "final_minibatch_cost": cost, "train_accuracy": accuracy, "dtype": "float64",
              "adam_epsilon": "inside sqrt (course)" if args.impl == "numpy" else "outside sqrt (torch.optim.Adam)"}
    return "s", best, steps, detail


# ---------------------------------------------------------------------------------------------
# moons-trials: random search over the learning rate, 16 trials x 1000 epochs
# ---------------------------------------------------------------------------------------------

def trial_learning_rates(n, seed=1):
    rng = np.random.RandomState(seed)
    return [float(10 ** r) for r in rng.uniform(-4, -1, size=n)]


_worker_data = None


def _trial_worker_init(impl):
    if impl == "torch":
        _import_torch(threads=1)


def _trial_worker(job):
    impl, learning_rate, epochs = job
    X, Y = _worker_data
    elapsed, steps, cost, accuracy = moons_train(impl, X, Y, learning_rate, epochs)
    return {"learning_rate": learning_rate, "seconds": elapsed, "steps": steps,
            "final_minibatch_cost": cost, "train_accuracy": accuracy}


def run_moons_trials(args):
    """16 learning-rate trials; data is generated (and torch imported) before the clock starts.

    With --workers N the trials go to a pool of N forked processes (torch: 1 thread each); the
    clock includes starting the pool. The parent runs no torch op before forking, so no OpenMP
    thread pool is carried into the children.
    """
    global _worker_data
    trials = 16
    epochs = args.epochs or (100 if args.quick else 1000)
    workers = args.workers or 1
    learning_rates = trial_learning_rates(trials)
    jobs = [(args.impl, lr, epochs) for lr in learning_rates]
    if args.impl == "torch":
        _import_torch(threads=1 if workers > 1 else None)
    _worker_data = load_moons()
    times, results = [], []
    for _ in range(args.repeat or 1):
        if workers == 1:
            t0 = time.perf_counter()
            results = [_trial_worker(job) for job in jobs]
            elapsed = time.perf_counter() - t0
        else:
            import multiprocessing
            ctx = multiprocessing.get_context("fork")
            t0 = time.perf_counter()
            with ctx.Pool(workers, initializer=_trial_worker_init, initargs=(args.impl,)) as pool:
                results = pool.map(_trial_worker, jobs, chunksize=1)
            elapsed = time.perf_counter() - t0
        times.append(elapsed)
    best = _best(times)
    steps = sum(r["steps"] for r in results)
    best_trial = max(results, key=lambda r: r["train_accuracy"])
    detail = {"trials": trials, "epochs_per_trial": epochs, "workers": workers,
              "torch_threads_per_process": (1 if workers > 1 else TORCH_THREADS) if args.impl == "torch" else None,
              "total_s": best, "times_s": times, "lr_range": "10**uniform(-4,-1), RandomState(1)",
              "best_trial": best_trial, "trials_detail": results}
    return "trials/min", trials / best * 60.0, steps, detail


# ---------------------------------------------------------------------------------------------
# shared pieces for the float32 classifiers (signs-step, fashion-bn)
# ---------------------------------------------------------------------------------------------

def random_batches(n_features, n_classes, batch, count, seed):
    """`count` pre-cut float32 batches in course layout: X (n_features, batch), Y one-hot (n_classes, batch)."""
    rng = np.random.RandomState(seed)
    batches = []
    for _ in range(count):
        X = rng.rand(n_features, batch).astype(np.float32)
        labels = rng.randint(0, n_classes, size=batch)
        Y = np.zeros((n_classes, batch), dtype=np.float32)
        Y[labels, np.arange(batch)] = 1
        batches.append((X, Y, labels))
    return batches


def xavier_parameters(layer_dims, seed, batch_norm=False):
    """Glorot-uniform weights (tf.contrib.layers.xavier_initializer), zero biases; float32."""
    rng = np.random.RandomState(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        limit = np.sqrt(6.0 / (layer_dims[l - 1] + layer_dims[l]))
        parameters["W" + str(l)] = rng.uniform(-limit, limit, (layer_dims[l], layer_dims[l - 1])).astype(np.float32)
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1), dtype=np.float32)
        if batch_norm and l < len(layer_dims) - 1:
            parameters["gamma" + str(l)] = np.ones((layer_dims[l], 1), dtype=np.float32)
            parameters["beta" + str(l)] = np.zeros((layer_dims[l], 1), dtype=np.float32)
    return parameters


class AdamNumpy:
    """Course-style Adam over a dict of float32 arrays (grads keyed 'd' + name)."""

    def __init__(self, parameters, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
        self.lr = np.float32(learning_rate)
        self.beta1, self.beta2 = np.float32(beta1), np.float32(beta2)
        self.epsilon = np.float32(epsilon)
        self.v = {k: np.zeros_like(p) for k, p in parameters.items()}
        self.s = {k: np.zeros_like(p) for k, p in parameters.items()}
        self.t = 0

    def update(self, parameters, grads):
        self.t += 1
        one = np.float32(1)
        c1 = one - self.beta1 ** self.t
        c2 = one - self.beta2 ** self.t
        for k in parameters:
            g = grads["d" + k]
            self.v[k] = self.beta1 * self.v[k] + (one - self.beta1) * g
            self.s[k] = self.beta2 * self.s[k] + (one - self.beta2) * np.square(g)
            v_corrected = self.v[k] / c1
            s_corrected = self.s[k] / c2
            parameters[k] = parameters[k] - self.lr * v_corrected / np.sqrt(s_corrected + self.epsilon)


def softmax_cross_entropy(Z, Y):
    """Mean softmax cross-entropy over the columns and its gradient with respect to the logits Z."""
    m = Z.shape[1]
    shifted = Z - Z.max(axis=0, keepdims=True)
    expZ = np.exp(shifted)
    sum_exp = expZ.sum(axis=0, keepdims=True)
    log_probs = shifted - np.log(sum_exp)
    cost = -np.sum(Y * log_probs) / m
    dZ = (expZ / sum_exp - Y) / np.float32(m)
    return cost, dZ


def _timed_steps(step, steps, warmup, repeat):
    for _ in range(warmup):
        step()
    times = []
    cost = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(steps):
            cost = step()
        times.append(time.perf_counter() - t0)
    return times, cost


# ---------------------------------------------------------------------------------------------
# signs-step: SIGNS-shaped 12288-25-12-6 classifier, batch 32, softmax cross-entropy, Adam 1e-4
# ---------------------------------------------------------------------------------------------

SIGNS_LAYERS = [12288, 25, 12, 6]
SIGNS_BATCH = 32


def signs_numpy_step_fn(batches):
    parameters = xavier_parameters(SIGNS_LAYERS, seed=1)
    adam = AdamNumpy(parameters, 1e-4)
    state = {"i": 0}

    def step():
        X, Y, _ = batches[state["i"] % len(batches)]
        state["i"] += 1
        W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
        Z1 = np.dot(W1, X) + b1
        A1 = np.maximum(Z1, 0)
        Z2 = np.dot(W2, A1) + b2
        A2 = np.maximum(Z2, 0)
        Z3 = np.dot(W3, A2) + b3
        cost, dZ3 = softmax_cross_entropy(Z3, Y)
        grads = {"dW3": np.dot(dZ3, A2.T), "db3": np.sum(dZ3, axis=1, keepdims=True)}
        dZ2 = np.dot(W3.T, dZ3) * (Z2 > 0)
        grads["dW2"] = np.dot(dZ2, A1.T)
        grads["db2"] = np.sum(dZ2, axis=1, keepdims=True)
        dZ1 = np.dot(W2.T, dZ2) * (Z1 > 0)
        grads["dW1"] = np.dot(dZ1, X.T)
        grads["db1"] = np.sum(dZ1, axis=1, keepdims=True)
        adam.update(parameters, grads)
        return cost

    return step, parameters


def torch_classifier_step_fn(model, batches, learning_rate):
    torch = _torch
    tbatches = [(torch.from_numpy(np.ascontiguousarray(X.T)), torch.from_numpy(labels.astype(np.int64)))
                for X, _, labels in batches]
    loss_fn = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    state = {"i": 0}

    def step():
        xb, yb = tbatches[state["i"] % len(tbatches)]
        state["i"] += 1
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        return loss

    return step


def run_signs(args):
    steps = args.steps or (20 if args.quick else 200)
    warmup = 3 if args.quick else 10
    batches = random_batches(SIGNS_LAYERS[0], SIGNS_LAYERS[-1], SIGNS_BATCH, 8, seed=2)
    if args.impl == "numpy":
        step, parameters = signs_numpy_step_fn(batches)
        times, cost = _timed_steps(step, steps, warmup, args.repeat or 1)
        assert parameters["W1"].dtype == np.float32
        cost = float(cost)
    else:
        torch = _import_torch()
        torch.manual_seed(1)
        nn = torch.nn
        model = nn.Sequential(nn.Linear(12288, 25), nn.ReLU(), nn.Linear(25, 12), nn.ReLU(), nn.Linear(12, 6))
        step = torch_classifier_step_fn(model, batches, 1e-4)
        times, cost = _timed_steps(step, steps, warmup, args.repeat or 1)
        cost = float(cost.item())
    best = _best(times)
    detail = {"ms_per_step": best / steps * 1e3, "times_s": times, "warmup_steps": warmup,
              "layers": SIGNS_LAYERS, "batch": SIGNS_BATCH, "dtype": "float32", "last_cost": cost}
    return "us/step", best / steps * 1e6, steps, detail


# ---------------------------------------------------------------------------------------------
# fashion-bn: 784-512-512-10 with batch norm (training mode) after each hidden linear, batch 128
# ---------------------------------------------------------------------------------------------

FASHION_LAYERS = [784, 512, 512, 10]
FASHION_BATCH = 128
BN_EPSILON = 1e-3      # tf.layers.batch_normalization's default
BN_MOMENTUM = 0.99     # TensorFlow's convention (running = momentum*running + (1-momentum)*batch)
FASHION_FLOPS_PER_STEP = 6 * FASHION_BATCH * sum(FASHION_LAYERS[l - 1] * FASHION_LAYERS[l]
                                                  for l in range(1, len(FASHION_LAYERS)))


def fashion_numpy_step_fn(batches):
    parameters = xavier_parameters(FASHION_LAYERS, seed=1, batch_norm=True)
    running = {}
    for l in (1, 2):
        running["mean" + str(l)] = np.zeros((FASHION_LAYERS[l], 1), dtype=np.float32)
        running["var" + str(l)] = np.ones((FASHION_LAYERS[l], 1), dtype=np.float32)
    adam = AdamNumpy(parameters, 1e-3)
    eps = np.float32(BN_EPSILON)
    momentum = np.float32(BN_MOMENTUM)
    one = np.float32(1)
    state = {"i": 0}

    def bn_forward(Z, l):
        mu = np.mean(Z, axis=1, keepdims=True)
        Zc = Z - mu
        var = np.mean(Zc * Zc, axis=1, keepdims=True)
        inv_std = one / np.sqrt(var + eps)
        Zhat = Zc * inv_std
        running["mean" + str(l)] = momentum * running["mean" + str(l)] + (one - momentum) * mu
        running["var" + str(l)] = momentum * running["var" + str(l)] + (one - momentum) * var
        out = parameters["gamma" + str(l)] * Zhat + parameters["beta" + str(l)]
        return out, (Zhat, inv_std)

    def bn_backward(dout, cache, l, grads):
        Zhat, inv_std = cache
        m = dout.shape[1]
        grads["dbeta" + str(l)] = np.sum(dout, axis=1, keepdims=True)
        grads["dgamma" + str(l)] = np.sum(dout * Zhat, axis=1, keepdims=True)
        dZhat = dout * parameters["gamma" + str(l)]
        # dZ = (1/m) * inv_std * (m*dZhat - sum(dZhat) - Zhat*sum(dZhat*Zhat))
        return (inv_std / np.float32(m)) * (np.float32(m) * dZhat
                                            - np.sum(dZhat, axis=1, keepdims=True)
                                            - Zhat * np.sum(dZhat * Zhat, axis=1, keepdims=True))

    def step():
        X, Y, _ = batches[state["i"] % len(batches)]
        state["i"] += 1
        p = parameters
        Z1 = np.dot(p["W1"], X) + p["b1"]
        N1, bn1 = bn_forward(Z1, 1)
        A1 = np.maximum(N1, 0)
        Z2 = np.dot(p["W2"], A1) + p["b2"]
        N2, bn2 = bn_forward(Z2, 2)
        A2 = np.maximum(N2, 0)
        Z3 = np.dot(p["W3"], A2) + p["b3"]
        cost, dZ3 = softmax_cross_entropy(Z3, Y)
        grads = {"dW3": np.dot(dZ3, A2.T), "db3": np.sum(dZ3, axis=1, keepdims=True)}
        dN2 = np.dot(p["W3"].T, dZ3) * (N2 > 0)
        dZ2 = bn_backward(dN2, bn2, 2, grads)
        grads["dW2"] = np.dot(dZ2, A1.T)
        grads["db2"] = np.sum(dZ2, axis=1, keepdims=True)
        dN1 = np.dot(p["W2"].T, dZ2) * (N1 > 0)
        dZ1 = bn_backward(dN1, bn1, 1, grads)
        grads["dW1"] = np.dot(dZ1, X.T)   # the gradient with respect to the input is not needed
        grads["db1"] = np.sum(dZ1, axis=1, keepdims=True)
        adam.update(parameters, grads)
        return cost

    return step, parameters


def run_fashion(args):
    steps = args.steps or (10 if args.quick else 100)
    warmup = 2 if args.quick else 5
    batches = random_batches(FASHION_LAYERS[0], FASHION_LAYERS[-1], FASHION_BATCH, 8, seed=3)
    if args.impl == "numpy":
        step, parameters = fashion_numpy_step_fn(batches)
        times, cost = _timed_steps(step, steps, warmup, args.repeat or 1)
        assert all(v.dtype == np.float32 for v in parameters.values())
        cost = float(cost)
    else:
        torch = _import_torch()
        torch.manual_seed(1)
        nn = torch.nn
        # torch's momentum weights the new batch statistic: 1 - TensorFlow's momentum.
        model = nn.Sequential(
            nn.Linear(784, 512), nn.BatchNorm1d(512, eps=BN_EPSILON, momentum=1 - BN_MOMENTUM), nn.ReLU(),
            nn.Linear(512, 512), nn.BatchNorm1d(512, eps=BN_EPSILON, momentum=1 - BN_MOMENTUM), nn.ReLU(),
            nn.Linear(512, 10))
        model.train()
        step = torch_classifier_step_fn(model, batches, 1e-3)
        times, cost = _timed_steps(step, steps, warmup, args.repeat or 1)
        cost = float(cost.item())
    best = _best(times)
    seconds_per_step = best / steps
    detail = {"ms_per_step": seconds_per_step * 1e3, "times_s": times, "warmup_steps": warmup,
              "flops_per_step": FASHION_FLOPS_PER_STEP, "layers": FASHION_LAYERS, "batch": FASHION_BATCH,
              "dtype": "float32", "last_cost": cost}
    return "GFLOP/s", FASHION_FLOPS_PER_STEP / seconds_per_step / 1e9, steps, detail


# ---------------------------------------------------------------------------------------------

RUNNERS = {"w5-step": run_w5, "moons-adam": run_moons_adam, "signs-step": run_signs,
           "fashion-bn": run_fashion, "moons-trials": run_moons_trials}


def run(workload, impl="numpy", repeat=None, quick=False, steps=None, epochs=None, workers=None):
    """Runs one workload and returns the result dict that the CLI prints as JSON."""
    args = argparse.Namespace(workload=workload, impl=impl, repeat=repeat, quick=quick, steps=steps,
                              epochs=epochs, workers=workers)
    unit, value, n, detail = RUNNERS[workload](args)
    detail["quick"] = quick
    detail["env"] = {"python": platform.python_version(), "numpy": np.__version__,
                     "torch": _torch.__version__ if (impl == "torch" and _torch is not None) else None,
                     "torch_threads": _torch.get_num_threads() if (impl == "torch" and _torch is not None) else None,
                     "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
                     "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY"),
                     "loadavg_1min_after": os.getloadavg()[0]}
    return {"workload": workload, "impl": impl, "unit": unit, "value": value, "steps": n, "detail": detail}


def main(argv=None):
    global TORCH_THREADS
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("workload", choices=WORKLOADS)
    parser.add_argument("--impl", choices=("numpy", "torch"), default="numpy")
    parser.add_argument("--repeat", type=int, default=None,
                        help="time this many runs and report the best (default 3 for w5-step, else 1)")
    parser.add_argument("--quick", action="store_true", help="about 10x fewer steps (smoke run)")
    parser.add_argument("--steps", type=int, default=None, help="timed steps (w5-step, signs-step, fashion-bn)")
    parser.add_argument("--epochs", type=int, default=None, help="epochs (moons-adam; per trial for moons-trials)")
    parser.add_argument("--workers", type=int, default=None, help="processes for moons-trials (default 1)")
    parser.add_argument("--torch-threads", type=int, default=TORCH_THREADS,
                        help="torch.set_num_threads (default 2; 1 per process with --workers > 1)")
    args = parser.parse_args(argv)
    TORCH_THREADS = args.torch_threads
    result = run(args.workload, args.impl, args.repeat, args.quick, args.steps, args.epochs, args.workers)
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
