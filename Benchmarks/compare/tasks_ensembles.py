"""Comparison tasks of Ensembles: gradient boosting and random forests on 1,250,000 x 32 churn-like
synthetic rows (churn_like.py); the first 1,000,000 rows train, the last 250,000 are the hold-out.

- gbdt.fit.*: 100 rounds of at most 31 leaves, learning rate 0.1, no depth limit, at least 20 rows
  and a Hessian sum of 1e-3 per leaf, 255 value bins (+1 for missing values), no L1/L2, no minimum
  gain, no row or column subsampling, 2 threads. ChurnKit's GradientBoostingClassifier against
  LightGBM (LGBMClassifier, n_jobs=2, min_data_in_bin=1 as ChurnKit gives every distinct value a
  bin up to 255, its automatic row-/column-wise choice) and scikit-learn's
  HistGradientBoostingClassifier (same hyperparameters, early stopping off, OpenMP limited to 2
  threads). compare.sh runs OpenMP with OMP_WAIT_POLICY=passive unless set: on this shared machine
  LightGBM's default spinning threads make its fit several times slower (52 s against 8 s at 200,000
  rows under load), so passive waiting is the reference's better setting.
  Every clock holds the whole fit: input checks, binning of the 1,000,000 x 32 float64 matrix
  (bin edges from a 200,000-row subsample on all three sides), 100 rounds of gradients, histograms
  and splits, and the margin updates. Each side also reports its hold-out ROC AUC and log loss
  (the quality check: ChurnKit within 0.002 AUC and 1% log loss of LightGBM), the CPU seconds of
  the fit and `fitPeakExtraMB`, the peak resident memory during the fit above the resident memory
  just before it (the input matrix is already resident on both sides).
- gbdt.predict.*: the probabilities of the 1,000,000 training rows from the model above (fitted
  outside the clock, then one untimed warm-up prediction): ChurnKit's predictProbabilities
  against LightGBM's predict_proba (2 threads). Each clock holds one prediction of the float64
  matrix into a new array of probabilities.
- gbdt.shap.*: exact path-dependent TreeSHAP values (Lundberg et al. 2018) of the margin of the
  100-round booster above (fitted outside the clock) for the first 100,000 hold-out rows (smoke:
  2,000): ChurnKit's GradientBoostingModel.shapValues against the shap package's TreeExplainer on
  the LightGBM model (which calls LightGBM's own `predict(pred_contrib=True)`, 2 threads). Each
  clock holds the contributions of every row and feature (and LightGBM's expected-value column),
  after one untimed warm-up on 100 rows. Both sides report the largest additivity error
  |contributions + expected value - margin|.
- forest.fit.*: 100 trees of depth at most 10, sqrt(32) = 5 features drawn per split, bootstrap
  rows, Gini splits, at least 1 row per leaf, on the 1,000,000 training rows: ChurnKit's
  RandomForestClassifier (255 bins) against scikit-learn's RandomForestClassifier (n_jobs=2,
  exact split search: scikit-learn has no histogram forest). The clocks hold the whole fit
  (binning included for ChurnKit). Both sides report the hold-out AUC.

Both sides read the same raw files; loading is not timed.
"""
import pathlib
import time

import churn_like
import numpy as np
from sklearn.metrics import log_loss, roc_auc_score
from threadpoolctl import threadpool_limits

from task import Task, size

N, D = size(1_250_000, 25_000), 32
TRAIN = size(1_000_000, 20_000)
ROUNDS, LEARNING_RATE, LEAVES, MIN_LEAF, MIN_HESSIAN, BINS, THREADS = 100, 0.1, 31, 20, 1e-3, 255, 2
TREES, FOREST_DEPTH = size(100, 10), 10
SHAP_ROWS = size(100_000, 2_000)

def prepare(workdir: pathlib.Path) -> dict:
    """The churn-like synthetic rows, 1,250,000 x 32."""
    return churn_like.write(workdir, "ensembles", N, D)


_cache = {}


def load(context):
    """The training and hold-out rows (read once per process)."""
    if context["x"] not in _cache:
        _cache.clear()
        X = np.fromfile(context["x"], dtype="<f8").reshape(N, D)
        y = np.fromfile(context["y"], dtype=np.uint8)
        _cache[context["x"]] = (X[:TRAIN], y[:TRAIN], X[TRAIN:], y[TRAIN:])
    return _cache[context["x"]]


