// C interface of the system BLAS and LAPACK used by ChurnKit.
// cblas.h comes from OpenBLAS (found through pkg-config `openblas`); lapacke.h from liblapacke-dev,
// because Debian builds OpenBLAS without the LAPACKE symbols.
#ifndef CHURNKIT_COPENBLAS_SHIM_H
#define CHURNKIT_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
