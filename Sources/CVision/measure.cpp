// Whole-image statistics: means, contrast, Laplacian variance, HSV shares and k-means colours.
#include "shim.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

using cvshim::fail;
using cvshim::guarded;

namespace {

// Row bands bound the size of temporaries (a 64-bit Laplacian of 12 MP would be 96 MB) and
// keep them in cache; results equal the whole-image ones.
constexpr int kBandRows = 128;

// Chan et al.'s pairwise update, so band statistics combine into exact population figures.
struct RunningVariance {
    double count = 0, mean = 0, squares = 0;
    void add(double n, double band_mean, double band_variance) {
        const double total = count + n, delta = band_mean - mean;
        mean += delta * n / total;
        squares += band_variance * n + delta * delta * count * n / total;
        count = total;
    }
    double variance() const { return count > 0 ? squares / count : 0; }
};

constexpr uint64_t kKMeansSeed = 0x5EED;

} // namespace

extern "C" {

int cv_shim_mean_rgb(const cv_shim_image *image, double rgb[3], cv_shim_error *error) {
    return guarded(error, [&] {
        if (image->mat.channels() < 3)
            return fail(error, CV_SHIM_INVALID_ARGUMENT, "colour image expected");
        const cv::Scalar bgr = cv::mean(image->mat);
        rgb[0] = bgr[2], rgb[1] = bgr[1], rgb[2] = bgr[0];
        return static_cast<int>(CV_SHIM_OK);
    });
}

int cv_shim_mean_stddev(const cv_shim_image *grey, double *mean, double *stddev,
                        cv_shim_error *error) {
    return guarded(error, [&] {
        if (grey->mat.channels() != 1)
            return fail(error, CV_SHIM_INVALID_ARGUMENT, "grey image expected");
        cv::Scalar m, s;
        cv::meanStdDev(grey->mat, m, s);
        *mean = m[0], *stddev = s[0];
        return static_cast<int>(CV_SHIM_OK);
    });
}

int cv_shim_laplacian_variance(const cv_shim_image *grey, double *variance, cv_shim_error *error) {
    return guarded(error, [&] {
        if (grey->mat.channels() != 1)
            return fail(error, CV_SHIM_INVALID_ARGUMENT, "grey image expected");
        RunningVariance total;
        cv::Mat laplacian;
        for (int top = 0; top < grey->mat.rows; top += kBandRows) {
            // A band of a larger Mat filters with its real neighbours above and below.
            const cv::Mat band = grey->mat.rowRange(top, std::min(top + kBandRows, grey->mat.rows));
            cv::Laplacian(band, laplacian, CV_64F);
            cv::Scalar m, s;
            cv::meanStdDev(laplacian, m, s);
            total.add(static_cast<double>(band.total()), m[0], s[0] * s[0]);
        }
        *variance = total.variance();
        return static_cast<int>(CV_SHIM_OK);
    });
}

int cv_shim_hsv_summary(const cv_shim_image *image, const cv_shim_hsv_range *ranges,
                        int range_count, double *shares, double *mean_saturation,
                        double *mean_value, cv_shim_error *error) {
    return guarded(error, [&] {
        if (image->mat.channels() != 3 || range_count < 0)
            return fail(error, CV_SHIM_INVALID_ARGUMENT, "BGR image expected");
        std::vector<double> inside(range_count, 0);
        double saturation = 0, value = 0;
        cv::Mat hsv, mask;
        for (int top = 0; top < image->mat.rows; top += kBandRows) {
            const cv::Mat band = image->mat.rowRange(top, std::min(top + kBandRows, image->mat.rows));
            cv::cvtColor(band, hsv, cv::COLOR_BGR2HSV);
            for (int i = 0; i < range_count; ++i) {
                const auto &r = ranges[i];
                cv::inRange(hsv, cv::Scalar(r.low[0], r.low[1], r.low[2]),
                            cv::Scalar(r.high[0], r.high[1], r.high[2]), mask);
                inside[i] += cv::countNonZero(mask);
            }
            const cv::Scalar sums = cv::sum(hsv);
            saturation += sums[1], value += sums[2];
        }
        const double total = static_cast<double>(image->mat.total());
        for (int i = 0; i < range_count; ++i)
            shares[i] = inside[i] / total;
        *mean_saturation = saturation / total, *mean_value = value / total;
        return static_cast<int>(CV_SHIM_OK);
    });
}

int cv_shim_kmeans(const cv_shim_image *image, int max_k, int64_t max_samples,
                   uint8_t *centres_rgb, double *shares, int *k, cv_shim_error *error) {
    return guarded(error, [&] {
        if (image->mat.channels() != 3 || max_k < 1)
            return fail(error, CV_SHIM_INVALID_ARGUMENT, "BGR image and k >= 1 expected");
        cv::Mat sample = image->mat;
        if (max_samples > 0 && static_cast<int64_t>(sample.total()) > max_samples) {
            // Nearest-neighbour shrinking picks real pixels on a regular grid.
            const double step = std::sqrt(static_cast<double>(sample.total()) / max_samples);
            cv::resize(sample, sample,
                       cv::Size(std::max(1, static_cast<int>(sample.cols / step)),
                                std::max(1, static_cast<int>(sample.rows / step))),
                       0, 0, cv::INTER_NEAREST);
        }
        if (!sample.isContinuous())
            sample = sample.clone();
        const cv::Mat pixels = sample.reshape(3, static_cast<int>(sample.total()));

        // Up to max_k distinct colours are their own exact clustering; k-means would only
        // find them again (and OpenCV's refuses more clusters than points).
        std::vector<cv::Vec3f> centres;
        std::vector<double> counts;
        bool more = false;
        for (int i = 0; i < pixels.rows && !more; ++i) {
            const cv::Vec3f colour = pixels.at<cv::Vec3b>(i);
            auto found = std::find(centres.begin(), centres.end(), colour);
            if (found != centres.end())
                counts[found - centres.begin()] += 1;
            else if (static_cast<int>(centres.size()) < max_k)
                centres.push_back(colour), counts.push_back(1);
            else
                more = true;
        }
        if (more) {
            cv::Mat points, labels, found;
            pixels.reshape(1).convertTo(points, CV_32F);
            cv::setRNGSeed(static_cast<int>(kKMeansSeed));
            cv::kmeans(points, max_k, labels,
                       cv::TermCriteria(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 100, 0.5),
                       3, cv::KMEANS_PP_CENTERS, found);
            centres.assign(max_k, cv::Vec3f());
            counts.assign(max_k, 0);
            for (int c = 0; c < max_k; ++c) {
                const float *row = found.ptr<float>(c);
                centres[c] = cv::Vec3f(row[0], row[1], row[2]);
            }
            for (int i = 0; i < labels.rows; ++i)
                counts[labels.at<int>(i)] += 1;
        }

        std::vector<int> order(centres.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](int a, int b) {
            return counts[a] != counts[b] ? counts[a] > counts[b] : a < b;
        });
        for (size_t i = 0; i < order.size(); ++i) {
            const cv::Vec3f &bgr = centres[order[i]];
            for (int channel = 0; channel < 3; ++channel)
                centres_rgb[i * 3 + channel] = cv::saturate_cast<uint8_t>(bgr[2 - channel]);
            shares[i] = counts[order[i]] / static_cast<double>(pixels.rows);
        }
        *k = static_cast<int>(centres.size());
        return static_cast<int>(CV_SHIM_OK);
    });
}

} // extern "C"
