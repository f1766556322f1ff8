"""Reference values for the Experiments tests, from scipy 1.17, statsmodels 0.15 and scikit-uplift 0.5.1
(the special-function values live with _ChurnKitCore, Tests/_ChurnKitCoreTests/Fixtures).

Run with the reference venv from the package root (the Hillstrom part needs ../shared/datasets):
    /tmp/refvenv/bin/python Tests/ExperimentsTests/Fixtures/make_fixtures.py
It writes statistics.json and uplift.json next to this script. Every random case is seeded.

Where no library implements a formula (the Greenland-Robins interval of the Mantel-Haenszel risk
ratio, standardized mean differences), this script computes it independently with numpy from the
published formula, written out below.
"""
import json
import pathlib
import warnings

import numpy as np
import pandas as pd
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportion_effectsize,
    proportions_ztest,
)
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

warnings.simplefilter("ignore")
HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
HILLSTROM = ROOT.parent / "shared" / "datasets" / "hillstrom-email.csv"


def proportion_cases():
    """(treatment events, treatment n, control events, control n)."""
    cases = [
        (3894, 21307, 2262, 21306),  # Hillstrom visit, Mens vs No E-Mail
        (3238, 21387, 2262, 21306),
        (267, 21307, 122, 21306),  # Hillstrom conversion
        (189, 21387, 122, 21306),
        (10920, 100000, 12000, 100000),  # a 9% relative reduction at 12%
        (0, 40, 3, 38),  # zero events in treatment: Fisher, log-adjusted ratio
        (2, 15, 0, 12),  # zero events in control
        (0, 30, 0, 25),  # no events at all
        (7, 9, 2, 11),  # tiny cells
        (50, 50, 45, 50),  # all events in treatment
        (120, 1000, 130, 1000),
    ]
    out = []
    for a, n1, c, n0 in cases:
        row = {"treatment": [a, n1], "control": [c, n0]}
        row["wilsonTreatment"] = list(proportion_confint(a, n1, method="wilson"))
        row["wilsonControl"] = list(proportion_confint(c, n0, method="wilson"))
        row["newcombe"] = list(confint_proportions_2indep(a, n1, c, n0, method="newcomb", compare="diff"))
        if a > 0 and c > 0:
            row["logRatio"] = list(confint_proportions_2indep(a, n1, c, n0, method="log", compare="ratio"))
            row["ratioMethod"] = "log"
        else:
            row["logRatio"] = list(confint_proportions_2indep(a, n1, c, n0, method="log-adjusted", compare="ratio"))
            row["ratioMethod"] = "logAdjusted"
        pooled = (a + c) / (n1 + n0)
        if 0 < pooled < 1:
            z, p = proportions_ztest([a, c], [n1, n0])
            row["z"] = [float(z), float(p)]
        else:
            row["z"] = None
        row["fisher"] = float(stats.fisher_exact([[a, n1 - a], [c, n0 - c]])[1])
        row["smallestExpected"] = float(stats.contingency.expected_freq(np.array([[a, n1 - a], [c, n0 - c]])).min())
        out.append(row)
    return out


def holm_cases():
    rng = np.random.default_rng(7)
    sets = [list(rng.uniform(0, 0.2, 8)), [0.01, 0.04, 0.03, 0.2, 0.04], [0.5], [1e-8, 0.9, 0.02, 0.02]]
    return [{"p": [float(v) for v in s], "holm": [float(v) for v in multipletests(s, method="holm")[1]]} for s in sets]


def greenland_robins(strata):
    """Mantel-Haenszel risk ratio with the Greenland-Robins (1985) variance of its log."""
    num = den = var = 0.0
    for a, n1, c, n0 in strata:
        total = n1 + n0
        num += a * n0 / total
        den += c * n1 / total
        var += (n1 * n0 * (a + c) - a * c * total) / total**2
    rr = num / den
    se = np.sqrt(var / (num * den))
    z = stats.norm.isf(0.025)
    return rr, [rr * np.exp(-z * se), rr * np.exp(z * se)]


def cmh_cases():
    sets = [
        [(1960, 20000, 2400, 20000), (380, 8000, 400, 8000), (900, 60000, 1000, 60000)],
        [(30, 200, 40, 180), (12, 300, 20, 310)],
        [(5, 40, 9, 35), (0, 20, 2, 22), (3, 50, 3, 47)],
    ]
    out = []
    for strata in sets:
        tables = np.array([[[a, n1 - a], [c, n0 - c]] for a, n1, c, n0 in strata], dtype=float).transpose(1, 2, 0)
        st = StratifiedTable(tables)
        test = st.test_null_odds(correction=False)
        rr, ci = greenland_robins(strata)
        assert abs(rr - st.riskratio_pooled) < 1e-12 * rr
        out.append({
            "strata": [list(s) for s in strata],
            "riskRatio": float(st.riskratio_pooled),
            "interval": [float(v) for v in ci],
            "chiSquare": float(test.statistic),
            "pValue": float(stats.chi2.sf(test.statistic, 1)),
        })
    return out


