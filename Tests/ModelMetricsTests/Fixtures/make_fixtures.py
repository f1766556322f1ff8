"""Reference values for the ModelMetrics tests, computed by scikit-learn 1.9, numpy and pandas.

Run with the reference venv from the package root:
    /tmp/refvenv/bin/python Tests/ModelMetricsTests/Fixtures/make_fixtures.py
It writes metrics_cases.json next to this script. Every case is seeded; +infinity thresholds are
written as null (JSON has no infinity).
"""
import json
import pathlib
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    confusion_matrix,
    f1_score,
    log_loss,
    precision_recall_curve,
    precision_score,
    recall_score,
    roc_auc_score,
    roc_curve,
)

warnings.simplefilter("ignore")  # zero-division warnings are part of the tested behaviour


def floats(a):
    return [None if np.isinf(x) else float(x) for x in np.asarray(a, dtype=float)]


def make_cases():
    rng = np.random.default_rng(20240611)
    cases = {}

    p = rng.uniform(0, 1, 200)
    cases["random"] = (rng.uniform(0, 1, 200) < p, p, None)

    p = np.round(rng.uniform(0, 1, 300), 1)  # eleven distinct values: many ties
    cases["ties"] = (rng.uniform(0, 1, 300) < p, p, None)

    p = np.round(rng.beta(2, 3, 250), 2)
    w = rng.uniform(0, 3, 250)
    w[rng.choice(250, 20, replace=False)] = 0.0  # zero weights are ignored by the curves
    cases["weighted"] = (rng.uniform(0, 1, 250) < p, p, w)

    p = rng.beta(1, 12, 1000)  # about 3% positives
    y = rng.uniform(0, 1, 1000) < p * 0.4
    cases["imbalanced"] = (y, p, None)

    y = np.array([True] * 30 + [False] * 70)
    rng.shuffle(y)
    p = np.where(y, rng.uniform(0.6, 1, 100), rng.uniform(0, 0.6, 100))
    cases["perfect"] = (y, p, None)
    cases["worst"] = (y, 1 - p, None)

    # Certain predictions, right and wrong: log loss clips them to [eps, 1 - eps].
    y = np.array([True, False, True, False, True, False, True, False])
    p = np.array([1.0, 0.0, 0.0, 1.0, 0.5, 0.5, 1e-20, 1 - 1e-17])
    cases["extremes"] = (y, p, None)

    y = rng.uniform(0, 1, 150) < 0.4
    s = rng.normal(0, 1, 150) + 0.8 * y  # scores, not probabilities
    cases["scores"] = (y, s, None)

    y = rng.uniform(0, 1, 120) < 0.35
    p = rng.uniform(0, 1, 120)
    cases["weightedProbabilities"] = (y, p, rng.integers(1, 5, 120).astype(float))
    return cases


