"""Reference values for the Survival tests from lifelines on the IBM Telco churn file.

Run from the package root with the shared reference venv (lifelines 0.30.0, pandas 3.1.1,
numpy 2.4.6, scipy 1.17.1; the versions are recorded in the output):
    /work/refvenv/bin/python Tests/SurvivalTests/Fixtures/make_lifelines_fixtures.py
It needs ../shared/datasets/telco-customer-churn.csv and writes lifelines.json next to this script.

Duration = tenure (months), event = Churn == "Yes". Kaplan-Meier (95% exponential Greenwood
intervals) and median per Contract group; the multivariate log-rank test across the three
Contract groups. Cox proportional hazards (Efron ties, no penalty) on the documented subset
MonthlyCharges, SeniorCitizen, Partner, Dependents, PaperlessBilling (Yes = 1) and Contract
(one-hot, reference Month-to-month): coefficients, standard errors, hazard ratios with 95%
intervals, log partial likelihood, concordance, and the proportional-hazards test on scaled
Schoenfeld residuals with rank-transformed time.
"""
import json
import pathlib

import lifelines
import numpy as np
import pandas as pd
import scipy
from lifelines import CoxPHFitter, KaplanMeierFitter
from lifelines.statistics import multivariate_logrank_test, proportional_hazard_test

HERE = pathlib.Path(__file__).resolve().parent
TELCO = HERE.parents[2].parent / "shared" / "datasets" / "telco-customer-churn.csv"


def main():
    df = pd.read_csv(TELCO)
    df["event"] = (df["Churn"] == "Yes").astype(int)
    groups = []
    for level in df["Contract"].unique():
        part = df[df["Contract"] == level]
        km = KaplanMeierFitter().fit(part["tenure"], part["event"])
        table = km.event_table
        ci = km.confidence_interval_survival_function_
        groups.append({
            "group": str(level), "n": int(len(part)), "events": int(part["event"].sum()),
            "times": [float(t) for t in km.survival_function_.index],
            "atRisk": [int(v) for v in table["at_risk"]], "observed": [int(v) for v in table["observed"]],
            "censored": [int(v) for v in table["censored"]],
            "survival": km.survival_function_.iloc[:, 0].tolist(),
            "lower": ci.iloc[:, 0].tolist(), "upper": ci.iloc[:, 1].tolist(),
            "median": float(km.median_survival_time_) if np.isfinite(km.median_survival_time_) else None,
        })
    overall = KaplanMeierFitter().fit(df["tenure"], df["event"])
    logrank = multivariate_logrank_test(df["tenure"], df["Contract"], df["event"])

    covariates = pd.DataFrame({
        "MonthlyCharges": df["MonthlyCharges"], "SeniorCitizen": df["SeniorCitizen"],
        "Partner": (df["Partner"] == "Yes").astype(int), "Dependents": (df["Dependents"] == "Yes").astype(int),
        "PaperlessBilling": (df["PaperlessBilling"] == "Yes").astype(int),
        "Contract=One year": (df["Contract"] == "One year").astype(int),
        "Contract=Two year": (df["Contract"] == "Two year").astype(int),
    })
    data = covariates.assign(tenure=df["tenure"], event=df["event"])
    cph = CoxPHFitter().fit(data, "tenure", "event")
    summary = cph.summary
    ph = proportional_hazard_test(cph, data, time_transform="rank")
    out = {
        "versions": {"lifelines": lifelines.__version__, "pandas": pd.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
        "kaplanMeier": groups,
        "overallMedian": float(overall.median_survival_time_) if np.isfinite(overall.median_survival_time_) else None,
        "logRank": {"statistic": float(logrank.test_statistic), "pValue": float(logrank.p_value), "degreesOfFreedom": 2},
        "cox": {
            "covariates": list(covariates.columns),
            "coefficients": summary["coef"].tolist(), "standardErrors": summary["se(coef)"].tolist(),
            "hazardRatios": summary["exp(coef)"].tolist(),
            "lower": summary["coef lower 95%"].tolist(), "upper": summary["coef upper 95%"].tolist(),
            "z": summary["z"].tolist(), "pValues": summary["p"].tolist(),
            "logPartialLikelihood": float(cph.log_likelihood_), "concordance": float(cph.concordance_index_),
            "phTestStatistics": [float(v) for v in ph.test_statistic], "phTestPValues": [float(v) for v in ph.p_value],
        },
    }
    (HERE / "lifelines.json").write_text(json.dumps(out, indent=1, allow_nan=False) + "\n")
    print(json.dumps({"logRank": out["logRank"], "cox": out["cox"], "medians": [(g["group"], g["median"]) for g in groups]}, indent=1))


if __name__ == "__main__":
    main()
