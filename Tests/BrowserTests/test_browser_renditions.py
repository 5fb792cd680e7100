"""The web page and the renditions (SPEC §9), in headless Chromium against the real stack.

The result shows the web-sized copy and the recent list the server's thumbnail, never the
original (checked with the Resource Timing API, the browser cache off where a cached copy would
hide a request). The Transform card builds /api/image/ID/t/OPTIONS addresses from its fields,
shows their picture, and says why the server refused one. Screenshots of the card go to
artifacts/screenshots/ with the others.
"""
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from test_browser import (DESKTOP, FACE_PHOTO, PHONE, api_result, choose, console, js, open_home, reset_width,
                          screenshot, severe, wait, wait_result)

# Paths of every resource the page has loaded since it was opened.
RESOURCE_PATHS = "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
LOADED = "return arguments[0].complete && arguments[0].naturalWidth > 0"
CANVAS = """
    const canvas = document.getElementById('tf-canvas');
    if (canvas.hidden || canvas.getAttribute('data-ready') !== '1') return null;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let spread = 0, sum = 0;
    for (let i = 0; i < data.length; i += 4) {
        spread = Math.max(spread, Math.abs(data[i] - data[i + 1]), Math.abs(data[i + 1] - data[i + 2]));
        sum += data[i] + data[i + 1] + data[i + 2];
    }
    return {width: canvas.width, height: canvas.height, spread, mean: sum / (data.length / 4 * 3)};
"""
# The page's fetch answers /t/ addresses with the given status and JSON body: a server with a
# signing key is not part of these stacks, and its 403 is what the page must explain.
STUB_TRANSFORM = """
    const [status, body] = arguments;
    window.__realFetch = window.__realFetch || window.fetch;
    window.fetch = function (url, options) {
        if (String(url).indexOf('/t/') !== -1) {
            return Promise.resolve(new Response(JSON.stringify(body), {status, headers: {'Content-Type': 'application/json'}}));
        }
        return window.__realFetch.call(this, url, options);
    };
"""


def image_path(image_id, name):
    return f"/api/image/{image_id}/{name}"


def resources(driver):
    return js(driver, RESOURCE_PATHS)


def transform_url(driver):
    return driver.find_element(By.ID, "tf-url").get_attribute("value")


def open_result(driver, stack, image_id):
    driver.get(f"{stack.base_url}/r/{image_id}")
    wait_result(driver, "/")
    card = driver.find_element(By.CLASS_NAME, "transform-card")
    js(driver, "arguments[0].scrollIntoView({block: 'center'})", card)
    return card


def recent_thumb_loaded(driver, image_id):
    """True once the recent entry's thumbnail has loaded; scrolls it into view first, as it loads lazily."""
    thumb = driver.find_element(By.CSS_SELECTOR, f"#recent-list [data-id='{image_id}'] .recent-thumb")
    js(driver, "arguments[0].scrollIntoView({block: 'center'})", thumb)
    return js(driver, LOADED, thumb)


def show_transform(driver):
    driver.find_element(By.ID, "tf-show").click()


def set_field(driver, field_id, text):
    field = driver.find_element(By.ID, field_id)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(text)
    return field


@pytest.fixture(scope="module")
def uploaded(stack, driver):
    """A photo with a face uploaded from a fresh page, with the resources that page loaded until its recent thumbnail showed."""
    open_home(driver, stack)
    js(driver, "localStorage.clear()")
    open_home(driver, stack)
    console(driver)
    choose(driver, FACE_PHOTO)
    image_id = wait_result(driver, "/")
    body = api_result(stack, image_id)
    image = driver.find_element(By.ID, "result-image")
    wait(driver, lambda d: js(d, LOADED, image), 10, "the result picture")
    wait(driver, lambda d: recent_thumb_loaded(d, image_id), 10, "the recent thumbnail")
    return {"id": image_id, "body": body, "resources": resources(driver), "logs": console(driver)}


# ---------- the renditions ----------

