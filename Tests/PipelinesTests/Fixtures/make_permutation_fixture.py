"""scikit-learn reference for ChurnKit's permutation importance (ColumnPermutationImportanceTests.swift).

Versions: scikit-learn==1.9.1, numpy==2.4.6, scipy==1.17.1 (the pins of
Benchmarks/compare/requirements.txt). Run from the package root:

    python -m venv /tmp/venv && /tmp/venv/bin/pip install scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1
    /tmp/venv/bin/python Tests/PipelinesTests/Fixtures/make_permutation_fixture.py

Model: a LogisticRegression whose coefficients are set, not fitted (coef 1.2, -0.8, 0.1, 0;
intercept 0.3), so both sides score the rows identically: ChurnKit's test computes
sigmoid(x . coef + intercept) itself. Data: 300 seeded rows of 4 features (two normal, one uniform,
one integer column the model ignores (coefficient 0)), labels drawn from a different
logistic model so the AUC is below 1.

scikit-learn's permutation_importance(scoring="roc_auc", n_repeats=5, random_state=11) shuffles
each column with its own RandomState seeded by one number drawn from random_state, the same for
every column; each repeat shuffles an index array again and reorders the already shuffled column
by it. The script rebuilds those row orders (as orders of the original rows: after repeat r, row i
holds original row order_r[i]), checks that they reproduce scikit-learn's importances exactly, and
writes them with scikit-learn's importances (per repeat, mean, std) to permutation_importance.json.
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.utils import check_random_state

assert sklearn.__version__ == "1.9.1", sklearn.__version__
assert np.__version__ == "2.4.6", np.__version__

HERE = pathlib.Path(__file__).resolve().parent
N, REPEATS, SEED = 300, 5, 11
COEF, INTERCEPT = np.array([1.2, -0.8, 0.1, 0.0]), 0.3

rng = np.random.default_rng(20261203)
x = np.column_stack([
    rng.normal(size=N), rng.normal(size=N), rng.uniform(-1, 1, size=N), rng.integers(0, 5, size=N).astype(float),
])
truth = 1.0 * x[:, 0] - 1.0 * x[:, 1] + 0.5 * x[:, 2] - 0.2
y = (rng.uniform(size=N) < 1 / (1 + np.exp(-truth))).astype(int)

model = LogisticRegression()
model.classes_ = np.array([0, 1])
model.coef_ = COEF.reshape(1, -1)
model.intercept_ = np.array([INTERCEPT])
model.n_features_in_ = x.shape[1]

result = permutation_importance(model, x, y, scoring="roc_auc", n_repeats=REPEATS, random_state=SEED, n_jobs=1)

# The row orders scikit-learn used (see the docstring), as orders of the original rows.
seed = check_random_state(SEED).randint(np.iinfo(np.int32).max + 1)
state = check_random_state(seed)
shuffling = np.arange(N)
order = np.arange(N)
orders = []
for _ in range(REPEATS):
    state.shuffle(shuffling)
    order = order[shuffling]
    orders.append(order.copy())

baseline = roc_auc_score(y, x @ COEF + INTERCEPT)
for c in range(x.shape[1]):
    for r, o in enumerate(orders):
        shuffled = x.copy()
        shuffled[:, c] = x[o, c]
        assert baseline - roc_auc_score(y, shuffled @ COEF + INTERCEPT) == result.importances[c, r]

fixture = {
    "generator": f"make_permutation_fixture.py, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
    "coefficients": COEF.tolist(),
    "intercept": INTERCEPT,
    "x": x.tolist(),
    "y": y.tolist(),
    "orders": [o.tolist() for o in orders],
    "baselineAUC": baseline,
    "importances": result.importances.tolist(),
    "importancesMean": result.importances_mean.tolist(),
    "importancesStd": result.importances_std.tolist(),
}
(HERE / "permutation_importance.json").write_text(json.dumps(fixture, indent=1) + "\n")
print("means", result.importances_mean, "std", result.importances_std)
