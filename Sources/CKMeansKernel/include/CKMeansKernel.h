// The fused k-means assignment kernel: nearest centroid, counts, centroid sums and (on request)
// exact distances of a block of rows in one pass over the untranslated data, with an AVX2 path
// or AVX-512 path chosen at run time and a portable fallback that gives bitwise the same results.
#ifndef CKMEANSKERNEL_H
#define CKMEANSKERNEL_H


/// Doubles of the workspace that `ck_kmeans_prepare` fills for `k` centroids of `d` features.
long ck_kmeans_workspace_count(long k, long d);

/// Lays out the centroids for the kernel. `centroids` (k x d, row-major) are in the coordinates
/// translated by `shift` (d values): the data row x is compared with them as z = x − shift.
/// Workspace: −2Cᵀ (d rows of k padded to a multiple of 8, zeros in the padding), then
/// b_j = ‖c_j‖² + 2 shift·c_j (padded with +infinity, so padding never wins), then C row-major.
void ck_kmeans_prepare(const double *centroids, const double *shift, long k, long d, double *workspace);

/// Adds the rows x[0..<m] (row-major, d features) to sums[0..<d], each column in row order.
/// Complexity: O(m d), one read of the rows.
void ck_kmeans_column_sums(const double *x, long m, long d, double *sums);

/// 1 when the AVX2 path runs on this processor (AVX2 and FMA), else 0.
int ck_kmeans_has_avx2(void);

/// 1 when the AVX-512 path runs on this processor (AVX-512F, which implies AVX2), else 0.
int ck_kmeans_has_avx512(void);

/// The path `ck_kmeans_assign` takes on this processor: 0 portable, 1 AVX2, 2 AVX-512.
int ck_kmeans_path(void);

/// What one call reads and accumulates besides the rows.
typedef struct {
    /// m labels: read as the previous assignment (to count changes), written with the new one.
    long *labels;
    /// k counters, incremented for each row's centroid.
    long *counts;
    /// k x d sums of the translated rows z = x − shift per centroid, or NULL not to accumulate.
    double *sums;
    /// Nonzero to add each row's exact squared distance Σ_f (z_f − c_f)² to `distance_sum`; the
    /// squares are summed in eight lanes (lane l takes f = l, l + 8, ... in order), then lanes l and
    /// l + 4, then l and l + 2, then 0 and 1.
    int exact_distances;
    /// Out: rows whose label differs from the one read.
    long changed;
    /// Out: Σ of the exact squared distances (0 unless `exact_distances`).
    double distance_sum;
} ck_kmeans_block;

/// For rows x[0..<m] (row-major, d features, untranslated): g_j = b_j − 2 x·c_j, which is
/// ‖z − c_j‖² − ‖z‖² (the dot product accumulated in feature order by fused multiply-adds),
/// label = the lowest j minimizing g_j; then the counts, sums, changes and distances of `block`.
/// The same operations in the same order on every path, so the paths agree bitwise.
/// Complexity: O(m k d).
void ck_kmeans_assign(const double *workspace, const double *shift, long k, long d, const double *x, long m,
                      ck_kmeans_block *block);

/// `ck_kmeans_assign` by plain loops (every processor).
void ck_kmeans_assign_portable(const double *workspace, const double *shift, long k, long d, const double *x,
                               long m, ck_kmeans_block *block);

/// `ck_kmeans_assign` with AVX2 and FMA (4 rows x 8 centroids at a time); the portable loops where
/// AVX2 is not compiled in. Call only when `ck_kmeans_has_avx2()` is 1.
void ck_kmeans_assign_avx2(const double *workspace, const double *shift, long k, long d, const double *x, long m,
                           ck_kmeans_block *block);

/// `ck_kmeans_assign` with AVX-512F (8 rows x 8 centroids at a time, the last rows by the AVX2
/// path); the portable loops where it is not compiled in. Call only when `ck_kmeans_has_avx512()` is 1.
void ck_kmeans_assign_avx512(const double *workspace, const double *shift, long k, long d, const double *x, long m,
                             ck_kmeans_block *block);

#endif
