// The inner loops of histogram tree growth on row-major uint8 bin codes: gradient/Hessian/count
// histograms of a node's rows and the stable partition of a node's rows at a split, with software
// prefetch of the rows ahead (a node's rows are scattered through the code matrix, and a row's
// histogram work is too long for the processor to overlap the cache misses of several rows).
#ifndef CHISTOGRAMKERNEL_H
#define CHISTOGRAMKERNEL_H

/// Adds rows to a histogram: cell c holds the gradient sum `sums[2c]`, the Hessian sum
/// `sums[2c + 1]` and the row count `counts[c]`. For each row r = rows[j] (j in 0..<count) and
/// each feature f = features[i] (i in 0..<feature_count; every feature 0..<d in order when
/// `features` is NULL), the cell `cell_offsets[f] + codes[r * d + f]` gets g[r], h[r] and 1 added.
/// The rows are summed in the order given.
/// Complexity: O(count * feature_count).
void ck_histogram_add(const unsigned char *codes, long d, const int *rows, long count, const double *g,
                      const double *h, const long *cell_offsets, const long *features, long feature_count,
                      double *sums, unsigned *counts);

/// Partitions `rows[0..<count]` stably: the rows whose code of `feature` goes left come first.
/// A code goes left when it equals `missing_bin` and `missing_left` is nonzero, or when it differs
/// from `missing_bin` and is at most `last_left_bin`. `spill` holds `count` ints of scratch.
/// Returns the number of rows that went left.
/// Complexity: O(count).
long ck_partition(const unsigned char *codes, long d, long feature, long last_left_bin, long missing_bin,
                  int missing_left, int *rows, long count, int *spill);

#endif
