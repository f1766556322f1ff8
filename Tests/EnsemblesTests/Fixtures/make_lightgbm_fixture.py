"""LightGBM reference for ChurnKit's gradient-boosted trees (Tests/EnsemblesTests/LightGBMParityTests.swift).

Versions: lightgbm==4.7.0, numpy==2.4.6, pandas==3.1.1, scikit-learn==1.9.1 (the pins of
Benchmarks/compare/requirements.txt; /work/refvenv has them). Run from the package root:

    python Tests/EnsemblesTests/Fixtures/make_lightgbm_fixture.py

Data: datasets/telecom-customers.csv (bundled) and ../shared/datasets/telco-customer-churn.csv
(IBM Telco, outside the repository). Both sides encode the same way, ChurnKit's encoder for trees
(FeatureEncoder with ordinal categories, no imputation, no scaling): every column but the id and
the target is a feature; a numeric column keeps its numbers (blank, "NA" -> NaN); a text column
becomes the index of its label among the sorted labels (missing -> NaN); the codes are given to
LightGBM as numbers (ChurnKit's booster splits level codes as ordered bins). The levels used are
written to the fixture and the Swift test checks that its encoder made the same. Split: row i is in
the hold-out when i % 5 == 0, the rest train. Hyperparameters (the same on both sides): 100
rounds, learning rate 0.1, 31 leaves, no depth limit, at least 20 rows and a Hessian sum of 1e-3
per leaf, 255 bins, lambda_l2 0 (and 1 in a second configuration), no subsampling. LightGBM's
min_data_in_bin is set to 1 (ChurnKit gives every distinct value a bin when there are at most 255),
2 threads, deterministic. The fixture holds LightGBM's hold-out ROC AUC and log loss per case.
"""
import json
import pathlib

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import log_loss, roc_auc_score

assert lgb.__version__ == "4.7.0", lgb.__version__

ROOT = pathlib.Path(__file__).resolve().parents[3]
CASES = [
    ("telecom-customers", ROOT / "datasets" / "telecom-customers.csv", "customer_id", "churned"),
    ("telco", ROOT.parent / "shared" / "datasets" / "telco-customer-churn.csv", "customerID", "Churn"),
]
CONFIGS = [{"name": "l2=0", "lambda_l2": 0.0}, {"name": "l2=1", "lambda_l2": 1.0}]


def encode(path, id_column, target):
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    y = (raw[target] == "Yes").to_numpy()
    columns, levels, matrix = [], {}, []
    for name in raw.columns:
        if name in (id_column, target):
            continue
        text = raw[name].str.strip()
        missing = text.isin(["", "NA"])
        numbers = pd.to_numeric(text.where(~missing), errors="coerce")
        if numbers[~missing].notna().all():
            matrix.append(numbers.to_numpy(dtype=float))
        else:
            labels = sorted(set(text[~missing]))
            code = {label: i for i, label in enumerate(labels)}
            matrix.append(np.array([np.nan if m else code[t] for t, m in zip(text, missing)], dtype=float))
            levels[name] = labels
        columns.append(name)
    return np.column_stack(matrix), y, columns, levels


def main():
    out = {"lightgbm": lgb.__version__, "split": "hold-out rows: i % 5 == 0", "cases": []}
    for label, path, id_column, target in CASES:
        if not path.exists():
            print(f"skipping {label}: {path} is absent")
            continue
        x, y, columns, levels = encode(path, id_column, target)
        test = np.arange(len(y)) % 5 == 0
        for config in CONFIGS:
            params = dict(
                objective="binary", learning_rate=0.1, num_leaves=31, max_depth=-1, min_data_in_leaf=20,
                min_sum_hessian_in_leaf=1e-3, max_bin=255, min_data_in_bin=1, lambda_l2=config["lambda_l2"],
                lambda_l1=0.0, bagging_fraction=1.0, feature_fraction=1.0, num_threads=2, deterministic=True,
                force_row_wise=True, feature_pre_filter=False, verbose=-1, seed=0)
            booster = lgb.train(params, lgb.Dataset(x[~test], label=y[~test].astype(float)), num_boost_round=100)
            p = booster.predict(x[test])
            out["cases"].append({
                "data": label, "config": config["name"], "lambda_l2": config["lambda_l2"], "columns": columns,
                "levels": levels, "trainRows": int((~test).sum()), "testRows": int(test.sum()),
                "auc": roc_auc_score(y[test], p), "logLoss": log_loss(y[test], p)})
            print(label, config["name"], out["cases"][-1]["auc"], out["cases"][-1]["logLoss"])
    (pathlib.Path(__file__).parent / "lightgbm_parity.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
