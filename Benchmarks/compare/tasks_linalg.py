"""LinearAlgebra comparison tasks. gram: XᵀX of a 1,000,000 x 32 matrix through Matrix.gram()
(dsyrk) against numpy's `x.T @ x` (which numpy also routes to syrk). gemm: a 2000 x 2000 matrix product through ChurnKit's Matrix.multiply
against numpy's `@` and against OpenBLAS's cblas_dgemm called from a small C program
(gemm_c.c, compiled once into the work directory with the system OpenBLAS that ChurnKit links).

Which OpenBLAS each side uses: ChurnKit and the C program link the system OpenBLAS (Debian's
0.3.21 here, kernels chosen at load time; both report `openblas_get_config()` as `blas`). numpy
bundles its own OpenBLAS (scipy-openblas, 0.3.31 with numpy 2.4): a different build with its own
kernel choice, named in the reference column from threadpoolctl. So `gemm.n2000.c` compares the
same library; `gemm.n2000` compares two OpenBLAS builds.

Every side makes one warm-up product, then times one product of seeded uniform [0, 1) matrices,
and reports GFLOP/s = 2 n³ / seconds / 1e9 as an extra figure. Against numpy both sides allocate
the result (`Matrix.multiply(a, b)` vs `a @ b`); against C both write into the warm-up's C
(`Matrix.multiply(a, b, beta: 0, into: &c)` vs cblas_dgemm on the same buffer).
"""
import json
import pathlib
import shlex
import subprocess
import time

import numpy as np

from task import Task, size

N = size(2000, 200)
GRAM_ROWS = size(1_000_000, 20_000)
HERE = pathlib.Path(__file__).parent


def numpy_openblas():
    """numpy's BLAS as threadpoolctl reports it, e.g. "OpenBLAS 0.3.31 SkylakeX"."""
    from threadpoolctl import threadpool_info
    for info in threadpool_info():
        if info.get("user_api") == "blas":
            return f"{info.get('internal_api')} {info.get('version')} {info.get('architecture')}"
    return "unknown BLAS"


def prepare_numpy(workdir):
    return {"n": N}


def prepare_c(workdir):
    binary = workdir / "gemm_c"
    source = HERE / "gemm_c.c"
    if not binary.exists() or binary.stat().st_mtime < source.stat().st_mtime:
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "openblas"],
                               check=True, capture_output=True, text=True).stdout
        subprocess.run(["cc", "-O2", str(source), *shlex.split(flags), "-o", str(binary)], check=True)
    return {"n": N, "binary": str(binary)}


def numpy_gemm(context):
    n = context["n"]
    rng = np.random.default_rng(42)
    a = rng.random((n, n))
    b = rng.random((n, n))
    a @ b  # warm-up
    start = time.perf_counter()
    c = a @ b
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "gflops": round(2 * n ** 3 / seconds / 1e9, 1), "checksum": float(c.sum())}


def numpy_gram(context):
    rng = np.random.default_rng(42)
    x = rng.random((context["rows"], context["columns"]))
    x.T @ x  # warm-up
    start = time.perf_counter()
    g = x.T @ x
    seconds = time.perf_counter() - start
    flops = context["rows"] * context["columns"] * (context["columns"] + 1)
    return {"seconds": seconds, "gflops": round(flops / seconds / 1e9, 1), "trace": float(np.trace(g))}


def c_gemm(context):
    out = subprocess.run([context["binary"], str(context["n"])], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


TASKS = [
    Task(name=f"gram.n{GRAM_ROWS}.d32", reference_name="numpy x.T @ x", prepare=lambda _: {"rows": GRAM_ROWS, "columns": 32},
         reference=numpy_gram, swift_task="gram", swift_args=lambda c: [str(c["rows"]), str(c["columns"])]),
    Task(name=f"gemm.n{N}", reference_name=f"numpy @ ({numpy_openblas()})", prepare=prepare_numpy,
         reference=numpy_gemm, swift_task="gemm", swift_args=lambda context: [str(context["n"])]),
    Task(name=f"gemm.n{N}.c", reference_name="OpenBLAS cblas_dgemm from C", prepare=prepare_c,
         reference=c_gemm, swift_task="gemm", swift_args=lambda context: [str(context["n"]), "into"]),
]