def lightgbm_booster():
    import lightgbm
    return lightgbm.LGBMClassifier(
        n_estimators=ROUNDS, learning_rate=LEARNING_RATE, num_leaves=LEAVES, max_depth=-1,
        min_child_samples=MIN_LEAF, min_child_weight=MIN_HESSIAN, max_bin=BINS, min_data_in_bin=1,
        reg_lambda=0.0, reg_alpha=0.0, min_split_gain=0.0, subsample=1.0, subsample_freq=0,
        colsample_bytree=1.0, n_jobs=THREADS, verbose=-1, random_state=0)


def sklearn_booster():
    from sklearn.ensemble import HistGradientBoostingClassifier
    return HistGradientBoostingClassifier(
        max_iter=ROUNDS, learning_rate=LEARNING_RATE, max_leaf_nodes=LEAVES, max_depth=None,
        min_samples_leaf=MIN_LEAF, l2_regularization=0.0, max_bins=BINS, early_stopping=False, random_state=0)


def sklearn_forest():
    from sklearn.ensemble import RandomForestClassifier
    return RandomForestClassifier(n_estimators=TREES, max_depth=FOREST_DEPTH, max_features="sqrt", bootstrap=True,
                                  min_samples_leaf=1, n_jobs=THREADS, random_state=0)


def timed_fit(make_model, with_log_loss=True):
    def run(context):
        x, y, x_test, y_test = load(context)
        model = make_model()
        extra = churn_like.peak_tracker()
        with threadpool_limits(THREADS, user_api="openmp"):
            cpu, start = time.process_time(), time.perf_counter()
            model.fit(x, y)
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        peak = extra()
        p = model.predict_proba(x_test)[:, 1]
        result = {"seconds": seconds, "auc": round(float(roc_auc_score(y_test, p)), 5),
                  "fitCPUSeconds": round(cpu, 2), "fitPeakExtraMB": peak}
        if with_log_loss:
            result["logLoss"] = round(float(log_loss(y_test, p)), 6)
        return result
    return run


def timed_predict(context):
    x, y, _, _ = load(context)
    model = lightgbm_booster().fit(x, y)
    model.predict_proba(x)
    start = time.perf_counter()
    p = model.predict_proba(x)[:, 1]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "meanProbability": round(float(p.mean()), 6)}


def timed_shap(context):
    import warnings
    import shap
    # shap 0.51 warns that a LightGBM binary model's values are one array (not a list per class).
    warnings.filterwarnings("ignore", message="LightGBM binary classifier with TreeExplainer")
    x, y, x_test, _ = load(context)
    model = lightgbm_booster().fit(x, y)
    rows = x_test[:SHAP_ROWS]
    explainer = shap.TreeExplainer(model)
    explainer.shap_values(rows[:100])
    start = time.perf_counter()
    values = np.asarray(explainer.shap_values(rows))
    seconds = time.perf_counter() - start
    margins = model.predict(rows, raw_score=True)
    error = float(np.abs(values.sum(axis=1) + float(np.ravel(explainer.expected_value)[-1]) - margins).max())
    return {"seconds": seconds, "rows": len(rows), "maxAdditivityError": error}


def booster_args(context):
    return [context["x"], context["y"], str(N), str(D), str(TRAIN), str(ROUNDS), str(LEARNING_RATE), str(LEAVES),
            str(MIN_LEAF)]


def forest_args(context):
    return [context["x"], context["y"], str(N), str(D), str(TRAIN), str(TREES), str(FOREST_DEPTH)]


TASKS = [
    Task(f"gbdt.fit.n{TRAIN}.d{D}.r{ROUNDS}.l{LEAVES}.lightgbm", "LightGBM 100 rounds, 2 threads", prepare,
         timed_fit(lightgbm_booster), "gbdt.fit", booster_args),
    Task(f"gbdt.fit.n{TRAIN}.d{D}.r{ROUNDS}.l{LEAVES}.hgb", "sklearn HistGradientBoosting", prepare,
         timed_fit(sklearn_booster), "gbdt.fit", booster_args),
    Task(f"gbdt.predict.n{TRAIN}.d{D}.r{ROUNDS}.l{LEAVES}", "LightGBM predict_proba, 2 threads", prepare,
         timed_predict, "gbdt.predict", booster_args),
    Task(f"gbdt.shap.n{SHAP_ROWS}.r{ROUNDS}.l{LEAVES}", "shap TreeExplainer (LightGBM pred_contrib), 2 threads", prepare,
         timed_shap, "gbdt.shap", lambda context: booster_args(context) + [str(SHAP_ROWS)]),
    Task(f"forest.fit.n{TRAIN}.d{D}.t{TREES}.depth{FOREST_DEPTH}", "sklearn RandomForest n_jobs=2", prepare,
         timed_fit(sklearn_forest, with_log_loss=False), "forest.fit", forest_args),
]
