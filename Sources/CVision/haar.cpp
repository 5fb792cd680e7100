// See haar.hpp: OpenCV's Haar detection, window for window, with the work laid out for speed.
#include "haar.hpp"

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <mutex>
#include <string>

// Every product and sum is rounded on its own, as in OpenCV's build for the SSE2 baseline: no
// fused multiply-add may change a feature's value.
#if defined(__clang__)
#pragma clang fp contract(off)
#endif

#if defined(__x86_64__)
#include <immintrin.h>
#define CVSHIM_HAAR_VECTOR 1
#define CVSHIM_AVX2 __attribute__((target("avx2")))
#endif

namespace cvshim {

namespace {

// OpenCV lowers every stage threshold by this much when it reads a cascade.
constexpr float kStageThresholdEpsilon = 1e-5f;
// cv::groupRectangles' eps in detectMultiScale.
constexpr double kGroupEpsilon = 0.2;
// Windows per vector.
constexpr int kLanes = 8;

// The integral image's column `column` (of a window's top-left corner at column 0): in plain rows,
// `column` itself; in split rows (even columns, then the odd ones from `half` on), where a
// window's base is its column / 2, the even or odd half's entry.
int columnOffset(int column, int half) {
    if (half == 0)
        return column;
    return column % 2 == 0 ? column / 2 : half + (column - 1) / 2;
}

// The four corners of `r` as OpenCV's CV_SUM_OFS orders them: (x, y), (x + w, y), (x, y + h), (x + w, y + h).
void corners(const cv::Rect &r, int rowLength, int half, int out[4]) {
    out[0] = columnOffset(r.x, half) + rowLength * r.y;
    out[1] = columnOffset(r.x + r.width, half) + rowLength * r.y;
    out[2] = columnOffset(r.x, half) + rowLength * (r.y + r.height);
    out[3] = columnOffset(r.x + r.width, half) + rowLength * (r.y + r.height);
}

// A rectangle's sum from its corners. The integral image may wrap around 2^32 on huge images
// (OpenCV's CV_32S sums do too); the difference of wrapped values is still the right sum.
inline int rectSum(const int *p, const int ofs[4]) {
    const uint32_t sum = static_cast<uint32_t>(p[ofs[0]]) - static_cast<uint32_t>(p[ofs[1]]) -
                         static_cast<uint32_t>(p[ofs[2]]) + static_cast<uint32_t>(p[ofs[3]]);
    return static_cast<int>(sum);
}

bool hasAVX2() {
#if CVSHIM_HAAR_VECTOR
    static const bool has = __builtin_cpu_supports("avx2");
    return has;
#else
    return false;
#endif
}

} // namespace

// One scale of the pyramid: the integral images of the shrunken grey image, and its geometry.
struct HaarCascade::Layer {
    float scale = 0;
    int ystep = 2;
    cv::Size scanned;    // window positions: x < scanned.width, y < scanned.height
    cv::Size window;     // the window in original-image pixels
    // Integral rows as the scan reads them: plain, or split (even columns, then odd ones).
    std::vector<int> sum, squares;
    int rowLength = 0, half = 0;
    int normOffsets[4];
    const std::vector<PlacedStump> *stumps = nullptr;
};

bool HaarCascade::load(const char *path) {
#if !defined(__x86_64__)
    // Elsewhere OpenCV's build may fuse multiplies and adds (GCC contracts them by default where
    // the processor has FMA), so its float results are not known here: its own classifier runs.
    (void)path;
    return false;
#endif
    cv::FileStorage storage(path, cv::FileStorage::READ);
    if (!storage.isOpened())
        return false;
    const cv::FileNode root = storage.getFirstTopLevelNode();
    if ((std::string)root["stageType"] != "BOOST" || (std::string)root["featureType"] != "HAAR")
        return false;
    window_ = cv::Size((int)root["width"], (int)root["height"]);
    const cv::FileNode params = root["featureParams"];
    if (window_.width <= 2 || window_.height <= 2 || params.empty() || (int)params["maxCatCount"] != 0)
        return false;

    stages_.clear();
    stumps_.clear();
    features_.clear();
    for (const cv::FileNode stageNode : root["stages"]) {
        Stage stage;
        stage.threshold = (float)stageNode["stageThreshold"] - kStageThresholdEpsilon;
        stage.first = static_cast<int>(stumps_.size());
        const cv::FileNode weaks = stageNode["weakClassifiers"];
        stage.count = static_cast<int>(weaks.size());
        for (const cv::FileNode weak : weaks) {
            const cv::FileNode nodes = weak["internalNodes"], leaves = weak["leafValues"];
            // A stump: left, right, feature index, threshold; and its two leaves.
            if (nodes.size() != 4 || leaves.size() != 2)
                return false;
            stumps_.push_back(Stump{(int)nodes[2], (float)nodes[3], (float)leaves[0], (float)leaves[1]});
        }
        if (stage.count == 0)
            return false;
        stages_.push_back(stage);
    }
    for (const cv::FileNode featureNode : root["features"]) {
        if ((int)featureNode["tilted"] != 0)
            return false;
        Feature feature{};
        const cv::FileNode rects = featureNode["rects"];
        if (rects.size() < 1 || rects.size() > 3)
            return false;
        feature.rectCount = static_cast<int>(rects.size());
        int index = 0;
        for (const cv::FileNode rect : rects) {
            cv::FileNodeIterator value = rect.begin();
            cv::Rect &r = feature.rects[index];
            value >> r.x >> r.y >> r.width >> r.height >> feature.weights[index];
            if (r.x < 0 || r.y < 0 || r.x >= window_.width || r.y >= window_.height ||
                r.x + r.width > window_.width || r.y + r.height > window_.height)
                return false;
            ++index;
        }
        features_.push_back(feature);
    }
    if (stages_.empty())
        return false;
    for (const Stump &stump : stumps_)
        if (stump.feature < 0 || stump.feature >= static_cast<int>(features_.size()))
            return false;
    return true;
}

// detectMultiScaleNoGrouping's choice of scales, with its float factors and its roundings.
std::vector<float> HaarCascade::scales(cv::Size image, double scaleFactor, cv::Size minSize) const {
    std::vector<float> all, chosen;
    if (image.height < window_.height || image.width < window_.width)
        return chosen;
    for (double factor = 1;; factor *= scaleFactor) {
        const cv::Size size(cvRound(window_.width * factor), cvRound(window_.height * factor));
        if (size.width > image.width || size.height > image.height)
            break;
        all.push_back(static_cast<float>(factor));
    }
    for (const float factor : all) {
        const cv::Size size(cvRound(window_.width * factor), cvRound(window_.height * factor));
        if (size.width > image.width || size.height > image.height)
            break;
        if (size.width < minSize.width || size.height < minSize.height)
            continue;
        chosen.push_back(factor);
    }
    // No scale as large as minSize: OpenCV takes the one closest to it.
    if (chosen.empty() && !all.empty()) {
        size_t closest = 0;
        double best = 0;
        for (size_t i = 0; i < all.size(); ++i) {
            const cv::Size size(cvRound(window_.width * all[i]), cvRound(window_.height * all[i]));
            const double d = (minSize.width - size.width) * (minSize.width - size.width) +
                             (minSize.height - size.height) * (minSize.height - size.height);
            if (i == 0 || best > d)
                best = d, closest = i;
        }
        chosen.push_back(all[closest]);
    }
    return chosen;
}

std::vector<HaarCascade::PlacedStump> HaarCascade::place(int rowLength, int half) const {
    std::vector<PlacedStump> placed(stumps_.size());
    for (size_t i = 0; i < stumps_.size(); ++i) {
        const Stump &stump = stumps_[i];
        const Feature &feature = features_[stump.feature];
        PlacedStump &p = placed[i];
        for (int r = 0; r < 3; ++r) {
            // Unused slots are empty rectangles at the origin with weight 0, as in OpenCV.
            const cv::Rect rect = r < feature.rectCount ? feature.rects[r] : cv::Rect();
            corners(rect, rowLength, half, p.offsets[r]);
            p.weights[r] = r < feature.rectCount ? feature.weights[r] : 0.f;
        }
        p.rectCount = p.weights[2] != 0.0f ? 3 : 2;
        p.threshold = stump.threshold;
        p.left = stump.left;
        p.right = stump.right;
    }
    return placed;
}

namespace {

// HaarEvaluator::OptFeature::calc: float products and sums, in this order.
inline float featureValue(const int *p, const int offsets[3][4], const float weights[3], int rectCount) {
    float value = weights[0] * static_cast<float>(rectSum(p, offsets[0])) +
                  weights[1] * static_cast<float>(rectSum(p, offsets[1]));
    if (rectCount == 3)
        value += weights[2] * static_cast<float>(rectSum(p, offsets[2]));
    return value;
}

// HaarEvaluator::setWindow: the window's normalisation factor, or false when the window is too
// flat to be judged (OpenCV then reports -1, which does not skip the next window).
inline bool normFactor(const int *sum, const int *squares, const int offsets[4], double area, float &factor) {
    const int valsum = rectSum(sum, offsets);
    const unsigned valsqsum = static_cast<unsigned>(rectSum(squares, offsets));
    double nf = area * valsqsum - (double)valsum * valsum;
    if (nf > 0.) {
        nf = std::sqrt(nf);
        factor = (float)(1. / nf);
        return area * factor < 1e-1;
    }
    factor = 1.f;
    return false;
}

} // namespace

// predictOrderedStump over stages [from, to): true if the window passes them all.
bool HaarCascade::passes(const int *window, float norm, const PlacedStump *stumps, size_t from, size_t to) const {
    const PlacedStump *stump = stumps + stages_[from].first;
    for (size_t s = from; s < to; ++s) {
        double sum = 0;
        for (int i = 0; i < stages_[s].count; ++i, ++stump) {
            const double value = featureValue(window, stump->offsets, stump->weights, stump->rectCount) * norm;
            sum += value < stump->threshold ? stump->left : stump->right;
        }
        if (sum < stages_[s].threshold)
            return false;
    }
    return true;
}

// Rows [rowBegin, rowEnd) of one layer, walked as CascadeClassifierInvoker walks them, one window
// at a time (plain rows).
void HaarCascade::scanRows(const Layer &layer, int rowBegin, int rowEnd, std::vector<cv::Rect> &candidates) const {
    const int step = layer.ystep;
    const PlacedStump *stumps = layer.stumps->data();
    const double area = normArea();
    for (int y = rowBegin; y < rowEnd; y += step) {
        const int *sumRow = layer.sum.data() + static_cast<size_t>(y) * layer.rowLength;
        const int *squaresRow = layer.squares.data() + static_cast<size_t>(y) * layer.rowLength;
        for (int x = 0; x < layer.scanned.width; x += step) {
            float norm;
            if (!normFactor(sumRow + x, squaresRow + x, layer.normOffsets, area, norm))
                continue;
            if (!passes(sumRow + x, norm, stumps, 0, 1)) {
                x += step;  // rejected by the first stage (OpenCV's result 0): the next window is skipped
                continue;
            }
            if (passes(sumRow + x, norm, stumps, 1, stages_.size()))
                candidates.emplace_back(cvRound(x * layer.scale), cvRound(y * layer.scale), layer.window.width,
                                        layer.window.height);
        }
    }
}

#if CVSHIM_HAAR_VECTOR

namespace {

// Eight windows' rectangle sums: lane i is the window whose base is p + i.
CVSHIM_AVX2 inline __m256i rectSum8(const int *p, const int ofs[4]) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + ofs[0]));
    const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + ofs[1]));
    const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + ofs[2]));
    const __m256i d = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + ofs[3]));
    return _mm256_add_epi32(_mm256_sub_epi32(_mm256_sub_epi32(a, b), c), d);
}

