// The fused k-means assignment: for each row, g_j = b_j − 2 x·c_j for every centroid, the lowest
// index minimizing it, and the row's count, translated sum, label change and exact distance, in one
// pass while the row is in registers and cache.
//
// Goals: one read of the caller's data per Lloyd iteration, and no translated copy of it.
// - Accuracy: the expansion ‖x − c‖² = ‖x‖² − 2x·c + ‖c‖² loses about eps‖x‖² when the data lie
//   far from the origin. Centroids are kept translated by the data's mean (c = centroid − shift, so
//   ‖c‖ is of the order of the spread) and the row enters only through x·c:
//   ‖z − c‖² − ‖z‖² = b − 2x·c with z = x − shift and b = ‖c‖² + 2 shift·c, whose rounding is of the
//   order of eps‖shift‖‖c‖ instead of eps‖shift‖². ‖z‖² is the same for every centroid and is never
//   needed; the translated row z is formed only for the sums and the exact distances.
// - Reproducibility: results do not depend on the path. Dot products are accumulated in feature
//   order by fused multiply-adds (one rounding each: C's fma() on the portable path, the FMA
//   instructions on the vector paths); every other operation is a separate multiply or add
//   (floating-point contraction is off). Ties go to the lowest index (strict comparisons in index
//   order), sums are added element-wise in row order, distances are summed in a fixed lane order.
// - Speed: the AVX-512 path computes 8 rows x 8 centroids at a time and finds the eight minima
//   after a transpose (one vector per centroid, lanes = rows); the AVX2 path does the same with
//   4 rows x 8 centroids. Fused multiply-adds measured about 10% faster per Lloyd iteration than
//   separate ones (1,000,000 x 16, k = 8, AVX-512). On x86 without AVX2 and FMA the portable path
//   runs, and there C's fma() may be emulated in software (slow, still exact).
// Reference: S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28 (1982);
// the ‖c‖² − 2x·c expansion as in scikit-learn's `_k_means_lloyd.pyx`.

#pragma STDC FP_CONTRACT OFF

#include "CKMeansKernel.h"
#include <math.h>
#include <stdatomic.h>

static long padded(long k) { return (k + 7) / 8 * 8; }

long ck_kmeans_workspace_count(long k, long d) { return padded(k) * (d + 1) + k * d; }

void ck_kmeans_prepare(const double *centroids, const double *shift, long k, long d, double *workspace) {
    long kp = padded(k);
    for (long f = 0; f < d; f++) {
        for (long j = 0; j < kp; j++) workspace[f * kp + j] = j < k ? -2.0 * centroids[j * d + f] : 0.0;
    }
    for (long j = 0; j < kp; j++) {
        if (j >= k) {
            workspace[d * kp + j] = INFINITY;
            continue;
        }
        double norm = 0, cross = 0;
        for (long f = 0; f < d; f++) {
            double c = centroids[j * d + f];
            norm = norm + c * c;
            cross = cross + shift[f] * c;
        }
        workspace[d * kp + j] = norm + (cross + cross);
    }
    double *rows = workspace + (d + 1) * kp;
    for (long e = 0; e < k * d; e++) rows[e] = centroids[e];
}

void ck_kmeans_column_sums(const double *x, long m, long d, double *sums) {
    for (long i = 0; i < m; i++) {
        const double *restrict row = x + i * d;
        for (long f = 0; f < d; f++) sums[f] += row[f];
    }
}

/// The outputs of one call, copied out of the `ck_kmeans_block` into locals so that stores through
/// the output pointers cannot force the running totals (or the pointers) back to memory.
typedef struct {
    long *restrict labels;
    long *restrict counts;
    double *restrict sums;
    int exact_distances;
    long changed;
    double distance_sum;
} outputs;

static inline outputs outputs_of(const ck_kmeans_block *block) {
    outputs o = {block->labels, block->counts, block->sums, block->exact_distances, 0, 0};
    return o;
}

