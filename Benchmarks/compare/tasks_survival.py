"""Comparison task of the Survival module: a Cox proportional hazards fit (Efron ties, no
penalty) by lifelines' CoxPHFitter against ChurnKit's CoxProportionalHazards on the same rows.

Data: n rows x 10 standard normal covariates, a seeded exponential survival model with log
hazard ratios spread over -0.5..0.5, durations rounded to 0.1 (so Efron's tie correction is
exercised) and independent exponential censoring (about 30% censored), written as raw
little-endian float64 (covariates row-major, durations) and uint8 events. Reading the files is
not timed. ChurnKit's fit also computes Harrell's concordance and the proportional-hazards test
(scaled Schoenfeld residuals against rank-transformed time), which lifelines computes on demand:
two tasks time lifelines' `fit` alone (conservative for ChurnKit) and `fit` plus
`concordance_index_` plus `proportional_hazard_test(..., time_transform="rank")` (the same work).
Both log partial likelihoods, the first coefficient and the concordance are printed as a check.
"""
import pathlib
import time

import numpy as np

from task import Task, size

D = 10


def prepare(n):
    def run(workdir: pathlib.Path):
        paths = {k: workdir / f"cox_{k}_n{n}_d{D}.bin" for k in ("x", "durations", "events")}
        if not all(p.exists() for p in paths.values()):
            rng = np.random.default_rng(14)
            x = rng.normal(size=(n, D))
            beta = np.linspace(-0.5, 0.5, D)
            event_time = rng.exponential(1 / (0.1 * np.exp(x @ beta)))
            censor_time = rng.exponential(1 / 0.04, size=n)
            durations = np.maximum(np.round(np.minimum(event_time, censor_time), 1), 0.1)
            events = (event_time <= censor_time).astype(np.uint8)
            x.astype("<f8").tofile(paths["x"])
            durations.astype("<f8").tofile(paths["durations"])
            events.tofile(paths["events"])
        return {"n": n, **{k: str(p) for k, p in paths.items()}}
    return run


def reference(context, same_work=False):
    import pandas as pd
    from lifelines import CoxPHFitter
    from lifelines.statistics import proportional_hazard_test

    n = context["n"]
    x = np.fromfile(context["x"], dtype="<f8").reshape(n, D)
    frame = pd.DataFrame(x, columns=[f"x{j}" for j in range(D)])
    frame["duration"] = np.fromfile(context["durations"], dtype="<f8")
    frame["event"] = np.fromfile(context["events"], dtype=np.uint8)
    model = CoxPHFitter()
    start = time.perf_counter()
    model.fit(frame, duration_col="duration", event_col="event")
    extra = {}
    if same_work:
        extra["concordance"] = round(float(model.concordance_index_), 6)
        extra["phTestX0"] = round(float(proportional_hazard_test(model, frame, time_transform="rank").summary["test_statistic"].iloc[0]), 4)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "logPartialLikelihood": round(float(model.log_likelihood_), 4),
            "coefficient0": round(float(model.params_.iloc[0]), 6), **extra}


N = size(1_000_000, 5_000)


def swift_args(c):
    return [str(c["n"]), str(D), c["x"], c["durations"], c["events"]]


TASKS = [
    Task(name=f"cox.fit.n{N}.d{D}", reference_name="lifelines CoxPHFitter.fit", prepare=prepare(N),
         reference=reference, swift_task="cox.fit", swift_args=swift_args),
    Task(name=f"cox.fitConcordancePH.n{N}.d{D}", reference_name="lifelines fit + C-index + PH test", prepare=prepare(N),
         reference=lambda c: reference(c, same_work=True), swift_task="cox.fit", swift_args=swift_args),
]
