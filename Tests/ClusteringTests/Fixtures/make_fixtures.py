"""Reference k-means results for ClusteringTests, from scikit-learn 1.9.1 / numpy 2.4.

Run with /tmp/refvenv/bin/python Tests/ClusteringTests/Fixtures/make_fixtures.py; writes
kmeans_fixtures.json beside this script. Every case gives the data, the initial centroids and
sklearn's KMeans(algorithm="lloyd", n_init=1) results from those centroids: labels, centers,
inertia, n_iter_, and predict/transform on new rows. Numbers are written with repr (exact).
"""
import json
import pathlib

import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

here = pathlib.Path(__file__).parent
cases = []


def add(name, x, init, tol=1e-4, max_iter=300, new=None):
    model = KMeans(n_clusters=len(init), init=init, n_init=1, algorithm="lloyd", tol=tol, max_iter=max_iter)
    model.fit(x)
    if new is None:
        new = x[:5] + 0.25
    # transform: sklearn's euclidean_distances expands ‖x‖² − 2x·c + ‖c‖² on untranslated data,
    # which loses digits far from the origin (the "offset" case); the reference is the direct
    # formula, checked against sklearn to 1e-6.
    exact = np.sqrt(((new[:, None, :] - model.cluster_centers_[None, :, :]) ** 2).sum(axis=2))
    assert np.allclose(exact, model.transform(new), rtol=1e-6, atol=0)
    cases.append({
        "name": name, "x": x.tolist(), "rows": int(x.shape[0]), "columns": int(x.shape[1]),
        "init": init.tolist(), "tolerance": tol, "maxIterations": max_iter,
        "labels": model.labels_.tolist(), "centers": model.cluster_centers_.tolist(),
        "inertia": float(model.inertia_), "iterations": int(model.n_iter_),
        "new": new.tolist(), "predict": model.predict(new).tolist(), "transform": exact.tolist(),
    })


# Well separated blobs: converges strictly in a few iterations.
x, _ = make_blobs(n_samples=300, n_features=4, centers=4, cluster_std=1.0, random_state=0)
rng = np.random.default_rng(1)
add("blobs", x, x[rng.choice(300, 4, replace=False)])

# Overlapping uniform data: many iterations, stopped by the tolerance.
x = np.random.default_rng(2).random((500, 3))
add("uniform.tol", x, x[:5].copy(), tol=1e-2)

# The same with tol = 0 (strict convergence only) and with a cap of 3 iterations.
add("uniform.strict", x, x[:5].copy(), tol=0.0)
add("uniform.maxIter3", x, x[:5].copy(), max_iter=3)

# An initial centroid far from every row: its cluster is empty and is relocated.
x = np.random.default_rng(3).normal(size=(200, 2))
init = np.vstack([x[:3], [[50.0, 50.0]]])
add("emptyCluster", x, init)

# Far from the origin (offset 1e4, spread 1): exercises the translation before the gemm.
x = np.random.default_rng(4).normal(size=(400, 5)) + 1e4
x[:200, 0] += 3
add("offset", x, x[[0, 1, 250, 399]].copy())

# Standardized mixed-scale data with 8 clusters in 6 dimensions.
x, _ = make_blobs(n_samples=1000, n_features=6, centers=8, cluster_std=2.5, random_state=5)
x = (x - x.mean(axis=0)) / x.std(axis=0)
add("blobs8", x, x[np.random.default_rng(6).choice(1000, 8, replace=False)])

# k = 1: the centroid is the mean.
x = np.random.default_rng(7).normal(size=(50, 3))
add("k1", x, x[:1].copy())

out = here / "kmeans_fixtures.json"
out.write_text(json.dumps({"sklearn": __import__("sklearn").__version__, "cases": cases}))
print(f"wrote {out} ({out.stat().st_size} bytes, {len(cases)} cases)")
