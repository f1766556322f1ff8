"""Logistic regression: ChurnKit vs scikit-learn on 1,000,000 x 32 synthetic data.

ChurnKit uses its default tolerance (1e-6) unless the task name says otherwise; scikit-learn
its default (tol=1e-4). The data are generated once per work directory (numpy, seeded) and saved as raw float64
(X, row-major) and uint8 (y) files; both sides load them before the clock starts. Both fit the
same objective, sum of log-losses + (l2 / 2) ||w||^2 with l2 = 1 / C = 1, and both report the
penalized objective at their coefficients, so speed is compared at equal (or better) accuracy.
"""
import pathlib
import time

import numpy as np
from scipy.special import expit
from sklearn.linear_model import LogisticRegression

from task import Task, size

N, D = size(1_000_000, 20_000), 32
L2 = 1.0


def prepare(workdir: pathlib.Path) -> dict:
    x_path, y_path = workdir / f"logistic_x_{N}x{D}.f64", workdir / f"logistic_y_{N}.u8"
    if not (x_path.exists() and y_path.exists()):
        rng = np.random.default_rng(32)
        x = rng.standard_normal((N, D))
        x[:, : D // 2] *= 0.5  # unequal scales, as in encoded customer data
        beta = rng.normal(0, 0.4, D)
        p = 1 / (1 + np.exp(-(x @ beta - 1.0)))
        y = (rng.uniform(size=N) < p).astype(np.uint8)
        x.tofile(x_path)
        y.tofile(y_path)
    return {"x": str(x_path), "y": str(y_path)}


_cache = {}


def load(context):
    if context["x"] not in _cache:
        _cache.clear()
        x = np.fromfile(context["x"], dtype=np.float64).reshape(N, D)
        _cache[context["x"]] = (x, np.fromfile(context["y"], dtype=np.uint8).astype(bool))
    return _cache[context["x"]]


def objective(x, y, coef, intercept):
    z = x @ coef + intercept
    loss = np.where(y, np.logaddexp(0, -z), np.logaddexp(0, z))
    return float(loss.sum() + 0.5 * L2 * coef @ coef)


def fit(solver):
    def run(context):
        x, y = load(context)
        model = LogisticRegression(C=1 / L2, solver=solver)
        start = time.perf_counter()
        model.fit(x, y)
        seconds = time.perf_counter() - start
        coef, intercept = model.coef_.ravel(), float(model.intercept_[0])
        return {"seconds": seconds, "objective": round(objective(x, y, coef, intercept), 6),
                "iterations": int(model.n_iter_[0])}
    return run


def predict(context):
    """Times `predict_proba` on all rows (X already in memory on both sides, as for ChurnKit's
    `predictProbabilities`). predict_proba validates X (finite values), as ChurnKit does, and also
    returns the complementary column (n x 2): that is part of its cost. `expitSeconds` times the
    leanest numpy path to the same n probabilities, expit(X @ coef + b), for reference."""
    x, y = load(context)
    model = LogisticRegression(C=1 / L2, solver="newton-cholesky").fit(x[:min(N, 100_000)], y[:min(N, 100_000)])
    start = time.perf_counter()
    p = model.predict_proba(x)[:, 1]
    seconds = time.perf_counter() - start
    coef, intercept = model.coef_.ravel(), float(model.intercept_[0])
    start = time.perf_counter()
    q = expit(x @ coef + intercept)
    lean = time.perf_counter() - start
    return {"seconds": seconds, "rowsPerSecond": round(N / seconds), "meanProbability": round(float(p.mean()), 6),
            "expitSeconds": round(lean, 5), "expitMeanProbability": round(float(q.mean()), 6)}


def swift_args(solver, tolerance="1e-6"):
    return lambda c: [c["x"], c["y"], str(N), str(D), str(L2), solver, tolerance]


TASKS = [
    Task(f"logistic.fit.n{N}.d32", "sklearn lbfgs C=1", prepare, fit("lbfgs"),
         "logistic.fit", swift_args("auto")),
    # ChurnKit at scikit-learn's default tol (1e-4, the same gradient-of-the-mean-loss scale).
    Task(f"logistic.fit.tol1e-4.n{N}.d32", "sklearn lbfgs C=1", prepare, fit("lbfgs"),
         "logistic.fit", swift_args("auto", "1e-4")),
    Task(f"logistic.fit.newton.n{N}.d32", "sklearn newton-cholesky C=1", prepare, fit("newton-cholesky"),
         "logistic.fit", swift_args("newton")),
    Task(f"logistic.fit.lbfgs.n{N}.d32", "sklearn lbfgs C=1", prepare, fit("lbfgs"),
         "logistic.fit", swift_args("lbfgs")),
    Task(f"logistic.predict.n{N}.d32", "sklearn predict_proba", prepare, predict,
         "logistic.predict", lambda c: [c["x"], c["y"], str(N), str(D)]),
]
