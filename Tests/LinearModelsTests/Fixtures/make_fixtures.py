"""Reference fixtures for LinearModelsTests (scikit-learn 1.9, statsmodels 0.15).

Run from the package root with the reference venv:
    /tmp/refvenv/bin/python Tests/LinearModelsTests/Fixtures/make_fixtures.py

Writes logistic_synthetic.json and logistic_telco.json beside this script. Each file holds the
design matrix X (row-major, already encoded) and labels y exactly as both sides see them, and
one entry per case with scikit-learn's coefficients (solver "newton-cholesky", tol 1e-12) and,
for the unpenalized case, statsmodels Logit estimates, standard errors, z, p-values and 95% CIs.

Convention: ChurnKit minimizes sum_i s_i * logloss_i + (l2 / 2) * ||w||^2, scikit-learn
C * sum_i s_i * logloss_i + (1 / 2) * ||w||^2, so l2 = 1 / C (l2 = 0 <-> C = inf).
"""
import json
import pathlib

import numpy as np
import pandas as pd
import statsmodels.api as sm
from sklearn.linear_model import LogisticRegression

HERE = pathlib.Path(__file__).parent
TELCO = HERE.parents[2] / ".." / "shared" / "datasets" / "telco-customer-churn.csv"


def tidy(values):
    """Floats as short JSON: integers stay integers."""
    out = []
    for v in np.asarray(values, dtype=float).ravel():
        out.append(int(v) if float(v).is_integer() else float(v))
    return out


def objective(X, y, s, coef, intercept, l2):
    z = X @ coef + intercept
    loss = np.where(y, np.logaddexp(0, -z), np.logaddexp(0, z))
    return float(np.sum(s * loss) + 0.5 * l2 * np.dot(coef, coef))


def sklearn_case(name, X, y, l2, class_weight=None, sample_weight=None, fit_intercept=True):
    C = np.inf if l2 == 0 else 1.0 / l2
    model = LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12, max_iter=1000,
                               class_weight=class_weight, fit_intercept=fit_intercept)
    model.fit(X, y, sample_weight=sample_weight)
    s = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    if class_weight == "balanced":
        # scikit-learn >= 1.6 weighs classes by their total sample weight.
        totals = np.bincount(y.astype(int), weights=s, minlength=2)
        s = s * (s.sum() / (2.0 * totals))[y.astype(int)]
    coef = model.coef_.ravel()
    intercept = float(model.intercept_[0]) if fit_intercept else 0.0
    return {
        "name": name, "l2": l2, "classWeight": class_weight or "none",
        "sampleWeights": None if sample_weight is None else tidy(sample_weight),
        "fitIntercept": fit_intercept,
        "coefficients": coef.tolist(), "intercept": intercept,
        "objective": objective(X, y, s, coef, intercept, l2),
        "probabilities": model.predict_proba(X)[:, 1].tolist()[:50],
    }


def statsmodels_case(X, y):
    result = sm.Logit(y.astype(float), sm.add_constant(X, has_constant="add")).fit(
        method="newton", tol=1e-14, maxiter=100, disp=0)
    ci = result.conf_int(alpha=0.05)
    return {
        "params": result.params.tolist(), "bse": result.bse.tolist(),
        "tvalues": result.tvalues.tolist(), "pvalues": result.pvalues.tolist(),
        "ciLower": ci[:, 0].tolist(), "ciUpper": ci[:, 1].tolist(),
        "loglikelihood": float(result.llf),
    }


def write(path, X, y, cases, statsmodels_result, feature_names=None):
    data = {"rows": X.shape[0], "columns": X.shape[1], "x": tidy(X), "y": [bool(v) for v in y],
            "cases": cases, "statsmodels": statsmodels_result}
    if feature_names is not None:
        data["featureNames"] = feature_names
    path.write_text(json.dumps(data, separators=(",", ":")))
    print(f"{path.name}: {path.stat().st_size} bytes")


def synthetic():
    rng = np.random.default_rng(20240607)
    n, d = 300, 4
    X = np.round(rng.normal(size=(n, d)) * [1.0, 2.0, 0.5, 1.0] + [0.0, 1.0, -1.0, 0.0], 6)
    beta = np.array([0.8, -0.5, 1.2, 0.0])
    p = 1 / (1 + np.exp(-(X @ beta - 0.7)))
    y = rng.uniform(size=n) < p
    weights = np.round(rng.uniform(0.5, 2.0, size=n), 3)
    cases = [
        sklearn_case("penalized", X, y, 2.0),
        sklearn_case("balanced", X, y, 2.0, class_weight="balanced"),
        sklearn_case("sampleWeights", X, y, 2.0, sample_weight=weights),
        sklearn_case("balancedSampleWeights", X, y, 0.5, class_weight="balanced", sample_weight=weights),
        sklearn_case("noIntercept", X, y, 1.0, fit_intercept=False),
        sklearn_case("unpenalized", X, y, 0.0),
    ]
    write(HERE / "logistic_synthetic.json", X, y, cases, statsmodels_case(X, y))


def telco():
    frame = pd.read_csv(TELCO)
    frame["TotalCharges"] = pd.to_numeric(frame["TotalCharges"].str.strip(), errors="coerce")
    frame["TotalCharges"] = frame["TotalCharges"].fillna(frame["TotalCharges"].median())
    y_all = (frame.pop("Churn") == "Yes").to_numpy()
    frame = frame.drop(columns=["customerID"])
    numeric = ["tenure", "MonthlyCharges", "TotalCharges"]
    for column in numeric:
        frame[column] = (frame[column] - frame[column].mean()) / frame[column].std(ddof=0)
    encoded = pd.get_dummies(frame, drop_first=True, dtype=float)
    # get_dummies(drop_first) leaves exact collinearity: the six "No internet service" dummies
    # equal InternetService_No and "MultipleLines_No phone service" = 1 - PhoneService_Yes.
    redundant = [c for c in encoded.columns
                 if c.endswith("_No internet service") or c == "MultipleLines_No phone service"]
    encoded = encoded.drop(columns=redundant)
    rng = np.random.default_rng(7043)
    rows = np.sort(rng.choice(len(encoded), size=1500, replace=False))
    X = np.round(encoded.to_numpy()[rows], 6)
    y = y_all[rows]
    cases = [
        sklearn_case("penalized", X, y, 1.0),
        sklearn_case("balanced", X, y, 1.0, class_weight="balanced"),
        sklearn_case("unpenalized", X, y, 0.0),
    ]
    write(HERE / "logistic_telco.json", X, y, cases, statsmodels_case(X, y), list(encoded.columns))


if __name__ == "__main__":
    synthetic()
    telco()
