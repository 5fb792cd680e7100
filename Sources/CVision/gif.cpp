// The first frame of a GIF through giflib, because OpenCV 4.6 has no GIF reader.
#include "shim.hpp"

#include <gif_lib.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

namespace {

struct MemoryReader {
    const uint8_t *data;
    size_t size;
    size_t offset;
};

int read_memory(GifFileType *gif, GifByteType *buffer, int length) {
    auto *reader = static_cast<MemoryReader *>(gif->UserData);
    size_t count = std::min(static_cast<size_t>(std::max(length, 0)), reader->size - reader->offset);
    std::memcpy(buffer, reader->data + reader->offset, count);
    reader->offset += count;
    return static_cast<int>(count);
}

struct GifCloser {
    void operator()(GifFileType *gif) const {
        int ignored;
        DGifCloseFile(gif, &ignored);
    }
};
using GifHandle = std::unique_ptr<GifFileType, GifCloser>;

cv::Mat failed(cv_shim_error *error, const char *message) {
    cvshim::fail(error, CV_SHIM_DECODE_FAILED, message);
    return {};
}

// Paints the frame that follows an image descriptor onto the logical screen. Transparent
// pixels, and the screen outside the frame, keep the background colour.
cv::Mat read_frame(GifFileType *gif, int transparent, int64_t max_pixels, cv_shim_error *error) {
    if (DGifGetImageDesc(gif) == GIF_ERROR)
        return failed(error, "GIF image descriptor is damaged");
    const GifImageDesc &frame = gif->Image;
    const ColorMapObject *colours = frame.ColorMap ? frame.ColorMap : gif->SColorMap;
    if (colours == nullptr)
        return failed(error, "GIF frame has no colour table");
    if (frame.Width <= 0 || frame.Height <= 0 ||
        static_cast<int64_t>(frame.Width) * frame.Height > max_pixels)
        return failed(error, "GIF frame size is out of bounds");

    cv::Scalar background(0, 0, 0);
    if (gif->SColorMap && gif->SBackGroundColor < gif->SColorMap->ColorCount) {
        const GifColorType &c = gif->SColorMap->Colors[gif->SBackGroundColor];
        background = cv::Scalar(c.Blue, c.Green, c.Red);
    }
    cv::Mat canvas(gif->SHeight, gif->SWidth, CV_8UC3, background);

    // Interlaced frames store rows in four passes.
    const int starts[] = {0, 4, 2, 1}, steps[] = {8, 8, 4, 2};
    const int passes = frame.Interlace ? 4 : 1;
    std::vector<GifPixelType> line(frame.Width);
    for (int pass = 0; pass < passes; ++pass) {
        const int start = frame.Interlace ? starts[pass] : 0, step = frame.Interlace ? steps[pass] : 1;
        for (int row = start; row < frame.Height; row += step) {
            if (DGifGetLine(gif, line.data(), frame.Width) == GIF_ERROR)
                return failed(error, "GIF pixel data is truncated or damaged");
            const int y = frame.Top + row;
            if (y < 0 || y >= canvas.rows)
                continue;
            auto *out = canvas.ptr<cv::Vec3b>(y);
            for (int i = 0; i < frame.Width; ++i) {
                const int x = frame.Left + i, index = line[i];
                if (x < 0 || x >= canvas.cols || index == transparent || index >= colours->ColorCount)
                    continue;
                const GifColorType &c = colours->Colors[index];
                out[x] = cv::Vec3b(c.Blue, c.Green, c.Red);
            }
        }
    }
    return canvas;
}

} // namespace

cv::Mat cvshim::decode_gif(const uint8_t *data, size_t size, int64_t max_pixels,
                           cv_shim_error *error) {
    MemoryReader reader{data, size, 0};
    int code = 0;
    GifHandle gif(DGifOpen(&reader, read_memory, &code));
    if (!gif)
        return failed(error, "GIF header is damaged");
    if (gif->SWidth <= 0 || gif->SHeight <= 0 ||
        static_cast<int64_t>(gif->SWidth) * gif->SHeight > max_pixels)
        return failed(error, "GIF screen size is out of bounds");

    int transparent = -1;
    GifRecordType record;
    do {
        if (DGifGetRecordType(gif.get(), &record) == GIF_ERROR)
            return failed(error, "GIF block structure is damaged");
        if (record == IMAGE_DESC_RECORD_TYPE)
            return read_frame(gif.get(), transparent, max_pixels, error);
        if (record == EXTENSION_RECORD_TYPE) {
            int kind;
            GifByteType *block;
            if (DGifGetExtension(gif.get(), &kind, &block) == GIF_ERROR)
                return failed(error, "GIF extension is damaged");
            GraphicsControlBlock control;
            if (kind == GRAPHICS_EXT_FUNC_CODE && block &&
                DGifExtensionToGCB(block[0], block + 1, &control) == GIF_OK)
                transparent = control.TransparentColor;
            while (block)
                if (DGifGetExtensionNext(gif.get(), &block) == GIF_ERROR)
                    return failed(error, "GIF extension is damaged");
        }
    } while (record != TERMINATE_RECORD_TYPE);
    return failed(error, "GIF holds no image");
}
