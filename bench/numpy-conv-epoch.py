"""One training epoch of the benchmark's convolutional network in numpy float32, for comparison.

python3 bench/numpy-conv-epoch.py IMAGES_IDX LABELS_IDX COUNT FILTERS HIDDEN BATCH LR SEED
FILTERS is two counts, e.g. 8,16. Prints one JSON object: seconds (the epoch loop, batch packing included), loss.
The engine's network and math: conv 5x5 (valid, stride 1) -> ReLU -> 2x2 max-pool, twice, then dense HIDDEN -> ReLU
-> dense 10, softmax cross-entropy, dZ = (A - Y)/m, He init, momentum (v = 0.9 v + g; w -= lr v); the first
convolution computes no gradient for the pixels. Convolutions are im2col (sliding_window_view, copied into rows)
times the weights, the usual numpy way; the pool's gradient goes to every maximum of a window.
"""
import json
import sys
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

KERNEL = 5


def read_idx(images_path, labels_path, count):
    with open(images_path, 'rb') as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16)[: count * 784].reshape(count, 1, 28, 28)
    with open(labels_path, 'rb') as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)[:count]
    return images, labels


def conv_forward(x, w, b):
    """x: [m, C, H, W], w: [F, C*K*K] -> z: [m, F, OH, OW] and the im2col rows [m*OH*OW, C*K*K]."""
    m, c, h, wd = x.shape
    oh, ow = h - KERNEL + 1, wd - KERNEL + 1
    windows = sliding_window_view(x, (KERNEL, KERNEL), axis=(2, 3))  # [m, C, OH, OW, K, K]
    cols = np.ascontiguousarray(windows.transpose(0, 2, 3, 1, 4, 5)).reshape(m * oh * ow, c * KERNEL * KERNEL)
    z = cols @ w.T + b
    return z.reshape(m, oh, ow, -1).transpose(0, 3, 1, 2), cols


def conv_backward(dz, cols, w, x_shape, input_grad):
    """dz: [m, F, OH, OW] -> dw, db, and dx [m, C, H, W] when input_grad."""
    m, c, h, wd = x_shape
    f = dz.shape[1]
    oh, ow = dz.shape[2], dz.shape[3]
    rows = dz.transpose(0, 2, 3, 1).reshape(-1, f)
    dw = rows.T @ cols
    db = rows.sum(axis=0)
    if not input_grad:
        return dw, db, None
    dcols = (rows @ w).reshape(m, oh, ow, c, KERNEL, KERNEL)
    dx = np.zeros(x_shape, np.float32)
    for i in range(KERNEL):
        for j in range(KERNEL):
            dx[:, :, i:i + oh, j:j + ow] += dcols[:, :, :, :, i, j].transpose(0, 3, 1, 2)
    return dw, db, dx


def pool_forward(a):
    m, c, h, w = a.shape
    windows = a[:, :, : h // 2 * 2, : w // 2 * 2].reshape(m, c, h // 2, 2, w // 2, 2)
    z = windows.max(axis=(3, 5))
    return z, windows


def pool_backward(dz, windows, z, shape):
    mask = windows == z[:, :, :, None, :, None]
    da = np.zeros(shape, np.float32)
    m, c, h, w = shape
    da[:, :, : h // 2 * 2, : w // 2 * 2] = (mask * dz[:, :, :, None, :, None]).reshape(m, c, h // 2 * 2, w // 2 * 2)
    return da


def he(rng, shape, fan_in):
    return (rng.standard_normal(shape) * np.sqrt(2 / fan_in)).astype(np.float32)


def epoch(images, labels, filters, hidden, batch, lr, seed):
    rng = np.random.default_rng(seed)
    f1, f2 = filters
    side = ((28 - KERNEL + 1) // 2 - KERNEL + 1) // 2
    flat = f2 * side * side
    params = [
        he(rng, (f1, KERNEL * KERNEL), KERNEL * KERNEL), np.zeros(f1, np.float32),
        he(rng, (f2, f1 * KERNEL * KERNEL), f1 * KERNEL * KERNEL), np.zeros(f2, np.float32),
        he(rng, (hidden, flat), flat), np.zeros(hidden, np.float32),
        he(rng, (10, hidden), hidden), np.zeros(10, np.float32),
    ]
    velocities = [np.zeros_like(p) for p in params]
    order = rng.permutation(len(labels))
    eye = np.eye(10, dtype=np.float32)
    total = 0.0
    started = time.perf_counter()
    for start in range(0, len(order), batch):
        w1, b1, w2, b2, w3, b3, w4, b4 = params
        index = order[start:start + batch]
        x = images[index].astype(np.float32) / np.float32(255)
        y = labels[index]
        m = len(index)
        z1, cols1 = conv_forward(x, w1, b1)
        a1 = np.maximum(z1, 0)
        p1, windows1 = pool_forward(a1)
        z2, cols2 = conv_forward(p1, w2, b2)
        a2 = np.maximum(z2, 0)
        p2, windows2 = pool_forward(a2)
        h0 = p2.reshape(m, -1)
        z3 = h0 @ w3.T + b3
        a3 = np.maximum(z3, 0)
        z4 = a3 @ w4.T + b4
        z4 -= z4.max(axis=1, keepdims=True)
        e = np.exp(z4)
        p = e / e.sum(axis=1, keepdims=True)
        total -= float(np.log(p[np.arange(m), y]).sum())
        dz4 = (p - eye[y]) / np.float32(m)
        dw4 = dz4.T @ a3
        db4 = dz4.sum(axis=0)
        dz3 = (dz4 @ w4) * (z3 > 0)
        dw3 = dz3.T @ h0
        db3 = dz3.sum(axis=0)
        dp2 = (dz3 @ w3).reshape(p2.shape)
        dz2 = pool_backward(dp2, windows2, p2, a2.shape) * (z2 > 0)
        dw2, db2, dp1 = conv_backward(dz2, cols2, w2, p1.shape, True)
        dz1 = pool_backward(dp1, windows1, p1, a1.shape) * (z1 > 0)
        dw1, db1, _ = conv_backward(dz1, cols1, w1, x.shape, False)
        for param, grad, velocity in zip(params, [dw1, db1, dw2, db2, dw3, db3, dw4, db4], velocities):
            velocity *= np.float32(0.9)
            velocity += grad
            param -= np.float32(lr) * velocity
    return time.perf_counter() - started, total / len(labels)


def main():
    images_path, labels_path, count, filters, hidden, batch, lr, seed = sys.argv[1:9]
    images, labels = read_idx(images_path, labels_path, int(count))
    counts = [int(n) for n in filters.split(',')]
    # a short warm-up so BLAS threads and caches are up, as the engine gets
    epoch(images[: 8 * int(batch)], labels[: 8 * int(batch)], counts, int(hidden), int(batch), float(lr), int(seed))
    seconds, loss = epoch(images, labels, counts, int(hidden), int(batch), float(lr), int(seed))
    print(json.dumps({'seconds': seconds, 'loss': loss, 'numpy': np.__version__}))


main()