def srm_cases():
    sets = [
        ([21306, 21307, 21387], [1 / 3, 1 / 3, 1 / 3]),
        ([1000, 4600, 4400], [0.1, 0.45, 0.45]),
        ([1000, 4000, 5000], [0.1, 0.45, 0.45]),
        ([480, 520], [0.5, 0.5]),
    ]
    out = []
    for obs, shares in sets:
        exp = np.array(shares) * sum(obs)
        res = stats.chisquare(obs, exp)
        out.append({"observed": obs, "shares": shares, "chiSquare": float(res.statistic), "pValue": float(res.pvalue)})
    return out


def welch(a, b):
    cm = CompareMeans(DescrStatsW(a), DescrStatsW(b))
    low, upp = cm.tconfint_diff(usevar="unequal")
    t, p, df = cm.ttest_ind(usevar="unequal")
    ref = stats.ttest_ind(a, b, equal_var=False)
    assert abs(ref.pvalue - p) < 1e-12
    return {"difference": float(np.mean(a) - np.mean(b)), "interval": [float(low), float(upp)],
            "t": float(t), "df": float(df), "pValue": float(p)}


def welch_cases():
    rng = np.random.default_rng(11)
    out = []
    for n1, n2, s1, s2 in [(30, 45, 1.0, 3.0), (8, 5, 2.0, 0.5), (500, 480, 10.0, 12.0)]:
        a = rng.normal(1.0, s1, n1)
        b = rng.normal(0.4, s2, n2)
        out.append({"first": [float(v) for v in a], "second": [float(v) for v in b], **welch(a, b)})
    return out


def power_cases():
    pw = NormalIndPower()
    sizes = []
    for base, rel, alpha, power, ratio in [(0.12, 0.09, 0.05, 0.8, 1.0), (0.12, 0.09, 0.05, 0.9, 1.0),
                                          (0.05, 0.2, 0.01, 0.8, 1.0), (0.3, 0.05, 0.05, 0.8, 9.0),
                                          (0.12, 0.09, 0.05, 0.8, 0.25)]:
        h = proportion_effectsize(base, base * (1 - rel))
        n = pw.solve_power(effect_size=h, nobs1=None, alpha=alpha, power=power, ratio=ratio)
        sizes.append({"baseline": base, "relativeReduction": rel, "alpha": alpha, "power": power, "ratio": ratio,
                      "h": float(h), "n1": float(n)})
    powers = [[h, n, ratio, alpha, float(pw.power(h, n, alpha, ratio=ratio))]
              for h, n, ratio, alpha in [(0.1, 500, 1.0, 0.05), (0.05, 2000, 3.0, 0.05), (-0.2, 100, 1.0, 0.01), (0.01, 10, 1.0, 0.05)]]
    mde = []
    for base, nc, nt, alpha, power in [(0.12, 40000, 360000, 0.05, 0.8), (0.04, 160000, 1440000, 0.05, 0.8),
                                       (0.12, 1000, 1000, 0.05, 0.8)]:
        h = pw.solve_power(effect_size=None, nobs1=nc, alpha=alpha, power=power, ratio=nt / nc)
        treated = np.sin(np.arcsin(np.sqrt(base)) - h / 2) ** 2
        mde.append({"baseline": base, "control": nc, "treatment": nt, "alpha": alpha, "power": power,
                    "h": float(h), "relativeReduction": float(1 - treated / base)})
    return {"sampleSize": sizes, "power": powers, "mde": mde}


def hillstrom():
    if not HILLSTROM.exists():
        raise SystemExit(f"{HILLSTROM} is needed for the Hillstrom fixtures")
    df = pd.read_csv(HILLSTROM)
    arms = {}
    for name, g in df.groupby("segment"):
        arms[name] = {
            "n": int(len(g)), "visits": int(g.visit.sum()), "conversions": int(g.conversion.sum()),
            "spendMean": float(g.spend.mean()), "spendVariance": float(g.spend.var(ddof=1)),
        }
    control = df[df.segment == "No E-Mail"]
    comparisons = {}
    for arm in ["Mens E-Mail", "Womens E-Mail"]:
        g = df[df.segment == arm]
        row = {}
        for outcome in ["visit", "conversion"]:
            a, n1, c, n0 = int(g[outcome].sum()), len(g), int(control[outcome].sum()), len(control)
            row[outcome] = {
                "newcombe": list(confint_proportions_2indep(a, n1, c, n0, method="newcomb", compare="diff")),
                "logRatio": list(confint_proportions_2indep(a, n1, c, n0, method="log", compare="ratio")),
                "zPValue": float(proportions_ztest([a, c], [n1, n0])[1]),
            }
        row["spend"] = welch(g.spend.to_numpy(), control.spend.to_numpy())
        comparisons[arm] = row
    sizes = [arms[s]["n"] for s in ["No E-Mail", "Mens E-Mail", "Womens E-Mail"]]
    srm = stats.chisquare(sizes)
    return {"arms": arms, "comparisons": comparisons,
            "srm": {"observed": sizes, "chiSquare": float(srm.statistic), "pValue": float(srm.pvalue)}}


