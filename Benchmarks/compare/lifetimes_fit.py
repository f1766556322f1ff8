"""The reference side of tasks_lifetime.py, run by the lifetimes venv's python:

    python lifetimes_fit.py N FREQUENCY.bin RECENCY.bin AGE.bin MONETARY.bin
    python lifetimes_fit.py --pareto N FREQUENCY.bin RECENCY.bin AGE.bin

Fits BetaGeoFitter (BG/NBD) to the N customers, GammaGammaFitter to the repeat buyers, and
computes every customer's 12-month lifetime value at 1% a month (weekly time unit); prints one
JSON line with the seconds of that (reading the files is not timed), the fitted parameters and
the total lifetime value. With --pareto: ParetoNBDFitter alone, its parameters and its
log-likelihood (lifetimes' per-customer log-likelihood summed at them, untimed).
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter, ParetoNBDFitter

if sys.argv[1] == "--pareto":
    n = int(sys.argv[2])
    frequency, recency, age = (np.fromfile(path, dtype="<f8") for path in sys.argv[3:6])
    assert all(len(a) == n for a in (frequency, recency, age))
    start = time.perf_counter()
    pnbd = ParetoNBDFitter().fit(frequency, recency, age)
    seconds = time.perf_counter() - start
    params = [float(pnbd.params_[k]) for k in ("r", "alpha", "s", "beta")]
    ll = float(ParetoNBDFitter._conditional_log_likelihood(params, frequency, recency, age).sum())
    print(json.dumps({"seconds": seconds, **{k: round(v, 4) for k, v in zip(("r", "alpha", "s", "beta"), params)},
                      "logLikelihood": round(ll, 4)}))
    sys.exit(0)

n = int(sys.argv[1])
# lifetimes' lifetime value wants pandas Series (it reads their index).
frequency, recency, age, monetary = (pd.Series(np.fromfile(path, dtype="<f8")) for path in sys.argv[2:6])
assert all(len(a) == n for a in (frequency, recency, age, monetary))
start = time.perf_counter()
bgf = BetaGeoFitter().fit(frequency, recency, age)
repeat = frequency > 0
ggf = GammaGammaFitter().fit(frequency[repeat], monetary[repeat])
value = ggf.customer_lifetime_value(bgf, frequency, recency, age, monetary.where(repeat, 0.0),
                                    time=12, discount_rate=0.01, freq="W")
seconds = time.perf_counter() - start
params = {k: round(float(v), 4) for k, v in {**bgf.params_, **ggf.params_}.items()}
print(json.dumps({"seconds": seconds, "totalLifetimeValue": round(float(np.sum(value)), 1), **params}))
