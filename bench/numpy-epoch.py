"""One training epoch of the benchmark's networks in numpy float32, for comparison.

python3 bench/numpy-epoch.py IMAGES_IDX LABELS_IDX COUNT HIDDEN BATCH OPTIMIZER LR SEED
Prints one JSON object: seconds (the epoch loop, batch packing included), loss.
The same math as the engine: He init, ReLU, softmax cross-entropy, dZ = (A - Y)/m,
plain gradient descent or momentum (v = 0.9 v + g; w -= lr v).
"""
import json
import sys
import time

import numpy as np


def read_idx(images_path, labels_path, count):
    with open(images_path, 'rb') as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16)[: count * 784].reshape(count, 784)
    with open(labels_path, 'rb') as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)[:count]
    return images, labels


def epoch(images, labels, hidden, batch, optimizer, lr, seed):
    rng = np.random.default_rng(seed)
    w1 = (rng.standard_normal((hidden, 784)) * np.sqrt(2 / 784)).astype(np.float32)
    b1 = np.zeros(hidden, np.float32)
    w2 = (rng.standard_normal((10, hidden)) * np.sqrt(2 / hidden)).astype(np.float32)
    b2 = np.zeros(10, np.float32)
    params = [w1, b1, w2, b2]
    velocities = [np.zeros_like(p) for p in params]
    order = rng.permutation(len(labels))
    eye = np.eye(10, dtype=np.float32)
    total = 0.0
    started = time.perf_counter()
    for start in range(0, len(order), batch):
        index = order[start:start + batch]
        x = images[index].astype(np.float32) / np.float32(255)
        y = labels[index]
        m = len(index)
        z1 = x @ w1.T + b1
        a1 = np.maximum(z1, 0)
        z2 = a1 @ w2.T + b2
        z2 -= z2.max(axis=1, keepdims=True)
        e = np.exp(z2)
        p = e / e.sum(axis=1, keepdims=True)
        total -= float(np.log(p[np.arange(m), y]).sum())
        dz2 = (p - eye[y]) / np.float32(m)
        dw2 = dz2.T @ a1
        db2 = dz2.sum(axis=0)
        dz1 = (dz2 @ w2) * (z1 > 0)
        dw1 = dz1.T @ x
        db1 = dz1.sum(axis=0)
        for param, grad, velocity in zip(params, [dw1, db1, dw2, db2], velocities):
            if optimizer == 'momentum':
                velocity *= np.float32(0.9)
                velocity += grad
                param -= np.float32(lr) * velocity
            else:
                param -= np.float32(lr) * grad
    return time.perf_counter() - started, total / len(labels)


def main():
    images_path, labels_path, count, hidden, batch, optimizer, lr, seed = sys.argv[1:9]
    images, labels = read_idx(images_path, labels_path, int(count))
    # a short warm-up so BLAS threads and caches are up, as the engine gets
    epoch(images[: 8 * int(batch)], labels[: 8 * int(batch)], int(hidden), int(batch), optimizer, float(lr), int(seed))
    seconds, loss = epoch(images, labels, int(hidden), int(batch), optimizer, float(lr), int(seed))
    print(json.dumps({'seconds': seconds, 'loss': loss, 'numpy': np.__version__}))


main()
