"""statsmodels reference for the unpenalized Telco fit with aliased dummies (issue 10, obs. 4).

Run from the package root with the reference venv (numpy 2.4.6, pandas 3.1.1, statsmodels 0.15.0):
    /work/refvenv/bin/python Tests/PipelinesTests/Fixtures/make_telco_aliased.py

Rebuilds the design ChurnKit's default encoder makes from ../shared/datasets/telco-customer-churn.csv
when every row trains (`--test-fraction 0`): customerID is the id; TotalCharges blanks take the
median; tenure, MonthlyCharges and TotalCharges are standardized (population standard deviation);
every other column is one-hot with its first sorted level as the reference, named "column=level".
The seven aliased columns (the six "No internet service" dummies, equal to InternetService=No, and
"MultipleLines=No phone service" = 1 - PhoneService=Yes) are removed and statsmodels Logit is
fitted on the rest (Newton, tol 1e-14). Writes telco_aliased_statsmodels.json beside this script.
"""
import json
import pathlib

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm

HERE = pathlib.Path(__file__).parent
TELCO = HERE.parents[2] / ".." / "shared" / "datasets" / "telco-customer-churn.csv"
NUMERIC = ["tenure", "MonthlyCharges", "TotalCharges"]


def design():
    frame = pd.read_csv(TELCO, dtype=str, keep_default_na=False)
    y = (frame.pop("Churn") == "Yes").to_numpy(dtype=float)
    frame = frame.drop(columns=["customerID"])
    columns, names = [], []
    for column in frame.columns:
        if column in NUMERIC:
            values = pd.to_numeric(frame[column].str.strip(), errors="coerce")
            values = values.fillna(values.median())
            columns.append(((values - values.mean()) / values.std(ddof=0)).to_numpy())
            names.append(column)
        else:
            levels = sorted(frame[column].unique())
            for level in levels[1:]:
                columns.append((frame[column] == level).to_numpy(dtype=float))
                names.append(f"{column}={level}")
    return np.column_stack(columns), y, names


def main():
    x, y, names = design()
    aliased = {name: with_ for name, with_ in
               [(f"{c}=No internet service", ["InternetService=No"]) for c in
                ["OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV", "StreamingMovies"]]
               + [("MultipleLines=No phone service", ["(intercept)", "PhoneService=Yes"])]}
    keep = [j for j, name in enumerate(names) if name not in aliased]
    result = sm.Logit(y, sm.add_constant(x[:, keep], has_constant="add")).fit(
        method="newton", tol=1e-14, maxiter=100, disp=0)
    ci = result.conf_int(alpha=0.05)
    terms = ["(intercept)"] + [names[j] for j in keep]
    rows = [{"feature": t, "estimate": float(result.params[i]), "standardError": float(result.bse[i]),
             "z": float(result.tvalues[i]), "pValue": float(result.pvalues[i]),
             "lower": float(ci[i, 0]), "upper": float(ci[i, 1])} for i, t in enumerate(terms)]
    out = {"versions": {"numpy": np.__version__, "pandas": pd.__version__, "statsmodels": statsmodels.__version__},
           "rows": int(x.shape[0]), "encodedFeatures": names, "aliased": aliased,
           "loglikelihood": float(result.llf), "coefficients": rows}
    path = HERE / "telco_aliased_statsmodels.json"
    path.write_text(json.dumps(out, indent=1))
    print(f"{path.name}: {len(rows)} terms, {len(aliased)} aliased, llf {result.llf:.6f}")


if __name__ == "__main__":
    main()
