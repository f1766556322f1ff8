"""Comparison tasks of the Tabular module: reading CSV files (reference: pandas.read_csv)."""
import pathlib
import time

import numpy as np
import pandas as pd

from task import Task

ROWS = 1_000_000
COLUMNS = 33


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


def pandas_read(context: dict) -> dict:
    start = time.perf_counter()
    frame = pd.read_csv(context["path"])
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "MBps": round(context["bytes"] / seconds / 1e6, 1),
            "rows": int(frame.shape[0]), "columns": int(frame.shape[1])}


TASKS = [
    Task(name=f"csv.read.n{ROWS}.d{COLUMNS}", reference_name="pandas.read_csv",
         prepare=prepare_numeric_csv, reference=pandas_read,
         swift_task="csv.read", swift_args=lambda context: [context["path"]]),
]
