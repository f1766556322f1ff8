"""The ChurnKit notebooks: their cells, their export, and the check that they reproduce.

    python scripts/notebooks.py export            # write and execute every notebook into notebooks-export/
    python scripts/notebooks.py check [FILE ...]  # re-execute stored notebooks in a fresh kernel, compare outputs
    python scripts/notebooks.py self-test         # the check must fail on a notebook with one edited output

Run it with the pinned environment of notebooks-export/requirements.txt (scripts/export-notebooks.sh
and scripts/check-notebooks.sh create it). `check` compares every cell's outputs with the stored
ones after normalizing the volatile fields listed in VOLATILE (the timings the CLI prints); it
fails when a cell errors, when an output differs, or when a cell's output count differs.
"""

import copy
import difflib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "notebooks-export"
TIMEOUT = 600

# Volatile fields: (pattern, replacement). The CLI prints elapsed times as "%.2f s" on stderr.
VOLATILE = [(re.compile(r"\b\d+\.\d\d s\b"), "<seconds> s")]

SETUP = 'from churnkit_notebook import *\nchurn("--version")'
INTRO = ("Every code cell runs one or more `churn` commands from the repository root (each printed as "
         "`$ churn ...`, with what it wrote to stderr) and draws tables and figures from their "
         "`--format json` output. `scripts/export-notebooks.sh` rebuilds the CLI and re-executes "
         "every cell; CI re-executes them and compares the outputs (timings excepted).")

DATA = "datasets/telecom-customers.csv"
PURCHASES = "datasets/purchases.csv"

# Policyholders of the AXA rehearsal (the real case had about 2,000,000).
AXA_POLICYHOLDERS = 2_000_000
# Policyholders of each of the two uplift samples.
UPLIFT_POLICYHOLDERS = 200_000


def md(text):
    return nbformat.v4.new_markdown_cell(text.strip())


def code(text):
    return nbformat.v4.new_code_cell(text.strip())


