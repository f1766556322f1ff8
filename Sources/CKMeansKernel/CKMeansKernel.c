// The fused k-means assignment: for each row, g_j = ‖c_j‖² − 2 x·c_j for every centroid, the lowest
// index minimizing it, the row's distance max(0, ‖x‖² + min g), and the row added to its centroid's
// sum, in one pass while the row is in registers and cache.
//
// Goals: replace gemm + scan for small k·d, where packing X for the gemm costs more than the
// product. Results do not depend on the path: the dot product is summed in feature order with a
// separate multiply and add (floating-point contraction is off, and the AVX2 path is compiled
// without FMA), ties go to the lowest index (strict comparisons in index order), sums are added
// element-wise in row order. The AVX2 path computes 4 rows x 8 centroids at a time from Cᵀ, with
// eight independent accumulators so that the additions' latency overlaps.
// Reference: S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28 (1982);
// the ‖c‖² − 2x·c expansion as in scikit-learn's `_k_means_lloyd.pyx`.

#pragma STDC FP_CONTRACT OFF

#include "CKMeansKernel.h"
#include <math.h>
#include <stdatomic.h>

static long padded(long k) { return (k + 7) / 8 * 8; }

long ck_kmeans_workspace_count(long k, long d) { return padded(k) * (d + 1); }

void ck_kmeans_prepare(const double *centroids, const double *centroid_norms, long k, long d, double *workspace) {
    long kp = padded(k);
    for (long f = 0; f < d; f++) {
        for (long j = 0; j < kp; j++) workspace[f * kp + j] = j < k ? centroids[j * d + f] : 0.0;
    }
    for (long j = 0; j < kp; j++) workspace[d * kp + j] = j < k ? centroid_norms[j] : INFINITY;
}

/// Stores the label, counts the row, adds it to its centroid's sum; returns the row's distance.
static inline double record(const double *row, long d, long best, double minimum, double row_norm,
                            int32_t *label, long *counts, double *sums) {
    *label = (int32_t)best;
    counts[best] += 1;
    if (sums) {
        double *target = sums + best * d;
        for (long f = 0; f < d; f++) target[f] += row[f];
    }
    double distance = row_norm + minimum;
    return distance > 0 ? distance : 0;
}

