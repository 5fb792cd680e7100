#ifndef CIMAGING_H
#define CIMAGING_H

#include <stddef.h>

// Non-variadic wrappers over libvips, whose operations take NULL-terminated option lists that
// Swift cannot call. The image type stays opaque so that Swift never imports GLib's headers.
// Functions that make an image or bytes, or draw, answer 0 on success and -1 on failure, with
// the reason in libvips' error buffer (cimaging_error_copy).

typedef struct _VipsImage CImagingImage;

// Mirrors of the libvips enums the Swift side passes; CImaging.c asserts they match.
enum { CIMAGING_FAIL_ON_ERROR = 2 };
enum { CIMAGING_ANGLE_D90 = 1, CIMAGING_ANGLE_D180 = 2, CIMAGING_ANGLE_D270 = 3 };
enum { CIMAGING_DIRECTION_HORIZONTAL = 0, CIMAGING_DIRECTION_VERTICAL = 1 };
enum { CIMAGING_INTERPRETATION_B_W = 1, CIMAGING_INTERPRETATION_SRGB = 22 };
enum { CIMAGING_FORMAT_UCHAR = 0 };

int cimaging_init(const char *program);
void cimaging_set_concurrency(int threads);
int cimaging_get_concurrency(void);
void cimaging_set_cache_max(int operations);
void cimaging_block_untrusted(int blocked);
void cimaging_block_operation(const char *name, int blocked);

// The error buffer's text, cleared; free with cimaging_free.
char *cimaging_error_copy(void);
void cimaging_free(void *pointer);
void cimaging_unref(CImagingImage *image);

// Loads through vips_thumbnail to exactly width×height (shrink-on-load, sequential access, first
// page only, colour to sRGB), never applying EXIF orientation: Swift applies the orientation its
// own reader found.
// Buffers are copied: libvips decodes lazily, when the caller's bytes may be gone.
int cimaging_thumbnail_buffer(const void *bytes, size_t length, CImagingImage **out, int width, int height, int fail_on);
int cimaging_thumbnail_file(const char *path, CImagingImage **out, int width, int height, int fail_on);
int cimaging_thumbnail_image(CImagingImage *in, CImagingImage **out, int width, int height);
// JPEG decoded at 1/shrink scale by libjpeg (DCT scaling; shrink 1, 2, 4 or 8), sequentially.
int cimaging_jpegload_buffer(const void *bytes, size_t length, CImagingImage **out, int shrink, int fail_on);
int cimaging_jpegload_file(const char *path, CImagingImage **out, int shrink, int fail_on);
int cimaging_new_from_memory(const void *pixels, size_t length, int width, int height, int bands, CImagingImage **out);
// An image over `pixels` without copying them: they must outlive every image made from it.
int cimaging_wrap_memory(const void *pixels, size_t length, int width, int height, int bands, CImagingImage **out);
// Opens a file by its content, header only (pixels are read, sequentially, when pulled).
int cimaging_open_file(const char *path, CImagingImage **out);
// Box-filter shrink by an integer factor on both axes (what shrink-on-load does for a decoded image).
int cimaging_shrink(CImagingImage *in, CImagingImage **out, int factor);
// The image's pixels computed into a new buffer of their own (cimaging_copy_memory hands back
// an image already in memory as it is, sharing its pixels).
int cimaging_copy_pixels(CImagingImage *in, CImagingImage **out);
// Swaps the first and third bands of a 3-band 8-bit image made by cimaging_copy_pixels, in place
// (BGR rows become RGB ones). -1 for any other image.
int cimaging_swap_red_blue(CImagingImage *memory);
// 1 when the image carries an ICC profile.
int cimaging_has_profile(CImagingImage *image);

int cimaging_width(const CImagingImage *image);
int cimaging_height(const CImagingImage *image);
int cimaging_bands(const CImagingImage *image);
int cimaging_has_alpha(CImagingImage *image);
int cimaging_format(const CImagingImage *image);

int cimaging_copy_memory(CImagingImage *in, CImagingImage **out);
int cimaging_remove_profile(CImagingImage *in, CImagingImage **out);
int cimaging_extract_area(CImagingImage *in, CImagingImage **out, int left, int top, int width, int height);
int cimaging_smartcrop_attention(CImagingImage *in, int width, int height, int *x, int *y);
int cimaging_rotate(CImagingImage *in, CImagingImage **out, int angle);
int cimaging_flip(CImagingImage *in, CImagingImage **out, int direction);
int cimaging_colourspace(CImagingImage *in, CImagingImage **out, int interpretation);
int cimaging_cast_uchar(CImagingImage *in, CImagingImage **out);
int cimaging_gaussblur(CImagingImage *in, CImagingImage **out, double sigma);
int cimaging_sharpen(CImagingImage *in, CImagingImage **out, double sigma);
int cimaging_linear(CImagingImage *in, CImagingImage **out, const double *a, const double *b, int n);
int cimaging_flatten(CImagingImage *in, CImagingImage **out, const double *background, int n);
// Draws in place: `image` must be a private memory image (cimaging_copy_memory).
int cimaging_draw_rect(CImagingImage *image, const double *ink, int n, int left, int top, int width, int height);

// Encoders write no metadata (strip); free the bytes with cimaging_free.
int cimaging_jpegsave(CImagingImage *in, void **bytes, size_t *length, int quality);
int cimaging_pngsave(CImagingImage *in, void **bytes, size_t *length);
// effort: libwebp's method, 0 (fastest) ... 6; libvips' default is 4.
int cimaging_webpsave(CImagingImage *in, void **bytes, size_t *length, int quality, int effort);
// Raw pixels, band-interleaved; free with cimaging_free.
void *cimaging_write_to_memory(CImagingImage *in, size_t *length);

#endif