def churn_model_report():
    return "churn-model-report.ipynb", [
        md(f"""
# Churn model report

The churn model on the bundled file `{DATA}` (5,000 synthetic telecom customers whose churn follows
a known model, `datasets/README.md`): the data, the drivers, how well the model ranks customers it
has never seen (ROC, cumulative gains, lift, calibration with bin counts), and the rules of a
shallow tree. {INTRO}
"""),
        code(SETUP),
        md("## The data"),
        code(f"""
data = churn("inspect", "{DATA}", "--target", "churned", "--format", "json")
table(data["columns"], [("column", "name"), ("kind", "kind"), ("missing", "missing"), ("distinct", "distinct"),
                        ("mean", "mean"), ("min", "min"), ("max", "max")])
"""),
        md("""
## Drivers

A logistic model without penalty (`--l2 0`, so that the p-values are valid), trained on 80% of the
customers; the hold-out 20% measure it. Odds ratios below 1 lower churn.
"""),
        code(f"""
train = churn("train", "{DATA}", "--target", "churned", "--l2", "0", "--seed", "42",
              "--out", "notebook-output/churn-model.json", "--force", "--format", "json")
h = train["holdout"]
print(f"hold-out: {{h['rows']}} customers, AUC {{fmt(h['auc'])}}, log loss {{fmt(h['logLoss'])}}")
table([c for c in train["coefficients"] if c["feature"] != "(intercept)"],
      [("feature", "feature"), ("odds ratio", "oddsRatio"),
       ("95% interval", lambda c: f"{{fmt(c['oddsRatioLower'])}} to {{fmt(c['oddsRatioUpper'])}}"), ("p", "pValue")])
"""),
        md("""
## How the model ranks new customers

`churn generate` draws 5,000 new customers from the same true model with another seed;
`churn evaluate` scores them with the saved model.
"""),
        code("""
churn("generate", "--rows", "5000", "--seed", "7", "--out", "notebook-output/new-customers.csv", "--force")
ev = churn("evaluate", "notebook-output/churn-model.json", "notebook-output/new-customers.csv", "--format", "json")
print(f"{ev['rows']} customers, churn rate {percent(ev['positiveRate'])}: AUC {fmt(ev['auc'])}, "
      f"log loss {fmt(ev['logLoss'])}, Brier {fmt(ev['brier'])}")
"""),
        code("""
roc = ev["roc"]
line_chart(f"ROC curve (AUC {ev['auc']:.3f})", "false positive rate", "true positive rate",
           [{"name": "model", "points": list(zip(roc["falsePositiveRates"], roc["truePositiveRates"]))},
            {"name": "random ranking", "points": [(0, 0), (1, 1)], "dashed": True}], (0, 1), (0, 1))
"""),
        code("""
lift = ev["lift"]
total = sum(d["rows"] for d in lift)
shares = [100 * sum(d["rows"] for d in lift[:k + 1]) / total for k in range(len(lift))]
line_chart("Cumulative gains", "customers contacted, riskiest first (%)", "churners reached (%)",
           [{"name": "model", "markers": True,
             "points": [(0, 0)] + [(s, 100 * d["cumulativeGain"]) for s, d in zip(shares, lift)]},
            {"name": "random contact", "points": [(0, 0), (100, 100)], "dashed": True}], (0, 100), (0, 100))
bar_chart("Lift by risk decile", "decile (1 = riskiest)", "lift", [(str(d["decile"]), d["lift"]) for d in lift],
          reference=(1, "average (lift 1)"))
"""),
        code("""
bins = ev["calibration"]["bins"]
line_chart("Calibration (bins of about equal counts)", "mean predicted probability", "observed churn rate",
           [{"name": "model", "markers": True, "points": [(b["meanPredicted"], b["observedRate"]) for b in bins],
             "labels": [f"n={b['rows']}" for b in bins]},
            {"name": "perfectly calibrated", "points": [(0, 0), (1, 1)], "dashed": True}], (0, 1), (0, 1))
table(bins, [("bin", "bin"), ("customers", "rows"), ("mean predicted", "meanPredicted"), ("observed rate", "observedRate")])
"""),
        md("## Rules of a shallow tree\n\nA depth-3 tree's leaves as rules, riskiest first."),
        code(f"""
churn("train", "{DATA}", "--target", "churned", "--model", "tree", "--max-depth", "3", "--seed", "42",
      "--out", "notebook-output/churn-tree.json", "--force", "--format", "json")
churn("rules", "notebook-output/churn-tree.json")
"""),
    ]


def segmentation():
    return "segmentation.ipynb", [
        md(f"""
# Customer segmentation

k-means with k = 4 on the standardized tenure and charges of `{DATA}`, profiled with the churn
label. {INTRO}
"""),
        code(SETUP),
        code(f"""
seg = churn("segment", "{DATA}", "--k", "4", "--features", "tenure_months,monthly_charges,total_charges",
            "--target", "churned", "--seed", "42", "--format", "json")
print(f"k = {{seg['k']}}: inertia {{fmt(seg['inertia'], 5)}}, silhouette {{fmt(seg['silhouette'])}} "
      f"on {{seg['silhouetteRows']}} customers, {{seg['iterations']}} iterations")
"""),
        md("## Profiles\n\nOne column per segment; numeric rows are means, categorical rows the most common level and its share."),
        code("""
segments = seg["segments"]
rows = [{"": "customers", **{f"segment {s['id']}": s["size"] for s in segments}, "all": sum(s["size"] for s in segments)},
        {"": "share", **{f"segment {s['id']}": percent(s["share"]) for s in segments}, "all": "100.0%"},
        {"": "churn rate", **{f"segment {s['id']}": percent(s["churnRate"]) for s in segments},
         "all": percent(seg["overallChurnRate"])},
        {"": "lift", **{f"segment {s['id']}": s["lift"] for s in segments}, "all": 1.0}]
for k, feature in enumerate(segments[0]["profile"]):
    if feature["kind"] == "numeric":
        rows.append({"": feature["column"] + " (mean)", **{f"segment {s['id']}": s["profile"][k]["mean"] for s in segments},
                     "all": feature["overallMean"]})
    elif feature.get("topLevels"):
        top = lambda f: f"{f['topLevels'][0]['level']} {percent(f['topLevels'][0]['share'], 0)}" if f.get("topLevels") else ""
        common = max(feature["topLevels"], key=lambda level: level["overallShare"])
        rows.append({"": feature["column"], **{f"segment {s['id']}": top(s["profile"][k]) for s in segments},
                     "all": f"{common['level']} {percent(common['overallShare'], 0)}"})
table(rows, [("", "")] + [(f"segment {s['id']}", f"segment {s['id']}") for s in segments] + [("all", "all")])
"""),
        code("""
bar_chart("Churn rate by segment", "segment", "churn rate", [(str(s["id"]), s["churnRate"]) for s in segments],
          reference=(seg["overallChurnRate"], f"all customers ({percent(seg['overallChurnRate'])})"))
"""),
        md("## Each segment against the customer base\n\nNumeric means as an index: 100 is the average customer."),
        code("""
for s in segments:
    numeric = [f for f in s["profile"] if f["kind"] == "numeric" and f["overallMean"]]
    bar_chart(f"Segment {s['id']}: {s['size']} customers, churn {percent(s['churnRate'])}", "feature", "index",
              [(f["column"], 100 * f["mean"] / f["overallMean"]) for f in numeric], reference=(100, "average = 100"))
"""),
    ]


