"""Comparison tasks of k-means: Lloyd iterations of scikit-learn's KMeans(algorithm="lloyd")
against ChurnKit's KMeans, both started from the same initial centroids.

Data: n rows x 16 features, a seeded mixture of 8 overlapping Gaussian clusters (so that the
iterations do not converge before the cap), written as raw little-endian float64, row-major,
with the k = 8 initial centroids (seeded rows of the data). Both sides fit with tol = 0 and
max_iter = 20 and report seconds per iteration: the whole fit (validation, translation, the
iterations, the final inertia) divided by the iterations run, so setup is amortized alike.
Reading the file is not timed. The iteration counts and inertias are printed as a check.
"""
import pathlib
import time

import numpy as np

from task import Task, size

D, K, MAX_ITER = 16, 8, 20


def prepare(n):
    def run(workdir: pathlib.Path):
        x_path = workdir / f"kmeans_x_n{n}_d{D}.bin"
        init_path = workdir / f"kmeans_init_n{n}_d{D}_k{K}.bin"
        if not (x_path.exists() and init_path.exists()):
            rng = np.random.default_rng(8)
            centers = rng.normal(0, 1.5, size=(K, D))
            x = centers[rng.integers(0, K, n)] + rng.normal(size=(n, D))
            x.astype("<f8").tofile(x_path)
            x[rng.choice(n, K, replace=False)].astype("<f8").tofile(init_path)
        return {"n": n, "x": str(x_path), "init": str(init_path)}
    return run


def reference(context):
    from sklearn.cluster import KMeans

    n = context["n"]
    x = np.fromfile(context["x"], dtype="<f8").reshape(n, D)
    init = np.fromfile(context["init"], dtype="<f8").reshape(K, D)
    model = KMeans(n_clusters=K, init=init, n_init=1, algorithm="lloyd", tol=0.0, max_iter=MAX_ITER)
    start = time.perf_counter()
    model.fit(x)
    seconds = time.perf_counter() - start
    return {"seconds": seconds / model.n_iter_, "iterations": int(model.n_iter_), "fitSeconds": round(seconds, 4),
            "inertia": round(float(model.inertia_), 3)}


TASKS = [
    Task(name=f"kmeans.lloydIteration.n{n}.d{D}.k{K}", reference_name="sklearn.KMeans(lloyd)",
         prepare=prepare(n), reference=reference, swift_task="kmeans.lloyd",
         swift_args=lambda c: [str(c["n"]), str(D), str(K), str(MAX_ITER), c["x"], c["init"]])
    for n in (size(100_000, 5_000), size(1_000_000, 20_000))
]
