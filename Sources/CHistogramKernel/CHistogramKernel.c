// See CHistogramKernel.h. The prefetch distance covers a main-memory latency at a few
// nanoseconds per row; it is a hint only, so the results do not depend on it.
#include "CHistogramKernel.h"

#define CK_AHEAD 16

void ck_histogram_add(const unsigned char *codes, long d, const int *rows, long count, const double *g,
                      const double *h, const long *cell_offsets, const long *features, long feature_count,
                      double *sums, unsigned *counts) {
    for (long j = 0; j < count; j++) {
        if (j + CK_AHEAD < count) {
            long ahead = rows[j + CK_AHEAD];
            __builtin_prefetch(codes + ahead * d);
            __builtin_prefetch(g + ahead);
            __builtin_prefetch(h + ahead);
        }
        long r = rows[j];
        const unsigned char *row = codes + r * d;
        const double gr = g[r], hr = h[r];
        if (features) {
            for (long i = 0; i < feature_count; i++) {
                long c = cell_offsets[features[i]] + row[features[i]];
                sums[2 * c] += gr;
                sums[2 * c + 1] += hr;
                counts[c] += 1;
            }
        } else {
            for (long f = 0; f < d; f++) {
                long c = cell_offsets[f] + row[f];
                sums[2 * c] += gr;
                sums[2 * c + 1] += hr;
                counts[c] += 1;
            }
        }
    }
}

long ck_partition(const unsigned char *codes, long d, long feature, long last_left_bin, long missing_bin,
                  int missing_left, int *rows, long count, int *spill) {
    long middle = 0, spilled = 0;
    for (long j = 0; j < count; j++) {
        if (j + CK_AHEAD < count) __builtin_prefetch(codes + (long)rows[j + CK_AHEAD] * d + feature);
        int r = rows[j];
        long bin = codes[(long)r * d + feature];
        int left = bin == missing_bin ? missing_left != 0 : bin <= last_left_bin;
        rows[middle] = r;
        spill[spilled] = r;
        middle += left;
        spilled += !left;
    }
    for (long s = 0; s < spilled; s++) rows[middle + s] = spill[s];
    return middle;
}