def axa_experiment():
    n = AXA_POLICYHOLDERS
    return "axa-experiment.ipynb", [
        md(f"""
# The AXA retention experiment, rehearsed

The experiment AXA ran on about 2,000,000 car-insurance policyholders, rehearsed on {n:,} simulated
ones (scenario `axa`): score the portfolio, split it into a high-risk tier (top 20%) and a low-risk
tier, keep a random 10% no-action control group in each tier and split the rest between a call
(cost 15) and a discount (cost 40); check the power, simulate the outcomes and analyse every tier
and arm against its tier's control, pooled over tiers (Mantel-Haenszel), with the value retained
(premium kept). The scenario knows one action, so both arms get the same true effect and their
churn rates agree within sampling error (`experiment simulate --arm-effect discount=1.5` would make
the discount half as strong again). {INTRO}
"""),
        code(SETUP),
        md("## Design"),
        code(f"""
churn("experiment", "simulate", "--customers", "{n}", "--seed", "1", "--out", "notebook-output/axa-portfolio.csv", "--force")
churn("experiment", "design", "notebook-output/axa-portfolio.csv", "--score-column", "score",
      "--top-fractions", "0.2", "--arms", "call", "discount", "--control", "0.1", "--seed", "2",
      "--out", "notebook-output/axa-assignment.csv", "--force")
"""),
        code("""
power = churn("experiment", "power", "--assignment", "notebook-output/axa-assignment.csv", "--format", "json")
table(power, [("tier", "tier"), ("arm", "arm"), ("control", "control"), ("treated", "treated"),
              ("churn rate", "baseline"), ("from", "baselineSource"),
              ("detectable reduction", lambda r: percent(r["minimumDetectableRelativeReduction"], 2))],
      caption="minimal detectable relative reduction (alpha 0.05, power 0.8)")
"""),
        md("## Results"),
        code("""
churn("experiment", "simulate", "--assignment", "notebook-output/axa-assignment.csv", "--seed", "1",
      "--outcome-seed", "3", "--out", "notebook-output/axa-outcomes.csv", "--force")
result = churn("experiment", "analyze", "notebook-output/axa-outcomes.csv", "--assignment", "notebook-output/axa-assignment.csv",
               "--value-column", "premium", "--cost", "call=15", "--cost", "discount=40", "--format", "json")
interval = lambda r, key: f"{percent(r[key])} [{percent(r[key + 'Lower'])}, {percent(r[key + 'Upper'])}]"
table(result["cells"], [("tier", "tier"), ("arm", "arm"), ("customers", "n"), ("churn rate", lambda r: percent(r["rate"], 2)),
                        ("control", "controlN"), ("control rate", lambda r: percent(r["controlRate"], 2)),
                        ("reduction [95%]", lambda r: interval(r, "relativeReduction")), ("p (Holm)", "adjustedPValue")],
      caption="every tier and arm against its tier's control")
table(result["pooled"] + [result["overall"]],
      [("arm", "arm"), ("reduction [95%]", lambda r: interval(r, "relativeReduction")), ("p", "pValue")],
      caption="pooled over tiers (Mantel-Haenszel)")
"""),
        code("""
cells = result["cells"]
bar_chart("Relative reduction in cancellations", "tier / arm", "reduction", [(f"{c['tier']}/{c['arm']}", c["relativeReduction"]) for c in cells],
          intervals=[(c["relativeReductionLower"], c["relativeReductionUpper"]) for c in cells], reference=(0, "no effect"))
"""),
        md("## Value\n\nValue retained is the premium kept; net value subtracts the cost of the actions."),
        code("""
money = lambda r, key: f"{r[key]:,.0f} [{r[key + 'Lower']:,.0f}, {r[key + 'Upper']:,.0f}]"
table(cells, [("tier", "tier"), ("arm", "arm"), ("treated", lambda c: c["economics"]["customersTreated"]),
              ("customers retained [95%]", lambda c: money(c["economics"], "customersRetained")),
              ("value retained [95%]", lambda c: money(c["economics"], "valueRetained")),
              ("cost", lambda c: f"{c['economics']['actionCost']:,}"),
              ("net value [95%]", lambda c: money(c["economics"], "netValue"))])
bar_chart("Net value per tier and arm", "tier / arm", "net value", [(f"{c['tier']}/{c['arm']}", c["economics"]["netValue"]) for c in cells],
          intervals=[(c["economics"]["netValueLower"], c["economics"]["netValueUpper"]) for c in cells], reference=(0, "break-even"))
"""),
    ]


