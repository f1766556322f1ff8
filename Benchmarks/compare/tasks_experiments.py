"""Comparison tasks of Experiments: scikit-uplift metrics on a million rows, and the per-cell
analysis of a 2,000,000-customer two-tier, two-arm experiment (pandas merge + groupby +
statsmodels intervals and tests) against ExperimentAnalysis.

What the clocks hold. Uplift: both sides start from the raw outcome, treatment and score arrays;
both clocks contain the sort by score (scikit-uplift sorts inside its metric, ChurnKit inside
UpliftEvaluation) and the metric. Analysis: both sides read the CSV files before the clock; both
clocks contain the join of outcomes to the assignment by id, the tier/arm label mapping (pandas
groupby; ChurnKit's Assignment and ExperimentOutcomes, with their id checks) and the per-cell
intervals, tests and Holm correction.
"""
import pathlib
import time

import numpy as np
import pandas as pd
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

from task import Task, size

N_UPLIFT = size(1_000_000, 20_000)
N_EXPERIMENT = size(2_000_000, 20_000)


def prepare_uplift(workdir: pathlib.Path) -> dict:
    """Seeded outcome (uint8), treatment (uint8) and uplift score (float64 rounded to 4 decimals)."""
    paths = {k: workdir / f"uplift_{k}_n{N_UPLIFT}.bin" for k in ("outcome", "treatment", "scores")}
    if not all(p.exists() for p in paths.values()):
        rng = np.random.default_rng(5)
        t = rng.uniform(size=N_UPLIFT) < 0.5
        s = np.round(rng.normal(size=N_UPLIFT), 4)
        y = rng.uniform(size=N_UPLIFT) < np.clip(0.1 + t * 0.02 * s, 0, 1)
        y.astype(np.uint8).tofile(paths["outcome"])
        t.astype(np.uint8).tofile(paths["treatment"])
        s.astype("<f8").tofile(paths["scores"])
    return {k: str(v) for k, v in paths.items()}


def uplift_reference(metric):
    def run(context):
        y = np.fromfile(context["outcome"], dtype=np.uint8).astype(int)
        t = np.fromfile(context["treatment"], dtype=np.uint8).astype(int)
        s = np.fromfile(context["scores"], dtype="<f8")
        start = time.perf_counter()
        value = metric(y, s, t)
        return {"seconds": time.perf_counter() - start, "value": round(float(value), 12)}
    return run


def qini(y, s, t):
    from sklift.metrics import qini_auc_score
    return qini_auc_score(y, s, t)


def uplift_at_30(y, s, t):
    from sklift.metrics import uplift_at_k
    return uplift_at_k(y, s, t, strategy="overall", k=0.3)


def prepare_experiment(workdir: pathlib.Path) -> dict:
    """An assignment CSV (id,tier,group,arm,score) and an outcome CSV (id,churned) in shuffled order."""
    assignment, outcomes = workdir / f"exp_assignment_n{N_EXPERIMENT}.csv", workdir / f"exp_outcomes_n{N_EXPERIMENT}.csv"
    if not (assignment.exists() and outcomes.exists()):
        rng = np.random.default_rng(9)
        ids = np.array([f"P{i:07d}" for i in range(1, N_EXPERIMENT + 1)])
        score = rng.uniform(size=N_EXPERIMENT)
        tier = np.where(score >= np.quantile(score, 0.8), "high", "low")
        u = rng.uniform(size=N_EXPERIMENT)
        arm = np.where(u < 0.1, "control", np.where(u < 0.55, "call", "discount"))
        group = np.where(arm == "control", "control", "treatment")
        p = np.where(tier == "high", 0.25, 0.09) * np.where(arm == "control", 1.0, 0.91)
        churned = (rng.uniform(size=N_EXPERIMENT) < p).astype(int)
        pd.DataFrame({"id": ids, "tier": tier, "group": group, "arm": arm, "score": score}).to_csv(assignment, index=False)
        order = rng.permutation(N_EXPERIMENT)
        pd.DataFrame({"id": ids[order], "churned": churned[order]}).to_csv(outcomes, index=False)
    return {"assignment": str(assignment), "outcomes": str(outcomes)}


def analysis_reference(context):
    """The analysis without file reading: merge by id, counts per cell, Newcombe, log ratio, z, Holm."""
    a = pd.read_csv(context["assignment"])
    o = pd.read_csv(context["outcomes"])
    start = time.perf_counter()
    m = a.merge(o, on="id", how="inner")
    counts = m.groupby(["tier", "arm"])["churned"].agg(["sum", "count"])
    pvalues, first = [], None
    for tier in ["high", "low"]:
        c, n = counts.loc[(tier, "control")]
        for arm in ["call", "discount"]:
            e, k = counts.loc[(tier, arm)]
            diff = confint_proportions_2indep(e, k, c, n, method="newcomb")
            ratio = confint_proportions_2indep(e, k, c, n, method="log", compare="ratio")
            pvalues.append(proportions_ztest([e, c], [k, n])[1])
            first = first or (diff, ratio)
    holm = multipletests(pvalues, method="holm")[1]
    return {"seconds": time.perf_counter() - start, "lower": round(float(first[0][0]), 12), "holm0": round(float(holm[0]), 12)}


TASKS = [
    Task(f"uplift.qini.n{N_UPLIFT}", "sklift.qini_auc_score", prepare_uplift, uplift_reference(qini), "uplift.qini",
         lambda c: [c["outcome"], c["treatment"], c["scores"]]),
    Task(f"uplift.atK.n{N_UPLIFT}", "sklift.uplift_at_k", prepare_uplift, uplift_reference(uplift_at_30), "uplift.atK",
         lambda c: [c["outcome"], c["treatment"], c["scores"]]),
    Task(f"experiments.analyze.n{N_EXPERIMENT}", "pandas merge + statsmodels", prepare_experiment, analysis_reference,
         "experiments.analyze", lambda c: [c["assignment"], c["outcomes"]]),
]
