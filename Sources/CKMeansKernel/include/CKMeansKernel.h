// The fused k-means assignment kernel: nearest centroid, distance, counts and centroid sums of a
// block of rows in one pass, with an AVX2 path chosen at run time and a portable fallback.
#ifndef CKMEANSKERNEL_H
#define CKMEANSKERNEL_H

#include <stdint.h>

/// Doubles of the workspace that `ck_kmeans_prepare` fills for `k` centroids of `d` features.
long ck_kmeans_workspace_count(long k, long d);

/// Lays out the centroids for the kernel: Cᵀ (d rows of k padded to a multiple of 8, zeros in the
/// padding) followed by ‖c_j‖² (padded with +infinity, so padding never wins).
void ck_kmeans_prepare(const double *centroids, const double *centroid_norms, long k, long d, double *workspace);

/// 1 when the AVX2 path runs on this processor, else 0.
int ck_kmeans_has_avx2(void);

/// For rows x[0..<m] (row-major, d features): g_j = ‖c_j‖² − 2 x·c_j (the dot product summed in
/// feature order, separate multiply and add), label = the lowest j minimizing g_j, counts[label] += 1,
/// sums[label * d + f] += x_f (when sums is not NULL). Returns Σ max(0, row_norms[i] + min_j g_j),
/// summed in row order. Uses the AVX2 path when available; both paths give bitwise equal results.
double ck_kmeans_assign(const double *workspace, long k, long d, const double *x, long m,
                        const double *row_norms, int32_t *labels, long *counts, double *sums);

/// `ck_kmeans_assign` by the portable path only.
double ck_kmeans_assign_portable(const double *workspace, long k, long d, const double *x, long m,
                                 const double *row_norms, int32_t *labels, long *counts, double *sums);

/// `ck_kmeans_assign` by the AVX2 path only; call it only when `ck_kmeans_has_avx2()` is 1.
double ck_kmeans_assign_avx2(const double *workspace, long k, long d, const double *x, long m,
                             const double *row_norms, int32_t *labels, long *counts, double *sums);

#endif
