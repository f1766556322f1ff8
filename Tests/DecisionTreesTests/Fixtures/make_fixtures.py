"""Reference fixtures for DecisionTreesTests, from scikit-learn's DecisionTreeClassifier.

Run with /tmp/refvenv/bin/python (scikit-learn 1.9.1, numpy 2.4.6):
    python make_fixtures.py   # writes tree_fixtures.json beside this file

Each case holds the data (X with NaN for missing, y, optional sample weights), the
hyperparameters, predict_proba on the training rows, and the fitted tree in preorder (root, left subtree, right subtree): per node the
split feature and threshold (sklearn's midpoints; inf for "non-missing | missing"), for the deep
"gini_full" case whether the best split is tied with another (then the choice is arbitrary and
tests skip that subtree), whether missing
values go left, the impurity, row count, weighted row count, class probabilities and the weighted
impurity decrease (W_t/W)(i_t - W_L/W_t i_L - W_R/W_t i_R); plus feature importances and, for some
cases, the cost-complexity pruning path and the tree pruned at a given ccp_alpha. Also the
5-fold stratified cross-validated ROC AUC of a depth-5 tree with at least 50 rows per leaf on the
Telco churn data (one-hot encoded, blank TotalCharges as NaN), when ../shared is present. The data are
float32-exact (sklearn fits on a float32 copy of X) and continuous or with many distinct values,
so that ties between candidate splits are unlikely.
"""
import json
import pathlib

import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.tree import DecisionTreeClassifier

TELCO = pathlib.Path(__file__).resolve().parents[4] / "shared" / "datasets" / "telco-customer-churn.csv"


def make_data(rng, n, classes=2, missing=0.0):
    x0 = rng.normal(size=n)
    x1 = rng.integers(0, 25, size=n).astype(float)
    x2 = np.round(rng.normal(2, 3, size=n), 2)
    x3 = rng.exponential(2.0, size=n)
    x4 = rng.integers(0, 2, size=n).astype(float)
    # scikit-learn trees work on float32 copies of X: keep values float32-exact so both sides see
    # the same numbers (thresholds are float64 midpoints of float32 values).
    X = np.column_stack([x0, x1, x2, x3, x4]).astype(np.float32).astype(np.float64)
    x0, x1, x2, x3, x4 = X.T
    score = 1.2 * x0 - 0.15 * x1 + 0.4 * x2 + 0.5 * np.sin(x3 * 2) + 0.8 * x4 + rng.normal(0, 1.0, size=n)
    if classes == 2:
        y = (score > np.quantile(score, 0.6)).astype(int)
    else:
        y = np.digitize(score, np.quantile(score, [0.3, 0.7]))
    if missing > 0:
        X[rng.uniform(size=n) < missing, 2] = np.nan
        X[rng.uniform(size=n) < missing / 2, 0] = np.nan
    return X, y


def preorder(tree):
    order, stack = [], [0]
    while stack:
        i = stack.pop()
        order.append(i)
        if tree.children_left[i] != -1:
            stack.append(tree.children_right[i])
            stack.append(tree.children_left[i])
    return order


def impurity(counts, criterion):
    total = counts.sum()
    p = counts / total
    if criterion == "gini":
        return 1.0 - np.sum(counts * counts) / (total * total)
    p = p[p > 0]
    return -np.sum(p * np.log2(p))


def tied(X, y, rows, min_leaf, criterion, classes):
    """True when two candidate splits (feature, threshold) of the node share the best proxy
    -(W_L i_L + W_R i_R) within 1e-12: the choice between them is arbitrary (unit weights, no NaN)."""
    scores = []
    for f in range(X.shape[1]):
        values = X[rows, f]
        for t in np.unique(values)[:-1]:
            left = values <= t
            nl, nr = left.sum(), (~left).sum()
            if nl < min_leaf or nr < min_leaf:
                continue
            cl = np.bincount(y[rows][left], minlength=classes).astype(float)
            cr = np.bincount(y[rows][~left], minlength=classes).astype(float)
            scores.append(-(nl * impurity(cl, criterion) + nr * impurity(cr, criterion)))
    if len(scores) < 2:
        return False
    scores = np.sort(scores)[::-1]
    return bool(scores[0] - scores[1] <= 1e-12 * max(1.0, abs(scores[0])))


