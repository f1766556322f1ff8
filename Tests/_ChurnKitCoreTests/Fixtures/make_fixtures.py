"""Reference values for the _ChurnKitCore special-function tests, from scipy.

Run with the reference venv from the package root:
    /work/refvenv/bin/python Tests/_ChurnKitCoreTests/Fixtures/make_fixtures.py
It writes special.json next to this script (made with scipy 1.17.1, numpy 2.4.6; the versions are
recorded in the file). Nothing here is random.
"""
import json
import pathlib

import numpy as np
import scipy
from scipy import stats

HERE = pathlib.Path(__file__).resolve().parent


def special_functions():
    xs = [-37.0, -10.0, -3.5, -1.959963984540054, -0.3, 0.0, 0.7, 2.5, 8.0, 30.0]
    ps = [1e-300, 1e-20, 1e-10, 1e-4, 0.0125, 0.025, 0.2, 0.5, 0.6, 0.975, 0.999, 1 - 1e-12]
    chi = [(0.5, 1), (3.84, 1), (10.83, 1), (150.0, 1), (2.0, 2), (5.99, 2), (0.1, 3), (30.0, 7), (200.0, 50), (1e-4, 4)]
    tcdf = [(-2.0, 1.0), (0.5, 2.5), (2.2, 10.0), (-1.3, 29.7), (3.0, 300.0), (1.96, 42000.5), (-40.0, 5.0)]
    tq = [(0.975, 1.0), (0.975, 2.5), (0.9, 10.0), (0.025, 29.7), (0.995, 300.0), (0.975, 42000.5), (0.6, 3.0)]
    gam = [(0.5, 0.2), (2.0, 3.0), (10.0, 4.0), (100.0, 120.0), (3.5, 40.0)]
    beta = [(0.3, 2.0, 3.0), (0.9, 0.5, 0.5), (0.01, 10.0, 0.5), (0.999, 200.0, 0.5), (0.5, 15000.0, 0.5)]
    hyper = [(20, 7, 12), (1000, 40, 300), (50, 25, 25), (10, 10, 4)]
    return {
        "normalCDF": [[x, float(stats.norm.cdf(x)), float(stats.norm.sf(x))] for x in xs],
        "normalQuantile": [[p, float(stats.norm.ppf(p))] for p in ps],
        "chiSquareSurvival": [[x, df, float(stats.chi2.sf(x, df))] for x, df in chi],
        "studentTCDF": [[t, df, float(stats.t.cdf(t, df))] for t, df in tcdf],
        "studentTQuantile": [[p, df, float(stats.t.ppf(p, df))] for p, df in tq],
        "gammaP": [[a, x, float(scipy.special.gammainc(a, x)), float(scipy.special.gammaincc(a, x))] for a, x in gam],
        "beta": [[x, a, b, float(scipy.special.betainc(a, b, x))] for x, a, b in beta],
        "hypergeometric": [
            {"population": big, "successes": k, "draws": n, "lowest": int(max(0, n + k - big)),
             "pmf": [float(stats.hypergeom.pmf(x, big, k, n)) for x in range(max(0, n + k - big), min(k, n) + 1)]}
            for big, k, n in hyper
        ],
    }


def main():
    special = special_functions()
    special["versions"] = {"scipy": scipy.__version__, "numpy": np.__version__}
    (HERE / "special.json").write_text(json.dumps(special, indent=1, allow_nan=False) + "\n")


if __name__ == "__main__":
    main()
