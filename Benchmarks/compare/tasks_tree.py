"""Comparison task of DecisionTrees: a depth-10 tree (at least 50 rows per leaf) on 1,000,000
synthetic rows x 32 features, against scikit-learn's DecisionTreeClassifier (exact search).

Both sides read the same raw files (row-major little-endian float64 features, uint8 labels);
loading is not timed. The first 800,000 rows train, the last 200,000 are the hold-out: each side
reports its fit time (the timed figure), the CPU seconds of the fit (all threads; on a machine
shared with other jobs, wall time depends on the load), the hold-out ROC AUC and its prediction
throughput (the median of 5 timed predictions of the hold-out rows, as one prediction takes
only tens of milliseconds and a loaded machine can stall any one of them).
scikit-learn takes about 80 s per fit here: run with `--repeat 1`.
"""
import pathlib
import statistics
import time

import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.tree import DecisionTreeClassifier

from task import Task

N, D, TRAIN = 1_000_000, 32, 800_000
DEPTH, MIN_LEAF = 10, 50
PREDICT_REPEATS = 5


def prepare(workdir: pathlib.Path) -> dict:
    """Seeded features of several shapes (normal, uniform, skewed, integer, binary, rounded) and
    labels drawn from a nonlinear churn-like model with interactions and thresholds."""
    x_path, y_path = workdir / f"tree_x_n{N}_d{D}.f64", workdir / f"tree_y_n{N}.u8"
    if not (x_path.exists() and y_path.exists()):
        rng = np.random.default_rng(2024)
        cols = []
        for j in range(D):
            kind = j % 6
            if kind == 0:
                cols.append(rng.normal(size=N))
            elif kind == 1:
                cols.append(rng.uniform(0, 100, size=N))
            elif kind == 2:
                cols.append(rng.exponential(50, size=N))
            elif kind == 3:
                cols.append(rng.integers(0, 72, size=N).astype(float))
            elif kind == 4:
                cols.append(rng.integers(0, 2, size=N).astype(float))
            else:
                cols.append(np.round(rng.normal(65, 30, size=N), 2))
        X = np.column_stack(cols)
        logit = (-1.0 + 0.8 * X[:, 0] - 0.02 * X[:, 1] + 0.8 * (X[:, 3] < 6) + 0.6 * X[:, 4] * (X[:, 5] > 70)
                 + 0.5 * np.sin(X[:, 6] * 2) + 0.01 * X[:, 2] - 0.3 * (X[:, 9] > 30) * X[:, 10]
                 + 0.4 * X[:, 12] * X[:, 18] + 0.005 * (X[:, 7] - 50))
        y = rng.uniform(size=N) < 1 / (1 + np.exp(-logit))
        X.astype("<f8").tofile(x_path)
        y.astype(np.uint8).tofile(y_path)
    return {"x": str(x_path), "y": str(y_path)}


def reference(context):
    X = np.fromfile(context["x"], dtype="<f8").reshape(N, D)
    y = np.fromfile(context["y"], dtype=np.uint8)
    model = DecisionTreeClassifier(max_depth=DEPTH, min_samples_leaf=MIN_LEAF, random_state=0)
    cpu, start = time.process_time(), time.perf_counter()
    model.fit(X[:TRAIN], y[:TRAIN])
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    p, predict_seconds = None, []
    for _ in range(PREDICT_REPEATS):
        start = time.perf_counter()
        p = model.predict_proba(X[TRAIN:])[:, 1]
        predict_seconds.append(time.perf_counter() - start)
    predict_seconds = statistics.median(predict_seconds)
    return {"seconds": seconds, "auc": round(float(roc_auc_score(y[TRAIN:], p)), 5),
            "leaves": int(model.get_n_leaves()), "fitCPUSeconds": round(cpu, 3), "predictRowsPerSecond": round((N - TRAIN) / predict_seconds)}


TASKS = [
    Task(f"tree.fit.n{N}.d{D}.depth{DEPTH}", "sklearn DecisionTreeClassifier", prepare, reference,
         "tree.fit", lambda c: [c["x"], c["y"], str(N), str(D), str(TRAIN), str(DEPTH), str(MIN_LEAF)]),
]