// Unsigned 32-bit lanes as doubles (lanes 0-3 or 4-7).
CVSHIM_AVX2 inline __m256d unsignedToDouble(__m128i v) {
    const __m256d signedValue = _mm256_cvtepi32_pd(v);
    // A negative lane stands for value + 2^32.
    const __m256d negative = _mm256_cmp_pd(signedValue, _mm256_setzero_pd(), _CMP_LT_OQ);
    return _mm256_add_pd(signedValue, _mm256_and_pd(negative, _mm256_set1_pd(4294967296.0)));
}

// setWindow for eight windows: their factors, and the mask of the lanes that may be judged.
CVSHIM_AVX2 inline int normFactor8(const int *sum, const int *squares, const int offsets[4], double area,
                                   __m256 &factors) {
    const __m256i valsum = rectSum8(sum, offsets);
    const __m256i valsqsum = rectSum8(squares, offsets);
    const __m256d areaVector = _mm256_set1_pd(area);
    __m128 halves[2];
    int judged = 0;
    for (int h = 0; h < 2; ++h) {
        const __m128i s = h == 0 ? _mm256_castsi256_si128(valsum) : _mm256_extracti128_si256(valsum, 1);
        const __m128i q = h == 0 ? _mm256_castsi256_si128(valsqsum) : _mm256_extracti128_si256(valsqsum, 1);
        const __m256d sd = _mm256_cvtepi32_pd(s);
        const __m256d nf = _mm256_sub_pd(_mm256_mul_pd(areaVector, unsignedToDouble(q)), _mm256_mul_pd(sd, sd));
        const __m256d positive = _mm256_cmp_pd(nf, _mm256_setzero_pd(), _CMP_GT_OQ);
        const __m256d root = _mm256_sqrt_pd(nf);
        const __m128 factor = _mm256_cvtpd_ps(_mm256_div_pd(_mm256_set1_pd(1.), root));
        const __m256d small = _mm256_cmp_pd(_mm256_mul_pd(areaVector, _mm256_cvtps_pd(factor)), _mm256_set1_pd(1e-1),
                                            _CMP_LT_OQ);
        judged |= _mm256_movemask_pd(_mm256_and_pd(positive, small)) << (4 * h);
        halves[h] = factor;
    }
    factors = _mm256_set_m128(halves[1], halves[0]);
    return judged;
}