def uplift():
    n = UPLIFT_POLICYHOLDERS

    def sample(name, seed, outcome_seed):
        return f"""
churn("experiment", "simulate", "--customers", "{n}", "--seed", "{seed}", "--out", "notebook-output/{name}-portfolio.csv", "--force")
churn("experiment", "design", "notebook-output/{name}-portfolio.csv", "--score-column", "score", "--top-fractions", "0.2",
      "--control", "0.5", "--seed", "{seed}", "--out", "notebook-output/{name}-assignment.csv", "--force")
churn("experiment", "simulate", "--assignment", "notebook-output/{name}-assignment.csv", "--seed", "{seed}",
      "--outcome-seed", "{outcome_seed}", "--out", "notebook-output/{name}-outcomes.csv", "--force")
join_csv("notebook-output/{name}.csv", "id", "notebook-output/{name}-portfolio.csv",
         "notebook-output/{name}-assignment.csv", "notebook-output/{name}-outcomes.csv")
"""

    return "uplift.ipynb", [
        md(f"""
# Uplift: whom does the action change?

Two randomized samples of {n:,} simulated policyholders each (scenario `axa`, half of every tier
treated with one action, half kept as control): an uplift model (two logistic models) is fitted on
the first and evaluated on the second, with the Qini and uplift curves and the targeting of a 30%
budget by uplift against by churn risk. The scenario has sleeping dogs (customers whom the action
makes cancel) and lost causes, so the riskiest customers are not the ones to contact. {INTRO}
"""),
        code(SETUP),
        md("## Two randomized samples\n\nEach sample joins the portfolio, the assignment and the outcomes on the policy id."),
        code(sample("uplift-train", 1, 3)),
        code(sample("uplift-test", 5, 6)),
        md("## The uplift model"),
        code("""
churn("uplift", "train", "notebook-output/uplift-train.csv", "--treatment", "group", "--control", "control",
      "--outcome", "churned", "--churn-outcome", "--features", "age,tenure,premium,claims,channel,payment_frequency,vehicle_age,region",
      "--out", "notebook-output/uplift-model.json", "--force")
ev = churn("uplift", "evaluate", "notebook-output/uplift-model.json", "notebook-output/uplift-test.csv",
           "--treatment", "group", "--control", "control", "--outcome", "churned", "--churn-outcome",
           "--risk-column", "score", "--k", "0.3", "--format", "json")
print(f"{ev['response']}: Qini coefficient {fmt(ev['qiniCoefficient'])}, AUUC {fmt(ev['auuc'])}, "
      f"uplift@30% {percent(ev['upliftAtKOverall'], 2)} (overall), {percent(ev['upliftAtKByGroup'], 2)} (by group)")
"""),
        md("""
## Uplift and Qini curves

Per decile of predicted uplift (1 = highest): the measured uplift in retention (treated rate minus
control rate) with its 95% interval, and the Qini curve at decile resolution: the extra retained
customers among the top x% had all of them been treated, from the decile counts.
"""),
        code("""
deciles = ev["percentiles"]
bar_chart("Measured uplift by decile of predicted uplift", "decile (1 = highest predicted uplift)", "uplift",
          [(str(k + 1), d["uplift"]) for k, d in enumerate(deciles)],
          intervals=[(d["uplift"] - 1.96 * d["upliftStandardError"], d["uplift"] + 1.96 * d["upliftStandardError"]) for d in deciles],
          reference=(0, "no effect"))
points, nt, yt, nc, yc = [(0, 0)], 0, 0.0, 0, 0.0
for k, d in enumerate(deciles):
    nt += d["treatedCount"]; yt += d["treatedRate"] * d["treatedCount"]
    nc += d["controlCount"]; yc += d["controlRate"] * d["controlCount"]
    points.append((10 * (k + 1), yt - yc * nt / nc))
line_chart("Qini curve (deciles)", "customers targeted, highest predicted uplift first (%)", "extra customers retained",
           [{"name": "uplift model", "points": points, "markers": True},
            {"name": "random targeting", "points": [(0, 0), (100, points[-1][1])], "dashed": True}],
           (0, 100), (min(0, min(y for _, y in points)), max(y for _, y in points) * 1.1))
"""),
        md("## Targeting a 30% budget"),
        code("""
t = ev["targeting"]
bar_chart(f"Customers retained by contacting {t['targeted']:,} ({percent(t['budgetFraction'], 0)})", "who is contacted",
          "customers retained", [("at random", t["retainedAtRandom"]), ("riskiest", t["retainedByRisk"]),
                                 ("highest uplift", t["retainedByUplift"])], reference=(0, "no one retained"))
"""),
    ]


