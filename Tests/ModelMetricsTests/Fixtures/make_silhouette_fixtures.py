"""Reference silhouette coefficients for SilhouetteTests, from scikit-learn 1.9.1.

Run with /tmp/refvenv/bin/python Tests/ModelMetricsTests/Fixtures/make_silhouette_fixtures.py;
writes silhouette_cases.json beside this script: per case the points (row-major rows), the labels,
sklearn.metrics.silhouette_score and silhouette_samples (Euclidean). Numbers are written with repr.
"""
import json
import pathlib

import numpy as np
from sklearn.datasets import make_blobs
from sklearn.metrics import silhouette_samples, silhouette_score

here = pathlib.Path(__file__).parent
cases = []


def add(name, x, labels):
    cases.append({"name": name, "points": x.tolist(), "labels": [int(v) for v in labels],
                  "score": float(silhouette_score(x, labels)),
                  "samples": silhouette_samples(x, labels).tolist()})


x, y = make_blobs(n_samples=200, n_features=3, centers=4, cluster_std=1.5, random_state=0)
add("blobs", x, y)

rng = np.random.default_rng(1)
x = rng.random((150, 2))
add("randomLabels", x, rng.integers(0, 3, 150))

# A singleton cluster (its silhouette is 0), duplicate points, and arbitrary label values.
x = np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 6.0], [6.0, 5.0], [20.0, 20.0]])
add("singletonAndDuplicates", x, [7, 7, 7, 7, -1, -1, -1, 42])

# Two clusters in 8 dimensions, one much tighter than the other.
x = np.vstack([rng.normal(0, 0.1, (30, 8)), rng.normal(1, 2.0, (45, 8))])
add("unequalSpread", x, [0] * 30 + [1] * 45)

out = here / "silhouette_cases.json"
out.write_text(json.dumps({"sklearn": __import__("sklearn").__version__, "cases": cases}))
print(f"wrote {out} ({out.stat().st_size} bytes, {len(cases)} cases)")