def test_an_upload_shows_the_web_copy_and_the_server_thumbnail_not_the_original(driver, uploaded):
    image_id, links = uploaded["id"], uploaded["body"]["links"]
    assert links["web"] == image_path(image_id, "web") and links["thumbnail"] == image_path(image_id, "thumbnail"), links
    loaded = uploaded["resources"]
    assert image_path(image_id, "web") in loaded, loaded
    assert image_path(image_id, "thumbnail") in loaded, loaded
    assert not [path for path in loaded if path.endswith("/original")], loaded

    image = driver.find_element(By.ID, "result-image")
    assert image.get_attribute("src").endswith(image_path(image_id, "web"))
    thumb = driver.find_element(By.CSS_SELECTOR, f"#recent-list [data-id='{image_id}'] .recent-thumb")
    assert thumb.tag_name == "img" and thumb.get_attribute("src").endswith(image_path(image_id, "thumbnail"))
    # The entry keeps the server's thumbnail by its address; the one made in the browser is dropped.
    entry = js(driver, "return JSON.parse(localStorage.getItem('peek.recent.v1')).find(e => e.id === arguments[0])", image_id)
    assert entry["thumbPath"] == image_path(image_id, "thumbnail") and entry["thumb"] is None, entry

    # The original only on request: a link that opens it in a new tab.
    original = driver.find_element(By.ID, "open-original")
    assert original.text == "Original" and original.get_attribute("target") == "_blank"
    assert original.get_attribute("href").endswith(image_path(image_id, "original"))
    assert severe(uploaded["logs"]) == [], uploaded["logs"]


def test_an_opened_address_loads_the_renditions_not_the_original(stack, driver, uploaded):
    image_id = uploaded["id"]
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    try:
        driver.get(f"{stack.base_url}/r/{image_id}")
        wait_result(driver, "/")
        wait(driver, lambda d: js(d, LOADED, d.find_element(By.ID, "result-image")), 10, "the result picture")
        wait(driver, lambda d: recent_thumb_loaded(d, image_id), 10, "the recent thumbnail")
        loaded = resources(driver)
    finally:
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
    assert image_path(image_id, "web") in loaded and image_path(image_id, "thumbnail") in loaded, loaded
    assert not [path for path in loaded if path.endswith("/original")], loaded
    assert severe(console(driver)) == []


def test_without_a_web_copy_the_result_shows_the_original(stack, driver, uploaded):
    """A result whose presets are missing (an image analysed before they existed): its links name only the original."""
    image_id = uploaded["id"]
    body = dict(uploaded["body"])
    body["links"] = {"original": image_path(image_id, "original"), "annotated": image_path(image_id, "annotated")}
    open_home(driver, stack)
    js(driver, """
        const [id, body] = arguments;
        const real = window.fetch;
        window.fetch = function (url, options) {
            if (String(url) === '/api/results/' + id) return Promise.resolve(new Response(JSON.stringify(body), {status: 200}));
            return real.call(this, url, options);
        };
        const entries = JSON.parse(localStorage.getItem('peek.recent.v1')).filter(e => e.id !== id);
        localStorage.setItem('peek.recent.v1', JSON.stringify(entries));
        history.pushState(null, '', '/r/' + id);
        dispatchEvent(new PopStateEvent('popstate'));
    """, image_id, body)
    wait_result(driver, "/")
    image = driver.find_element(By.ID, "result-image")
    wait(driver, lambda d: js(d, LOADED, image), 10, "the original")
    assert image.get_attribute("src").endswith(image_path(image_id, "original"))
    # The recent entry then gets a thumbnail made in the browser from the shown picture.
    wait(driver, lambda d: js(d, "const e = JSON.parse(localStorage.getItem('peek.recent.v1')).find(e => e.id === arguments[0]);"
                                 " return !!e && !!e.thumb && !e.thumbPath", image_id), 10, "a browser-made thumbnail")
    thumb = driver.find_element(By.CSS_SELECTOR, f"#recent-list [data-id='{image_id}'] .recent-thumb")
    assert thumb.tag_name == "canvas"
    assert severe(console(driver)) == []


# ---------- the transform card ----------