/// The exact squared distance of a row to centroid c (a row of the workspace's copy of C): the
/// squares of (x_f − shift_f) − c_f summed in eight lanes (lane l takes f = l, l + 8, ... in
/// order), then lanes l and l + 4, then l and l + 2, then 0 and 1 — the order of an 8-wide vector
/// sum, so that the vector paths give bitwise the same value.
static inline double exact_distance(const double *row, const double *shift, const double *c, long d) {
    double lane[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (long f = 0; f < d; f++) {
        double e = (row[f] - shift[f]) - c[f];
        lane[f & 7] = lane[f & 7] + e * e;
    }
    double t0 = lane[0] + lane[4], t1 = lane[1] + lane[5], t2 = lane[2] + lane[6], t3 = lane[3] + lane[7];
    return (t0 + t2) + (t1 + t3);
}

/// Stores row i's label (counting a change), counts it and, when asked, adds its exact squared
/// distance to its centroid.
static inline void note(const double *row, const double *shift, const double *ct, long kp, long d, long best, long i,
                        outputs *o) {
    o->changed += o->labels[i] != best;
    o->labels[i] = best;
    o->counts[best] += 1;
    if (o->exact_distances) o->distance_sum += exact_distance(row, shift, ct + (d + 1) * kp + best * d, d);
}

/// target[f] += x_f − shift_f for f in 0..<d.
static inline void add_translated(const double *restrict row, const double *shift, double *target, long d) {
    for (long f = 0; f < d; f++) target[f] += row[f] - shift[f];
}

void ck_kmeans_assign_portable(const double *workspace, const double *shift, long k, long d, const double *x,
                               long m, ck_kmeans_block *block) {
    long kp = padded(k);
    const double *b = workspace + d * kp;
    outputs o = outputs_of(block);
    for (long i = 0; i < m; i++) {
        const double *row = x + i * d;
        long best = 0;
        double minimum = INFINITY;
        for (long j = 0; j < k; j++) {
            double dot = 0;
            for (long f = 0; f < d; f++) dot = fma(row[f], workspace[f * kp + j], dot);
            double g = b[j] + dot;
            if (g < minimum) { minimum = g; best = j; }
        }
        note(row, shift, workspace, kp, d, best, i, &o);
        if (o.sums) add_translated(row, shift, o.sums + best * d, d);
    }
    block->changed = o.changed;
    block->distance_sum = o.distance_sum;
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

/// Updates (best, minimum) from g_base..g_base+7 in lo and hi: their minimum, then the lowest lane
/// holding it (the first set bit of the equality mask); a later tile wins only when strictly smaller.
__attribute__((target("avx2,fma")))
static inline void merge8(__m256d lo, __m256d hi, long base, long *best, double *minimum) {
    __m256d m = _mm256_min_pd(lo, hi);
    m = _mm256_min_pd(m, _mm256_permute2f128_pd(m, m, 1));
    m = _mm256_min_pd(m, _mm256_permute_pd(m, 5));
    int mask = _mm256_movemask_pd(_mm256_cmp_pd(lo, m, _CMP_EQ_OQ))
             | _mm256_movemask_pd(_mm256_cmp_pd(hi, m, _CMP_EQ_OQ)) << 4;
    double value = _mm256_cvtsd_f64(m);
    if (mask != 0 && value < *minimum) { *minimum = value; *best = base + __builtin_ctz((unsigned)mask); }
}

/// `add_translated` four features at a time (the same element-wise operations).
__attribute__((target("avx2,fma")))
static inline void add_translated_avx2(const double *row, const double *shift, double *target, long d) {
    long f = 0;
    for (; f + 4 <= d; f += 4) {
        __m256d z = _mm256_sub_pd(_mm256_loadu_pd(row + f), _mm256_loadu_pd(shift + f));
        _mm256_storeu_pd(target + f, _mm256_add_pd(_mm256_loadu_pd(target + f), z));
    }
    for (; f < d; f++) target[f] += row[f] - shift[f];
}

/// Columns of the 4 x 4 block whose rows are r0..r3: on return, r_q holds element q of each row.
__attribute__((target("avx2,fma")))
static inline void transpose4(__m256d *r0, __m256d *r1, __m256d *r2, __m256d *r3) {
    __m256d t0 = _mm256_unpacklo_pd(*r0, *r1), t1 = _mm256_unpackhi_pd(*r0, *r1);
    __m256d t2 = _mm256_unpacklo_pd(*r2, *r3), t3 = _mm256_unpackhi_pd(*r2, *r3);
    *r0 = _mm256_permute2f128_pd(t0, t2, 0x20);
    *r1 = _mm256_permute2f128_pd(t1, t3, 0x20);
    *r2 = _mm256_permute2f128_pd(t0, t2, 0x31);
    *r3 = _mm256_permute2f128_pd(t1, t3, 0x31);
}

/// For four rows at once (one per lane): where g < minimum (strictly), minimum = g and best = index.
__attribute__((target("avx2,fma")))
static inline void keep_lower(__m256d g, double index, __m256d *minimum, __m256d *best) {
    __m256d lower = _mm256_cmp_pd(g, *minimum, _CMP_LT_OQ);
    *minimum = _mm256_blendv_pd(*minimum, g, lower);
    *best = _mm256_blendv_pd(*best, _mm256_set1_pd(index), lower);
}

/// The AVX2 assignment of rows first..<m, accumulating into `o`.
__attribute__((target("avx2,fma")))
static void assign_avx2_from(const double *workspace, const double *shift, long k, long d, const double *x, long m,
                             long first, outputs *o) {
    long kp = padded(k);
    const double *b = workspace + d * kp;
    long i = first;
    for (; i + 4 <= m; i += 4) {
        const double *r0 = x + i * d, *r1 = r0 + d, *r2 = r1 + d, *r3 = r2 + d;
        // Lane r of `minimum` and `best`: row i + r. Centroids are visited in index order and replace
        // the best only when strictly lower, so ties keep the lowest index.
        __m256d minimum = _mm256_set1_pd(INFINITY), best = _mm256_setzero_pd();
        for (long j = 0; j < kp; j += 8) {
            __m256d a0 = _mm256_setzero_pd(), b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
            const double *c = workspace + j;
            for (long f = 0; f < d; f++, c += kp) {
                __m256d cl = _mm256_loadu_pd(c), ch = _mm256_loadu_pd(c + 4);
                __m256d x0 = _mm256_broadcast_sd(r0 + f), x1 = _mm256_broadcast_sd(r1 + f);
                __m256d x2 = _mm256_broadcast_sd(r2 + f), x3 = _mm256_broadcast_sd(r3 + f);
                a0 = _mm256_fmadd_pd(x0, cl, a0); b0 = _mm256_fmadd_pd(x0, ch, b0);
                a1 = _mm256_fmadd_pd(x1, cl, a1); b1 = _mm256_fmadd_pd(x1, ch, b1);
                a2 = _mm256_fmadd_pd(x2, cl, a2); b2 = _mm256_fmadd_pd(x2, ch, b2);
                a3 = _mm256_fmadd_pd(x3, cl, a3); b3 = _mm256_fmadd_pd(x3, ch, b3);
            }
            // g = b + x·(−2c); then one vector per centroid, lanes = rows.
            __m256d bl = _mm256_loadu_pd(b + j), bh = _mm256_loadu_pd(b + j + 4);
            a0 = _mm256_add_pd(bl, a0); a1 = _mm256_add_pd(bl, a1); a2 = _mm256_add_pd(bl, a2); a3 = _mm256_add_pd(bl, a3);
            b0 = _mm256_add_pd(bh, b0); b1 = _mm256_add_pd(bh, b1); b2 = _mm256_add_pd(bh, b2); b3 = _mm256_add_pd(bh, b3);
            transpose4(&a0, &a1, &a2, &a3);
            transpose4(&b0, &b1, &b2, &b3);
            double base = (double)j;
            keep_lower(a0, base, &minimum, &best);
            keep_lower(a1, base + 1, &minimum, &best);
            keep_lower(a2, base + 2, &minimum, &best);
            keep_lower(a3, base + 3, &minimum, &best);
            keep_lower(b0, base + 4, &minimum, &best);
            keep_lower(b1, base + 5, &minimum, &best);
            keep_lower(b2, base + 6, &minimum, &best);
            keep_lower(b3, base + 7, &minimum, &best);
        }
        // The four labels at once: changes against the stored ones, then the new ones stored.
        __m256i labels = _mm256_cvtepi32_epi64(_mm256_cvttpd_epi32(best));
        __m256i previous = _mm256_loadu_si256((const __m256i *)(o->labels + i));
        int same = _mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpeq_epi64(labels, previous)));
        o->changed += 4 - __builtin_popcount((unsigned)same);
        _mm256_storeu_si256((__m256i *)(o->labels + i), labels);
        const long *label = o->labels + i;
        for (int r = 0; r < 4; r++) o->counts[label[r]] += 1;
        if (o->sums) {
            for (int r = 0; r < 4; r++) add_translated_avx2(x + (i + r) * d, shift, o->sums + label[r] * d, d);
        }
        if (o->exact_distances) {
            const double *rows = workspace + (d + 1) * kp;
            for (int r = 0; r < 4; r++) o->distance_sum += exact_distance(x + (i + r) * d, shift, rows + label[r] * d, d);
        }
    }
    for (; i < m; i++) {
        const double *row = x + i * d;
        long best = 0;
        double minimum = INFINITY;
        for (long j = 0; j < kp; j += 8) {
            __m256d lo = _mm256_setzero_pd(), hi = lo;
            const double *c = workspace + j;
            for (long f = 0; f < d; f++, c += kp) {
                __m256d xf = _mm256_broadcast_sd(row + f);
                lo = _mm256_fmadd_pd(xf, _mm256_loadu_pd(c), lo);
                hi = _mm256_fmadd_pd(xf, _mm256_loadu_pd(c + 4), hi);
            }
            merge8(_mm256_add_pd(_mm256_loadu_pd(b + j), lo), _mm256_add_pd(_mm256_loadu_pd(b + j + 4), hi), j, &best,
                   &minimum);
        }
        note(row, shift, workspace, kp, d, best, i, o);
        if (o->sums) add_translated_avx2(row, shift, o->sums + best * d, d);
    }
}

