"""The web page in a real browser (headless Chromium) against the real stack.

Uploads real photos, waits for the analysis and checks what the page shows; checks the errors a
person can meet; saves screenshots at 1280 px and 375 px into artifacts/screenshots/.
"""
import base64
import re
import time
from pathlib import Path

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "static"
SHOTS = ROOT / "artifacts" / "screenshots"
SAMPLES = Path("/usr/share/doc/opencv-doc/examples/data")
FACE_PHOTO = SAMPLES / "messi5.jpg"
TEXT_IMAGE = SAMPLES / "imageTextN.png"
ID_PATH = re.compile(r"^/r/[A-Za-z0-9_-]{22}$")
DESKTOP, PHONE = 1280, 375


# ---------- helpers ----------

def js(driver, script, *args):
    return driver.execute_script(script, *args)


def path_of(driver):
    return js(driver, "return location.pathname")


def wait(driver, condition, timeout=30, message=""):
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: condition(d))
    except TimeoutException:
        state = js(driver, "return {path: location.pathname, status: document.getElementById('status').textContent,"
                           " notice: document.getElementById('notice').hidden ? null : document.getElementById('notice').innerText}")
        raise AssertionError(f"timed out waiting: {message}; page state {state}") from None


def console(driver):
    """Browser console entries since the last call (the log is drained on each read)."""
    return driver.get_log("browser")


def severe(entries):
    return [entry for entry in entries if entry["level"] == "SEVERE"]


def open_home(driver, stack):
    driver.get(stack.base_url + "/")
    wait(driver, lambda d: js(d, "return document.readyState") == "complete", message="page load")
    wait(driver, lambda d: d.find_element(By.ID, "server-status-text").text == "Server online", message="health check")


def choose(driver, file_path):
    driver.find_element(By.ID, "file-input").send_keys(str(file_path))


def notice_text(driver, timeout=15):
    wait(driver, lambda d: d.find_element(By.ID, "notice").is_displayed(), timeout, "error notice")
    return driver.find_element(By.ID, "notice").text


def wait_result(driver, previous_path, timeout=60):
    """Waits for a new /r/ID address and its rendered result; returns the id."""
    wait(driver, lambda d: path_of(d) != previous_path and ID_PATH.match(path_of(d)), timeout, "a result address")
    wait(driver, lambda d: d.find_element(By.ID, "result").is_displayed()
         and len(d.find_elements(By.CSS_SELECTOR, "#swatches .swatch")) > 0, timeout, "the rendered result")
    return path_of(driver).rsplit("/", 1)[1]


def api_result(stack, image_id):
    response = stack.wait_result(image_id)
    body = response.json()
    assert body["status"] == "completed", body
    return body


def set_width(driver, width, height=900):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    time.sleep(0.3)


def reset_width(driver):
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    time.sleep(0.2)