def test_transform_card_builds_the_address_from_its_fields(stack, driver, uploaded):
    image_id = uploaded["id"]
    open_result(driver, stack, image_id)
    base = f"{stack.base_url}/api/image/{image_id}/t/"
    # As the page opens: a 400 × 400 fill that keeps the faces in frame.
    assert transform_url(driver) == base + "gravity:face/resize:fill:400:400"
    assert driver.find_element(By.ID, "tf-placeholder").is_displayed()

    # Every field is reached and changed from the keyboard.
    width = set_field(driver, "tf-width", "320")
    width.send_keys(Keys.TAB)
    assert driver.switch_to.active_element.get_attribute("id") == "tf-height"
    grayscale = driver.find_element(By.ID, "tf-grayscale")
    grayscale.send_keys(Keys.SPACE)
    assert grayscale.is_selected()
    Select(driver.find_element(By.ID, "tf-format")).select_by_value("webp")
    set_field(driver, "tf-blur", "1.5")
    assert transform_url(driver) == base + "gravity:face/resize:fill:320:400/grayscale/blur:1.5/format:webp"

    crop = driver.find_element(By.ID, "tf-crop")
    assert not driver.find_element(By.ID, "tf-crop-width").is_enabled()
    crop.send_keys(Keys.SPACE)
    assert driver.find_element(By.ID, "tf-crop-width").is_enabled()
    Select(driver.find_element(By.ID, "tf-resize")).select_by_value("fit")
    Select(driver.find_element(By.ID, "tf-gravity")).select_by_value("smart")
    assert transform_url(driver) == base + "gravity:smart/resize:fit:320:400/crop:300:300/grayscale/blur:1.5/format:webp"
    Select(driver.find_element(By.ID, "tf-resize")).select_by_value("")
    assert not driver.find_element(By.ID, "tf-width").is_enabled()
    assert transform_url(driver) == base + "gravity:smart/crop:300:300/grayscale/blur:1.5/format:webp"

    # A wrong value is named, marked, and keeps the address (and the request) from being made.
    set_field(driver, "tf-crop-height", "5000")
    problems = driver.find_element(By.ID, "tf-problems")
    assert problems.text == "Crop height must be a whole number from 1 to 4096."
    assert driver.find_element(By.ID, "tf-crop-height").get_attribute("aria-invalid") == "true"
    assert driver.find_element(By.ID, "tf-crop-height").get_attribute("aria-errormessage") == "tf-problems"
    assert transform_url(driver) == "" and not driver.find_element(By.ID, "tf-copy").is_enabled()
    before = len(resources(driver))
    driver.find_element(By.ID, "tf-blur").send_keys(Keys.ENTER)   # submits the form
    assert driver.switch_to.active_element.get_attribute("id") == "tf-crop-height"
    assert not [path for path in resources(driver)[before:] if "/t/" in path]
    set_field(driver, "tf-crop-height", "200")
    assert problems.text == "" and driver.find_element(By.ID, "tf-crop-height").get_attribute("aria-invalid") is None
    assert transform_url(driver) == base + "gravity:smart/crop:300:200/grayscale/blur:1.5/format:webp"

    copy = driver.find_element(By.ID, "tf-copy")
    assert copy.is_enabled()
    copy.click()
    wait(driver, lambda d: d.find_element(By.ID, "toast").text == "Transform URL copied", 5, "the copied toast")
    assert severe(console(driver)) == []


def test_transform_card_says_why_the_server_refused(stack, driver, uploaded):
    image_id = uploaded["id"]
    open_result(driver, stack, image_id)
    error = driver.find_element(By.ID, "tf-error")
    assert not error.is_displayed()

    js(driver, STUB_TRANSFORM, 403, {"error": "this transform needs a signature"})
    show_transform(driver)
    wait(driver, lambda d: error.is_displayed(), 10, "the refusal")
    assert "Signed URLs only" in error.text
    assert "This server requires signed transform URLs; ask the admin for peek-admin sign-url." in error.text, error.text
    assert error.find_element(By.TAG_NAME, "code").text == "peek-admin sign-url"
    assert "HTTP 403" in error.text
    assert not driver.find_element(By.ID, "tf-canvas").is_displayed()
    screenshot(driver, "transform-refused", PHONE)
    reset_width(driver)

    js(driver, STUB_TRANSFORM, 400, {"error": "resize:fill:400:400: the result would be too large"})
    show_transform(driver)
    wait(driver, lambda d: "resize:fill:400:400: the result would be too large" in error.text, 10, "the bad step")
    assert "The server refused a step" in error.text and "HTTP 400" in error.text
    assert severe(console(driver)) == []