__attribute__((target("avx2,fma")))
void ck_kmeans_assign_avx2(const double *workspace, const double *shift, long k, long d, const double *x, long m,
                           ck_kmeans_block *block) {
    outputs o = outputs_of(block);
    assign_avx2_from(workspace, shift, k, d, x, m, 0, &o);
    block->changed = o.changed;
    block->distance_sum = o.distance_sum;
}

/// Columns of the 8 x 8 block whose rows are v[0..7]: on return, v[q] holds element q of each row.
__attribute__((target("avx512f")))
static inline void transpose8(__m512d v[8]) {
    __m512d t[8];
    for (int p = 0; p < 4; p++) {
        t[2 * p] = _mm512_unpacklo_pd(v[2 * p], v[2 * p + 1]);
        t[2 * p + 1] = _mm512_unpackhi_pd(v[2 * p], v[2 * p + 1]);
    }
    // t[0] = (r0_0 r1_0 r0_2 r1_2 r0_4 r1_4 r0_6 r1_6), t[1] = the same with elements 1, 3, 5, 7.
    const __m512i pairs_low = _mm512_setr_epi64(0, 1, 8, 9, 4, 5, 12, 13);
    const __m512i pairs_high = _mm512_setr_epi64(2, 3, 10, 11, 6, 7, 14, 15);
    __m512d u[8];
    for (int h = 0; h < 2; h++) {
        // Rows 4h..4h+3: u[4h + 0] holds elements 0 and 4, u[4h + 1] 2 and 6, u[4h + 2] 1 and 5, u[4h + 3] 3 and 7.
        u[4 * h] = _mm512_permutex2var_pd(t[4 * h], pairs_low, t[4 * h + 2]);
        u[4 * h + 1] = _mm512_permutex2var_pd(t[4 * h], pairs_high, t[4 * h + 2]);
        u[4 * h + 2] = _mm512_permutex2var_pd(t[4 * h + 1], pairs_low, t[4 * h + 3]);
        u[4 * h + 3] = _mm512_permutex2var_pd(t[4 * h + 1], pairs_high, t[4 * h + 3]);
    }
    const __m512i halves_low = _mm512_setr_epi64(0, 1, 2, 3, 8, 9, 10, 11);
    const __m512i halves_high = _mm512_setr_epi64(4, 5, 6, 7, 12, 13, 14, 15);
    v[0] = _mm512_permutex2var_pd(u[0], halves_low, u[4]);
    v[4] = _mm512_permutex2var_pd(u[0], halves_high, u[4]);
    v[2] = _mm512_permutex2var_pd(u[1], halves_low, u[5]);
    v[6] = _mm512_permutex2var_pd(u[1], halves_high, u[5]);
    v[1] = _mm512_permutex2var_pd(u[2], halves_low, u[6]);
    v[5] = _mm512_permutex2var_pd(u[2], halves_high, u[6]);
    v[3] = _mm512_permutex2var_pd(u[3], halves_low, u[7]);
    v[7] = _mm512_permutex2var_pd(u[3], halves_high, u[7]);
}

