"""Reference values for the CustomerValue tests from the `lifetimes` package on the CDNOW sample.

Run from the package root with the pinned venv (lifetimes 0.11.3 fails on pandas 3, so this venv
holds lifetimes==0.11.3, numpy==1.26.4, pandas==1.5.3, scipy==1.11.4, autograd==1.6.2, dill==0.3.8;
the versions are recorded in the output):
    /work/venv-lifetime/bin/python Tests/CustomerValueTests/Fixtures/make_lifetimes_fixtures.py
It needs ../shared/datasets/CDNOW_sample.txt and writes lifetimes.json next to this script.

The customer table is lifetimes' own `summary_data_from_transaction_data` (daily, calibration end
1997-09-30) with recency and T divided by 7 (weeks = days / 7, as the paper), plus the hold-out
counts of `calibration_and_holdout_data` (hold-out end 1998-06-30). The log-likelihoods are
evaluated here from the published formulas at lifetimes' fitted parameters (lifetimes reports a
mean over rescaled times), so the tests can check that ours is not lower.
"""
import json
import pathlib

import autograd
import lifetimes
import numpy as np
import pandas as pd
import scipy
from lifetimes import BetaGeoFitter, GammaGammaFitter, ParetoNBDFitter
from lifetimes.utils import calibration_and_holdout_data
from scipy.special import betaln, gammaln

HERE = pathlib.Path(__file__).resolve().parent
CDNOW = HERE.parents[2].parent / "shared" / "datasets" / "CDNOW_sample.txt"


def bgnbd_loglik(p, x, tx, T):
    r, alpha, a, b = p
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = betaln(a, b + x) - betaln(a, b)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return float(np.sum(a1 + a2 + np.logaddexp(a3, a4)))


def main():
    log = pd.read_csv(CDNOW, sep=r"\s+", header=None, names=["full_id", "id", "date", "cds", "amount"], dtype={"date": str})
    log["date"] = pd.to_datetime(log["date"], format="%Y%m%d")
    table = calibration_and_holdout_data(
        log, "id", "date", calibration_period_end="1997-09-30", observation_period_end="1998-06-30",
        freq="D", monetary_value_col="amount")
    x = table["frequency_cal"].values
    tx = table["recency_cal"].values / 7.0
    T = table["T_cal"].values / 7.0
    m = table["monetary_value_cal"].values
    holdout_weeks = float(table["duration_holdout"].iloc[0]) / 7.0

    bg = BetaGeoFitter().fit(x, tx, T)
    bg_params = [float(bg.params_[k]) for k in ["r", "alpha", "a", "b"]]
    pnbd = ParetoNBDFitter().fit(x, tx, T)
    pnbd_params = [float(pnbd.params_[k]) for k in ["r", "alpha", "s", "beta"]]
    pnbd_ll = -float(pnbd._negative_log_likelihood(np.array(pnbd_params), x, tx, T, np.ones_like(x), 0.0))
    repeat = x > 0
    gg = GammaGammaFitter().fit(x[repeat], m[repeat])
    gg_params = [float(gg.params_[k]) for k in ["p", "q", "v"]]

    # Predictions for a spread of customers (every 25th) and for hand-picked histories.
    rows = list(range(0, len(x), 25))
    t_pred = 39.0
    palive = bg.conditional_probability_alive(x[rows], tx[rows], T[rows])
    expected = bg.conditional_expected_number_of_purchases_up_to_time(t_pred, x[rows], tx[rows], T[rows])
    pn_palive = pnbd.conditional_probability_alive(x[rows], tx[rows], T[rows])
    pn_expected = pnbd.conditional_expected_number_of_purchases_up_to_time(t_pred, x[rows], tx[rows], T[rows])
    spend = gg.conditional_expected_average_profit(pd.Series(x[rows]), pd.Series(m[rows])).values
    clv = gg.customer_lifetime_value(
        bg, pd.Series(x[rows]), pd.Series(tx[rows]), pd.Series(T[rows]), pd.Series(m[rows]),
        time=12, discount_rate=0.01, freq="W").values
    unconditional = [float(bg.expected_number_of_purchases_up_to_time(t)) for t in [1.0, 10.0, 39.0, 78.0]]

    out = {
        "versions": {"lifetimes": lifetimes.__version__, "numpy": np.__version__, "pandas": pd.__version__,
                     "scipy": scipy.__version__, "autograd": getattr(autograd, "__version__", "1.6.2")},
        "customers": int(len(x)), "repeaters": int(repeat.sum()), "repeatOccasions": int(x.sum()),
        "holdoutOccasions": int(table["frequency_holdout"].sum()), "holdoutWeeks": holdout_weeks,
        "table": {"frequency": x.tolist(), "recency": tx.tolist(), "age": T.tolist(), "monetary": m.tolist(),
                  "holdoutFrequency": table["frequency_holdout"].values.tolist()},
        "bgnbd": {"params": bg_params, "standardErrors": [float(v) for v in bg.standard_errors_[["r", "alpha", "a", "b"]]],
                  "logLikelihood": bgnbd_loglik(bg_params, x, tx, T)},
        "paretoNBD": {"params": pnbd_params, "logLikelihood": pnbd_ll},
        "gammaGamma": {"params": gg_params,
                       "logLikelihood": -float(gg._negative_log_likelihood(np.log(gg_params), x[repeat], m[repeat], np.ones(repeat.sum()), 0.0)) * int(repeat.sum())},
        "predictions": {"rows": rows, "duration": t_pred, "probabilityAlive": np.asarray(palive).tolist(),
                        "expectedPurchases": np.asarray(expected).tolist(),
                        "paretoProbabilityAlive": np.asarray(pn_palive).tolist(),
                        "paretoExpectedPurchases": np.asarray(pn_expected).tolist(),
                        "expectedSpend": np.asarray(spend).tolist(), "lifetimeValue": np.asarray(clv).tolist(),
                        "clvOptions": {"months": 12, "monthlyDiscountRate": 0.01, "unitsPerMonth": 4.345},
                        "unconditionalDurations": [1.0, 10.0, 39.0, 78.0], "unconditional": unconditional},
    }
    (HERE / "lifetimes.json").write_text(json.dumps(out, indent=1, allow_nan=False) + "\n")
    print(json.dumps({k: out[k] for k in ["customers", "repeaters", "repeatOccasions", "holdoutOccasions", "bgnbd", "paretoNBD", "gammaGamma"]}, indent=1))


if __name__ == "__main__":
    main()
