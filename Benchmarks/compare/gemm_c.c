/* The C side of the gemm comparison: C = A B for two N x N row-major matrices with OpenBLAS's
 * cblas_dgemm, called directly. One warm-up product (OpenBLAS starts its threads and sizes its
 * buffers), then one timed product; prints one JSON line {"seconds": ..., "gflops": ..., ...}.
 * Build: cc -O2 gemm_c.c $(pkg-config --cflags --libs openblas) -o gemm_c
 * Usage: gemm_c N */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: gemm_c N\n");
        return 2;
    }
    long n = strtol(argv[1], NULL, 10);
    if (n <= 0 || n > 46340) {
        fprintf(stderr, "gemm_c: N must be in 1...46340, got %s\n", argv[1]);
        return 2;
    }
    size_t count = (size_t)n * (size_t)n;
    double *a = malloc(count * sizeof *a), *b = malloc(count * sizeof *b), *c = malloc(count * sizeof *c);
    if (!a || !b || !c) {
        fprintf(stderr, "gemm_c: out of memory\n");
        return 1;
    }
    srand48(42);
    for (size_t i = 0; i < count; i++) a[i] = drand48();
    for (size_t i = 0; i < count; i++) b[i] = drand48();
    int m = (int)n;
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, m, m, 1.0, a, m, b, m, 0.0, c, m);
    double start = now_seconds();
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, m, m, 1.0, a, m, b, m, 0.0, c, m);
    double seconds = now_seconds() - start;
    double checksum = 0;
    for (size_t i = 0; i < count; i++) checksum += c[i];
    double gflops = 2.0 * (double)n * (double)n * (double)n / seconds / 1e9;
    printf("{\"seconds\": %.6f, \"gflops\": %.1f, \"n\": %ld, \"checksum\": %.6e, \"blas\": \"%s\"}\n", seconds, gflops, n,
           checksum, openblas_get_config());
    free(a);
    free(b);
    free(c);
    return 0;
}
