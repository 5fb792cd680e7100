#include "CImaging.h"

#include <vips/vips.h>

_Static_assert(CIMAGING_FAIL_ON_ERROR == VIPS_FAIL_ON_ERROR, "VipsFailOn");
_Static_assert(CIMAGING_ANGLE_D90 == VIPS_ANGLE_D90, "VipsAngle");
_Static_assert(CIMAGING_ANGLE_D180 == VIPS_ANGLE_D180, "VipsAngle");
_Static_assert(CIMAGING_ANGLE_D270 == VIPS_ANGLE_D270, "VipsAngle");
_Static_assert(CIMAGING_DIRECTION_HORIZONTAL == VIPS_DIRECTION_HORIZONTAL, "VipsDirection");
_Static_assert(CIMAGING_DIRECTION_VERTICAL == VIPS_DIRECTION_VERTICAL, "VipsDirection");
_Static_assert(CIMAGING_INTERPRETATION_B_W == VIPS_INTERPRETATION_B_W, "VipsInterpretation");
_Static_assert(CIMAGING_INTERPRETATION_SRGB == VIPS_INTERPRETATION_sRGB, "VipsInterpretation");
_Static_assert(CIMAGING_FORMAT_UCHAR == VIPS_FORMAT_UCHAR, "VipsBandFormat");

int cimaging_init(const char *program) { return vips_init(program); }
void cimaging_set_concurrency(int threads) { vips_concurrency_set(threads); }
int cimaging_get_concurrency(void) { return vips_concurrency_get(); }
void cimaging_set_cache_max(int operations) { vips_cache_set_max(operations); }
void cimaging_block_untrusted(int blocked) { vips_block_untrusted_set(blocked); }
void cimaging_block_operation(const char *name, int blocked) { vips_operation_block_set(name, blocked); }

char *cimaging_error_copy(void) { return vips_error_buffer_copy(); }
void cimaging_free(void *pointer) { g_free(pointer); }
void cimaging_unref(CImagingImage *image) { g_object_unref(image); }

// libvips reads buffers lazily, while the images made from them live: each load gets its own
// copy of the bytes, freed when the loaded image closes (images downstream keep it open).
static void cimaging_free_copy(VipsObject *image, void *copy) {
    (void)image;
    g_free(copy);
}

static int cimaging_keep_copy(int result, CImagingImage **out, void *copy) {
    if (result == 0) {
        g_signal_connect(*out, "postclose", G_CALLBACK(cimaging_free_copy), copy);
    } else {
        g_free(copy);
    }
    return result;
}

int cimaging_thumbnail_buffer(const void *bytes, size_t length, CImagingImage **out, int width, int height, int fail_on) {
    void *copy = g_memdup2(bytes, length);
    return cimaging_keep_copy(vips_thumbnail_buffer(copy, length, out, width, "height", height, "size", VIPS_SIZE_FORCE,
                                                    "no_rotate", TRUE, "fail_on", fail_on, NULL),
                              out, copy);
}

int cimaging_thumbnail_file(const char *path, CImagingImage **out, int width, int height, int fail_on) {
    return vips_thumbnail(path, out, width, "height", height, "size", VIPS_SIZE_FORCE, "no_rotate", TRUE,
                          "fail_on", fail_on, NULL);
}

int cimaging_thumbnail_image(CImagingImage *in, CImagingImage **out, int width, int height) {
    return vips_thumbnail_image(in, out, width, "height", height, "size", VIPS_SIZE_FORCE, "no_rotate", TRUE, NULL);
}

int cimaging_jpegload_buffer(const void *bytes, size_t length, CImagingImage **out, int shrink, int fail_on) {
    void *copy = g_memdup2(bytes, length);
    return cimaging_keep_copy(vips_jpegload_buffer(copy, length, out, "shrink", shrink, "access", VIPS_ACCESS_SEQUENTIAL,
                                                   "fail_on", fail_on, NULL),
                              out, copy);
}

int cimaging_jpegload_file(const char *path, CImagingImage **out, int shrink, int fail_on) {
    return vips_jpegload(path, out, "shrink", shrink, "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", fail_on, NULL);
}

int cimaging_new_from_memory(const void *pixels, size_t length, int width, int height, int bands, CImagingImage **out) {
    *out = vips_image_new_from_memory_copy(pixels, length, width, height, bands, VIPS_FORMAT_UCHAR);
    return *out ? 0 : -1;
}

int cimaging_wrap_memory(const void *pixels, size_t length, int width, int height, int bands, CImagingImage **out) {
    *out = vips_image_new_from_memory(pixels, length, width, height, bands, VIPS_FORMAT_UCHAR);
    return *out ? 0 : -1;
}