/// `add_translated` eight features at a time (the same element-wise operations).
__attribute__((target("avx512f")))
static inline void add_translated_avx512(const double *row, const double *shift, double *target, long d) {
    long f = 0;
    for (; f + 8 <= d; f += 8) {
        __m512d z = _mm512_sub_pd(_mm512_loadu_pd(row + f), _mm512_loadu_pd(shift + f));
        _mm512_storeu_pd(target + f, _mm512_add_pd(_mm512_loadu_pd(target + f), z));
    }
    for (; f < d; f++) target[f] += row[f] - shift[f];
}

/// `exact_distance` eight features at a time (the same lanes and the same final sums).
__attribute__((target("avx512f")))
static inline double exact_distance_avx512(const double *row, const double *shift, const double *c, long d) {
    __m512d lanes = _mm512_setzero_pd();
    long f = 0;
    for (; f + 8 <= d; f += 8) {
        __m512d e = _mm512_sub_pd(_mm512_sub_pd(_mm512_loadu_pd(row + f), _mm512_loadu_pd(shift + f)), _mm512_loadu_pd(c + f));
        lanes = _mm512_add_pd(lanes, _mm512_mul_pd(e, e));
    }
    if (f < d) {
        __mmask8 tail = (__mmask8)((1u << (d - f)) - 1);
        __m512d e = _mm512_sub_pd(_mm512_sub_pd(_mm512_maskz_loadu_pd(tail, row + f), _mm512_maskz_loadu_pd(tail, shift + f)),
                                  _mm512_maskz_loadu_pd(tail, c + f));
        lanes = _mm512_add_pd(lanes, _mm512_mul_pd(e, e));
    }
    __m256d t = _mm256_add_pd(_mm512_castpd512_pd256(lanes), _mm512_extractf64x4_pd(lanes, 1));
    __m128d u = _mm_add_pd(_mm256_castpd256_pd128(t), _mm256_extractf128_pd(t, 1));
    return _mm_cvtsd_f64(_mm_add_sd(u, _mm_unpackhi_pd(u, u)));
}

