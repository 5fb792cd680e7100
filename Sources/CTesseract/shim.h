// Tesseract's own C API, plus the one OpenMP call Peek needs.
#include <tesseract/capi.h>

// Tesseract 5 runs its LSTM in OpenMP regions with fixed `num_threads` clauses. Beside the
// pipeline's other lane those threads mostly spin: on two busy cores a page of text took 2-4x
// longer. A max-active-levels of 0 makes the calling thread's regions serial (OMP_THREAD_LIMIT=1
// would too, but only when set before the process starts). Declared here because clang has no
// omp.h for GCC's libgomp, which libtesseract loads anyway.
void omp_set_max_active_levels(int max_levels);