def retention_curves():
    survivors = "1000,869,743,653,593,551,517,491"
    return "retention-curves.ipynb", [
        md(f"""
# Retention curves and lifetime value

Contractual churn: Kaplan-Meier retention curves of the bundled `datasets/telecom-plans-states.csv`
(account length in days; churn is the event) by international plan, with the log-rank test; and a
cohort projection with the shifted-beta-geometric model on the "regular" cohort of Fader and Hardie
(2007, "How to project customer retention", J. Interactive Marketing 21(1)), whose published fit is
alpha 0.704, beta 1.182. Then non-contractual customers, who leave without saying so: BG/NBD and
Gamma-Gamma fitted to the bundled purchase log `{PURCHASES}` (2,000 customers simulated by
`churn generate --kind purchases` from CDNOW's published parameters, on CDNOW's calendar), checked
on a hold-out period and against the parameters the log was drawn from, then P(alive) and lifetime
value per customer. {INTRO}
"""),
        code(SETUP),
        md("## Kaplan-Meier by international plan"),
        code("""
km = churn("survival", "curve", "datasets/telecom-plans-states.csv", "--duration", "account_length", "--event", "churn",
           "--event-label", "yes", "--group", "international_plan", "--at", "30,60,90,120,150,180,210",
           "--plot", "notebook-output/retention-by-plan.svg", "--force", "--format", "json")
show_svg("notebook-output/retention-by-plan.svg")
lr = km["logRank"]
print(f"log-rank: chi-square {fmt(lr['statistic'], 4)} on {lr['degreesOfFreedom']} degree(s) of freedom, p {fmt(lr['pValue'])}")
"""),
        code("""
rows = []
for g in km["groups"]:
    for r in g["table"]:
        rows.append({"plan": g["group"], "day": r["time"], "at risk": r["atRisk"], "retained": percent(r["survival"]),
                     "95% interval": f"{percent(r['lower'])} to {percent(r['upper'])}"})
table([{"plan": g["group"], "customers": g["customers"], "churned": g["events"], "median lifetime (days)": g["medianLifetime"]}
       for g in km["groups"]], [(k, k) for k in ["plan", "customers", "churned", "median lifetime (days)"]])
table(rows, [(k, k) for k in ["plan", "day", "at risk", "retained", "95% interval"]])
"""),
        md("## Projecting a cohort (shifted-beta-geometric)"),
        code(f"""
churn("retention", "project", "--survivors", "{survivors}", "--years", "12",
      "--plot", "notebook-output/retention-projection.svg", "--force")
show_svg("notebook-output/retention-projection.svg")
"""),
        md("""
## Lifetime value from a purchase log (BG/NBD and Gamma-Gamma)

Calibration: 1997-01-01 to 1997-09-30 (39 weeks); hold-out: to 1998-06-30, as Fader, Hardie and Lee
(2005) split CDNOW. The log was drawn from r 0.243, alpha 4.414, a 0.793, b 2.426 (purchases) and
p 6.25, q 3.74, gamma 15.44 (spend), so each estimate can be compared with the truth. With 2,000
customers and 39 weeks, the purchase rates (r, alpha) are found within a standard error or so; the
dropout parameters a and b are the least identified (here b is about 4 standard errors low, and the
symmetric standard errors understate how skewed their uncertainty is); on 20,000 simulated customers
every estimate is within 2 standard errors (`SyntheticPurchaseLogTests`).
"""),
        code(f"""
fit = churn("lifetime", "fit", "{PURCHASES}", "--customer", "customer", "--date", "date", "--amount", "amount",
            "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--out", "notebook-output/lifetime-model.json",
            "--plot", "notebook-output/lifetime-check.svg", "--force", "--format", "json")
truth = {{"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426, "p": 6.25, "q": 3.74, "gamma": 15.44}}
rows = [{{"model": f["model"], "parameter": q["name"], "estimate": fmt(q["estimate"], 4),
          "standard error": fmt(q["standardError"], 3), "true": truth[q["name"]]}}
        for f in (fit["repeatPurchases"], fit["spend"]) for q in f["parameters"]]
print(f"{{fit['customers']}} customers, {{fit['repeaters']}} repeat buyers, {{fit['repeatOccasions']}} repeat purchases in calibration, "
      f"{{fit['holdoutOccasions']}} in the hold-out")
table(rows, [(k, k) for k in ["model", "parameter", "estimate", "standard error", "true"]])
show_svg("notebook-output/lifetime-check.svg")
"""),
        code(f"""
value = churn("lifetime", "predict", "notebook-output/lifetime-model.json", "{PURCHASES}", "--customer", "customer",
              "--date", "date", "--amount", "amount", "--horizon", "12", "--out", "notebook-output/lifetime-values.csv",
              "--plot", "notebook-output/lifetime-alive.svg", "--force", "--format", "json")
print(f"at {{value['cutoff']}}: mean P(alive) {{fmt(value['meanProbabilityAlive'])}}, {{fmt(value['expectedPurchases'], 4)}} purchases "
      f"and {{fmt(value['totalLifetimeValue'], 6)}} of value expected over {{value['horizonMonths']}} months")
table([{{"repeat purchases": g["group"], "customers": g["customers"], "mean P(alive)": fmt(g["meanProbabilityAlive"]),
         "mean expected purchases": fmt(g["meanExpectedPurchases"]), "mean lifetime value": fmt(g["meanLifetimeValue"], 4)}}
       for g in value["byFrequency"]],
      [(k, k) for k in ["repeat purchases", "customers", "mean P(alive)", "mean expected purchases", "mean lifetime value"]])
show_svg("notebook-output/lifetime-alive.svg")
"""),
    ]


