"""Comparison tasks of the feature encoders: FeatureEncoder.fit + transform against a
scikit-learn ColumnTransformer (SimpleImputer(median) -> StandardScaler on numbers,
SimpleImputer(most_frequent) -> OneHotEncoder(drop="first", handle_unknown="ignore") on labels).

Both sides read the same synthetic data from raw files (numbers as float64 with NaN, labels as
int32 codes with -1 = missing, column after column) and turn the codes into label strings
("L0", "L1", ...; missing as None/NaN) before the clock. Both clocks hold the same work from
strings: ChurnKit builds its label columns from the strings (dictionary encoding) and the table,
then FeatureEncoder.fit + transform; scikit-learn runs ColumnTransformer.fit_transform on the
DataFrame of numbers and object strings (its encoder finds the categories itself).
"""
import pathlib
import time

import numpy as np

from task import Task, size

LEVELS = [3, 4, 10]  # levels of the three label columns


def prepare(n):
    def run(workdir: pathlib.Path):
        num_path = workdir / f"encoders_num_n{n}.bin"
        cat_path = workdir / f"encoders_cat_n{n}.bin"
        if not (num_path.exists() and cat_path.exists()):
            rng = np.random.default_rng(7)
            num = np.column_stack([rng.exponential(30, n), rng.normal(65, 30, n), rng.gamma(2, 1000, n)])
            num[rng.random(num.shape) < 0.01] = np.nan
            cat = np.column_stack([rng.integers(0, k, n) for k in LEVELS]).astype(np.int32)
            cat[rng.random(cat.shape) < 0.01] = -1
            num.T.astype("<f8").tofile(num_path)
            cat.T.astype("<i4").tofile(cat_path)
        return {"n": n, "num": str(num_path), "cat": str(cat_path)}
    return run


def reference(context):
    import pandas as pd
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    n = context["n"]
    num = np.fromfile(context["num"], dtype="<f8").reshape(3, n).T
    cat = np.fromfile(context["cat"], dtype="<i4").reshape(3, n).T
    frame = pd.DataFrame({f"x{j}": num[:, j] for j in range(3)})
    for j in range(3):
        labels = np.array([f"L{c}" for c in range(LEVELS[j])], dtype=object)
        column = labels[np.maximum(cat[:, j], 0)]
        column[cat[:, j] < 0] = np.nan
        frame[f"c{j}"] = column
    encoder = ColumnTransformer([
        ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]),
         ["x0", "x1", "x2"]),
        ("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                          ("onehot", OneHotEncoder(drop="first", handle_unknown="ignore", sparse_output=False))]),
         ["c0", "c1", "c2"]),
    ])
    start = time.perf_counter()
    x = encoder.fit_transform(frame)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "d": int(x.shape[1]), "sum": round(float(x.sum()), 6)}


TASKS = [
    Task(name=f"encoders.fitTransform.n{n}", reference_name="sklearn.ColumnTransformer",
         prepare=prepare(n), reference=reference, swift_task="encoders.fitTransform",
         swift_args=lambda c: [str(c["n"]), c["num"], c["cat"]])
    for n in (size(100_000, 2_000), size(1_000_000, 10_000))
]
