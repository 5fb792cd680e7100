// Plain C face of the OpenCV (C++) code Peek uses. Swift imports only this header.
//
// Conventions: every function returns a cv_shim_status; results come back through out
// parameters; on failure `error` (never NULL) holds the status and a message. No C++
// exception ever leaves the shim. Images hold 8-bit pixels in OpenCV's channel order
// (BGR, BGRA or grey); functions that take or give RGB say so.
#ifndef CVISION_H
#define CVISION_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CV_SHIM_OK = 0,
    CV_SHIM_DECODE_FAILED = 1,
    CV_SHIM_INVALID_ARGUMENT = 2,
    CV_SHIM_OPENCV_ERROR = 3,
    CV_SHIM_OUT_OF_MEMORY = 4,
    CV_SHIM_INTERNAL = 5,
    // A JPEG had more scans than cv_shim_decode_options.max_jpeg_scans allows.
    CV_SHIM_TOO_MANY_SCANS = 6,
} cv_shim_status;

typedef struct {
    int code;
    char message[256];
} cv_shim_error;

typedef struct cv_shim_image cv_shim_image;
typedef struct cv_shim_cascade cv_shim_cascade;

typedef struct {
    int x, y, width, height;
} cv_shim_rect;

// Inclusive OpenCV HSV bounds (H 0...179, S and V 0...255).
typedef struct {
    uint8_t low[3];
    uint8_t high[3];
} cv_shim_hsv_range;

// MARK: images

// What one decode may cost and how its result is shaped. Zero in any field but max_pixels means
// its default.
typedef struct {
    // Images (and GIF screens) with more pixels are refused before their pixels are decoded.
    int64_t max_pixels;
    // JPEG: decoding stops with CV_SHIM_TOO_MANY_SCANS when a scan past this one starts
    // (libjpeg's progress monitor), bounding the work of a progressive file; 0: no limit.
    int max_jpeg_scans;
    // JPEG: the EXIF orientation (1...8) the caller read from the file, applied after decoding;
    // 0 or 1: stored upright.
    int jpeg_orientation;
    // JPEG: libjpeg's DCT scaling, for thumbnails: the output is scale_num / scale_denom of the
    // stored size, rounded up to eighths (1/8 ... 8/8), decoded in a fraction of the time and
    // memory; both 0: full size. Scales above 1 are refused. max_pixels applies to the stored size.
    int jpeg_scale_num;
    int jpeg_scale_denom;
} cv_shim_decode_options;

// Decodes JPEG (libjpeg), PNG, BMP, WEBP (OpenCV; PNG's eXIf orientation applied) or the first
// frame of a GIF (giflib) into 3-channel BGR.
int cv_shim_decode(const uint8_t *data, size_t size, const cv_shim_decode_options *options,
                   cv_shim_image **out, cv_shim_error *error);
// Copies tightly packed grey (1), RGB (3) or RGBA (4) pixels into a new image.
int cv_shim_image_from_pixels(const uint8_t *pixels, int width, int height, int channels,
                              cv_shim_image **out, cv_shim_error *error);
void cv_shim_image_release(cv_shim_image *image);
int cv_shim_image_width(const cv_shim_image *image);
// The image's pixel rows: *data at the top-left, *row_bytes apart, *channels bytes a pixel.
void cv_shim_image_pixels(const cv_shim_image *image, const uint8_t **data, size_t *row_bytes, int *channels);
int cv_shim_image_height(const cv_shim_image *image);
// Area-averaged resize, the right filter for shrinking.
int cv_shim_resize(const cv_shim_image *image, int width, int height,
                   cv_shim_image **out, cv_shim_error *error);
int cv_shim_grey(const cv_shim_image *image, cv_shim_image **out, cv_shim_error *error);
// Writes width * height * 3 bytes of RGB into `rgb`, whose size is `capacity`.
int cv_shim_export_rgb(const cv_shim_image *image, uint8_t *rgb, size_t capacity,
                       cv_shim_error *error);
// Encodes by file extension (".jpg", ".png", ".bmp", ".webp"); quality applies to JPEG and
// WEBP. Free the bytes with cv_shim_buffer_free.
int cv_shim_encode(const cv_shim_image *image, const char *extension, int quality,
                   uint8_t **bytes, size_t *size, cv_shim_error *error);
void cv_shim_buffer_free(uint8_t *bytes);
int cv_shim_draw_rectangle(cv_shim_image *image, cv_shim_rect rect, uint8_t red, uint8_t green,
                           uint8_t blue, int thickness, cv_shim_error *error);

// MARK: measurements

// Per-channel means of a colour image, in RGB order.
int cv_shim_mean_rgb(const cv_shim_image *image, double rgb[3], cv_shim_error *error);
// Population mean and standard deviation of a grey image.
int cv_shim_mean_stddev(const cv_shim_image *grey, double *mean, double *stddev,
                        cv_shim_error *error);
// Population variance of the 64-bit float Laplacian (aperture 1) of a grey image.
int cv_shim_laplacian_variance(const cv_shim_image *grey, double *variance, cv_shim_error *error);
// Converts to HSV once and reports, for each range, the share of pixels inside it, plus the
// mean saturation and mean value.
int cv_shim_hsv_summary(const cv_shim_image *image, const cv_shim_hsv_range *ranges,
                        int range_count, double *shares, double *mean_saturation,
                        double *mean_value, cv_shim_error *error);
// Clusters the RGB pixels into at most max_k groups (fewer when fewer distinct colours exist),
// with a fixed seed so results repeat. Pixels are taken on a regular grid when the image has
// more than max_samples (0: all pixels). Centres (RGB, rounded) and pixel shares come back in
// descending share; *k is the number of groups.
int cv_shim_kmeans(const cv_shim_image *image, int max_k, int64_t max_samples,
                   uint8_t *centres_rgb, double *shares, int *k, cv_shim_error *error);

// MARK: Haar cascade

int cv_shim_cascade_load(const char *path, cv_shim_cascade **out, cv_shim_error *error);
void cv_shim_cascade_release(cv_shim_cascade *cascade);
// detectMultiScale on a grey image. *count is the number found; at most `capacity` rectangles
// are written, ordered by x, y, width, height. With min_neighbors 0, every window that passed the
// cascade (no grouping). A stump-based HAAR cascade runs on Peek's own scan (haar.hpp), which
// finds the same windows as OpenCV's classifier, faster; any other cascade on OpenCV's.
int cv_shim_cascade_detect(cv_shim_cascade *cascade, const cv_shim_image *grey,
                           double scale_factor, int min_neighbors, int min_width, int min_height,
                           cv_shim_rect *rects, int capacity, int *count, cv_shim_error *error);
// The same through OpenCV's CascadeClassifier::detectMultiScale, the reference the tests compare with.
int cv_shim_cascade_detect_reference(cv_shim_cascade *cascade, const cv_shim_image *grey,
                                     double scale_factor, int min_neighbors, int min_width, int min_height,
                                     cv_shim_rect *rects, int capacity, int *count, cv_shim_error *error);

#ifdef __cplusplus
}
#endif

#endif