// One stage for eight windows: the mask of the lanes whose stage sum reaches the threshold.
CVSHIM_AVX2 inline int stage8(const int *p, __m256 norm, const HaarCascade::PlacedStump *stump, int count,
                              float threshold) {
    __m256d low = _mm256_setzero_pd(), high = _mm256_setzero_pd();
    for (int i = 0; i < count; ++i, ++stump) {
        __m256 value = _mm256_add_ps(_mm256_mul_ps(_mm256_set1_ps(stump->weights[0]), _mm256_cvtepi32_ps(rectSum8(p, stump->offsets[0]))),
                                     _mm256_mul_ps(_mm256_set1_ps(stump->weights[1]), _mm256_cvtepi32_ps(rectSum8(p, stump->offsets[1]))));
        if (stump->rectCount == 3)
            value = _mm256_add_ps(value, _mm256_mul_ps(_mm256_set1_ps(stump->weights[2]),
                                                       _mm256_cvtepi32_ps(rectSum8(p, stump->offsets[2]))));
        value = _mm256_mul_ps(value, norm);
        const __m256 below = _mm256_cmp_ps(value, _mm256_set1_ps(stump->threshold), _CMP_LT_OQ);
        const __m256 leaf = _mm256_blendv_ps(_mm256_set1_ps(stump->right), _mm256_set1_ps(stump->left), below);
        low = _mm256_add_pd(low, _mm256_cvtps_pd(_mm256_castps256_ps128(leaf)));
        high = _mm256_add_pd(high, _mm256_cvtps_pd(_mm256_extractf128_ps(leaf, 1)));
    }
    const __m256d limit = _mm256_set1_pd(static_cast<double>(threshold));
    return _mm256_movemask_pd(_mm256_cmp_pd(low, limit, _CMP_GE_OQ)) |
           (_mm256_movemask_pd(_mm256_cmp_pd(high, limit, _CMP_GE_OQ)) << 4);
}

} // namespace