NOTEBOOKS = [churn_model_report, segmentation, axa_experiment, uplift, retention_curves]


def version():
    binary = os.environ.get("CHURN") or str(ROOT / "Benchmarks/.build/release/churn")
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def execute(nb):
    """Executes `nb` top to bottom in a fresh python3 kernel started in notebooks-export/."""
    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(EXPORT)}})
    client.execute()
    return nb


def commands(nb):
    return [line[2:] for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])
            if out.get("output_type") == "stream" for line in out.get("text", "").splitlines() if line.startswith("$ churn")]


def export():
    churnkit = version()
    for make in NOTEBOOKS:
        name, cells = make()
        nb = nbformat.v4.new_notebook()
        nb.cells = cells
        for k, cell in enumerate(nb.cells):  # stable ids, so that a re-export diffs only in what changed
            cell.id = f"cell-{k}"
        nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.metadata.language_info = {"name": "python"}
        print(f"executing {name} ...", file=sys.stderr)
        execute(nb)
        nb.metadata.churnkit = {"version": churnkit, "commands": commands(nb),
                                "exported_by": "scripts/export-notebooks.sh",
                                "volatile": "the elapsed times the commands print (\"0.27 s\"); see scripts/notebooks.py VOLATILE"}
        nbformat.write(nb, EXPORT / name)
        print(f"wrote notebooks-export/{name}", file=sys.stderr)