def lift_with_pandas(y, s, w, groups):
    """Lift table by pandas: stable descending sort, group g = ranks floor(n g/k)..<floor(n(g+1)/k)."""
    n = len(y)
    df = pd.DataFrame({"score": s, "label": y.astype(float), "weight": np.ones(n) if w is None else w})
    df = df.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
    bounds = [n * g // groups for g in range(groups + 1)]
    df["group"] = pd.cut(np.arange(n), bins=bounds, right=False, labels=False) + 1
    df["positive_weight"] = df["label"] * df["weight"]
    t = df.groupby("group").agg(
        rows=("score", "size"), weight=("weight", "sum"), positives=("positive_weight", "sum"),
        minScore=("score", "min"), maxScore=("score", "max"))
    overall = df["positive_weight"].sum() / df["weight"].sum()
    t["rate"] = t["positives"] / t["weight"]
    t["lift"] = t["rate"] / overall
    t["cumulativeRows"] = t["rows"].cumsum()
    t["cumulativePositives"] = t["positives"].cumsum()
    t["cumulativeGain"] = t["cumulativePositives"] / df["positive_weight"].sum()
    t["cumulativeLift"] = t["cumulativePositives"] / t["weight"].cumsum() / overall
    t = t.reset_index()
    return {"groups": groups, "overallRate": float(overall),
            "rows": [{k: (int(v) if k in ("group", "rows", "cumulativeRows") else float(v))
                      for k, v in r.items()} for r in t.to_dict("records")]}


def calibration(y, p, w, n_bins, strategy):
    """sklearn's calibration_curve, plus per-bin counts and (when weighted) weighted means by numpy."""
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy=strategy)
    if strategy == "quantile":
        edges = np.percentile(p, np.linspace(0, 1, n_bins + 1) * 100)
    else:
        edges = np.linspace(0.0, 1.0, n_bins + 1)
    ids = np.searchsorted(edges[1:-1], p)
    rows = np.bincount(ids, minlength=n_bins)
    weights = np.ones(len(p)) if w is None else w
    wsum = np.bincount(ids, weights=weights, minlength=n_bins)
    keep = (rows > 0) & (wsum > 0)  # a bin whose rows all weigh zero is left out, like an empty one
    out = {"binCount": n_bins, "strategy": strategy,
           "bin": [int(i) + 1 for i in np.nonzero(keep)[0]],
           "rows": [int(r) for r in rows[keep]], "edges": floats(edges)}
    if w is None:
        out["observedRate"], out["meanPredicted"] = floats(prob_true), floats(prob_pred)
    else:
        out["observedRate"] = floats(np.bincount(ids, weights=weights * y, minlength=n_bins)[keep] / wsum[keep])
        out["meanPredicted"] = floats(np.bincount(ids, weights=weights * p, minlength=n_bins)[keep] / wsum[keep])
    return out


def expected(y, s, w):
    out = {}
    for drop in (True, False):
        fpr, tpr, thr = roc_curve(y, s, sample_weight=w, drop_intermediate=drop)
        out["roc" if drop else "rocAll"] = {"fpr": floats(fpr), "tpr": floats(tpr), "thresholds": floats(thr)}
        pr, rc, thr = precision_recall_curve(y, s, sample_weight=w, drop_intermediate=not drop)
        out["pr" if drop else "prDropped"] = {"precision": floats(pr), "recall": floats(rc), "thresholds": floats(thr)}
    out["auc"] = float(roc_auc_score(y, s, sample_weight=w))
    out["averagePrecision"] = float(average_precision_score(y, s, sample_weight=w))
    probabilities = bool(np.all((s >= 0) & (s <= 1)))
    if probabilities:
        out["logLoss"] = float(log_loss(y, s, sample_weight=w))
        out["brier"] = float(brier_score_loss(y, s, sample_weight=w))
        out["calibration"] = [calibration(y, s, w, b, st) for b in (5, 10) for st in ("uniform", "quantile")]
    out["confusion"] = []
    for t in (0.5, float(np.median(s)), float(np.max(s)) + 1, float(np.min(s))):
        pred = s >= t
        tn, fp, fn, tp = confusion_matrix(y, pred, labels=[False, True], sample_weight=w).ravel()
        out["confusion"].append({
            "threshold": t, "tp": float(tp), "fp": float(fp), "tn": float(tn), "fn": float(fn),
            "precision": float(precision_score(y, pred, sample_weight=w)),
            "recall": float(recall_score(y, pred, sample_weight=w)),
            "f1": float(f1_score(y, pred, sample_weight=w)),
            "accuracy": float(accuracy_score(y, pred, sample_weight=w))})
    out["lift"] = [lift_with_pandas(y, s, w, k) for k in (10, 3) if k <= len(y)]
    return out


def main():
    cases = []
    for name, (y, s, w) in make_cases().items():
        y = np.asarray(y, dtype=bool)
        cases.append({"name": name, "labels": [bool(v) for v in y], "scores": floats(s),
                      "weights": None if w is None else floats(w), "expected": expected(y, s, w)})
    meta = {"sklearn": sklearn.__version__, "numpy": np.__version__, "pandas": pd.__version__}
    path = pathlib.Path(__file__).with_name("metrics_cases.json")
    path.write_text(json.dumps({"generatedBy": meta, "cases": cases}, separators=(",", ":")) + "\n")
    print(f"wrote {len(cases)} cases to {path}")


if __name__ == "__main__":
    main()