// Rows [rowBegin, rowEnd) of one layer, eight windows at a time: the first stage and the
// factors for the whole row, then OpenCV's walk over those results (which windows it visits),
// then the other stages for the visited windows that passed the first one.
CVSHIM_AVX2 void HaarCascade::scanRowsVector(const Layer &layer, int rowBegin, int rowEnd,
                                            std::vector<cv::Rect> &candidates) const {
    const int step = layer.ystep;
    const PlacedStump *stumps = layer.stumps->data();
    const double area = normArea();
    // Window j of a row is at x = j * step; its base is row + j in plain and in split rows alike.
    const int positions = (layer.scanned.width + step - 1) / step;
    const int batches = (positions + kLanes - 1) / kLanes;
    std::vector<uint8_t> judged(batches), first(batches), visited(batches);
    std::vector<float> factors(static_cast<size_t>(batches) * kLanes);
    for (int y = rowBegin; y < rowEnd; y += step) {
        const int *sumRow = layer.sum.data() + static_cast<size_t>(y) * layer.rowLength;
        const int *squaresRow = layer.squares.data() + static_cast<size_t>(y) * layer.rowLength;
        for (int b = 0; b < batches; ++b) {
            const int base = b * kLanes;
            __m256 factor;
            judged[b] = static_cast<uint8_t>(normFactor8(sumRow + base, squaresRow + base, layer.normOffsets, area, factor));
            _mm256_storeu_ps(factors.data() + base, factor);
            first[b] = judged[b] ? static_cast<uint8_t>(stage8(sumRow + base, factor, stumps, stages_[0].count,
                                                                stages_[0].threshold) & judged[b])
                                 : 0;
        }
        // OpenCV's walk: a window that was judged and failed the first stage hides the next one.
        std::fill(visited.begin(), visited.end(), 0);
        for (int j = 0; j < positions;) {
            const int b = j / kLanes, bit = 1 << (j % kLanes);
            if ((judged[b] & bit) && !(first[b] & bit)) {
                j += 2;
                continue;
            }
            if (first[b] & bit)
                visited[b] |= static_cast<uint8_t>(bit);
            ++j;
        }
        for (int b = 0; b < batches; ++b) {
            int alive = visited[b];
            const int base = b * kLanes;
            const __m256 factor = _mm256_loadu_ps(factors.data() + base);
            for (size_t s = 1; alive && s < stages_.size(); ++s)
                alive &= stage8(sumRow + base, factor, stumps + stages_[s].first, stages_[s].count, stages_[s].threshold);
            for (int lane = 0; alive; ++lane, alive >>= 1) {
                if (!(alive & 1))
                    continue;
                const int x = (base + lane) * step;
                candidates.emplace_back(cvRound(x * layer.scale), cvRound(y * layer.scale), layer.window.width,
                                        layer.window.height);
            }
        }
    }
}

