"""Run ChurnKit and the Python reference side by side, interleaved, and print one row per task.

Each `tasks_*.py` module beside this file defines `TASKS`, a list of `Task`. For every repetition
the two sides of every task run back to back (their order alternates between repetitions), so
both see the same machine load; the table reports the median seconds of each side and the ratio
reference / ChurnKit (above 1: ChurnKit is faster).
"""
import argparse
import importlib
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from task import Task  # noqa: E402


def load_tasks():
    tasks = []
    for path in sorted(pathlib.Path(__file__).parent.glob("tasks_*.py")):
        tasks.extend(importlib.import_module(path.stem).TASKS)
    return tasks


def run_swift(runner, task, context):
    out = subprocess.run([runner, task.swift_task, *task.swift_args(context)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runner", required=True, help="path of the ChurnKitCompare executable")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per side (default 3)")
    parser.add_argument("--only", default="", help="run only tasks whose name starts with this")
    parser.add_argument("--workdir", default="", help="where generated data is kept (default: a temp dir)")
    parser.add_argument("--json", default="", help="also write the rows to this JSON file")
    args = parser.parse_args()

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
                else:
                    ours.append(run_swift(args.runner, task, context))
        ref_s = statistics.median(r["seconds"] for r in ref)
        our_s = statistics.median(r["seconds"] for r in ours)
        row = {"task": task.name, "reference": task.reference_name, "referenceSeconds": ref_s,
               "churnkitSeconds": our_s, "ratio": ref_s / our_s,
               "referenceExtra": {k: v for k, v in ref[-1].items() if k != "seconds"},
               "churnkitExtra": {k: v for k, v in ours[-1].items() if k not in ("seconds", "task")}}
        rows.append(row)
        print(f"{task.name}: {task.reference_name} {ref_s:.4f} s, ChurnKit {our_s:.4f} s, "
              f"ratio {ref_s / our_s:.2f}x", file=sys.stderr, flush=True)

    print(f"{'task':<32} {'reference':<28} {'ref s':>9} {'ChurnKit s':>11} {'ratio':>7}  notes")
    for r in rows:
        notes = "; ".join(f"{k}={v}" for k, v in {**{f'ref.{k}': v for k, v in r['referenceExtra'].items()},
                                                   **{f'ck.{k}': v for k, v in r['churnkitExtra'].items()}}.items())
        print(f"{r['task']:<32} {r['reference']:<28} {r['referenceSeconds']:>9.4f} "
              f"{r['churnkitSeconds']:>11.4f} {r['ratio']:>6.2f}x  {notes}")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
