"""LightGBM pred_contrib reference for ChurnKit's TreeSHAP of boosted trees
(Tests/EnsemblesTests/LightGBMTreeSHAPTests.swift).

Versions: lightgbm==4.7.0, numpy==2.4.6, scikit-learn==1.9.1, scipy==1.17.1 (the pins of
Benchmarks/compare/requirements.txt). Run from the package root:

    python -m venv /tmp/venv && /tmp/venv/bin/pip install lightgbm==4.7.0 numpy==2.4.6 scikit-learn==1.9.1 scipy==1.17.1
    /tmp/venv/bin/python Tests/EnsemblesTests/Fixtures/make_lightgbm_shap_fixture.py

The trees are given identically: LightGBM trains a small booster (20 rounds, 12 leaves, depth 5,
at least 15 rows per leaf, learning rate 0.2) on 800 seeded rows of 5 numeric features without
missing values (a row goes left when its value is <= the threshold, LightGBM's numeric rule and
ChurnKit's). The script writes each tree in preorder as LightGBM's dump_model gives it: for an
internal node its feature, threshold, row count (internal_count) and Hessian sum
(internal_weight); for a leaf its value (learning rate and, in the first tree, the base score
included), row count (leaf_count) and Hessian sum (leaf_weight). ChurnKit's test builds a
GradientBoostingModel with base margin 0 from these nodes, and compares on 200 other rows its
margins with LightGBM's raw scores and its TreeSHAP values and expected value with
predict(pred_contrib=True) (the last column is the expected value). Both weight a split's
children by their training row counts.
"""
import json
import pathlib

import lightgbm as lgb
import numpy as np

assert lgb.__version__ == "4.7.0", lgb.__version__
assert np.__version__ == "2.4.6", np.__version__

HERE = pathlib.Path(__file__).resolve().parent
rng = np.random.default_rng(20261203)
D = 5
x_train = rng.normal(size=(800, D))
x_train[:, 3] = rng.integers(0, 6, size=800)  # a few distinct values: ties at thresholds
logit = 1.2 * x_train[:, 0] - 0.8 * x_train[:, 1] * x_train[:, 2] + 0.3 * x_train[:, 3] - 0.5
y_train = (rng.uniform(size=800) < 1 / (1 + np.exp(-logit))).astype(int)
x_explain = rng.normal(size=(200, D))
x_explain[:, 3] = rng.integers(0, 6, size=200)

params = {
    "objective": "binary", "num_leaves": 12, "max_depth": 5, "min_data_in_leaf": 15, "learning_rate": 0.2,
    "min_sum_hessian_in_leaf": 1e-3, "lambda_l2": 0.0, "verbose": -1, "num_threads": 1, "deterministic": True,
    "seed": 7,
}
booster = lgb.train(params, lgb.Dataset(x_train, label=y_train), num_boost_round=20)
dump = booster.dump_model()


def preorder(node, out):
    """Appends node and its subtrees in preorder; returns the node's index."""
    index = len(out)
    if "leaf_index" in node or "split_index" not in node:
        out.append({"value": node.get("leaf_value", 0.0), "count": node.get("leaf_count", 0),
                    "hessian": node.get("leaf_weight", 0.0)})
        return index
    assert node["decision_type"] == "<=", node["decision_type"]
    out.append(None)
    left = preorder(node["left_child"], out)
    right = preorder(node["right_child"], out)
    out[index] = {"feature": node["split_feature"], "threshold": node["threshold"], "count": node["internal_count"],
                  "hessian": node["internal_weight"], "value": node["internal_value"], "left": left, "right": right,
                  "gain": node["split_gain"], "defaultLeft": node["default_left"]}
    return index


trees = []
for info in dump["tree_info"]:
    nodes = []
    preorder(info["tree_structure"], nodes)
    trees.append(nodes)

fixture = {
    "generator": f"make_lightgbm_shap_fixture.py, lightgbm {lgb.__version__}, numpy {np.__version__}",
    "features": D,
    "trees": trees,
    "x": x_explain.tolist(),
    "rawScores": booster.predict(x_explain, raw_score=True).tolist(),
    "contributions": booster.predict(x_explain, pred_contrib=True).tolist(),
}
(HERE / "lightgbm_pred_contrib.json").write_text(json.dumps(fixture) + "\n")
print(len(trees), "trees,", sum(len(t) for t in trees), "nodes")
