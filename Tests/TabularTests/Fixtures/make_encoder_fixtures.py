"""Reference outputs of scikit-learn's SimpleImputer, StandardScaler and OneHotEncoder on small
hand-made tables, used by ImputerTests, StandardScalerTests, OneHotEncoderTests and
FeatureEncoderTests / FittedFeatureEncoderTests. Writes encoder_fixtures.json next to this file.

Run: /tmp/refvenv/bin/python make_encoder_fixtures.py   (scikit-learn 1.9.1, numpy 2.4.6)

JSON has no NaN: a missing or NaN number is written as null.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NAN = float("nan")

# Training table: numeric columns (NaN = missing), categorical and boolean (None = missing).
TRAIN = {
    "tenure": [1, 5, NAN, 12, 30, 7, NAN, 60],
    "MonthlyCharges": [29.85, 56.95, 53.85, 42.3, 70.7, 99.65, 89.1, 29.75],
    "Const": [3, 3, 3, NAN, 3, 3, 3, 3],
    "Empty": [NAN] * 8,
    "Contract": ["Month-to-month", "One year", "Month-to-month", None, "Two year", "One year",
                 "Month-to-month", "Two year"],
    # Boolean column, labels Yes/No.
    "Partner": ["Yes", "No", "No", "Yes", None, "Yes", "No", "No"],
    # A three-way tie for the most frequent label: the smallest ("Bank") wins.
    "PaymentMethod": ["Mailed check", "Electronic check", None, "Electronic check", "Mailed check",
                      "Bank", "Bank", None],
}
# Scoring table: unseen labels ("Three year", "Maybe" in Partner, "Crypto"), missing values.
TEST = {
    "tenure": [NAN, 3, 72, 0, 12],
    "MonthlyCharges": [20.0, 118.75, NAN, 50.5, 70.7],
    "Const": [3, NAN, 3, 4, 3],
    "Contract": ["Two year", "Three year", None, "One year", "Month-to-month"],
    "Partner": ["Yes", "No", None, "Maybe", "Yes"],
    "PaymentMethod": ["Bank", "Crypto", "Mailed check", None, "Electronic check"],
}
NUMERIC = ["tenure", "MonthlyCharges", "Const"]
LABELLED = ["Contract", "Partner", "PaymentMethod"]


def numeric_matrix(table, names):
    return np.array([table[n] for n in names], dtype=float).T


def object_matrix(table, names):
    return np.array([[np.nan if v is None else v for v in table[n]] for n in names], dtype=object).T


def to_json(a):
    return [[None if (isinstance(v, float) and np.isnan(v)) else v for v in row] for row in np.asarray(a).tolist()]


def column_json(values):
    return [None if (isinstance(v, float) and np.isnan(v)) else v for v in values]


def imputer_fixtures():
    out = {}
    for strategy in ["median", "mean"]:
        imp = SimpleImputer(strategy=strategy, add_indicator=True).fit(numeric_matrix(TRAIN, NUMERIC))
        out[f"numeric_{strategy}"] = {
            "statistics": imp.statistics_.tolist(),
            "indicator_features": imp.indicator_.features_.tolist(),
            "test_output": to_json(imp.transform(numeric_matrix(TEST, NUMERIC))),
        }
    # Unseen labels pass through an imputer: it only fills missing values.
    imp = SimpleImputer(strategy="most_frequent", add_indicator=True).fit(object_matrix(TRAIN, LABELLED))
    out["labelled_most_frequent"] = {
        "statistics": imp.statistics_.tolist(),
        "indicator_features": imp.indicator_.features_.tolist(),
        "test_output": [[str(v) for v in row] for row in imp.transform(object_matrix(TEST, LABELLED)).tolist()],
    }
    return out


def scaler_fixtures():
    # Columns: plain, with NaN, constant, large offset (1e9 + small spread).
    x = np.array([
        [1.0, 2.0, 5.0, 1e9 + 1],
        [2.0, NAN, 5.0, 1e9 + 2],
        [4.0, 6.0, 5.0, 1e9 + 4],
        [8.0, 10.0, 5.0, 1e9 + 8],
        [-3.5, 3.0, 5.0, 1e9 - 3.5],
    ])
    x_new = np.array([[0.0, NAN, 5.0, 1e9], [10.0, 4.0, 6.0, 1e9 + 10]])
    sc = StandardScaler().fit(x)
    return {
        "x": to_json(x), "x_new": to_json(x_new),
        "mean": sc.mean_.tolist(), "scale": sc.scale_.tolist(),
        "x_new_scaled": to_json(sc.transform(x_new)),
    }


def one_hot_fixtures():
    out = {}
    train = object_matrix(TRAIN, LABELLED)
    # Impute first (most frequent), as the pipeline does: OneHotEncoder would treat NaN as a category.
    imp = SimpleImputer(strategy="most_frequent").fit(train)
    tr, te = imp.transform(train), imp.transform(object_matrix(TEST, LABELLED))
    for name, drop in [("drop_first", "first"), ("drop_none", None)]:
        enc = OneHotEncoder(drop=drop, handle_unknown="ignore", sparse_output=False).fit(tr)
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "unknown categories will be encoded as all zeros"
            test_out = enc.transform(te)
        out[name] = {
            "categories": [c.tolist() for c in enc.categories_],
            "feature_names": enc.get_feature_names_out(LABELLED).tolist(),
            "train_output": enc.transform(tr).tolist(),
            "test_output": test_out.tolist(),
        }
    out["imputed_train"] = [[str(v) for v in row] for row in tr.tolist()]
    out["imputed_test"] = [[str(v) for v in row] for row in te.tolist()]
    return out


def pipeline_fixture():
    """The composite encoder's reference: impute -> scale numerics, impute -> one-hot others,
    missing indicators (missing-only) unscaled. Output columns in ChurnKit's order (each source
    column's value features, then its indicator). Const's value column is constant (dropped by
    default) and Empty has no observed value (dropped with its indicator)."""
    num_imp = SimpleImputer(strategy="median", add_indicator=True).fit(numeric_matrix(TRAIN, NUMERIC))
    scaler = StandardScaler().fit(num_imp.transform(numeric_matrix(TRAIN, NUMERIC))[:, :len(NUMERIC)])
    lab_imp = SimpleImputer(strategy="most_frequent", add_indicator=True).fit(object_matrix(TRAIN, LABELLED))
    enc = OneHotEncoder(drop="first", handle_unknown="ignore", sparse_output=False).fit(
        lab_imp.transform(object_matrix(TRAIN, LABELLED))[:, :len(LABELLED)])

    def encode(table):
        import warnings
        num = num_imp.transform(numeric_matrix(table, NUMERIC))
        scaled = scaler.transform(num[:, :len(NUMERIC)])
        num_ind = dict(zip([NUMERIC[i] for i in num_imp.indicator_.features_], num[:, len(NUMERIC):].T))
        lab = lab_imp.transform(object_matrix(table, LABELLED))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            onehot = enc.transform(lab[:, :len(LABELLED)])
        lab_ind = dict(zip([LABELLED[i] for i in lab_imp.indicator_.features_], lab[:, len(LABELLED):].T))
        columns, names = [], []
        for j, n in enumerate(NUMERIC):
            if n != "Const":
                columns.append(scaled[:, j]); names.append(n)
            if n in num_ind:
                columns.append(num_ind[n].astype(float)); names.append(f"{n} (missing)")
        start = 0
        for j, n in enumerate(LABELLED):
            cats = enc.categories_[j]
            width = len(cats) - 1
            for k in range(width):
                columns.append(onehot[:, start + k]); names.append(f"{n}={cats[k + 1]}")
            start += width
            if n in lab_ind:
                columns.append(lab_ind[n].astype(float)); names.append(f"{n} (missing)")
        return names, np.column_stack(columns)

    names, train_x = encode(TRAIN)
    _, test_x = encode(TEST)
    return {
        "feature_names": names,
        "means": scaler.mean_.tolist(), "scales": scaler.scale_.tolist(),
        "train_output": train_x.tolist(), "test_output": test_x.tolist(),
    }


if __name__ == "__main__":
    fixtures = {
        "sklearn_version": sklearn.__version__,
        "train": {k: column_json(v) for k, v in TRAIN.items()},
        "test": {k: column_json(v) for k, v in TEST.items()},
        "imputer": imputer_fixtures(),
        "scaler": scaler_fixtures(),
        "one_hot": one_hot_fixtures(),
        "pipeline": pipeline_fixture(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "encoder_fixtures.json")
    with open(path, "w") as f:
        json.dump(fixtures, f, indent=1)
        f.write("\n")
    print("wrote", path)
