"""The description of one side-by-side comparison task, and the sizes of the smoke run."""
import dataclasses
import os
import pathlib
from typing import Callable, Optional

# `compare.py --smoke` sets this before the task modules are imported: every task then runs at a
# small size (seconds in all), to check in CI that both sides still run and agree.
SMOKE = os.environ.get("CHURNKIT_COMPARE_SMOKE") == "1"


def size(full: int, smoke: int) -> int:
    """The size of a task: `full` normally, `smoke` in a smoke run."""
    return smoke if SMOKE else full


@dataclasses.dataclass
class Task:
    """One row of the comparison.

    name: dotted benchmark name (e.g. "csv.read.n1000000.d33").
    reference_name: what the Python side runs (e.g. "pandas.read_csv").
    prepare: writes the shared input data into the work directory (reusing it when present) and
        returns a context dict for both sides.
    reference: runs the Python side once; returns {"seconds": float, ...extra figures}.
    swift_task: the ChurnKitCompare task name (unused when `churn_args` is set).
    swift_args: the ChurnKitCompare arguments for a context.
    churn_args: when set, the ChurnKit side is the `churn` command with these arguments, timed
        from the outside as a whole process (start-up and model loading included) with its peak
        resident memory.
    """
    name: str
    reference_name: str
    prepare: Callable[[pathlib.Path], dict]
    reference: Callable[[dict], dict]
    swift_task: str = ""
    swift_args: Callable[[dict], list] = lambda context: []
    churn_args: Optional[Callable[[dict], list]] = None