double ck_kmeans_assign_portable(const double *workspace, long k, long d, const double *x, long m,
                                 const double *row_norms, int32_t *labels, long *counts, double *sums) {
    long kp = padded(k);
    const double *norms = workspace + d * kp;
    double total = 0;
    for (long i = 0; i < m; i++) {
        const double *row = x + i * d;
        long best = 0;
        double minimum = INFINITY;
        for (long j = 0; j < k; j++) {
            double dot = 0;
            for (long f = 0; f < d; f++) dot = dot + row[f] * workspace[f * kp + j];
            double g = norms[j] - (dot + dot);
            if (g < minimum) { minimum = g; best = j; }
        }
        total += record(row, d, best, minimum, row_norms[i], labels + i, counts, sums);
    }
    return total;
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define CK_HAS_AVX2_PATH 1

/// Updates (best, minimum) from g_base..g_base+7 in lo and hi: their minimum, then the lowest lane
/// holding it (the first set bit of the equality mask); a later tile wins only when strictly smaller.
__attribute__((target("avx2")))
static inline void merge8(__m256d lo, __m256d hi, long base, long *best, double *minimum) {
    __m256d m = _mm256_min_pd(lo, hi);
    m = _mm256_min_pd(m, _mm256_permute2f128_pd(m, m, 1));
    m = _mm256_min_pd(m, _mm256_permute_pd(m, 5));
    int mask = _mm256_movemask_pd(_mm256_cmp_pd(lo, m, _CMP_EQ_OQ))
             | _mm256_movemask_pd(_mm256_cmp_pd(hi, m, _CMP_EQ_OQ)) << 4;
    double value = _mm256_cvtsd_f64(m);
    if (mask != 0 && value < *minimum) { *minimum = value; *best = base + __builtin_ctz((unsigned)mask); }
}

/// `record` with the sum added four features at a time.
__attribute__((target("avx2")))
static inline double record_avx2(const double *row, long d, long best, double minimum, double row_norm,
                                 int32_t *label, long *counts, double *sums) {
    *label = (int32_t)best;
    counts[best] += 1;
    if (sums) {
        double *target = sums + best * d;
        long f = 0;
        for (; f + 4 <= d; f += 4) _mm256_storeu_pd(target + f, _mm256_add_pd(_mm256_loadu_pd(target + f), _mm256_loadu_pd(row + f)));
        for (; f < d; f++) target[f] += row[f];
    }
    double distance = row_norm + minimum;
    return distance > 0 ? distance : 0;
}

__attribute__((target("avx2")))
double ck_kmeans_assign_avx2(const double *workspace, long k, long d, const double *x, long m,
                             const double *row_norms, int32_t *labels, long *counts, double *sums) {
    long kp = padded(k);
    const double *norms = workspace + d * kp;
    double total = 0;
    long i = 0;
    for (; i + 4 <= m; i += 4) {
        const double *r0 = x + i * d, *r1 = r0 + d, *r2 = r1 + d, *r3 = r2 + d;
        long best[4] = {0, 0, 0, 0};
        double minimum[4] = {INFINITY, INFINITY, INFINITY, INFINITY};
        for (long j = 0; j < kp; j += 8) {
            __m256d a0 = _mm256_setzero_pd(), b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
            const double *c = workspace + j;
            for (long f = 0; f < d; f++, c += kp) {
                __m256d cl = _mm256_loadu_pd(c), ch = _mm256_loadu_pd(c + 4);
                __m256d x0 = _mm256_broadcast_sd(r0 + f), x1 = _mm256_broadcast_sd(r1 + f);
                __m256d x2 = _mm256_broadcast_sd(r2 + f), x3 = _mm256_broadcast_sd(r3 + f);
                a0 = _mm256_add_pd(a0, _mm256_mul_pd(x0, cl)); b0 = _mm256_add_pd(b0, _mm256_mul_pd(x0, ch));
                a1 = _mm256_add_pd(a1, _mm256_mul_pd(x1, cl)); b1 = _mm256_add_pd(b1, _mm256_mul_pd(x1, ch));
                a2 = _mm256_add_pd(a2, _mm256_mul_pd(x2, cl)); b2 = _mm256_add_pd(b2, _mm256_mul_pd(x2, ch));
                a3 = _mm256_add_pd(a3, _mm256_mul_pd(x3, cl)); b3 = _mm256_add_pd(b3, _mm256_mul_pd(x3, ch));
            }
            __m256d nl = _mm256_loadu_pd(norms + j), nh = _mm256_loadu_pd(norms + j + 4);
            merge8(_mm256_sub_pd(nl, _mm256_add_pd(a0, a0)), _mm256_sub_pd(nh, _mm256_add_pd(b0, b0)), j, &best[0], &minimum[0]);
            merge8(_mm256_sub_pd(nl, _mm256_add_pd(a1, a1)), _mm256_sub_pd(nh, _mm256_add_pd(b1, b1)), j, &best[1], &minimum[1]);
            merge8(_mm256_sub_pd(nl, _mm256_add_pd(a2, a2)), _mm256_sub_pd(nh, _mm256_add_pd(b2, b2)), j, &best[2], &minimum[2]);
            merge8(_mm256_sub_pd(nl, _mm256_add_pd(a3, a3)), _mm256_sub_pd(nh, _mm256_add_pd(b3, b3)), j, &best[3], &minimum[3]);
        }
        for (int r = 0; r < 4; r++) {
            total += record_avx2(x + (i + r) * d, d, best[r], minimum[r], row_norms[i + r], labels + i + r, counts, sums);
        }
    }
    for (; i < m; i++) {
        const double *row = x + i * d;
        long best = 0;
        double minimum = INFINITY;
        for (long j = 0; j < kp; j += 8) {
            __m256d a = _mm256_setzero_pd(), b = a;
            const double *c = workspace + j;
            for (long f = 0; f < d; f++, c += kp) {
                __m256d xf = _mm256_broadcast_sd(row + f);
                a = _mm256_add_pd(a, _mm256_mul_pd(xf, _mm256_loadu_pd(c)));
                b = _mm256_add_pd(b, _mm256_mul_pd(xf, _mm256_loadu_pd(c + 4)));
            }
            merge8(_mm256_sub_pd(_mm256_loadu_pd(norms + j), _mm256_add_pd(a, a)),
                   _mm256_sub_pd(_mm256_loadu_pd(norms + j + 4), _mm256_add_pd(b, b)), j, &best, &minimum);
        }
        total += record_avx2(row, d, best, minimum, row_norms[i], labels + i, counts, sums);
    }
    return total;
}

int ck_kmeans_has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? 1 : 0;
}
#else
double ck_kmeans_assign_avx2(const double *workspace, long k, long d, const double *x, long m,
                             const double *row_norms, int32_t *labels, long *counts, double *sums) {
    return ck_kmeans_assign_portable(workspace, k, d, x, m, row_norms, labels, counts, sums);
}

int ck_kmeans_has_avx2(void) { return 0; }
#endif

double ck_kmeans_assign(const double *workspace, long k, long d, const double *x, long m,
                        const double *row_norms, int32_t *labels, long *counts, double *sums) {
    static _Atomic int path = -1;  // -1 unknown, 0 portable, 1 AVX2 (every thread stores the same value)
    int known = atomic_load_explicit(&path, memory_order_relaxed);
    if (known < 0) {
        known = ck_kmeans_has_avx2();
        atomic_store_explicit(&path, known, memory_order_relaxed);
    }
    return known ? ck_kmeans_assign_avx2(workspace, k, d, x, m, row_norms, labels, counts, sums)
                : ck_kmeans_assign_portable(workspace, k, d, x, m, row_norms, labels, counts, sums);
}
