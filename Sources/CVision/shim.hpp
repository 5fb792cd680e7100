// What the shim's translation units share: the handle layouts and the exception funnel.
#pragma once

#include "cvision.h"

#include <opencv2/core.hpp>

#include <cstdio>
#include <new>

struct cv_shim_image {
    cv::Mat mat;
};

namespace cvshim {

inline int fail(cv_shim_error *error, int code, const char *message) {
    error->code = code;
    std::snprintf(error->message, sizeof error->message, "%s", message);
    return code;
}

// Runs `body` and turns every C++ exception into a status, because none may unwind into Swift.
template <typename Body> int guarded(cv_shim_error *error, Body &&body) {
    error->code = CV_SHIM_OK;
    error->message[0] = '\0';
    try {
        return body();
    } catch (const cv::Exception &e) {
        return fail(error, CV_SHIM_OPENCV_ERROR, e.what());
    } catch (const std::bad_alloc &) {
        return fail(error, CV_SHIM_OUT_OF_MEMORY, "out of memory");
    } catch (const std::exception &e) {
        return fail(error, CV_SHIM_INTERNAL, e.what());
    } catch (...) {
        return fail(error, CV_SHIM_INTERNAL, "unknown C++ exception");
    }
}

// Hands a new Mat to the caller as an owned handle.
inline int give(cv::Mat mat, cv_shim_image **out) {
    *out = new cv_shim_image{std::move(mat)};
    return CV_SHIM_OK;
}

// The first frame of a GIF as BGR, or an empty Mat with `error` filled.
cv::Mat decode_gif(const uint8_t *data, size_t size, int64_t max_pixels, cv_shim_error *error);

// A JPEG as upright BGR through libjpeg, or an empty Mat with `error` filled.
cv::Mat decode_jpeg(const uint8_t *data, size_t size, const cv_shim_decode_options &options,
                    cv_shim_error *error);

} // namespace cvshim
