// Tesseract's own C API; nothing else is needed from it.
#include <tesseract/capi.h>
