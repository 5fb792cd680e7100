-- wrk script: POST one image as multipart/form-data to /api/analyze.
-- The image path comes from the environment (PEEK_BENCH_IMAGE).
local file = assert(io.open(os.getenv("PEEK_BENCH_IMAGE"), "rb"))
local image = file:read("*all")
file:close()

local boundary = "peekbenchboundary7MA4YWxkTrZu0gW"
wrk.method = "POST"
wrk.path = "/api/analyze"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.body = "--" .. boundary .. "\r\n"
    .. "Content-Disposition: form-data; name=\"image\"; filename=\"bench.jpg\"\r\n"
    .. "Content-Type: image/jpeg\r\n\r\n"
    .. image .. "\r\n--" .. boundary .. "--\r\n"