__attribute__((target("avx512f")))
void ck_kmeans_assign_avx512(const double *workspace, const double *shift, long k, long d, const double *x, long m,
                             ck_kmeans_block *block) {
    long kp = padded(k);
    const double *b = workspace + d * kp;
    outputs o = outputs_of(block);
    long i = 0;
    for (; i + 8 <= m; i += 8) {
        const double *r = x + i * d;
        // Lane q of `minimum` and `best`: row i + q; centroids in index order, replaced only when
        // strictly lower, so ties keep the lowest index.
        __m512d minimum = _mm512_set1_pd(INFINITY);
        __m512i best = _mm512_setzero_si512();
        for (long j = 0; j < kp; j += 8) {
            __m512d g[8];
            for (int q = 0; q < 8; q++) g[q] = _mm512_setzero_pd();
            const double *c = workspace + j;
            for (long f = 0; f < d; f++, c += kp) {
                __m512d cv = _mm512_loadu_pd(c);
                for (int q = 0; q < 8; q++) g[q] = _mm512_fmadd_pd(_mm512_set1_pd(r[q * d + f]), cv, g[q]);
            }
            __m512d bv = _mm512_loadu_pd(b + j);
            for (int q = 0; q < 8; q++) g[q] = _mm512_add_pd(bv, g[q]);
            transpose8(g);
            for (int q = 0; q < 8; q++) {
                __mmask8 lower = _mm512_cmp_pd_mask(g[q], minimum, _CMP_LT_OQ);
                minimum = _mm512_mask_mov_pd(minimum, lower, g[q]);
                best = _mm512_mask_mov_epi64(best, lower, _mm512_set1_epi64(j + q));
            }
        }
        // The eight labels at once: changes against the stored ones, then the new ones stored.
        __m512i previous = _mm512_loadu_si512(o.labels + i);
        o.changed += __builtin_popcount((unsigned)_mm512_cmpneq_epi64_mask(best, previous));
        _mm512_storeu_si512(o.labels + i, best);
        const long *label = o.labels + i;
        for (int q = 0; q < 8; q++) o.counts[label[q]] += 1;
        if (o.sums) {
            for (int q = 0; q < 8; q++) add_translated_avx512(r + q * d, shift, o.sums + label[q] * d, d);
        }
        if (o.exact_distances) {
            const double *rows = workspace + (d + 1) * kp;
            for (int q = 0; q < 8; q++) o.distance_sum += exact_distance_avx512(r + q * d, shift, rows + label[q] * d, d);
        }
    }
    // The last rows, continuing the same running totals.
    assign_avx2_from(workspace, shift, k, d, x, m, i, &o);
    block->changed = o.changed;
    block->distance_sum = o.distance_sum;
}

