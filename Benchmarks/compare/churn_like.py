"""The seeded churn-like synthetic data shared by the tree and ensemble comparison tasks.

Features of several shapes (normal, uniform, skewed, integer, binary, rounded) and labels drawn
from a nonlinear churn-like model with interactions and thresholds, written as raw files that both
sides read: row-major little-endian float64 features and uint8 labels.
"""
import pathlib

import numpy as np


def write(workdir: pathlib.Path, prefix: str, n: int, d: int) -> dict:
    """Writes n x d features and n labels (seed 2024) unless present; returns their paths."""
    x_path, y_path = workdir / f"{prefix}_x_n{n}_d{d}.f64", workdir / f"{prefix}_y_n{n}.u8"
    if not (x_path.exists() and y_path.exists()):
        rng = np.random.default_rng(2024)
        cols = []
        for j in range(d):
            kind = j % 6
            if kind == 0:
                cols.append(rng.normal(size=n))
            elif kind == 1:
                cols.append(rng.uniform(0, 100, size=n))
            elif kind == 2:
                cols.append(rng.exponential(50, size=n))
            elif kind == 3:
                cols.append(rng.integers(0, 72, size=n).astype(float))
            elif kind == 4:
                cols.append(rng.integers(0, 2, size=n).astype(float))
            else:
                cols.append(np.round(rng.normal(65, 30, size=n), 2))
        X = np.column_stack(cols)
        logit = (-1.0 + 0.8 * X[:, 0] - 0.02 * X[:, 1] + 0.8 * (X[:, 3] < 6) + 0.6 * X[:, 4] * (X[:, 5] > 70)
                 + 0.5 * np.sin(X[:, 6] * 2) + 0.01 * X[:, 2] - 0.3 * (X[:, 9] > 30) * X[:, 10]
                 + 0.4 * X[:, 12] * X[:, 18] + 0.005 * (X[:, 7] - 50))
        y = rng.uniform(size=n) < 1 / (1 + np.exp(-logit))
        X.astype("<f8").tofile(x_path)
        y.astype(np.uint8).tofile(y_path)
    return {"x": str(x_path), "y": str(y_path)}


def peak_tracker():
    """Resets this process's peak resident set (Linux: /proc/self/clear_refs) and returns a
    function giving the peak since then minus the resident set now, in MB (None elsewhere)."""
    def status(key):
        for line in pathlib.Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
        return None
    try:
        pathlib.Path("/proc/self/clear_refs").write_text("5")
        before = status("VmRSS")
    except OSError:
        return lambda: None
    return lambda: round(status("VmHWM") - before, 1)
