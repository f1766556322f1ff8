"""Comparison tasks of files in and out: CSV reading (pandas and polars), `churn inspect` and
`churn score` against polars pipelines doing the same work.

What the clocks hold.
- csv.read.numeric / csv.read.mixed: the ChurnKit side times `Table(csvAt:)` (reading the file,
  parsing, schema inference, typed columns) inside the runner; the Python side times
  `pandas.read_csv(path)` or `polars.read_csv(path)` (the same: file to typed columns). Numeric:
  1,000,000 x 33 numbers (integers, %.6g and %.12g decimals, 1% blanks). Mixed: the customer file
  of `churn generate --rows 2000000` (ids, categoricals, booleans, numbers, blanks).
- inspect: the whole `churn inspect FILE` process (start-up, read, summary, printing) against
  `polars.read_csv(path).describe()` inside a Python process already started (imports not timed).
- score: the whole `churn score MODEL FILE --out OUT` process (model loading, streaming read,
  encoding, scoring, risk deciles, atomic write), with its peak resident memory, against the lean
  polars + numpy pipeline inside Python: polars.read_csv, the model's imputation, one-hot and
  standardization as polars expressions, `X @ coefficients` and the sigmoid in numpy, risk
  deciles by `numpy.searchsorted` on the model's cut points, polars.write_csv of (id,
  churn_probability, risk_decile). Its peak memory is reported too (ru_maxrss of the Python
  process, which includes the interpreter and its earlier tasks). The model is trained once by
  `churn train` on 20,000 generated customers (another seed).
"""
import json
import os
import pathlib
import resource
import subprocess
import time

import numpy as np
import pandas as pd
import polars as pl

from task import Task, size

ROWS = size(1_000_000, 20_000)
COLUMNS = 33
MIXED_ROWS = size(2_000_000, 20_000)
SCORE_ROWS = size(5_000_000, 20_000)


def churn():
    path = os.environ.get("CHURNKIT_COMPARE_CHURN", "")
    if not path or not os.access(path, os.X_OK):
        raise RuntimeError("the churn executable is needed (compare.sh passes --churn)")
    return path


def prepare_numeric_csv(workdir: pathlib.Path) -> dict:
    """Writes (once) a CSV of ROWS x COLUMNS realistic numbers: 5 integer columns (counts, tenure),
    14 columns of normals with varied scales written with %.6g, 14 columns of uniform floats
    written with 12 significant digits (%.12g), and about 1% empty fields (missing values)."""
    path = workdir / f"numeric_n{ROWS}_d{COLUMNS}.csv"
    if not path.exists():
        rng = np.random.default_rng(20240601)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w") as out:
            out.write(",".join(f"x{j}" for j in range(COLUMNS)) + "\n")
            step = 100_000
            for start in range(0, ROWS, step):
                n = min(step, ROWS - start)
                counts = np.char.mod("%d", rng.poisson(20.0, size=(n, 5)))
                scales = 10.0 ** rng.integers(-3, 5, size=14)
                normals = np.char.mod("%.6g", rng.standard_normal((n, 14)) * scales)
                uniforms = np.char.mod("%.12g", rng.uniform(-1000.0, 1000.0, size=(n, COLUMNS - 19)))
                text = np.concatenate([counts, normals, uniforms], axis=1)
                text[rng.random((n, COLUMNS)) < 0.01] = ""
                out.write("\n".join(",".join(row) for row in text.tolist()) + "\n")
        tmp.rename(path)
    return {"path": str(path), "bytes": path.stat().st_size}


def generated(workdir: pathlib.Path, rows: int, seed: int) -> pathlib.Path:
    path = workdir / f"customers_n{rows}_s{seed}.csv"
    if not path.exists():
        subprocess.run([churn(), "generate", "--rows", str(rows), "--seed", str(seed), "--out", str(path)],
                       check=True, capture_output=True)
    return path


def prepare_mixed_csv(workdir: pathlib.Path) -> dict:
    path = generated(workdir, MIXED_ROWS, 2026)
    return {"path": str(path), "bytes": path.stat().st_size}


