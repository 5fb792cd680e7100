// The Haar cascade handle: loaded once, used for every image.
#include "haar.hpp"
#include "shim.hpp"

#include <opencv2/objdetect.hpp>

#include <algorithm>
#include <memory>
#include <tuple>
#include <vector>

using cvshim::fail;
using cvshim::guarded;

struct cv_shim_cascade {
    // OpenCV's own classifier: the reference, and the detector for cascades `fast` does not cover.
    cv::CascadeClassifier classifier;
    cvshim::HaarCascade fast;
    bool hasFast = false;
};

extern "C" {

int cv_shim_cascade_load(const char *path, cv_shim_cascade **out, cv_shim_error *error) {
    return guarded(error, [&] {
        auto cascade = std::make_unique<cv_shim_cascade>();
        if (!cascade->classifier.load(path))
            return fail(error, CV_SHIM_INVALID_ARGUMENT, "cascade file missing or unreadable");
        cascade->hasFast = cascade->fast.load(path);
        *out = cascade.release();
        return static_cast<int>(CV_SHIM_OK);
    });
}

void cv_shim_cascade_release(cv_shim_cascade *cascade) { delete cascade; }

} // extern "C"

namespace {

int detect(cv_shim_cascade *cascade, const cv_shim_image *grey, double scale_factor, int min_neighbors,
           int min_width, int min_height, cv_shim_rect *rects, int capacity, int *count, bool reference,
           cv_shim_error *error) {
    return guarded(error, [&] {
        if (grey->mat.channels() != 1)
            return fail(error, CV_SHIM_INVALID_ARGUMENT, "grey image expected");
        std::vector<cv::Rect> found;
        const cv::Size minSize(min_width, min_height);
        if (cascade->hasFast && !reference)
            cascade->fast.detect(grey->mat, scale_factor, min_neighbors, minSize, found);
        else
            cascade->classifier.detectMultiScale(grey->mat, found, scale_factor, min_neighbors, 0, minSize);
        // Scales are searched in parallel, so the raw order varies from run to run.
        std::sort(found.begin(), found.end(), [](const cv::Rect &a, const cv::Rect &b) {
            return std::tie(a.x, a.y, a.width, a.height) < std::tie(b.x, b.y, b.width, b.height);
        });
        *count = static_cast<int>(found.size());
        for (int i = 0; i < std::min(capacity, *count); ++i)
            rects[i] = {found[i].x, found[i].y, found[i].width, found[i].height};
        return static_cast<int>(CV_SHIM_OK);
    });
}

} // namespace

extern "C" {

int cv_shim_cascade_detect(cv_shim_cascade *cascade, const cv_shim_image *grey,
                           double scale_factor, int min_neighbors, int min_width, int min_height,
                           cv_shim_rect *rects, int capacity, int *count, cv_shim_error *error) {
    return detect(cascade, grey, scale_factor, min_neighbors, min_width, min_height, rects, capacity, count,
                  false, error);
}

int cv_shim_cascade_detect_reference(cv_shim_cascade *cascade, const cv_shim_image *grey,
                                     double scale_factor, int min_neighbors, int min_width, int min_height,
                                     cv_shim_rect *rects, int capacity, int *count, cv_shim_error *error) {
    return detect(cascade, grey, scale_factor, min_neighbors, min_width, min_height, rects, capacity, count,
                  true, error);
}

} // extern "C"