#endif

double HaarCascade::normArea() const { return (window_.width - 2) * (window_.height - 2); }

void HaarCascade::detect(const cv::Mat &grey, double scaleFactor, int minNeighbors, cv::Size minSize,
                         std::vector<cv::Rect> &found) const {
    CV_Assert(grey.type() == CV_8UC1 && scaleFactor > 1);
    found.clear();
    const std::vector<float> factors = scales(grey.size(), scaleFactor, minSize);
    if (factors.empty())
        return;
    const bool vector = hasAVX2();

    // Rows as long as the widest layer's, with room for a vector read past a row's last window.
    const int widest = cvRound(grey.cols / factors[0]) + 1;
    const int plainRow = static_cast<int>(cv::alignSize(widest + kLanes, kLanes));
    const int half = plainRow / 2;
    std::vector<PlacedStump> plain = place(plainRow, 0), split;
    if (vector)
        split = place(plainRow, half);
    const cv::Rect normRect(1, 1, window_.width - 2, window_.height - 2);

    std::vector<Layer> layers(factors.size());
    cv::parallel_for_(cv::Range(0, static_cast<int>(layers.size())), [&](const cv::Range &range) {
        for (int i = range.start; i < range.end; ++i) {
            Layer &layer = layers[i];
            const float sc = factors[i];
            const cv::Size size(cvRound(grey.cols / sc), cvRound(grey.rows / sc));
            layer.scale = sc;
            layer.ystep = sc >= 2 ? 1 : 2;
            layer.scanned = cv::Size(std::max(size.width + 1 - window_.width, 0),
                                     std::max(size.height + 1 - window_.height, 0));
            layer.window = cv::Size(cvRound(window_.width * sc), cvRound(window_.height * sc));
            cv::Mat shrunk, sum, squares;
            cv::resize(grey, shrunk, size, 1. / sc, 1. / sc, cv::INTER_LINEAR_EXACT);
            cv::integral(shrunk, sum, squares, CV_32S, CV_32S);
            // Split rows only where windows are 2 apart and the vector scan reads them.
            const bool splitRows = vector && layer.ystep == 2;
            layer.rowLength = plainRow;
            layer.half = splitRows ? half : 0;
            layer.stumps = splitRows ? &split : &plain;
            corners(normRect, plainRow, layer.half, layer.normOffsets);
            // One spare row: a vector read of the last row's windows stays inside the buffer.
            const size_t length = static_cast<size_t>(sum.rows + 1) * plainRow;
            layer.sum.assign(length, 0);
            layer.squares.assign(length, 0);
            for (int r = 0; r < sum.rows; ++r) {
                const int *s = sum.ptr<int>(r), *q = squares.ptr<int>(r);
                int *ds = layer.sum.data() + static_cast<size_t>(r) * plainRow;
                int *dq = layer.squares.data() + static_cast<size_t>(r) * plainRow;
                for (int c = 0; c < sum.cols; ++c) {
                    const int column = columnOffset(c, layer.half);
                    ds[column] = s[c];
                    dq[column] = q[c];
                }
            }
        }
    });

    // Stripes of rows over the cores, as OpenCV splits them.
    const int stripes = std::max(cvCeil(layers[0].scanned.width / 32.), 1);
    std::vector<int> stripeRows(layers.size());
    for (size_t i = 0; i < layers.size(); ++i)
        stripeRows[i] = std::max((layers[i].scanned.height / layers[i].ystep + stripes - 1) / stripes, 1) * layers[i].ystep;
    std::mutex lock;
    std::vector<cv::Rect> candidates;
    cv::parallel_for_(cv::Range(0, stripes), [&](const cv::Range &range) {
        std::vector<cv::Rect> local;
        for (size_t i = 0; i < layers.size(); ++i) {
            const int begin = range.start * stripeRows[i];
            const int end = std::min(range.end * stripeRows[i], layers[i].scanned.height);
#if CVSHIM_HAAR_VECTOR
            if (vector) {
                scanRowsVector(layers[i], begin, end, local);
                continue;
            }
#endif
            scanRows(layers[i], begin, end, local);
        }
        std::lock_guard<std::mutex> guard(lock);
        candidates.insert(candidates.end(), local.begin(), local.end());
    });

    cv::groupRectangles(candidates, minNeighbors, kGroupEpsilon);
    const cv::Rect image(0, 0, grey.cols, grey.rows);
    for (const cv::Rect &r : candidates) {
        const cv::Rect clipped = r & image;
        if (!clipped.empty())
            found.push_back(clipped);
    }
}

} // namespace cvshim
