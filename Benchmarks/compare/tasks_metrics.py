"""Comparison tasks of ModelMetrics: ROC AUC, log loss and a decile lift table on a million scores."""
import pathlib
import time

import numpy as np
import pandas as pd
from sklearn.metrics import log_loss, roc_auc_score

from task import Task, size

N = size(1_000_000, 20_000)


def prepare(workdir: pathlib.Path) -> dict:
    """Seeded probabilities rounded to 4 decimals (ties, like real model outputs) and labels drawn
    from them, as raw little-endian float64 scores and uint8 labels."""
    scores_path, labels_path = workdir / f"metrics_scores_n{N}.f64", workdir / f"metrics_labels_n{N}.u8"
    if not (scores_path.exists() and labels_path.exists()):
        rng = np.random.default_rng(42)
        p = np.round(rng.uniform(0, 1, N), 4)
        y = rng.uniform(0, 1, N) < p
        p.astype("<f8").tofile(scores_path)
        y.astype(np.uint8).tofile(labels_path)
    return {"scores": str(scores_path), "labels": str(labels_path)}


def load(context):
    return np.fromfile(context["labels"], dtype=np.uint8).astype(bool), np.fromfile(context["scores"], dtype="<f8")


def timed_reference(fn):
    def run(context):
        y, p = load(context)
        start = time.perf_counter()
        value = fn(y, p)
        return {"seconds": time.perf_counter() - start, "value": round(float(value), 12)}
    return run


def pandas_lift(y, p):
    """Top-decile lift by pandas: stable descending sort, group = floor(10 rank / n) boundaries."""
    n = len(y)
    df = pd.DataFrame({"score": p, "label": y}).sort_values("score", ascending=False, kind="stable")
    bounds = [n * g // 10 for g in range(11)]
    df["group"] = pd.cut(np.arange(n), bins=bounds, right=False, labels=False)
    rates = df.groupby("group")["label"].mean()
    return rates.iloc[0] / df["label"].mean()


def args(context):
    return [context["labels"], context["scores"]]


TASKS = [
    Task(f"metrics.auc.n{N}", "sklearn.roc_auc_score", prepare,
         timed_reference(roc_auc_score), "metrics.auc", args),
    Task(f"metrics.logLoss.n{N}", "sklearn.log_loss", prepare,
         timed_reference(log_loss), "metrics.logLoss", args),
    Task(f"metrics.lift.n{N}", "pandas sort+groupby", prepare,
         timed_reference(pandas_lift), "metrics.lift", args),
]