def describe(model, X=None, y=None):
    """The tree in preorder; with X and y (unit weights, no NaN), tied splits are marked."""
    t = model.tree_
    order = preorder(t)
    W = t.weighted_n_node_samples[0]
    nodes = []
    for i in order:
        node = {
            "impurity": float(t.impurity[i]),
            "samples": int(t.n_node_samples[i]),
            "weighted": float(t.weighted_n_node_samples[i]),
            "probabilities": [float(v) for v in t.value[i][0]],
        }
        l, r = t.children_left[i], t.children_right[i]
        if l != -1:
            wt, wl, wr = t.weighted_n_node_samples[i], t.weighted_n_node_samples[l], t.weighted_n_node_samples[r]
            decrease = wt / W * (t.impurity[i] - wr / wt * t.impurity[r] - wl / wt * t.impurity[l])
            thr = float(t.threshold[i])
            if X is not None:
                rows = model.decision_path(X.astype(np.float32))[:, i].toarray().ravel().astype(bool)
                node["tied"] = tied(X, y, np.flatnonzero(rows), model.min_samples_leaf, model.criterion,
                                    t.n_classes[0])
            node.update({
                "feature": int(t.feature[i]),
                "threshold": thr if np.isfinite(thr) else "inf",
                "missing_left": bool(t.missing_go_to_left[i]),
                "decrease": float(decrease),
            })
        nodes.append(node)
    return {"nodes": nodes, "importances": [float(v) for v in model.feature_importances_],
            "depth": int(model.get_depth()), "leaves": int(model.get_n_leaves())}


def case(name, X, y, params, sample_weight=None, ccp=None, check_ties=False):
    model = DecisionTreeClassifier(random_state=0, **params).fit(X, y, sample_weight=sample_weight)
    out = {
        "name": name,
        "params": params,
        "X": [[None if np.isnan(v) else float(v) for v in row] for row in X],
        "y": [int(v) for v in y],
        "sample_weight": None if sample_weight is None else [float(v) for v in sample_weight],
        "tree": describe(model, X, y) if check_ties else describe(model),
        "proba": [[float(v) for v in row] for row in model.predict_proba(X)],
    }
    if ccp is not None:
        path = model.cost_complexity_pruning_path(X, y, sample_weight=sample_weight)
        pruned = DecisionTreeClassifier(random_state=0, ccp_alpha=ccp, **params).fit(X, y, sample_weight=sample_weight)
        out["ccp_path"] = {"alphas": [float(v) for v in path.ccp_alphas],
                           "impurities": [float(v) for v in path.impurities]}
        out["ccp_alpha"] = ccp
        out["pruned"] = describe(pruned)
    return out


def main():
    rng = np.random.default_rng(20240611)
    cases = []
    X, y = make_data(rng, 300)
    cases.append(case("gini_depth4_leaf5", X, y, {"criterion": "gini", "max_depth": 4, "min_samples_leaf": 5},
                      ccp=0.004))
    cases.append(case("gini_full", X, y, {"criterion": "gini", "min_samples_leaf": 3}, check_ties=True))
    X, y = make_data(rng, 250)
    w = np.round(rng.uniform(0.5, 2.0, size=len(y)), 2)
    cases.append(case("entropy_weighted_balanced", X, y,
                      {"criterion": "entropy", "max_depth": 5, "min_samples_split": 12, "class_weight": "balanced",
                       "min_impurity_decrease": 0.002}, sample_weight=w))
    X, y = make_data(rng, 300)
    cases.append(case("best_first_8_leaves", X, y, {"criterion": "gini", "max_leaf_nodes": 8, "min_samples_leaf": 4}))
    X, y = make_data(rng, 300, classes=3)
    cases.append(case("three_classes", X, y, {"criterion": "gini", "max_depth": 3, "min_samples_leaf": 5}))
    X, y = make_data(rng, 300, missing=0.15)
    cases.append(case("missing_values", X, y, {"criterion": "gini", "max_depth": 3, "min_samples_leaf": 5}))
    telco = None
    if TELCO.exists():
        df = pd.read_csv(TELCO)
        df["TotalCharges"] = pd.to_numeric(df["TotalCharges"], errors="coerce")
        y = (df.pop("Churn") == "Yes").astype(int).values
        df = df.drop(columns=["customerID"])
        categorical = [c for c in df.columns if c not in ("tenure", "MonthlyCharges", "TotalCharges")]
        X = pd.get_dummies(df, columns=categorical, dtype=float)
        tree = DecisionTreeClassifier(max_depth=5, min_samples_leaf=50, random_state=0)
        scores = cross_val_score(tree, X, y, cv=StratifiedKFold(5, shuffle=True, random_state=0), scoring="roc_auc")
        telco = float(scores.mean())
    path = pathlib.Path(__file__).with_name("tree_fixtures.json")
    path.write_text(json.dumps({"cases": cases, "telco_cv_auc": telco}, separators=(",", ":")))
    print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
