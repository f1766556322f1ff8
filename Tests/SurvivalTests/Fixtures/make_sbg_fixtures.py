"""Reference values for the sBG tests: an independent scipy fit of Fader and Hardie (2007).

Run from the package root with the shared reference venv (scipy 1.17.1, numpy 2.4.6; versions
recorded in the output):
    /work/refvenv/bin/python Tests/SurvivalTests/Fixtures/make_sbg_fixtures.py
It writes sbg.json next to this script. Data: survivors per 1,000 at the end of years 1-7 of the
"regular" and "high end" cohorts (Fader and Hardie, "How to Project Customer Retention", 2007,
Table 1). The fit maximises the sBG log-likelihood with Nelder-Mead then BFGS over log alpha and
log beta (tight tolerances); projected survival for years 8-12 and the discounted expected
residual lifetime (d = 0.1, n = 1..5) are computed by direct sums, not by the closed forms the
Swift code uses.
"""
import json
import pathlib

import numpy as np
import scipy
from scipy.optimize import minimize
from scipy.special import betaln

HERE = pathlib.Path(__file__).resolve().parent
COHORTS = {"regular": [631, 468, 382, 326, 289, 262, 241], "highEnd": [869, 743, 653, 593, 551, 517, 491]}


def loglik(log_params, survivors):
    a, b = np.exp(log_params)
    alive = [1000.0] + survivors
    lost = [alive[t - 1] - alive[t] for t in range(1, len(alive))]
    total = 0.0
    for t, n in enumerate(lost, start=1):
        total += n * (betaln(a + 1, b + t - 1) - betaln(a, b))
    total += survivors[-1] * (betaln(a, b + len(survivors)) - betaln(a, b))
    return total


def survival(a, b, t):
    s = 1.0
    for i in range(1, t + 1):
        s *= (b + i - 1) / (a + b + i - 1)
    return s


def derl(a, b, d, n, terms=5000):
    # (1.1)^-5000 is 1e-207: the tail beyond 5,000 terms is far below double precision.
    base = survival(a, b, n - 1)
    total, s = 0.0, base
    for t in range(n, n + terms):
        s *= (b + t - 1) / (a + b + t - 1)
        total += (s / base) / (1 + d) ** (t - n)
    return total


def main():
    out = {"versions": {"scipy": scipy.__version__, "numpy": np.__version__}, "cohorts": {}}
    for name, survivors in COHORTS.items():
        first = minimize(lambda p: -loglik(p, survivors), [0.0, 0.0], method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-12, "maxiter": 20000})
        best = minimize(lambda p: -loglik(p, survivors), first.x, method="BFGS", options={"gtol": 1e-10})
        a, b = np.exp(best.x)
        out["cohorts"][name] = {
            "survivors": survivors, "alpha": float(a), "beta": float(b), "logLikelihood": float(-best.fun),
            "projectedSurvival": {str(t): survival(a, b, t) * 1000 for t in range(8, 13)},
            "derl": {str(n): derl(a, b, 0.1, n) for n in range(1, 6)},
        }
    (HERE / "sbg.json").write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
