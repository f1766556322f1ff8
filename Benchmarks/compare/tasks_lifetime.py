"""Comparison task of the CustomerValue module: BG/NBD + Gamma-Gamma fits and every customer's
12-month lifetime value, lifetimes 0.11.3 (in its own venv, see lifetimes_fit.py) against
ChurnKit on the same customer table.

Data: a purchase log of n customers simulated by `churn generate --kind purchases` from CDNOW's
published parameters (r 0.243, alpha 4.414, a 0.793, b 2.426; p 6.25, q 3.74, gamma 15.44) on
CDNOW's calendar, summarised at the calibration end 1997-09-30 in weeks (same-day purchases
merged; frequency = repeat occasions, recency and age T in weeks, monetary = mean repeat spend)
by pandas, untimed, and written as raw float64 columns. Timed on both sides: the two fits and the
lifetime values (monthly steps, 1% a month). Both sides print their parameters, so the
recovery of the true parameters is visible beside the time.

lifetime.pareto: the Pareto/NBD fit alone (lifetimes' ParetoNBDFitter, about 20 ms per customer
here, hence the small size) on the same kind of table; both sides print their parameters and
their log-likelihood (lifetimes' own per-customer formula summed at its parameters). On a log
simulated from BG/NBD the dropout parameters run up the ridge s, beta -> infinity at a fixed s/beta,
so s and beta differ between the sides (each stops somewhere on the ridge) while r, alpha, s/beta
and the log-likelihood agree.
"""
import json
import os
import pathlib
import subprocess

import numpy as np

from task import Task, size

HERE = pathlib.Path(__file__).resolve().parent
COLUMNS = ("frequency", "recency", "age", "monetary")


def prepare(n):
    def run(workdir: pathlib.Path):
        import pandas as pd

        paths = {k: workdir / f"lifetime_{k}_n{n}.bin" for k in COLUMNS}
        if not all(p.exists() for p in paths.values()):
            log_path = workdir / f"purchases_n{n}.csv"
            subprocess.run([os.environ["CHURNKIT_COMPARE_CHURN"], "generate", "--kind", "purchases", "--rows", str(n),
                            "--seed", "2026", "--out", str(log_path), "--force"], check=True, capture_output=True)
            log = pd.read_csv(log_path, parse_dates=["date"])
            log = log[log["date"] <= "1997-09-30"]
            days = log.groupby(["customer", "date"], sort=True)["amount"].sum().reset_index()
            first = days.groupby("customer")["date"].transform("min")
            days["repeat"] = days["date"] > first
            per = days.groupby("customer").agg(first=("date", "min"), last=("date", "max"), occasions=("date", "size"))
            spend = days[days["repeat"]].groupby("customer")["amount"].mean()
            per["monetary"] = spend.reindex(per.index).fillna(0.0)
            end = pd.Timestamp("1997-09-30")
            columns = {"frequency": per["occasions"] - 1, "recency": (per["last"] - per["first"]).dt.days / 7,
                       "age": (end - per["first"]).dt.days / 7, "monetary": per["monetary"]}
            for k in COLUMNS:
                np.asarray(columns[k], dtype="<f8").tofile(paths[k])
            log_path.unlink()
        customers = len(np.fromfile(paths["frequency"], dtype="<f8"))
        return {"n": customers, **{k: str(p) for k, p in paths.items()}}
    return run


def reference(context):
    python = os.environ["CHURNKIT_COMPARE_LIFETIMES_PYTHON"]
    out = subprocess.run([python, str(HERE / "lifetimes_fit.py"), str(context["n"]), *(context[k] for k in COLUMNS)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def pareto_reference(context):
    python = os.environ["CHURNKIT_COMPARE_LIFETIMES_PYTHON"]
    out = subprocess.run([python, str(HERE / "lifetimes_fit.py"), "--pareto", str(context["n"]),
                          *(context[k] for k in COLUMNS[:3])], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


TASKS = [
    Task(name=f"lifetime.fit.n{n}", reference_name="lifetimes BG/NBD + Gamma-Gamma + CLV", prepare=prepare(n),
         reference=reference, swift_task="lifetime.fit",
         swift_args=lambda c: [str(c["n"]), *(c[k] for k in COLUMNS)])
    for n in (size(1_000_000, 5_000),)
]
TASKS += [
    Task(name=f"lifetime.pareto.n{n}", reference_name="lifetimes ParetoNBDFitter", prepare=prepare(n),
         reference=pareto_reference, swift_task="lifetime.pareto",
         swift_args=lambda c: [str(c["n"]), *(c[k] for k in COLUMNS[:3])])
    for n in (size(2_000, 500),)
]