def balance_cases():
    """Standardized mean difference (mean_t - mean_c) / sqrt((var_t + var_c) / 2), ddof 1."""
    rng = np.random.default_rng(5)
    t = rng.normal(1.0, 2.0, 40)
    c = rng.normal(0.5, 1.0, 60)
    smd = (t.mean() - c.mean()) / np.sqrt((t.var(ddof=1) + c.var(ddof=1)) / 2)
    return [{"treatment": [float(v) for v in t], "control": [float(v) for v in c], "smd": float(smd)}]


def nan_to_none(values):
    return [None if np.isnan(v) else float(v) for v in values]


def uplift_cases():
    """scikit-uplift 0.5.1 metrics on seeded cases (ties, imbalance, both perfect-curve branches)."""
    import sklift
    from sklift.metrics import (qini_auc_score, qini_curve, uplift_at_k, uplift_auc_score, uplift_by_percentile,
                                uplift_curve)
    rng = np.random.default_rng(2024)
    cases = []
    specs = [("random", 200, 0.5, None, 0.3), ("ties", 300, 0.5, 1, 0.4), ("imbalanced", 250, 0.3, None, 0.2),
             ("responsive", 180, 0.5, None, 0.8), ("small", 40, 0.5, 2, 0.5)]
    for name, n, share, decimals, base in specs:
        t = (rng.uniform(size=n) < share).astype(int)
        effect = rng.normal(0, 0.15, n)
        score = effect + rng.normal(0, 0.1, n)
        if decimals is not None:
            score = np.round(score, decimals)
        p = np.clip(base + t * effect, 0.01, 0.99)
        y = (rng.uniform(size=n) < p).astype(int)
        case = {"name": name, "outcome": [int(v) for v in y], "treatment": [int(v) for v in t],
                "scores": [float(v) for v in score],
                "upliftAUC": float(uplift_auc_score(y, score, t)), "qiniAUC": float(qini_auc_score(y, score, t))}
        case["upliftAtK"] = [[k, strategy, float(uplift_at_k(y, score, t, strategy=strategy, k=k))]
                             for k in [0.1, 0.3, 0.5] for strategy in ["overall", "by_group"]]
        x, v = uplift_curve(y, score, t)
        case["upliftCurve"] = [[float(a) for a in x], [float(b) for b in v]]
        x, v = qini_curve(y, score, t)
        case["qiniCurve"] = [[float(a) for a in x], [float(b) for b in v]]
        tables = {}
        for strategy, bins in [("overall", 10), ("by_group", 10), ("overall", 7)]:
            df = uplift_by_percentile(y, score, t, strategy=strategy, bins=bins, std=True, string_percentiles=False)
            tables[f"{strategy}-{bins}"] = {
                "percentile": [int(v) for v in df.index], "nTreatment": [int(v) for v in df.n_treatment],
                "nControl": [int(v) for v in df.n_control],
                "rateTreatment": nan_to_none(df.response_rate_treatment),
                "rateControl": nan_to_none(df.response_rate_control),
                "uplift": nan_to_none(df.uplift), "stdUplift": nan_to_none(df.std_uplift),
            }
        case["percentiles"] = tables
        cases.append(case)
    return {"version": sklift.__version__, "cases": cases}


def main():
    statistics = {
        "versions": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__, "numpy": np.__version__},
        "proportions": proportion_cases(),
        "holm": holm_cases(),
        "cmh": cmh_cases(),
        "srm": srm_cases(),
        "welch": welch_cases(),
        "power": power_cases(),
        "hillstrom": hillstrom(),
        "balance": balance_cases(),
    }
    (HERE / "statistics.json").write_text(json.dumps(statistics, indent=1, allow_nan=False) + "\n")
    (HERE / "uplift.json").write_text(json.dumps(uplift_cases(), indent=1, allow_nan=False) + "\n")


if __name__ == "__main__":
    main()