int cimaging_open_file(const char *path, CImagingImage **out) {
    *out = vips_image_new_from_file(path, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    return *out ? 0 : -1;
}

int cimaging_shrink(CImagingImage *in, CImagingImage **out, int factor) {
    return vips_shrink(in, out, (double)factor, (double)factor, NULL);
}

int cimaging_copy_pixels(CImagingImage *in, CImagingImage **out) {
    *out = vips_image_new_memory();
    if (vips_image_write(in, *out) != 0) {
        g_object_unref(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

int cimaging_swap_red_blue(CImagingImage *memory) {
    if (vips_image_get_bands(memory) != 3 || vips_image_get_format(memory) != VIPS_FORMAT_UCHAR)
        return -1;
    unsigned char *pixels = (unsigned char *) vips_image_get_data(memory);
    if (pixels == NULL)
        return -1;
    size_t count = (size_t) vips_image_get_width(memory) * (size_t) vips_image_get_height(memory);
    for (size_t i = 0; i < count; i++, pixels += 3) {
        unsigned char first = pixels[0];
        pixels[0] = pixels[2];
        pixels[2] = first;
    }
    return 0;
}

int cimaging_has_profile(CImagingImage *image) { return vips_image_get_typeof(image, VIPS_META_ICC_NAME) != 0; }

int cimaging_width(const CImagingImage *image) { return vips_image_get_width(image); }
int cimaging_height(const CImagingImage *image) { return vips_image_get_height(image); }
int cimaging_bands(const CImagingImage *image) { return vips_image_get_bands(image); }
int cimaging_has_alpha(CImagingImage *image) { return vips_image_hasalpha(image); }
int cimaging_format(const CImagingImage *image) { return vips_image_get_format(image); }

int cimaging_copy_memory(CImagingImage *in, CImagingImage **out) {
    *out = vips_image_copy_memory(in);
    return *out ? 0 : -1;
}

int cimaging_remove_profile(CImagingImage *in, CImagingImage **out) {
    if (vips_copy(in, out, NULL)) return -1;
    vips_image_remove(*out, VIPS_META_ICC_NAME);
    return 0;
}

int cimaging_extract_area(CImagingImage *in, CImagingImage **out, int left, int top, int width, int height) {
    return vips_extract_area(in, out, left, top, width, height, NULL);
}

int cimaging_smartcrop_attention(CImagingImage *in, int width, int height, int *x, int *y) {
    VipsImage *cropped;
    if (vips_smartcrop(in, &cropped, width, height, "interesting", VIPS_INTERESTING_ATTENTION,
                       "attention_x", x, "attention_y", y, NULL)) return -1;
    g_object_unref(cropped);
    return 0;
}

int cimaging_rotate(CImagingImage *in, CImagingImage **out, int angle) { return vips_rot(in, out, angle, NULL); }
int cimaging_flip(CImagingImage *in, CImagingImage **out, int direction) { return vips_flip(in, out, direction, NULL); }

int cimaging_colourspace(CImagingImage *in, CImagingImage **out, int interpretation) {
    return vips_colourspace(in, out, interpretation, NULL);
}

int cimaging_cast_uchar(CImagingImage *in, CImagingImage **out) { return vips_cast_uchar(in, out, NULL); }
int cimaging_gaussblur(CImagingImage *in, CImagingImage **out, double sigma) { return vips_gaussblur(in, out, sigma, NULL); }
int cimaging_sharpen(CImagingImage *in, CImagingImage **out, double sigma) { return vips_sharpen(in, out, "sigma", sigma, NULL); }

int cimaging_linear(CImagingImage *in, CImagingImage **out, const double *a, const double *b, int n) {
    return vips_linear(in, out, (double *)a, (double *)b, n, "uchar", TRUE, NULL);
}

int cimaging_flatten(CImagingImage *in, CImagingImage **out, const double *background, int n) {
    VipsArrayDouble *colour = vips_array_double_new(background, n);
    int result = vips_flatten(in, out, "background", colour, NULL);
    vips_area_unref(VIPS_AREA(colour));
    return result;
}

int cimaging_draw_rect(CImagingImage *image, const double *ink, int n, int left, int top, int width, int height) {
    return vips_draw_rect(image, (double *)ink, n, left, top, width, height, "fill", TRUE, NULL);
}

int cimaging_jpegsave(CImagingImage *in, void **bytes, size_t *length, int quality) {
    return vips_jpegsave_buffer(in, bytes, length, "Q", quality, "strip", TRUE, NULL);
}

int cimaging_pngsave(CImagingImage *in, void **bytes, size_t *length) {
    return vips_pngsave_buffer(in, bytes, length, "strip", TRUE, NULL);
}

int cimaging_webpsave(CImagingImage *in, void **bytes, size_t *length, int quality, int effort) {
    return vips_webpsave_buffer(in, bytes, length, "Q", quality, "strip", TRUE, "effort", effort, NULL);
}

void *cimaging_write_to_memory(CImagingImage *in, size_t *length) { return vips_image_write_to_memory(in, length); }
