"""The description of one side-by-side comparison task."""
import dataclasses
import pathlib
from typing import Callable


@dataclasses.dataclass
class Task:
    """One row of the comparison.

    name: dotted benchmark name (e.g. "csv.read.n1000000.d33").
    reference_name: what the Python side runs (e.g. "pandas.read_csv").
    prepare: writes the shared input data into the work directory (reusing it when present) and
        returns a context dict for both sides.
    reference: runs the Python side once; returns {"seconds": float, ...extra figures}.
    swift_task: the ChurnKitCompare task name.
    swift_args: the ChurnKitCompare arguments for a context.
    """
    name: str
    reference_name: str
    prepare: Callable[[pathlib.Path], dict]
    reference: Callable[[dict], dict]
    swift_task: str
    swift_args: Callable[[dict], list]
