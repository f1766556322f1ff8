"""Run ChurnKit and the Python reference side by side, interleaved, and print one row per task.

Each `tasks_*.py` module beside this file defines `TASKS`, a list of `Task`; its docstring says
what both clocks contain. For every repetition the two sides of a task run back to back (their
order alternates between repetitions), so both see the same machine load. Every repetition is
printed; the table gives each side's min / median / max seconds and the ratio of the medians,
reference / ChurnKit (above 1: ChurnKit is faster), with the min and max of the per-repetition
ratios.
"""
import argparse
import importlib
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE))


def load_tasks():
    from task import Task  # noqa: F401  (imported after SMOKE is set)
    tasks = []
    for path in sorted(HERE.glob("tasks_*.py")):
        tasks.extend(importlib.import_module(path.stem).TASKS)
    return tasks


def run_swift(runner, task, context):
    out = subprocess.run([runner, task.swift_task, *task.swift_args(context)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_churn(churn, task, context):
    """Runs `churn ARGS` and returns its wall seconds and peak resident memory (MB)."""
    start = time.perf_counter()
    process = subprocess.Popen([churn, *task.churn_args(context)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stdout, stderr = process.stdout.read(), process.stderr.read()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"churn {' '.join(task.churn_args(context))} failed: {stderr.decode()[-2000:]}")
    return {"seconds": seconds, "peakMB": round(usage.ru_maxrss / 1024, 1)}


def spread(values):
    return min(values), statistics.median(values), max(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runner", required=True, help="path of the ChurnKitCompare executable")
    parser.add_argument("--churn", default="", help="path of the churn executable (tasks that time the CLI)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per side (default 3)")
    parser.add_argument("--only", default="", help="run only tasks whose name starts with this")
    parser.add_argument("--smoke", action="store_true", help="every task at a small size, to check that it runs")
    parser.add_argument("--workdir", default="", help="where generated data is kept (default: a temp dir)")
    parser.add_argument("--json", default="", help="also write the rows to this JSON file")
    args = parser.parse_args()
    if args.smoke:
        os.environ["CHURNKIT_COMPARE_SMOKE"] = "1"
    os.environ["CHURNKIT_COMPARE_CHURN"] = args.churn

    workdir = pathlib.Path(args.workdir or tempfile.mkdtemp(prefix="churnkit-compare-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    for task in load_tasks():
        if not task.name.startswith(args.only):
            continue
        print(f"preparing {task.name} ...", file=sys.stderr, flush=True)
        context = task.prepare(workdir)
        ref, ours = [], []
        for rep in range(args.repeat):
            order = ("ref", "swift") if rep % 2 == 0 else ("swift", "ref")
            for side in order:
                if side == "ref":
                    ref.append(task.reference(context))
                elif task.churn_args is not None:
                    ours.append(run_churn(args.churn, task, context))
                else:
                    ours.append(run_swift(args.runner, task, context))
            print(f"  {task.name} rep {rep + 1}: {task.reference_name} {ref[-1]['seconds']:.4f} s, "
                  f"ChurnKit {ours[-1]['seconds']:.4f} s, ratio {ref[-1]['seconds'] / ours[-1]['seconds']:.2f}x",
                  file=sys.stderr, flush=True)
        ref_s = spread([r["seconds"] for r in ref])
        our_s = spread([r["seconds"] for r in ours])
        ratios = [r["seconds"] / o["seconds"] for r, o in zip(ref, ours)]
        row = {"task": task.name, "reference": task.reference_name,
               "referenceSeconds": ref_s[1], "churnkitSeconds": our_s[1], "ratio": ref_s[1] / our_s[1],
               "referenceMinMedianMax": ref_s, "churnkitMinMedianMax": our_s,
               "ratioMinMax": (min(ratios), max(ratios)),
               "referenceRuns": [r["seconds"] for r in ref], "churnkitRuns": [o["seconds"] for o in ours],
               "referenceExtra": {k: v for k, v in ref[-1].items() if k != "seconds"},
               "churnkitExtra": {k: v for k, v in ours[-1].items() if k not in ("seconds", "task")}}
        rows.append(row)

    print(f"{'task':<34} {'reference':<34} {'ref s min/med/max':>26} {'ChurnKit s min/med/max':>26} "
          f"{'ratio (min-max)':>18}  notes")
    for r in rows:
        notes = "; ".join(f"{k}={v}" for k, v in {**{f'ref.{k}': v for k, v in r['referenceExtra'].items()},
                                                   **{f'ck.{k}': v for k, v in r['churnkitExtra'].items()}}.items())
        ref_text = "/".join(f"{v:.4f}" for v in r["referenceMinMedianMax"])
        our_text = "/".join(f"{v:.4f}" for v in r["churnkitMinMedianMax"])
        ratio = f"{r['ratio']:.2f}x ({r['ratioMinMax'][0]:.2f}-{r['ratioMinMax'][1]:.2f})"
        print(f"{r['task']:<34} {r['reference']:<34} {ref_text:>26} {our_text:>26} {ratio:>18}  {notes}")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
