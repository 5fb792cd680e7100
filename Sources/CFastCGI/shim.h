// Only the request-level API: fcgi_stdio.h redefines stdio and must never reach Swift.
#include <fcgiapp.h>
