"""A telecom file with a 51-level State column of weak signal, and scikit-learn's one-hot tree on it.

Run with /work/refvenv/bin/python (scikit-learn 1.9.1, numpy 2.4.6, pandas 2.3.3):
    python make_state_fixture.py
It writes ../../../datasets/telecom-plans-states.csv (3,333 customers, the shape of the BigML
churn-80/20 file: the first 2,666 rows are the training part, the last 667 the hold-out part) and
state_tree_sklearn.json beside this file: the hold-out ROC AUC, log loss and the count of hold-out
rows predicted exactly 0 or 1 of DecisionTreeClassifier(max_depth=6, min_samples_leaf=20,
random_state=0) fitted on the training rows with every text column one-hot encoded (all 51 State
dummies kept), with and without the State column, and how many of its splits test a State dummy.

The churn label is Bernoulli(sigmoid(z)) with
    z = -3.6 + 0.09 max(0, day - 220) + 0.03 max(0, eve - 220)
        + [calls >= 4] (3.2 - 0.04 (day - 180)) + 1.0 [intl plan] + 5 [intl plan and (intl > 13 or intl calls < 3)]
        - 1.5 [voice mail plan and day > 220] + s_State,   s_State ~ N(0, 0.4^2) per state,
the weak State signal. All draws come from numpy's default_rng(2026), so the file is reproducible.
"""
import json
import pathlib

import numpy as np
import pandas as pd
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.tree import DecisionTreeClassifier

HERE = pathlib.Path(__file__).resolve().parent
CSV = HERE.parents[2] / "datasets" / "telecom-plans-states.csv"
STATES = ("AK AL AR AZ CA CO CT DC DE FL GA HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE NH NJ NM "
          "NV NY OH OK OR PA RI SC SD TN TX UT VA VT WA WI WV WY").split()
N, TRAIN = 3333, 2666


def generate():
    rng = np.random.default_rng(2026)
    weights = 1 + rng.uniform(size=len(STATES))
    state_effect = rng.normal(0, 0.4, size=len(STATES))
    state = rng.choice(len(STATES), size=N, p=weights / weights.sum())
    account = np.clip(np.round(rng.normal(101, 40, size=N)), 1, 243)
    area = rng.choice([408, 415, 510], size=N, p=[0.25, 0.5, 0.25])
    intl_plan = rng.uniform(size=N) < 0.097
    vmail_plan = rng.uniform(size=N) < 0.277
    vmail = np.where(vmail_plan, np.clip(np.round(rng.normal(29, 7.5, size=N)), 1, None), 0)
    day = np.clip(np.round(rng.normal(180, 54, size=N), 1), 0, None)
    day_calls = rng.poisson(100, size=N)
    eve = np.clip(np.round(rng.normal(201, 51, size=N), 1), 0, None)
    eve_calls = rng.poisson(100, size=N)
    night = np.clip(np.round(rng.normal(201, 51, size=N), 1), 0, None)
    night_calls = rng.poisson(100, size=N)
    intl = np.clip(np.round(rng.normal(10.2, 2.8, size=N), 1), 0, 20)
    intl_calls = rng.poisson(4.5, size=N)
    calls = rng.poisson(1.56, size=N)
    z = (-3.6 + 0.09 * np.maximum(0, day - 220) + 0.03 * np.maximum(0, eve - 220)
         + (calls >= 4) * (3.2 - 0.04 * (day - 180)) + 1.0 * intl_plan
         + 5 * (intl_plan & ((intl > 13) | (intl_calls < 3))) - 1.5 * (vmail_plan & (day > 220)) + state_effect[state])
    churn = rng.uniform(size=N) < 1 / (1 + np.exp(-z))
    yes_no = lambda b: np.where(b, "yes", "no")
    return pd.DataFrame({
        "State": np.array(STATES)[state], "account_length": account.astype(int), "area_code": area,
        "international_plan": yes_no(intl_plan), "voice_mail_plan": yes_no(vmail_plan),
        "number_vmail_messages": vmail.astype(int), "total_day_minutes": day, "total_day_calls": day_calls,
        "total_eve_minutes": eve, "total_eve_calls": eve_calls, "total_night_minutes": night,
        "total_night_calls": night_calls, "total_intl_minutes": intl, "total_intl_calls": intl_calls,
        "customer_service_calls": calls, "churn": yes_no(churn),
    })


def one_hot_tree(frame, with_state):
    features = frame.drop(columns=["churn"] + ([] if with_state else ["State"]))
    x = pd.get_dummies(features, columns=[c for c in ["State", "international_plan", "voice_mail_plan"] if c in features])
    x = x.astype(float)
    y = (frame["churn"] == "yes").to_numpy()
    tree = DecisionTreeClassifier(max_depth=6, min_samples_leaf=20, random_state=0).fit(x[:TRAIN], y[:TRAIN])
    p = tree.predict_proba(x[TRAIN:])[:, 1]
    names = np.array(x.columns)
    used = tree.tree_.feature[tree.tree_.feature >= 0]
    return {
        "auc": roc_auc_score(y[TRAIN:], p),
        "log_loss": log_loss(y[TRAIN:], p),
        "holdout_rows_at_0_or_1": int(np.sum((p == 0) | (p == 1))),
        "state_splits": int(sum(n.startswith("State_") for n in names[used])),
        "leaves": int(tree.get_n_leaves()),
    }


def main():
    frame = generate()
    CSV.parent.mkdir(exist_ok=True)
    frame.to_csv(CSV, index=False, lineterminator="\n")
    y = frame["churn"] == "yes"
    result = {
        "rows": N, "train_rows": TRAIN, "churn_rate": float(y.mean()), "max_depth": 6, "min_samples_leaf": 20,
        "with_state": one_hot_tree(frame, True), "without_state": one_hot_tree(frame, False),
    }
    (HERE / "state_tree_sklearn.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
