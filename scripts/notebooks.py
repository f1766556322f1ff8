"""The ChurnKit notebooks: their export from `churn report`, and the check that they reproduce.

    python scripts/notebooks.py export [NAME ...] # write and execute every notebook (or those named) into notebooks-export/
    python scripts/notebooks.py check [FILE ...]  # re-execute stored notebooks in a fresh kernel, compare outputs
    python scripts/notebooks.py self-test         # the check must fail on an edited output and on a stale cell

Run it with the pinned environment of notebooks-export/requirements.txt (scripts/export-notebooks.sh
and scripts/check-notebooks.sh create it). `check` compares every cell's outputs with the stored
ones after normalizing the volatile fields listed in VOLATILE (the timings the CLI prints); it
fails when a cell errors, when an output differs, when a cell's output count differs, or when the
cells' sources are no longer what `churn report` writes for the notebook (a stale export).
"""

import copy
import difflib
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "notebooks-export"
TIMEOUT = 600

# Volatile fields: (pattern, replacement). The CLI prints elapsed times as "%.2f s" on stderr.
VOLATILE = [(re.compile(r"\b\d+\.\d\d s\b"), "<seconds> s")]

DATA = "datasets/telecom-customers.csv"
PURCHASES = "datasets/purchases.csv"

# Policyholders of the AXA rehearsal (the real case had about 2,000,000).
AXA_POLICYHOLDERS = 2_000_000
# Policyholders of each of the two uplift samples.
UPLIFT_POLICYHOLDERS = 200_000

# Each exported notebook is what `churn report KIND ARGS` writes (its cells live in the CLI,
# Sources/ChurnCLI/Report*Command.swift), run from the repository root on the bundled data.
NOTEBOOKS = [
    ("churn-model-report.ipynb", ["model", DATA, "--target", "churned", "--about",
        f"`{DATA}` holds 5,000 synthetic telecom customers whose churn follows a known model (`datasets/README.md`)."]),
    ("segmentation.ipynb", ["segments", DATA, "--k", "4", "--features", "tenure_months,monthly_charges,total_charges",
        "--target", "churned", "--about",
        f"k-means with k = 4 on the standardized tenure and charges of the 5,000 synthetic telecom customers of `{DATA}`."]),
    ("axa-experiment.ipynb", ["experiment", "--rehearse", str(AXA_POLICYHOLDERS)]),
    ("uplift.ipynb", ["uplift", "--rehearse", str(UPLIFT_POLICYHOLDERS), "--k", "0.3"]),
    ("retention-curves.ipynb", ["lifetime", "--tenure", "datasets/telecom-plans-states.csv", "--duration", "account_length",
        "--event", "churn", "--event-label", "yes", "--group", "international_plan", "--at", "30,60,90,120,150,180,210",
        "--survivors", "1000,631,468,382,326,289,262,241",
        "--purchases", PURCHASES, "--customer", "customer", "--date", "date", "--amount", "amount",
        "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--horizon", "12",
        "--known-parameters", "r=0.243,alpha=4.414,a=0.793,b=2.426,p=6.25,q=3.74,gamma=15.44", "--about", """
Contractual churn: the bundled `datasets/telecom-plans-states.csv` (account length in days; churn is
the event) by international plan, and the "regular" cohort of Fader and Hardie (2007, "How to
project customer retention", J. Interactive Marketing 21(1)), whose published sBG fit is alpha 0.704,
beta 1.182. Non-contractual customers, who leave without saying so: the bundled purchase log
`datasets/purchases.csv` (2,000 customers simulated by `churn generate --kind purchases` from CDNOW's
published parameters, on CDNOW's calendar, split as Fader, Hardie and Lee (2005) split CDNOW: 39
weeks of calibration, then a hold-out). The log was drawn from r 0.243, alpha 4.414, a 0.793, b 2.426
(purchases) and p 6.25, q 3.74, gamma 15.44 (spend), so each estimate can be compared with the truth:
with 2,000 customers and 39 weeks the dropout parameters a and b are the least identified, and the
symmetric standard errors understate how skewed their uncertainty is; on 20,000 simulated customers
every estimate is within 2 standard errors (`SyntheticPurchaseLogTests`).""".strip()]),
]


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


def export(names=()):
    """Writes and executes every notebook (or those named) into notebooks-export/."""
    churnkit = version()
    binary = os.environ.get("CHURN") or str(ROOT / "Benchmarks/.build/release/churn")
    for name, arguments in NOTEBOOKS:
        if names and name not in names:
            continue
        path = EXPORT / name
        subprocess.run([binary, "report", *arguments, "--out", str(path.relative_to(ROOT)), "--force"], cwd=ROOT, check=True)
        nb = nbformat.read(path, as_version=4)
        print(f"executing {name} ...", file=sys.stderr)
        execute(nb)
        nb.metadata.churnkit = {"version": churnkit, "commands": commands(nb),
                                "report": "churn report " + shlex.join(arguments),
                                "exported_by": "scripts/export-notebooks.sh",
                                "volatile": "the elapsed times the commands print (\"0.27 s\"); see scripts/notebooks.py VOLATILE"}
        nbformat.write(nb, path)
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


def stale_sources(path, stored):
    """The cells whose source differs from what `churn report` (metadata.churnkit.report) writes now."""
    report = stored.metadata.get("churnkit", {}).get("report")
    if not report:
        return []
    binary = os.environ.get("CHURN") or str(ROOT / "Benchmarks/.build/release/churn")
    # Written beside the stored notebook, so that its helper cell names the same working directory.
    fresh = Path(path).parent / f".check-{Path(path).name}"
    try:
        subprocess.run([binary, *shlex.split(report)[1:], "--out", str(fresh), "--force"], cwd=ROOT, check=True,
                       capture_output=True, text=True)
        written = nbformat.read(fresh, as_version=4)
    finally:
        fresh.unlink(missing_ok=True)
    old, new = [c.source for c in stored.cells], [c.source for c in written.cells]
    if old == new:
        return []
    diff = list(difflib.unified_diff("\n".join(old).splitlines(), "\n".join(new).splitlines(), "stored", "churn report", lineterm="", n=1))
    return [f"the cells' sources are not what `{report}` writes now (re-export: scripts/export-notebooks.sh):\n"
            + "\n".join(line[:300] for line in diff[:40])]


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
        differences = stale_sources(path, stored)
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
    """Edits one stored output, then one cell's source, of a notebook (copies beside it, so that the
    helper cell names the same working directory) and requires `check` to fail on each."""
    source = EXPORT / "segmentation.ipynb"
    edited = EXPORT / ".self-test-segmentation.ipynb"
    nb = nbformat.read(source, as_version=4)
    stream = next(o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                  if o.get("output_type") == "stream" and "silhouette" in o.get("text", ""))
    stream["text"] = stream["text"].replace("silhouette", "silhouette (edited)", 1)
    stale = nbformat.read(source, as_version=4)
    cell = next(c for c in stale.cells if c.cell_type == "markdown" and c.source.startswith("## Profiles"))
    cell.source = cell.source.replace("Profiles", "Profiles (edited)", 1)
    try:
        for what, notebook in (("one edited output", nb), ("one edited cell source (a stale export)", stale)):
            nbformat.write(notebook, edited)
            if check([edited]) == 0:
                print(f"FAIL self-test: the check passed a notebook with {what}")
                return 1
            print(f"ok   self-test: the check fails on a notebook with {what}")
    finally:
        edited.unlink(missing_ok=True)
    return 0


def main(argv):
    command = argv[1] if len(argv) > 1 else "check"
    if command == "export":
        export(argv[2:])
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