def screenshot(driver, name, width):
    """A full-page screenshot at the given CSS width; prints and returns its path."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    set_width(driver, width, 812 if width < 600 else 900)
    js(driver, "window.scrollTo(0, 0)")
    time.sleep(0.7)   # let bars and smooth scrolling settle
    height = js(driver, "return Math.ceil(document.documentElement.scrollHeight)")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    path = SHOTS / f"{name}-{width}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    print(f"screenshot: {path.relative_to(ROOT)}")
    return path


def face_geometry(driver):
    return js(driver, """
        const rect = e => { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
        return {image: rect(document.getElementById('result-image')),
                boxes: [...document.querySelectorAll('#face-layer .face-box')].map(rect),
                visible: getComputedStyle(document.getElementById('face-layer')).display !== 'none'};
    """)


def assert_boxes_match(driver, insights):
    geometry = face_geometry(driver)
    image, boxes = geometry["image"], geometry["boxes"]
    assert image["w"] > 0 and image["h"] > 0, geometry
    assert len(boxes) == len(insights["face_locations"]) == insights["faces_detected"], geometry
    scale_x, scale_y = image["w"] / insights["width"], image["h"] / insights["height"]
    for box, face in zip(boxes, insights["face_locations"]):
        # within the image...
        assert image["x"] - 0.5 <= box["x"] and box["x"] + box["w"] <= image["x"] + image["w"] + 0.5, (box, image)
        assert image["y"] - 0.5 <= box["y"] and box["y"] + box["h"] <= image["y"] + image["h"] + 0.5, (box, image)
        # ...and where the face is, at the displayed scale
        assert abs(box["x"] - (image["x"] + face["x"] * scale_x)) < 2, (box, face, image)
        assert abs(box["y"] - (image["y"] + face["y"] * scale_y)) < 2, (box, face, image)
        assert abs(box["w"] - face["width"] * scale_x) < 2, (box, face, image)
        assert abs(box["h"] - face["height"] * scale_y) < 2, (box, face, image)
    return geometry


def record_polls(driver):
    """Wraps fetch so the test can see when the page polled the results route."""
    js(driver, """
        window.__polls = [];
        const original = window.fetch;
        window.fetch = function (url, options) {
            const promise = original.call(this, url, options);
            if (String(url).indexOf('/api/results/') !== -1) {
                const poll = {start: performance.now(), end: null};
                window.__polls.push(poll);
                promise.then(r => r.clone().text()).finally(() => { poll.end = performance.now(); });
            }
            return promise;
        };
    """)


PREVIEW_PIXELS = """
    const canvas = document.getElementById('job-preview');
    if (canvas.getAttribute('data-ready') !== '1' || !canvas.width || !canvas.height) return null;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let opaque = 0, sum = 0;
    for (let i = 0; i < data.length; i += 4) { if (data[i + 3] > 0) opaque++; sum += data[i] + data[i + 1] + data[i + 2]; }
    return {width: canvas.width, height: canvas.height, opaque: opaque / (data.length / 4), mean: sum / (data.length / 4 * 3)};
"""


def preview_drawn(driver):
    """The job card's preview canvas, if the chosen image has been drawn on it: its size and pixel statistics."""
    return js(driver, PREVIEW_PIXELS)


def analyze_requests(driver):
    return js(driver, "return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/api/analyze')).length")


# ---------- fixtures: one analysed photo with a face, one with text ----------

@pytest.fixture(scope="module")
def face_result(stack, driver):
    open_home(driver, stack)
    console(driver)
    record_polls(driver)
    choose(driver, FACE_PHOTO)
    # The preview is on screen at once, before the server has answered.
    wait(driver, lambda d: d.find_element(By.ID, "job").is_displayed() or d.find_element(By.ID, "result").is_displayed(),
         10, "the upload card")
    # Drawn from the file's own bytes on a canvas (no blob: or data: address under the strict policy).
    wait(driver, lambda d: preview_drawn(d), 10, "the preview drawn")
    preview = preview_drawn(driver)
    image_id = wait_result(driver, "/")
    polls = js(driver, "return window.__polls")
    logs = console(driver)
    return {"id": image_id, "body": api_result(stack, image_id), "preview": preview, "polls": polls, "logs": logs}


@pytest.fixture(scope="module")
def text_result(stack, driver, face_result):
    open_home(driver, stack)
    console(driver)
    choose(driver, TEXT_IMAGE)
    image_id = wait_result(driver, "/")
    return {"id": image_id, "body": api_result(stack, image_id), "logs": console(driver)}


# ---------- the page itself ----------

def test_page_is_small_self_contained_and_csp_clean():
    files = [path for path in STATIC.rglob("*") if path.is_file()]
    total = sum(path.stat().st_size for path in files)
    # The analysis page weighed about 125 KiB; issue 12's owner pages (login, albums, album,
    # share dialog, shared album, photo viewer) add about 100 KiB (about 32 KiB gzipped); issue
    # 13's models pages (models, a model with its build log and run form, jobs, a job) about 13 KiB.
    assert total < 256 * 1024, f"static/ weighs {total} bytes"
    html = (STATIC / "index.html").read_text()
    # The page holds itself to a strict policy, whatever the server adds: no blob: or data: images.
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert policy and policy.group(1).startswith("default-src 'self';") and "img-src" not in policy.group(1), policy
    scripts = [path for path in files if path.suffix == ".js"]
    assert scripts and not [path.name for path in scripts if "createObjectURL" in path.read_text()]
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assert "<style" not in html and not re.search(r"\sstyle=", html), "inline style"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    for path in files:
        if path.suffix in (".html", ".css", ".js"):
            text = path.read_text()
            assert not re.search(r"(src|href)=[\"']?(https?:)?//", text), f"external resource in {path.name}"
            assert not re.search(r"url\([\"']?(https?:)?//", text), f"external resource in {path.name}"
            assert "@import" not in text


def test_modules_are_served_as_javascript_revalidated_under_the_policy(stack):
    response = stack.get("/js/main.js")
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/javascript"
    assert response.headers["Cache-Control"] == "no-cache", response.headers
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self';")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    missing = stack.get("/js/missing.js")
    assert missing.status_code == 404 and missing.json() == {"error": "not found"}


def test_home_page(stack, driver):
    open_home(driver, stack)
    js(driver, "localStorage.clear()")
    driver.refresh()
    wait(driver, lambda d: d.find_element(By.ID, "server-status-text").text == "Server online", message="health check")
    assert driver.title.startswith("Peek")
    assert driver.find_element(By.ID, "dropzone").is_displayed()
    assert "16 MiB" in driver.find_element(By.ID, "dropzone").text
    assert driver.find_element(By.ID, "recent-empty").is_displayed()
    # Keyboard: the skip link, then the brand, then the file chooser button.
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    assert driver.switch_to.active_element.get_attribute("class") == "skip-link"
    for _ in range(4):
        if driver.switch_to.active_element.get_attribute("id") == "choose-button":
            break
        driver.switch_to.active_element.send_keys(Keys.TAB)
    assert driver.switch_to.active_element.get_attribute("id") == "choose-button"
    screenshot(driver, "home", DESKTOP)
    screenshot(driver, "home", PHONE)
    reset_width(driver)
    assert severe(console(driver)) == []


# ---------- a photo with a face ----------

def test_photo_with_face(stack, driver, face_result):
    insights = face_result["body"]["insights"]
    preview = face_result["preview"]
    assert preview and preview["opaque"] == 1 and 20 < preview["mean"] < 235, preview
    # The preview keeps the photo's proportions (548 x 342).
    assert abs(preview["width"] / preview["height"] - insights["width"] / insights["height"]) < 0.02, preview
    assert path_of(driver) == f"/r/{face_result['id']}"

    faces = int(driver.find_element(By.ID, "face-count").text)
    assert faces == insights["faces_detected"] >= 1
    assert "face" in driver.find_element(By.ID, "face-sub").text
    wait(driver, lambda d: js(d, "return document.getElementById('result-image').complete"), 10, "image load")
    assert_boxes_match(driver, insights)

    swatches = driver.find_elements(By.CSS_SELECTOR, "#swatches .swatch")
    assert len(swatches) == 5
    shown = [swatch.find_element(By.CLASS_NAME, "swatch-hex").text.lower() for swatch in swatches]
    assert shown == [color.lower() for color in insights["dominant_colors"]]
    assert len(driver.find_elements(By.CSS_SELECTOR, "#share-bar span")) == 5

    scene = driver.find_element(By.ID, "scene-type").text
    assert scene.lower() == insights["scene_type"]
    assert f"{round(insights['scene_confidence'] * 100)}% confidence" == driver.find_element(By.ID, "scene-confidence").text

    bars = driver.find_element(By.ID, "score-bars").text
    for label in ("Sharpness", "Contrast", "Quality"):
        assert label in bars
    assert driver.find_element(By.ID, "blur-chip").text == f"Blur: {insights['blur_level']}"
    assert driver.find_element(By.ID, "brightness-value").text == str(insights["brightness"])
    assert driver.find_element(By.ID, "ocr-text").is_displayed() == insights["text_found"]

    download = driver.find_element(By.ID, "download-annotated")
    assert download.get_attribute("href").endswith(f"/api/image/{face_result['id']}/annotated")
    assert stack.get(f"/api/image/{face_result['id']}/annotated").headers["Content-Type"] == "image/jpeg"

    # Polling started fast and backed off: the pause between an answer and the next poll grows.
    polls = face_result["polls"]
    assert polls, "the page polled the results route"
    pauses = [later["start"] - earlier["end"] for earlier, later in zip(polls, polls[1:])]
    print("pauses between polls (ms):", [round(pause) for pause in pauses])
    assert all(pause < 3300 for pause in pauses), pauses
    if pauses:
        assert 150 < pauses[0] < 450, pauses
    for earlier, later in zip(pauses, pauses[1:]):
        assert later > earlier * 1.2 or later > 2700, pauses

    assert severe(face_result["logs"]) == [], face_result["logs"]
    screenshot(driver, "result-face", DESKTOP)

    # The boxes follow the image at phone width, too.
    set_width(driver, PHONE, 812)
    phone = assert_boxes_match(driver, insights)
    assert phone["image"]["w"] <= PHONE
    screenshot(driver, "result-face", PHONE)
    reset_width(driver)
    assert_boxes_match(driver, insights)

    # The toggle hides and shows the boxes.
    toggle = driver.find_element(By.ID, "toggle-faces")
    driver.find_element(By.CSS_SELECTOR, "label.switch").click()
    assert not toggle.is_selected() and not face_geometry(driver)["visible"]
    toggle.send_keys(Keys.SPACE)
    assert toggle.is_selected() and face_geometry(driver)["visible"]

    # A swatch copies its hex value and says so.
    swatches[0].click()
    wait(driver, lambda d: "is-copied" in swatches[0].get_attribute("class"), 5, "copied feedback")
    wait(driver, lambda d: d.find_element(By.ID, "toast").text == f"Copied {shown[0]}", 5, "copied toast")
    assert severe(console(driver)) == []


def test_dark_theme_screenshot(stack, driver, face_result):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        driver.get(f"{stack.base_url}/r/{face_result['id']}")
        wait_result(driver, "/")
        background = js(driver, "return getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(13, 16, 23)", background
        screenshot(driver, "result-face-dark", DESKTOP)
        screenshot(driver, "result-face-dark", PHONE)
    finally:
        reset_width(driver)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert severe(console(driver)) == []


# ---------- an image with text ----------

def test_image_with_text(stack, driver, text_result):
    insights = text_result["body"]["insights"]
    assert insights["text_found"] and insights["word_count"] > 10
    text = driver.find_element(By.ID, "ocr-text")
    assert text.is_displayed()
    shown = text.get_attribute("textContent")
    assert shown == insights["extracted_text"].strip()
    assert "computer vision" in shown
    assert driver.find_element(By.ID, "word-count").text == f"{insights['word_count']} words"
    assert not driver.find_element(By.ID, "no-text").is_displayed()

    assert driver.find_element(By.ID, "face-count").text == "0"
    assert driver.find_element(By.ID, "face-sub").text == "No faces detected"
    assert not driver.find_element(By.ID, "toggle-faces").is_enabled()
    assert driver.find_elements(By.CSS_SELECTOR, "#face-layer .face-box") == []
    assert len(driver.find_elements(By.CSS_SELECTOR, "#swatches .swatch")) == 5
    assert driver.find_element(By.ID, "scene-type").text.lower() == insights["scene_type"]

    copy = driver.find_element(By.ID, "copy-text")
    copy.click()
    wait(driver, lambda d: copy.text == "Copied!", 5, "copied feedback on the text button")
    assert severe(text_result["logs"]) == [], text_result["logs"]
    screenshot(driver, "result-text", DESKTOP)
    screenshot(driver, "result-text", PHONE)
    reset_width(driver)
    assert severe(console(driver)) == []


def test_no_text_is_said_explicitly(stack, driver, face_result):
    driver.get(f"{stack.base_url}/r/{face_result['id']}")
    wait_result(driver, "/")
    if face_result["body"]["insights"]["text_found"]:
        pytest.skip("the photo unexpectedly has text")
    assert driver.find_element(By.ID, "no-text").is_displayed()
    assert "No text found" in driver.find_element(By.ID, "no-text").text
    assert driver.find_element(By.ID, "word-count").text == "No text found"
    assert not driver.find_element(By.ID, "copy-text").is_displayed()


def test_face_boxes_on_an_exif_rotated_photo(stack, driver, tmp_path):
    """Stored sideways with EXIF orientation 6: the browser shows it upright, the boxes still fit the face."""
    from PIL import Image

    upright = Image.open(FACE_PHOTO)
    rotated = tmp_path / "sideways.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    upright.transpose(Image.ROTATE_90).save(rotated, exif=exif.tobytes(), quality=92)
    open_home(driver, stack)
    console(driver)
    choose(driver, rotated)
    image_id = wait_result(driver, "/")
    insights = api_result(stack, image_id)["insights"]
    assert (insights["width"], insights["height"]) == upright.size and insights["faces_detected"] >= 1
    wait(driver, lambda d: js(d, "return document.getElementById('result-image').naturalWidth") > 0, 10, "image")
    assert js(driver, "return document.getElementById('result-image').naturalWidth") == insights["width"]
    assert_boxes_match(driver, insights)
    assert severe(console(driver)) == []


# ---------- addresses and the recent list ----------

def test_result_url_opens_after_reload(stack, driver, face_result):
    insights = face_result["body"]["insights"]
    url = f"{stack.base_url}/r/{face_result['id']}"
    for visit in (lambda: driver.get(url), driver.refresh):
        visit()
        wait_result(driver, "/")
        assert path_of(driver) == f"/r/{face_result['id']}"
        assert int(driver.find_element(By.ID, "face-count").text) == insights["faces_detected"]
        hexes = [e.text.lower() for e in driver.find_elements(By.CSS_SELECTOR, "#swatches .swatch-hex")]
        assert hexes == [color.lower() for color in insights["dominant_colors"]]
        wait(driver, lambda d: js(d, "return document.getElementById('result-image').naturalWidth") > 0, 10, "image")
        assert_boxes_match(driver, insights)
    assert severe(console(driver)) == []


def test_back_and_forward(stack, driver, face_result, text_result):
    driver.get(f"{stack.base_url}/r/{face_result['id']}")
    wait_result(driver, "/")
    driver.find_element(By.ID, "new-analysis").click()
    wait(driver, lambda d: path_of(d) == "/" and d.find_element(By.ID, "intro").is_displayed(), 10, "home")
    driver.back()
    wait(driver, lambda d: path_of(d) == f"/r/{face_result['id']}" and d.find_element(By.ID, "result").is_displayed(),
         20, "result after back")
    driver.forward()
    wait(driver, lambda d: path_of(d) == "/" and not d.find_element(By.ID, "result").is_displayed(), 10, "home after forward")


def test_recent_list(stack, driver, face_result, text_result):
    open_home(driver, stack)
    items = driver.find_elements(By.CSS_SELECTOR, "#recent-list .recent-item")
    ids = [item.get_attribute("data-id") for item in items]
    assert face_result["id"] in ids and text_result["id"] in ids
    stored = {entry["id"]: entry for entry in js(driver, "return JSON.parse(localStorage.getItem('peek.recent.v1'))")}
    for item, image_id in zip(items, ids):
        # The server's thumbnail, kept by its address (the browser's own, made while uploading, is
        # dropped once the analysis completes); test_renditions.py checks what is loaded.
        assert stored[image_id]["thumbPath"] == f"/api/image/{image_id}/thumbnail" and stored[image_id]["thumb"] is None
        thumb = item.find_element(By.CLASS_NAME, "recent-thumb")
        assert thumb.tag_name == "img" and thumb.get_attribute("src").endswith(stored[image_id]["thumbPath"])
        js(driver, "arguments[0].scrollIntoView({block: 'center'})", thumb)   # it loads lazily
        wait(driver, lambda d: js(d, "return arguments[0].complete && arguments[0].naturalWidth > 0", thumb), 5,
             "a loaded thumbnail")
    face_item = items[ids.index(face_result["id"])]
    assert "face" in face_item.text
    face_item.click()
    wait(driver, lambda d: path_of(d) == f"/r/{face_result['id']}", 10, "reopened result")
    wait_result(driver, "/")
    assert int(driver.find_element(By.ID, "face-count").text) >= 1
    current = driver.find_element(By.CSS_SELECTOR, "#recent-list [aria-current='page']")
    assert current.get_attribute("data-id") == face_result["id"]
    screenshot(driver, "recent", PHONE)
    reset_width(driver)

    # The list survives a reload and can be cleared.
    driver.refresh()
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#recent-list .recent-item")) >= 2, 10, "list after reload")
    stored = js(driver, "return localStorage.getItem('peek.recent.v1')")
    backup = stored
    driver.find_element(By.ID, "clear-recent").click()
    assert driver.find_elements(By.CSS_SELECTOR, "#recent-list .recent-item") == []
    assert driver.find_element(By.ID, "recent-empty").is_displayed()
    js(driver, "localStorage.setItem('peek.recent.v1', arguments[0])", backup)
    assert severe(console(driver)) == []


# ---------- contrast ----------

# WCAG 2 contrast of every visible text run against the colours behind it (background colours,
# alpha-blended up the tree; gradients and images are not seen): 4.5:1, or 3:1 for large text.
LOW_CONTRAST = r"""
const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return {r:p[0],g:p[1],b:p[2],a:p.length>3?p[3]:1}; };
const lum = c => { const f = v => { v/=255; return v<=0.03928? v/12.92 : Math.pow((v+0.055)/1.055,2.4); }; return 0.2126*f(c.r)+0.7152*f(c.g)+0.0722*f(c.b); };
const blend = (top, bottom) => ({r: top.r*top.a+bottom.r*(1-top.a), g: top.g*top.a+bottom.g*(1-top.a), b: top.b*top.a+bottom.b*(1-top.a), a:1});
function background(el) {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const cs = getComputedStyle(e);
    const bg = parse(cs.backgroundColor);
    if (bg && bg.a > 0) { layers.push(bg); if (bg.a >= 1) break; }
  }
  let c = {r:255,g:255,b:255,a:1};
  for (let i = layers.length - 1; i >= 0; i--) c = blend(layers[i], c);
  return c;
}
const out = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n; (n = walker.nextNode());) {
  if (!n.textContent.trim()) continue;
  const el = n.parentElement;
  if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;
  const r = el.getBoundingClientRect(); if (r.width === 0 || r.height === 0) continue;
  if (el.closest('.visually-hidden,[hidden],[aria-hidden="true"]')) continue;
  const cs = getComputedStyle(el);
  if (cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
  const fg = parse(cs.color); const bg = background(el);
  const f = blend(fg, bg);
  const L1 = lum(f), L2 = lum(bg);
  const ratio = (Math.max(L1,L2)+0.05)/(Math.min(L1,L2)+0.05);
  const size = parseFloat(cs.fontSize), bold = Number(cs.fontWeight) >= 700;
  const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
  if (ratio < need) out.push({text: n.textContent.trim().slice(0,40), ratio: Math.round(ratio*100)/100, need, color: cs.color, bg: `rgb(${Math.round(bg.r)},${Math.round(bg.g)},${Math.round(bg.b)})`, cls: el.className});
}
return out;
"""


def test_text_contrast_in_both_themes(stack, driver, face_result, text_result, tmp_path):
    note = tmp_path / "notes.txt"
    note.write_text("not an image")
    pages = ["/", f"/r/{face_result['id']}", f"/r/{text_result['id']}"]
    try:
        for scheme in ("light", "dark"):
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                   {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            for page in pages:
                driver.get(stack.base_url + page)
                if page == "/":
                    wait(driver, lambda d: d.find_element(By.ID, "server-status-text").text == "Server online",
                         message="health check")
                    choose(driver, note)   # the error notice is measured too
                    notice_text(driver)
                else:
                    wait_result(driver, "/")
                time.sleep(0.6)   # transitions settle
                assert js(driver, LOW_CONTRAST) == [], (scheme, page)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


# ---------- drop and paste ----------

DROP_FILE = """
    const [url, kind, done] = arguments;
    fetch(url).then(r => r.blob()).then(blob => {
        const file = new File([blob], 'dropped.jpg', {type: blob.type});
        const transfer = new DataTransfer();
        transfer.items.add(file);
        if (kind === 'drop') {
            const target = document.getElementById('dropzone');
            for (const type of ['dragenter', 'dragover'])
                target.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true}));
            const overlay = !document.getElementById('drop-overlay').hidden;
            target.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));
            done(overlay);
        } else {
            document.dispatchEvent(new ClipboardEvent('paste', {clipboardData: transfer, bubbles: true, cancelable: true}));
            done(true);
        }
    });
"""


@pytest.mark.parametrize("kind", ["drop", "paste"])
def test_drop_and_paste(stack, driver, face_result, kind):
    open_home(driver, stack)
    console(driver)
    overlay = driver.execute_async_script(DROP_FILE, f"/api/image/{face_result['id']}/original", kind)
    if kind == "drop":
        assert overlay, "dragging a file over the page shows the drop overlay"
    image_id = wait_result(driver, "/")
    assert image_id != face_result["id"]
    assert driver.find_element(By.ID, "result-title").text == "dropped.jpg"
    assert int(driver.find_element(By.ID, "face-count").text) == face_result["body"]["insights"]["faces_detected"]
    assert driver.find_element(By.ID, "drop-overlay").is_displayed() is False
    assert severe(console(driver)) == []


# ---------- errors ----------

def test_non_image_is_refused_before_upload(stack, driver, tmp_path):
    note = tmp_path / "notes.txt"
    note.write_text("not an image\n")
    open_home(driver, stack)
    choose(driver, note)
    text = notice_text(driver)
    assert "notes.txt" in text and "not a supported image" in text, text
    assert "PNG, JPEG, GIF, BMP and WEBP" in text
    assert driver.find_element(By.ID, "notice-retry").text == "Choose another image"
    assert analyze_requests(driver) == 0, "nothing was sent"
    screenshot(driver, "error-type", PHONE)
    reset_width(driver)
    assert severe(console(driver)) == []


def test_oversize_file_is_refused_before_upload(stack, driver, tmp_path):
    big = tmp_path / "huge.png"
    with big.open("wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n")
        handle.truncate(16 * 1024 * 1024 + 1)
    open_home(driver, stack)
    choose(driver, big)
    text = notice_text(driver)
    assert "huge.png" in text and "16 MiB" in text and "too large" in text, text
    assert analyze_requests(driver) == 0, "nothing was sent"
    screenshot(driver, "error-size", DESKTOP)
    reset_width(driver)
    assert severe(console(driver)) == []


def test_server_error_message_is_shown(stack, driver, tmp_path):
    garbage = tmp_path / "x.png"
    garbage.write_bytes(bytes(range(256)) * 12)
    expected = stack.upload(garbage.read_bytes(), "x.png", "image/png")
    assert expected.status_code in (415, 422), expected.text
    message = expected.json()["error"]

    open_home(driver, stack)
    console(driver)
    choose(driver, garbage)
    text = notice_text(driver)
    assert message.lower() in text.lower(), (message, text)
    assert f"HTTP {expected.status_code}" in text
    retry = driver.find_element(By.ID, "notice-retry")
    assert retry.is_displayed() and retry.text.startswith("Try again")
    assert path_of(driver) == "/"
    screenshot(driver, "error-server", DESKTOP)
    reset_width(driver)
    # Only the browser's own line about the refused upload, nothing from the page's code.
    for entry in severe(console(driver)):
        assert "/api/analyze" in entry["message"] and f"{expected.status_code}" in entry["message"], entry


@pytest.fixture(scope="module")
def small_limit_stack():
    """A server whose upload limit (1 MiB) is below the page's own check (16 MiB)."""
    from stack import Stack

    stack = Stack(max_upload_bytes=1024 * 1024).up()
    yield stack
    stack.destroy()


def test_server_413_message_is_shown(small_limit_stack, driver, tmp_path):
    """A file that passes the page's check but not the server's limit shows the server's own 413 message."""
    stack = small_limit_stack
    edge = tmp_path / "edge.png"
    with edge.open("wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n")
        handle.truncate(2 * 1024 * 1024)
    expected = stack.upload(edge.read_bytes(), "edge.png", "image/png")
    assert expected.status_code == 413, expected.text
    open_home(driver, stack)
    console(driver)
    choose(driver, edge)
    text = notice_text(driver, 30)
    assert expected.json()["error"].lower() in text.lower() and "HTTP 413" in text, text
    assert "That file is too large" in text
    for entry in severe(console(driver)):
        assert "/api/analyze" in entry["message"] and "413" in entry["message"], entry


def test_server_down_then_try_again(stack, driver):
    open_home(driver, stack)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/api/analyze"]})
    try:
        choose(driver, FACE_PHOTO)
        text = notice_text(driver)
        assert "Cannot reach the Peek server" in text, text
        assert driver.find_element(By.ID, "notice-retry").text == "Try again"
    finally:
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    driver.find_element(By.ID, "notice-retry").click()
    image_id = wait_result(driver, "/")
    assert int(driver.find_element(By.ID, "face-count").text) >= 1 and image_id
    for entry in severe(console(driver)):
        assert "/api/analyze" in entry["message"], entry


def test_unknown_result_id(stack, driver):
    driver.get(stack.base_url + "/r/AAAAAAAAAAAAAAAAAAAAAA")
    text = notice_text(driver)
    assert "Analysis not found" in text and "no image with id AAAAAAAAAAAAAAAAAAAAAA" in text.lower() or \
        "no image with id" in text.lower(), text
    for entry in severe(console(driver)):
        assert "/api/results/" in entry["message"] and "404" in entry["message"], entry


def test_upload_progress_and_cancel(stack, driver):
    open_home(driver, stack)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": False, "latency": 20, "downloadThroughput": -1, "uploadThroughput": 16 * 1024})
    try:
        choose(driver, FACE_PHOTO)
        wait(driver, lambda d: d.find_element(By.ID, "job").is_displayed(), 10, "the upload card")
        wait(driver, lambda d: preview_drawn(d), 10, "the preview drawn during the upload")
        wait(driver, lambda d: 0 < int(d.find_element(By.ID, "progress-pct").text.rstrip("%") or 0) < 100, 20,
             "upload progress between 0 and 100 %")
        progress = driver.find_element(By.ID, "progress-track").get_attribute("aria-valuenow")
        assert 0 < int(progress) < 100
        assert "Uploading" in driver.find_element(By.ID, "status").text
        screenshot(driver, "uploading", PHONE)
        reset_width(driver)
        driver.find_element(By.ID, "cancel-button").click()
        text = notice_text(driver)
        assert "Upload cancelled" in text
        assert path_of(driver) == "/"
    finally:
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    assert severe(console(driver)) == []


def test_time_out_then_failed(queue_only, driver):
    """No worker: the page polls, gives up after its time-out with a clear message, and shows a failure."""
    open_home(driver, queue_only)
    console(driver)
    choose(driver, FACE_PHOTO)
    wait(driver, lambda d: ID_PATH.match(path_of(d)), 20, "the result address")
    image_id = path_of(driver).rsplit("/", 1)[1]
    wait(driver, lambda d: "Analysing" in d.find_element(By.ID, "status").text, 10, "the analysing status")
    assert driver.find_element(By.ID, "job").is_displayed()
    assert "is-analysing" in driver.find_element(By.ID, "job").get_attribute("class")
    # Until the analysis completes, the recent entry shows a small JPEG made in the browser from the
    # file, kept in local storage and drawn on a canvas (no data: address).
    wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, f"#recent-list [data-id='{image_id}'] .recent-thumb")
         .get_attribute("data-ready") == "1", 10, "the browser's thumbnail drawn")
    assert driver.find_element(By.CSS_SELECTOR, f"#recent-list [data-id='{image_id}'] .recent-thumb").tag_name == "canvas"
    entry = js(driver, "return JSON.parse(localStorage.getItem('peek.recent.v1')).find(e => e.id === arguments[0])", image_id)
    assert entry["thumb"].startswith("data:image/jpeg;base64,") and len(entry["thumb"]) < 16 * 1024
    screenshot(driver, "analysing", DESKTOP)
    reset_width(driver)
    # Two minutes pass (for the page's clock).
    js(driver, "const now = Date.now; Date.now = () => now() + 121000;")
    text = notice_text(driver, 10)
    assert "taking longer than expected" in text and "2 minutes" in text, text
    assert driver.find_element(By.ID, "notice-retry").text == "Check again"
    polls_before = js(driver, "return performance.getEntriesByType('resource').filter(e => e.name.includes('/api/results/')).length")
    time.sleep(3.5)
    polls_after = js(driver, "return performance.getEntriesByType('resource').filter(e => e.name.includes('/api/results/')).length")
    assert polls_after == polls_before, "polling stopped after the time-out"
    screenshot(driver, "timed-out", PHONE)
    reset_width(driver)

    with queue_only.database() as database:
        database.execute("UPDATE images SET status = 'failed', error = 'the analysis crashed 3 times', completed_at = ?"
                         " WHERE id = ?", (time.time(), image_id))
        database.execute("UPDATE jobs SET state = 'failed', last_error = 'crashed' WHERE image_id = ?", (image_id,))
    driver.find_element(By.ID, "notice-retry").click()
    text = notice_text(driver, 10)
    wait(driver, lambda d: "The analysis failed" in d.find_element(By.ID, "notice").text, 10, "the failure")
    text = driver.find_element(By.ID, "notice").text
    assert "The analysis crashed 3 times." in text, text
    assert driver.find_element(By.ID, "notice-retry").text == "Try again with another image"
    entry = js(driver, "return JSON.parse(localStorage.getItem('peek.recent.v1')).find(e => e.id === arguments[0])", image_id)
    assert entry["status"] == "failed"
    assert "Analysis failed" in driver.find_element(By.CSS_SELECTOR, f"#recent-list [data-id='{image_id}']").text
    screenshot(driver, "failed", DESKTOP)
    reset_width(driver)
    assert severe(console(driver)) == []
