// Image handles: decoding, copying, resizing, colour conversion, drawing and encoding.
#include "shim.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <climits>
#include <cstdlib>
#include <cstring>
#include <vector>

using cvshim::fail;
using cvshim::give;
using cvshim::guarded;

extern "C" {

int cv_shim_decode(const uint8_t *data, size_t size, const cv_shim_decode_options *options,
                   cv_shim_image **out, cv_shim_error *error) {
    return guarded(error, [&] {
        if (data == nullptr || size == 0 || size > INT_MAX || options == nullptr)
            return fail(error, CV_SHIM_INVALID_ARGUMENT, "empty or oversized input");
        if (size >= 4 && std::memcmp(data, "GIF8", 4) == 0) {
            cv::Mat frame = cvshim::decode_gif(data, size, options->max_pixels, error);
            return frame.empty() ? error->code : give(std::move(frame), out);
        }
        if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
            cv::Mat image = cvshim::decode_jpeg(data, size, *options, error);
            return image.empty() ? error->code : give(std::move(image), out);
        }
        cv::Mat encoded(1, static_cast<int>(size), CV_8UC1, const_cast<uint8_t *>(data));
        // IMREAD_COLOR gives 8-bit BGR for every source layout and applies EXIF orientation.
        cv::Mat decoded = cv::imdecode(encoded, cv::IMREAD_COLOR);
        if (decoded.empty())
            return fail(error, CV_SHIM_DECODE_FAILED, "OpenCV could not decode the data");
        if (static_cast<int64_t>(decoded.total()) > options->max_pixels)
            return fail(error, CV_SHIM_DECODE_FAILED, "decoded image exceeds the pixel limit");
        return give(std::move(decoded), out);
    });
}

int cv_shim_image_from_pixels(const uint8_t *pixels, int width, int height, int channels,
                              cv_shim_image **out, cv_shim_error *error) {
    return guarded(error, [&] {
        if (pixels == nullptr || width <= 0 || height <= 0 ||
            (channels != 1 && channels != 3 && channels != 4))
            return fail(error, CV_SHIM_INVALID_ARGUMENT, "bad pixel buffer description");
        cv::Mat source(height, width, CV_8UC(channels), const_cast<uint8_t *>(pixels));
        cv::Mat image;
        if (channels == 1)
            image = source.clone();
        else
            cv::cvtColor(source, image, channels == 3 ? cv::COLOR_RGB2BGR : cv::COLOR_RGBA2BGRA);
        return give(std::move(image), out);
    });
}

void cv_shim_image_release(cv_shim_image *image) { delete image; }
int cv_shim_image_width(const cv_shim_image *image) { return image->mat.cols; }
void cv_shim_image_pixels(const cv_shim_image *image, const uint8_t **data, size_t *row_bytes, int *channels) {
    *data = image->mat.data;
    *row_bytes = image->mat.step[0];
    *channels = image->mat.channels();
}
int cv_shim_image_height(const cv_shim_image *image) { return image->mat.rows; }

int cv_shim_resize(const cv_shim_image *image, int width, int height, cv_shim_image **out,
                   cv_shim_error *error) {
    return guarded(error, [&] {
        if (width <= 0 || height <= 0)
            return fail(error, CV_SHIM_INVALID_ARGUMENT, "resize to an empty size");
        cv::Mat resized;
        cv::resize(image->mat, resized, cv::Size(width, height), 0, 0, cv::INTER_AREA);
        return give(std::move(resized), out);
    });
}

int cv_shim_grey(const cv_shim_image *image, cv_shim_image **out, cv_shim_error *error) {
    return guarded(error, [&] {
        cv::Mat grey;
        switch (image->mat.channels()) {
        case 1: grey = image->mat.clone(); break;
        case 3: cv::cvtColor(image->mat, grey, cv::COLOR_BGR2GRAY); break;
        default: cv::cvtColor(image->mat, grey, cv::COLOR_BGRA2GRAY); break;
        }
        return give(std::move(grey), out);
    });
}

int cv_shim_export_rgb(const cv_shim_image *image, uint8_t *rgb, size_t capacity,
                       cv_shim_error *error) {
    return guarded(error, [&] {
        const cv::Mat &mat = image->mat;
        if (capacity < mat.total() * 3)
            return fail(error, CV_SHIM_INVALID_ARGUMENT, "RGB buffer too small");
        // cvtColor writes straight into a destination of the right size and type.
        cv::Mat destination(mat.rows, mat.cols, CV_8UC3, rgb);
        switch (mat.channels()) {
        case 1: cv::cvtColor(mat, destination, cv::COLOR_GRAY2RGB); break;
        case 3: cv::cvtColor(mat, destination, cv::COLOR_BGR2RGB); break;
        default: cv::cvtColor(mat, destination, cv::COLOR_BGRA2RGB); break;
        }
        if (destination.data != rgb)
            return fail(error, CV_SHIM_INTERNAL, "conversion reallocated its destination");
        return static_cast<int>(CV_SHIM_OK);
    });
}

int cv_shim_encode(const cv_shim_image *image, const char *extension, int quality,
                   uint8_t **bytes, size_t *size, cv_shim_error *error) {
    return guarded(error, [&] {
        std::vector<int> parameters{cv::IMWRITE_JPEG_QUALITY, quality, cv::IMWRITE_WEBP_QUALITY,
                                    quality};
        std::vector<uint8_t> encoded;
        if (!cv::imencode(extension, image->mat, encoded, parameters))
            return fail(error, CV_SHIM_OPENCV_ERROR, "encoder refused the image");
        *bytes = static_cast<uint8_t *>(std::malloc(encoded.size()));
        if (*bytes == nullptr)
            return fail(error, CV_SHIM_OUT_OF_MEMORY, "out of memory");
        std::memcpy(*bytes, encoded.data(), encoded.size());
        *size = encoded.size();
        return static_cast<int>(CV_SHIM_OK);
    });
}

void cv_shim_buffer_free(uint8_t *bytes) { std::free(bytes); }

int cv_shim_draw_rectangle(cv_shim_image *image, cv_shim_rect rect, uint8_t red, uint8_t green,
                           uint8_t blue, int thickness, cv_shim_error *error) {
    return guarded(error, [&] {
        // Corner to corner inclusive, as cv2.rectangle(img, (x, y), (x + w, y + h)) drew it.
        cv::rectangle(image->mat, cv::Point(rect.x, rect.y),
                      cv::Point(rect.x + rect.width, rect.y + rect.height),
                      cv::Scalar(blue, green, red), thickness);
        return static_cast<int>(CV_SHIM_OK);
    });
}

} // extern "C"
