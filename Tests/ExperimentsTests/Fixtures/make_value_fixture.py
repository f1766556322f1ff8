"""Writes value_retained.json: the difference-in-means estimate of value retained and its Welch
interval on a sample where customer value and churn are correlated.

Made with /work/refvenv/bin/python: numpy 2.4.6, scipy 1.17.1 (versions recorded in the JSON).
Run from this folder: python make_value_fixture.py
"""
import json

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261202)
n_control, n_treated = 500, 1500
cost = 5.0


def group(n, factor):
    value = np.round(np.exp(rng.normal(6.5, 0.5, n)), 2)
    # Churn rises with value (expensive customers shop around), so churners are worth more.
    p0 = 1 / (1 + np.exp(-(-2.0 + 1.2 * (np.log(value) - 6.5) / 0.5)))
    churned = rng.random(n) < p0 * factor
    return value, churned


control_value, control_churned = group(n_control, 1.0)
treated_value, treated_churned = group(n_treated, 0.8)
lost_control = control_value * control_churned
lost_treated = treated_value * treated_churned

difference = lost_control.mean() - lost_treated.mean()
welch = stats.ttest_ind(lost_control, lost_treated, equal_var=False)
ci = welch.confidence_interval(0.95)
estimate = n_treated * difference
interval = [n_treated * ci.low, n_treated * ci.high]
total_cost = cost * n_treated
# The biased estimator this replaces: control rate x sum of treated values - treated churners' values.
biased = control_churned.mean() * treated_value.sum() - lost_treated.sum()

json.dump({
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
    "controlValue": control_value.tolist(), "controlChurned": control_churned.astype(int).tolist(),
    "treatedValue": treated_value.tolist(), "treatedChurned": treated_churned.astype(int).tolist(),
    "costPerCustomer": cost,
    "meanLostControl": lost_control.mean(), "meanLostTreated": lost_treated.mean(),
    "meanValueControlChurners": control_value[control_churned].mean(), "meanValueTreated": treated_value.mean(),
    "valueRetained": estimate, "valueRetainedInterval": interval,
    "netValue": estimate - total_cost, "netValueInterval": [interval[0] - total_cost, interval[1] - total_cost],
    "roi": (estimate - total_cost) / total_cost,
    "roiInterval": [(interval[0] - total_cost) / total_cost, (interval[1] - total_cost) / total_cost],
    "welchDF": float(welch.df), "welchT": float(welch.statistic),
    "biasedEstimate": biased,
}, open("value_retained.json", "w"), indent=1)
print(f"estimate {estimate:.2f} interval {interval[0]:.2f}..{interval[1]:.2f} biased {biased:.2f}")
print(f"control churners' mean value {control_value[control_churned].mean():.1f} vs treated mean {treated_value.mean():.1f}")
