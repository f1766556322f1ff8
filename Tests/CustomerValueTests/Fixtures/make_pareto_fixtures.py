"""Reference values for the Pareto/NBD likelihood and fit (ParetoNBDTests).

Run from the package root with the lifetimes venv of make_lifetimes_fixtures.py plus mpmath==1.3.0
(the versions are recorded in the output):
    PYTHON Tests/CustomerValueTests/Fixtures/make_pareto_fixtures.py
It writes pareto.json next to this script:
- `histories`: random parameter sets and histories (seeded) with ln L(r, alpha, s, beta | x, tx, T)
  evaluated by mpmath at 40 digits from Fader and Hardie's (2005) hypergeometric form, an
  independent formulation of the integral ChurnKit evaluates by quadrature;
- `bundled`: lifetimes' ParetoNBDFitter on the bundled datasets/purchases.csv (2,000 customers
  simulated from BG/NBD, calibration end 1997-09-30, weeks), whose dropout parameters run up the
  ridge s, beta -> infinity: its parameters and its log-likelihood (the sum of lifetimes' own
  per-customer log-likelihood at them).
"""
import csv
import datetime
import json
import pathlib
import random

import lifetimes
import mpmath as mp
import numpy as np
from lifetimes import ParetoNBDFitter

HERE = pathlib.Path(__file__).resolve().parent
PURCHASES = HERE.parents[2] / "datasets" / "purchases.csv"
mp.mp.dps = 40


def log_likelihood(r, alpha, s, beta, x, tx, T):
    r, alpha, s, beta, x, tx, T = map(mp.mpf, (r, alpha, s, beta, x, tx, T))
    low, high, shape = (alpha, beta, r + x) if alpha < beta else (beta, alpha, s + 1)
    k = r + s + x
    a0 = (mp.hyp2f1(k, shape, k + 1, (high - low) / (high + tx)) / (high + tx) ** k
          - mp.hyp2f1(k, shape, k + 1, (high - low) / (high + T)) / (high + T) ** k)
    a1 = mp.loggamma(r + x) - mp.loggamma(r) + r * mp.log(alpha) + s * mp.log(beta)
    alive = (alpha + T) ** (-(r + x)) * (beta + T) ** (-s)
    return float(a1 + mp.log(alive + s / k * a0))


rng = random.Random(2026)
histories = []
for _ in range(300):
    r, alpha = 10 ** rng.uniform(-1.5, 1), 10 ** rng.uniform(-1, 3)
    s, beta = 10 ** rng.uniform(-1.5, 3), 10 ** rng.uniform(-1, 4)
    x = rng.choice([0, 1, 2, 5, 20, 100])
    T = rng.uniform(0.5, 600)
    tx = 0.0 if x == 0 else rng.choice([T, rng.uniform(0, T)])
    histories.append({"params": [r, alpha, s, beta], "x": x, "tx": tx, "T": T,
                      "logLikelihood": log_likelihood(r, alpha, s, beta, x, tx, T)})

# The bundled log's customer table (same-day purchases merged, weeks = days / 7).
end = datetime.date(1997, 9, 30)
days = {}
with open(PURCHASES, newline="") as f:
    for row in csv.DictReader(f):
        day = datetime.date.fromisoformat(row["date"])
        if day <= end:
            days.setdefault(row["customer"], set()).add(day)
x = np.array([len(d) - 1 for d in days.values()], float)
tx = np.array([(max(d) - min(d)).days / 7 for d in days.values()])
T = np.array([(end - min(d)).days / 7 for d in days.values()])
fitter = ParetoNBDFitter().fit(x, tx, T)
params = [float(fitter.params_[k]) for k in ("r", "alpha", "s", "beta")]
bundled = {"customers": len(x), "params": params,
           "logLikelihood": float(ParetoNBDFitter._conditional_log_likelihood(params, x, tx, T).sum())}

out = {"versions": {"lifetimes": lifetimes.__version__, "mpmath": mp.__version__, "numpy": np.__version__},
       "histories": histories, "bundled": bundled}
(HERE / "pareto.json").write_text(json.dumps(out, indent=1) + "\n")
print(json.dumps(bundled))
