/* A minimal STREAM for tools/accuracy/memory.sh when McCalpin's stream.c is not at hand (STREAM_C=path/stream.c
   uses the real one): the same copy and triad loops, the same byte counting (2|3 x 8 x N), the same OpenMP
   parallel loops and first touch, best of NTIMES excluding the first, MB/s = 1e6, printed in stream.c's format.
   Written for aitune; it is not McCalpin's code. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#ifndef STREAM_ARRAY_SIZE
#define STREAM_ARRAY_SIZE 33554432
#endif
#ifndef OFFSET
#define OFFSET 0
#endif
#ifndef NTIMES
#define NTIMES 20
#endif
static double a[STREAM_ARRAY_SIZE + OFFSET], b[STREAM_ARRAY_SIZE + OFFSET], c[STREAM_ARRAY_SIZE + OFFSET];
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
int main(void) {
  ssize_t j; int k; double s = 3.0, t, best[2] = {1e30, 1e30}, sum[2] = {0, 0};
#pragma omp parallel for
  for (j = 0; j < STREAM_ARRAY_SIZE; j++) { a[j] = 1.0; b[j] = 2.0; c[j] = 0.0; }
  for (k = 0; k < NTIMES; k++) {
    t = now();
#pragma omp parallel for
    for (j = 0; j < STREAM_ARRAY_SIZE; j++) c[j] = a[j];
    t = now() - t; if (k) { if (t < best[0]) best[0] = t; sum[0] += t; }
    t = now();
#pragma omp parallel for
    for (j = 0; j < STREAM_ARRAY_SIZE; j++) a[j] = b[j] + s * c[j];
    t = now() - t; if (k) { if (t < best[1]) best[1] = t; sum[1] += t; }
  }
  printf("Function    Best Rate MB/s  Avg time     Min time\n");
  printf("Copy:      %12.1f  %11.6f  %11.6f\n", 1e-6 * 2 * 8.0 * STREAM_ARRAY_SIZE / best[0], sum[0] / (NTIMES - 1), best[0]);
  printf("Triad:     %12.1f  %11.6f  %11.6f\n", 1e-6 * 3 * 8.0 * STREAM_ARRAY_SIZE / best[1], sum[1] / (NTIMES - 1), best[1]);
  return a[1] + c[1] > 0 ? 0 : 1;
}