int ck_kmeans_has_avx512(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") ? 1 : 0;
}

int ck_kmeans_has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? 1 : 0;
}
#else
void ck_kmeans_assign_avx2(const double *workspace, const double *shift, long k, long d, const double *x, long m,
                           ck_kmeans_block *block) {
    ck_kmeans_assign_portable(workspace, shift, k, d, x, m, block);
}

void ck_kmeans_assign_avx512(const double *workspace, const double *shift, long k, long d, const double *x, long m,
                             ck_kmeans_block *block) {
    ck_kmeans_assign_portable(workspace, shift, k, d, x, m, block);
}

int ck_kmeans_has_avx2(void) { return 0; }

int ck_kmeans_has_avx512(void) { return 0; }
#endif

int ck_kmeans_path(void) {
    // -1 unknown (every thread stores the same value).
    static _Atomic int path = -1;
    int known = atomic_load_explicit(&path, memory_order_relaxed);
    if (known < 0) {
        known = ck_kmeans_has_avx512() ? 2 : ck_kmeans_has_avx2();
        atomic_store_explicit(&path, known, memory_order_relaxed);
    }
    return known;
}

void ck_kmeans_assign(const double *workspace, const double *shift, long k, long d, const double *x, long m,
                      ck_kmeans_block *block) {
    int path = ck_kmeans_path();
    if (path == 2) ck_kmeans_assign_avx512(workspace, shift, k, d, x, m, block);
    else if (path == 1) ck_kmeans_assign_avx2(workspace, shift, k, d, x, m, block);
    else ck_kmeans_assign_portable(workspace, shift, k, d, x, m, block);
}
