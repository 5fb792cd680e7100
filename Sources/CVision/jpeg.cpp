// JPEG through libjpeg itself rather than cv::imdecode, for what OpenCV does not offer: a bound
// on the scans a progressive file makes the decoder run (each one a pass over every block, so a
// small file of thousands of empty scans would hold a worker for its whole time limit), and DCT
// scaling. Pixels come out as OpenCV's reader made them: same library, same defaults (islow
// IDCT, fancy upsampling), the same CMYK formula, and EXIF orientation applied the same way.
//
// libjpeg reports errors by calling error_exit, which must not return; it longjmps back to
// `protect`. Only libjpeg's C frames and functions without destructors lie in between, so no
// C++ object is skipped.
#include "shim.hpp"

#include <csetjmp>
#include <cstdio>

#include <jpeglib.h>

namespace {

struct ErrorManager {
    jpeg_error_mgr base; // first, so that libjpeg's pointer to it is a pointer to the whole
    std::jmp_buf jump;
    int status;
    char message[JMSG_LENGTH_MAX];
};

struct ScanLimit {
    jpeg_progress_mgr base; // first, as above
    int max_scans;
};

struct Session {
    jpeg_decompress_struct info{};
    ErrorManager errors{};
    ScanLimit progress{};
    bool created = false;

    ~Session() {
        if (created)
            jpeg_destroy_decompress(&info);
    }
};

[[noreturn]] void error_exit(j_common_ptr info) {
    auto *errors = reinterpret_cast<ErrorManager *>(info->err);
    (*info->err->format_message)(info, errors->message);
    errors->status = CV_SHIM_DECODE_FAILED;
    std::longjmp(errors->jump, 1);
}

// Warnings (corrupt data that libjpeg decodes through) are counted, not printed: OpenCV's reader
// also went on, and the analysis process's stderr is no place for them.
void discard_message(j_common_ptr) {}

// libjpeg calls this before each chunk of input it absorbs; input_scan_number is the scan whose
// start marker it has read.
void check_scan(j_common_ptr info) {
    auto *limit = reinterpret_cast<ScanLimit *>(info->progress);
    const int scan = reinterpret_cast<j_decompress_ptr>(info)->input_scan_number;
    if (limit->max_scans <= 0 || scan <= limit->max_scans)
        return;
    auto *errors = reinterpret_cast<ErrorManager *>(info->err);
    std::snprintf(errors->message, sizeof errors->message, "the JPEG has more than %d scans",
                  limit->max_scans);
    errors->status = CV_SHIM_TOO_MANY_SCANS;
    std::longjmp(errors->jump, 1);
}

// Runs one step of libjpeg calls, returning false (with session.errors filled) when libjpeg
// failed. `step` must hold nothing with a destructor.
template <typename Step> bool protect(Session &session, Step step) {
    if (setjmp(session.errors.jump) != 0)
        return false;
    step();
    return true;
}

cv::Mat failed(cv_shim_error *error, int status, const char *message) {
    cvshim::fail(error, status, message);
    return {};
}

cv::Mat failed(cv_shim_error *error, const Session &session) {
    return failed(error, session.errors.status, session.errors.message);
}

// OpenCV's CMYK to BGR (icvCvt_CMYK2BGR_8u_C4C3R): libjpeg hands Adobe's inverted CMYK.
cv::Mat cmyk_to_bgr(const cv::Mat &cmyk) {
    cv::Mat bgr(cmyk.rows, cmyk.cols, CV_8UC3);
    for (int y = 0; y < cmyk.rows; ++y) {
        const uint8_t *in = cmyk.ptr<uint8_t>(y);
        uint8_t *out = bgr.ptr<uint8_t>(y);
        for (int x = 0; x < cmyk.cols; ++x, in += 4, out += 3) {
            const int k = in[3];
            out[2] = static_cast<uint8_t>(k - ((255 - in[0]) * k >> 8));
            out[1] = static_cast<uint8_t>(k - ((255 - in[1]) * k >> 8));
            out[0] = static_cast<uint8_t>(k - ((255 - in[2]) * k >> 8));
        }
    }
    return bgr;
}

// The transforms of OpenCV's ExifTransform, which imdecode applied for IMREAD_COLOR.
cv::Mat upright(cv::Mat image, int orientation) {
    if (orientation >= 5 && orientation <= 8)
        cv::transpose(image, image);
    switch (orientation) {
    case 2: case 6: cv::flip(image, image, 1); break;
    case 3: case 7: cv::flip(image, image, -1); break;
    case 4: case 8: cv::flip(image, image, 0); break;
    default: break;
    }
    return image;
}

} // namespace

cv::Mat cvshim::decode_jpeg(const uint8_t *data, size_t size, const cv_shim_decode_options &options,
                            cv_shim_error *error) {
    const bool scaled = options.jpeg_scale_num != 0 || options.jpeg_scale_denom != 0;
    if (scaled && (options.jpeg_scale_num <= 0 || options.jpeg_scale_denom <= 0 ||
                   options.jpeg_scale_num > options.jpeg_scale_denom))
        return failed(error, CV_SHIM_INVALID_ARGUMENT, "JPEG scale must be a fraction in (0, 1]");

    Session session;
    session.info.err = jpeg_std_error(&session.errors.base);
    session.errors.base.error_exit = error_exit;
    session.errors.base.output_message = discard_message;
    session.progress.base.progress_monitor = check_scan;
    session.progress.max_scans = options.max_jpeg_scans;

    const bool read = protect(session, [&] {
        jpeg_create_decompress(&session.info);
        session.created = true;
        session.info.progress = &session.progress.base;
        jpeg_mem_src(&session.info, data, static_cast<unsigned long>(size));
        jpeg_read_header(&session.info, TRUE);
    });
    if (!read)
        return failed(error, session);
    jpeg_decompress_struct &info = session.info;
    if (static_cast<int64_t>(info.image_width) * info.image_height > options.max_pixels)
        return failed(error, CV_SHIM_DECODE_FAILED, "JPEG frame exceeds the pixel limit");

    // As OpenCV's reader: four components (CMYK, YCCK) come out as CMYK, all others as BGR.
    const bool cmyk = info.num_components == 4;
    info.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_BGR;
    if (scaled) {
        info.scale_num = static_cast<unsigned int>(options.jpeg_scale_num);
        info.scale_denom = static_cast<unsigned int>(options.jpeg_scale_denom);
    }
    if (!protect(session, [&] { jpeg_calc_output_dimensions(&info); }))
        return failed(error, session);

    cv::Mat pixels(static_cast<int>(info.output_height), static_cast<int>(info.output_width),
                   cmyk ? CV_8UC4 : CV_8UC3);
    uint8_t *const rows = pixels.data;
    const size_t stride = pixels.step;
    bool complete = false;
    const bool decoded = protect(session, [&] {
        jpeg_start_decompress(&info);
        while (info.output_scanline < info.output_height) {
            JSAMPROW row = rows + info.output_scanline * stride;
            // A memory source never suspends, so no rows means no progress at all.
            if (jpeg_read_scanlines(&info, &row, 1) != 1)
                return;
        }
        jpeg_finish_decompress(&info);
        complete = true;
    });
    if (!decoded)
        return failed(error, session);
    if (!complete)
        return failed(error, CV_SHIM_DECODE_FAILED, "libjpeg stopped giving rows");
    return upright(cmyk ? cmyk_to_bgr(pixels) : std::move(pixels), options.jpeg_orientation);
}
