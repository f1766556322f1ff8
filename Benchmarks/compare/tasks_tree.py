"""Comparison tasks of DecisionTrees: one depth-10 tree (at least 50 rows per leaf) on synthetic
rows x 32 features, each ChurnKit search mode against the library that does the same work.

- tree.hist.*: ChurnKit's histogram search (255 quantile bins, sibling histograms by subtraction)
  against LightGBM (one tree: n_estimators=1, learning_rate=1, max_bin=255, max_depth=10,
  min_child_samples=50, num_leaves=1024, no regularization) and scikit-learn's
  HistGradientBoostingClassifier (max_iter=1, max_bins=255, max_depth=10, min_samples_leaf=50,
  no leaf limit, no early stopping). Every clock contains the binning of the features and the
  growth of one tree (LightGBM: Dataset construction + one boosting round; the boosters fit
  gradients of the log-loss, ChurnKit the Gini impurity: the same histogram work per node).
- tree.exact.*: ChurnKit's exact mode (every distinct value a candidate, scikit-learn's midpoint
  thresholds) against scikit-learn's DecisionTreeClassifier (exact search), on fewer rows: the
  exact mode re-sorts per node and is a reference mode, documented as such, far slower than
  scikit-learn's presorted search at 1,000,000 rows.

Both sides read the same raw files (row-major little-endian float64 features, uint8 labels);
loading is not timed. The first 80% of rows train, the rest are the hold-out: each side reports
its fit time (the timed figure), the CPU seconds of the fit (all threads), the hold-out ROC AUC
and its prediction throughput (median of 5 timed predictions of the hold-out rows).
"""
import pathlib
import statistics
import time

import churn_like
import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.tree import DecisionTreeClassifier

from task import Task, size

N, D = size(1_000_000, 20_000), 32
TRAIN = N * 4 // 5
N_EXACT = size(100_000, 5_000)
TRAIN_EXACT = N_EXACT * 4 // 5
DEPTH, MIN_LEAF = 10, 50
PREDICT_REPEATS = 5


def prepare(workdir: pathlib.Path) -> dict:
    """The churn-like synthetic rows (churn_like.py)."""
    return churn_like.write(workdir, "tree", N, D)


def load(context, n):
    X = np.fromfile(context["x"], dtype="<f8").reshape(N, D)[:n]
    y = np.fromfile(context["y"], dtype=np.uint8)[:n]
    return X, y


def timed_fit(make_model, n, train):
    def run(context):
        X, y = load(context, n)
        model = make_model()
        cpu, start = time.process_time(), time.perf_counter()
        model.fit(X[:train], y[:train])
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        p, predict_seconds = None, []
        for _ in range(PREDICT_REPEATS):
            start = time.perf_counter()
            p = model.predict_proba(X[train:])[:, 1]
            predict_seconds.append(time.perf_counter() - start)
        predict_seconds = statistics.median(predict_seconds)
        return {"seconds": seconds, "auc": round(float(roc_auc_score(y[train:], p)), 5),
                "fitCPUSeconds": round(cpu, 3), "predictRowsPerSecond": round((n - train) / predict_seconds)}
    return run


def lightgbm_tree():
    import lightgbm
    return lightgbm.LGBMClassifier(n_estimators=1, learning_rate=1.0, max_bin=255, max_depth=DEPTH,
                                   num_leaves=2 ** DEPTH, min_child_samples=MIN_LEAF, min_child_weight=0.0,
                                   min_split_gain=0.0, reg_lambda=0.0, subsample=1.0, colsample_bytree=1.0,
                                   verbose=-1)


def hist_gradient_boosting_tree():
    from sklearn.ensemble import HistGradientBoostingClassifier
    return HistGradientBoostingClassifier(max_iter=1, learning_rate=1.0, max_bins=255, max_depth=DEPTH,
                                          max_leaf_nodes=None, min_samples_leaf=MIN_LEAF,
                                          l2_regularization=0.0, early_stopping=False)


def exact_tree():
    return DecisionTreeClassifier(max_depth=DEPTH, min_samples_leaf=MIN_LEAF, random_state=0)


def swift_args(n, train, mode):
    return lambda c: [c["x"], c["y"], str(n), str(D), str(train), str(DEPTH), str(MIN_LEAF), mode, str(N)]


TASKS = [
    Task(f"tree.hist.n{N}.d{D}.depth{DEPTH}.lightgbm", "LightGBM, one tree", prepare,
         timed_fit(lightgbm_tree, N, TRAIN), "tree.fit", swift_args(N, TRAIN, "histogram")),
    Task(f"tree.hist.n{N}.d{D}.depth{DEPTH}.hgb", "sklearn HistGradientBoosting, 1 iter", prepare,
         timed_fit(hist_gradient_boosting_tree, N, TRAIN), "tree.fit", swift_args(N, TRAIN, "histogram")),
    Task(f"tree.exact.n{N_EXACT}.d{D}.depth{DEPTH}", "sklearn DecisionTreeClassifier", prepare,
         timed_fit(exact_tree, N_EXACT, TRAIN_EXACT), "tree.fit", swift_args(N_EXACT, TRAIN_EXACT, "exact")),
]
