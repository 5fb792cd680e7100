// A Haar cascade detector that finds exactly the windows OpenCV 4's CascadeClassifier finds, faster.
//
// It reproduces CascadeClassifier::detectMultiScale for stump-based HAAR cascades without tilted
// features (haarcascade_frontalface_default.xml is one) on x86-64, where OpenCV's classifier is
// built for the SSE2 baseline: the same scales (float factors), the same pyramid (cv::resize
// INTER_LINEAR_EXACT and cv::integral, called as OpenCV calls them), the same window walk (a step
// of 2 below scale 2, and the window after one rejected by the first stage skipped), the same
// float arithmetic in the same order for each feature and the same double sums for each stage,
// then cv::groupRectangles and the clip to the image. What differs is only how the work is laid
// out: with AVX2, the first stage and the normalisation of a whole row of windows 8 at a time,
// OpenCV's walk over those results, then the later stages 8 windows at a time for the windows
// the walk visits; without it, one window at a time without virtual calls. Tests compare its raw
// windows with OpenCV's on many images.
#pragma once

#include <opencv2/core.hpp>

#include <vector>

namespace cvshim {

class HaarCascade {
public:
    // Reads the cascade file as OpenCV does; false when it is not a cascade this class covers, or
    // not on x86-64 (then OpenCV's own classifier is used).
    bool load(const char *path);

    // detectMultiScale's result (grouped with eps 0.2 and minNeighbors, clipped to the image);
    // with minNeighbors 0, every window that passed the cascade, as OpenCV returns them.
    void detect(const cv::Mat &grey, double scaleFactor, int minNeighbors, cv::Size minSize,
                std::vector<cv::Rect> &found) const;

    // A stump with its rectangles' corner offsets for one layout of the integral rows.
    struct PlacedStump {
        int offsets[3][4];
        float weights[3];
        float threshold, left, right;
        int rectCount;
    };

private:
    struct Feature {
        int rectCount;
        cv::Rect rects[3];
        float weights[3];
    };
    struct Stump {
        int feature;
        float threshold, left, right;
    };
    struct Stage {
        int first, count;
        float threshold;
    };
    struct Layer;

    std::vector<float> scales(cv::Size image, double scaleFactor, cv::Size minSize) const;
    std::vector<PlacedStump> place(int rowLength, int half) const;
    double normArea() const;
    bool passes(const int *window, float norm, const PlacedStump *stumps, size_t from, size_t to) const;
    void scanRows(const Layer &layer, int rowBegin, int rowEnd, std::vector<cv::Rect> &candidates) const;
    void scanRowsVector(const Layer &layer, int rowBegin, int rowEnd, std::vector<cv::Rect> &candidates) const;

    cv::Size window_;
    std::vector<Feature> features_;
    std::vector<Stump> stumps_;
    std::vector<Stage> stages_;
};

} // namespace cvshim