def normalized(outputs):
    """The outputs of a cell as comparable text: types, streams and data, volatile fields normalized."""
    merged = []
    for out in outputs:  # how a kernel splits one cell's prints into stream outputs depends on timing
        if merged and out.get("output_type") == "stream" and merged[-1].get("output_type") == "stream" \
                and merged[-1].get("name") == out.get("name"):
            merged[-1] = {**merged[-1], "text": merged[-1]["text"] + out.get("text", "")}
        else:
            merged.append(out)
    lines = []
    for out in merged:
        kind = out.get("output_type")
        if kind == "stream":
            text = out.get("text", "")
            lines.append(f"[{out.get('name')}]")
        elif kind in ("display_data", "execute_result"):
            data = out.get("data", {})
            text = "\n".join(f"<{mime}>\n{value if isinstance(value, str) else ''.join(value)}" for mime, value in sorted(data.items()))
            lines.append(f"[{kind}]")
        elif kind == "error":
            text = f"{out.get('ename')}: {out.get('evalue')}"
            lines.append("[error]")
        else:
            text = str(out)
        for pattern, replacement in VOLATILE:
            text = pattern.sub(replacement, text)
        lines += text.splitlines()
    return lines


def check(paths):
    """Re-executes each stored notebook in a fresh kernel; returns the number of failing notebooks."""
    failures = 0
    for path in paths:
        stored = nbformat.read(path, as_version=4)
        fresh = copy.deepcopy(stored)
        for cell in fresh.cells:
            if cell.cell_type == "code":
                cell.outputs = []
        try:
            execute(fresh)
        except CellExecutionError as error:
            print(f"FAIL {path}: a cell raised an error:\n{str(error)[:2000]}")
            failures += 1
            continue
        differences = []
        for index, (old, new) in enumerate(zip(stored.cells, fresh.cells)):
            if old.cell_type != "code":
                continue
            a, b = normalized(old.outputs), normalized(new.outputs)
            if a != b:
                diff = list(difflib.unified_diff(a, b, "stored", "re-executed", lineterm="", n=1))
                differences.append(f"cell {index}:\n" + "\n".join(line[:300] for line in diff[:40]))
        if differences:
            print(f"FAIL {path}: outputs differ from the stored ones\n" + "\n".join(differences))
            failures += 1
        else:
            print(f"ok   {path}: {sum(c.cell_type == 'code' for c in stored.cells)} code cells reproduce their stored outputs")
    return failures


def self_test():
    """Edits one stored output of a notebook (a copy) and requires `check` to fail on it."""
    source = EXPORT / "segmentation.ipynb"
    nb = nbformat.read(source, as_version=4)
    stream = next(o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                  if o.get("output_type") == "stream" and "silhouette" in o.get("text", ""))
    stream["text"] = stream["text"].replace("silhouette", "silhouette (edited)", 1)
    with tempfile.TemporaryDirectory() as directory:
        edited = Path(directory) / source.name
        nbformat.write(nb, edited)
        if check([edited]) == 0:
            print("FAIL self-test: the check passed a notebook whose stored output was edited")
            return 1
    print("ok   self-test: the check fails on a notebook with one edited output")
    return 0


def main(argv):
    command = argv[1] if len(argv) > 1 else "check"
    if command == "export":
        export()
        return 0
    if command == "check":
        paths = [Path(p) for p in argv[2:]] or sorted(EXPORT.glob("*.ipynb"))
        return 1 if check(paths) else 0
    if command == "self-test":
        return self_test()
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