def prepare_score(workdir: pathlib.Path) -> dict:
    data = generated(workdir, SCORE_ROWS, 2026)
    model = workdir / "score_model.json"
    if not model.exists():
        train = generated(workdir, 20_000, 7)
        subprocess.run([churn(), "train", str(train), "--target", "churned", "--out", str(model)],
                       check=True, capture_output=True)
    return {"path": str(data), "model": str(model), "out": str(workdir / "scores_churnkit.csv"),
            "pyout": str(workdir / "scores_polars.csv"), "bytes": data.stat().st_size}


def timed_read(read):
    def run(context):
        start = time.perf_counter()
        frame = read(context["path"])
        seconds = time.perf_counter() - start
        return {"seconds": seconds, "MBps": round(context["bytes"] / seconds / 1e6, 1),
                "rows": int(frame.shape[0]), "columns": int(frame.shape[1])}
    return run


def polars_describe(context):
    start = time.perf_counter()
    summary = pl.read_csv(context["path"]).describe()
    return {"seconds": time.perf_counter() - start, "statistics": int(summary.shape[0])}


def polars_score(context):
    """The lean pipeline: the model's encoding as polars expressions, numpy for the product."""
    pipeline = json.loads(pathlib.Path(context["model"]).read_text())["pipeline"]
    coefficients = np.array(pipeline["model"]["parameters"]["coefficients"])
    intercept = pipeline["model"]["parameters"]["intercept"]
    edges = np.array(pipeline["riskDecileEdges"])
    id_column = pipeline["idColumn"]
    start = time.perf_counter()
    frame = pl.read_csv(context["path"])
    expressions = []
    for column in pipeline["encoder"]["columns"]:
        imputation = column["imputation"]
        name = imputation["column"]
        if "oneHot" in column:
            text = pl.col(name).cast(pl.String).fill_null(imputation["fillText"])
            expressions += [(text == level).cast(pl.Float64).alias(f"{name}={level}")
                            for level in column["oneHot"]["encodedCategories"]]
        else:
            fill = imputation["fill"]["number"]  # model file version 3 (docs/model-file.md)
            expressions.append(((pl.col(name).cast(pl.Float64).fill_null(fill) - column["center"])
                                / column["scale"]).alias(name))
    x = frame.select(expressions).to_numpy()
    probability = 1 / (1 + np.exp(-(x @ coefficients + intercept)))
    decile = 1 + np.searchsorted(-edges, -probability, side="right")
    pl.DataFrame({id_column: frame[id_column], "churn_probability": probability,
                  "risk_decile": decile}).write_csv(context["pyout"])
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peakMB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "meanProbability": round(float(probability.mean()), 9)}


TASKS = [
    Task(f"csv.read.numeric.n{ROWS}.d{COLUMNS}.polars", "polars.read_csv", prepare_numeric_csv,
         timed_read(pl.read_csv), "csv.read", lambda c: [c["path"]]),
    Task(f"csv.read.numeric.n{ROWS}.d{COLUMNS}.pandas", "pandas.read_csv", prepare_numeric_csv,
         timed_read(pd.read_csv), "csv.read", lambda c: [c["path"]]),
    Task(f"csv.read.mixed.n{MIXED_ROWS}.polars", "polars.read_csv", prepare_mixed_csv,
         timed_read(pl.read_csv), "csv.read", lambda c: [c["path"]]),
    Task(f"csv.read.mixed.n{MIXED_ROWS}.pandas", "pandas.read_csv", prepare_mixed_csv,
         timed_read(pd.read_csv), "csv.read", lambda c: [c["path"]]),
    Task(f"inspect.n{MIXED_ROWS}", "polars read_csv + describe", prepare_mixed_csv, polars_describe,
         churn_args=lambda c: ["inspect", c["path"]]),
    Task(f"score.n{SCORE_ROWS}", "polars + numpy lean pipeline", prepare_score, polars_score,
         churn_args=lambda c: ["score", c["model"], c["path"], "--out", c["out"]]),
]