def test_transform_card_draws_what_the_server_sends(stack, driver, uploaded):
    """The drawing alone, whatever the route does: /t/ answered with the web copy's bytes (a WebP)."""
    image_id = uploaded["id"]
    open_result(driver, stack, image_id)
    console(driver)
    js(driver, """
        const [web] = arguments;
        const real = window.fetch;
        window.fetch = function (url, options) {
            if (String(url).indexOf('/t/') !== -1) return real.call(this, web, options);
            return real.call(this, url, options);
        };
    """, image_path(image_id, "web"))
    show_transform(driver)
    wait(driver, lambda d: js(d, CANVAS), 10, "the drawn answer")
    insights = uploaded["body"]["insights"]
    drawn = js(driver, CANVAS)
    assert (drawn["width"], drawn["height"]) == (insights["width"], insights["height"]), drawn
    assert driver.find_element(By.ID, "tf-status").text.startswith(f"{insights['width']} × {insights['height']} px · WEBP · ")
    assert not driver.find_element(By.ID, "tf-placeholder").is_displayed()
    assert driver.find_element(By.ID, "tf-output").get_attribute("aria-busy") == "false"
    # Another result on screen clears the card's picture.
    js(driver, "document.getElementById('new-analysis').click()")   # scrolled out of reach, under the header
    driver.back()
    wait(driver, lambda d: d.find_element(By.ID, "result").is_displayed(), 20, "the result again")
    assert not driver.find_element(By.ID, "tf-canvas").is_displayed()
    assert driver.find_element(By.ID, "tf-placeholder").is_displayed()
    assert severe(console(driver)) == []


def test_transform_card_shows_the_picture(stack, driver, uploaded):
    """Needs the /api/image/ID/t/OPTIONS route."""
    image_id = uploaded["id"]
    open_result(driver, stack, image_id)
    console(driver)
    show_transform(driver)
    error = driver.find_element(By.ID, "tf-error")
    wait(driver, lambda d: js(d, CANVAS) or error.is_displayed(), 30, "the transformed picture")
    assert not error.is_displayed(), error.text
    drawn = js(driver, CANVAS)
    assert (drawn["width"], drawn["height"]) == (400, 400), drawn
    path = f"/api/image/{image_id}/t/gravity:face/resize:fill:400:400"
    assert path in resources(driver)
    status = driver.find_element(By.ID, "tf-status").text
    assert status.startswith("400 × 400 px · JPEG · "), status   # the source's format when none is chosen
    assert not driver.find_element(By.ID, "tf-error").is_displayed()
    assert driver.find_element(By.ID, "tf-canvas").get_attribute("aria-label") == "The transformed image, 400 × 400 px"

    driver.find_element(By.ID, "tf-grayscale").send_keys(Keys.SPACE)
    Select(driver.find_element(By.ID, "tf-format")).select_by_value("webp")
    set_field(driver, "tf-width", "300").send_keys(Keys.ENTER)
    wait(driver, lambda d: (js(d, CANVAS) or {}).get("width") == 300, 30, "the grey picture")
    grey = js(driver, CANVAS)
    assert grey["height"] == 400 and grey["spread"] <= 3 and 20 < grey["mean"] < 235, grey
    assert "WEBP" in driver.find_element(By.ID, "tf-status").text
    screenshot(driver, "transform", DESKTOP)
    screenshot(driver, "transform", PHONE)
    reset_width(driver)

    # Beyond the output limit (4096 × 4096 is over 16 MP): the server's own message is shown.
    Select(driver.find_element(By.ID, "tf-resize")).select_by_value("force")
    set_field(driver, "tf-width", "4096")
    set_field(driver, "tf-height", "4096")
    refused = stack.get(f"/api/image/{image_id}/t/resize:force:4096:4096/grayscale/format:webp")
    assert 400 <= refused.status_code < 500, refused.text
    show_transform(driver)
    wait(driver, lambda d: error.is_displayed(), 30, "the refusal")
    assert refused.json()["error"].lower() in error.text.lower() and f"HTTP {refused.status_code}" in error.text, error.text
    for entry in severe(console(driver)):
        assert "/t/" in entry["message"], entry   # the browser's own line about the refused request


def test_transform_card_in_the_dark_theme(stack, driver, uploaded):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        open_result(driver, stack, uploaded["id"])
        js(driver, STUB_TRANSFORM, 403, {"error": "signature required"})
        show_transform(driver)
        wait(driver, lambda d: d.find_element(By.ID, "tf-error").is_displayed(), 10, "the refusal")
        time.sleep(0.3)
        screenshot(driver, "transform-dark", DESKTOP)
    finally:
        reset_width(driver)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
