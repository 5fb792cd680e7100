"""Owners, albums and share links on the web page (SPEC §10), in headless Chromium against the real stack.

An owner made with `peek-admin user add` logs in, makes an album, uploads three photos at once
(a progress bar each), sees them analysed, makes one the cover and shares the album with a
password. A second browser, without the owner's cookies, opens the link, is asked for the
password, and sees the photos and their analysis; once the owner revokes the link it says so.
Screenshots at 1280 px and 375 px go to artifacts/screenshots/ with the others.
"""
import base64
import re
import subprocess
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from test_browser import DESKTOP, FACE_PHOTO, PHONE, SAMPLES, SHOTS, TEXT_IMAGE, console, js, reset_width, screenshot, set_width, wait

RELEASE_ADMIN = "peek-admin"
OWNER, PASSWORD = "ann", "correct horse battery"
SHARE_PASSWORD = "staple-gun-42"
PHOTOS = [FACE_PHOTO, TEXT_IMAGE, SAMPLES / "fruits.jpg"]
SHARE_PATH = re.compile(r"^/s/[A-Za-z0-9_-]{43}$")
ALBUM_PATH = re.compile(r"^/albums/[A-Za-z0-9_-]{22}$")


# ---------- helpers ----------

def path_of(driver):
    return js(driver, "return location.pathname")


def by_id(driver, element_id):
    return driver.find_element(By.ID, element_id)


def shown(driver, element_id):
    return by_id(driver, element_id).is_displayed()


def text_of(driver, element_id):
    return by_id(driver, element_id).text


def expected_only(entries, *allowed):
    """Console errors, but those of the answers the page expects (a locked share's 401, say)."""
    return [entry for entry in entries if entry["level"] == "SEVERE" and not any(a in entry["message"] for a in allowed)]


def open_page(driver, base_url, path):
    driver.get(base_url + path)
    wait(driver, lambda d: js(d, "return document.readyState") == "complete", message="page load " + path)


def type_into(driver, element_id, text):
    field = by_id(driver, element_id)
    field.clear()
    field.send_keys(text)
    return field


def tiles(driver, grid="photo-grid"):
    return js(driver, """
        return [...document.querySelectorAll('#' + arguments[0] + ' .photo-tile')].map(tile => {
            const image = tile.querySelector('img');
            return {id: tile.getAttribute('data-id'), name: tile.querySelector('.photo-name').textContent,
                    meta: tile.querySelector('.photo-meta').textContent, processing: tile.classList.contains('is-processing'),
                    src: image ? new URL(image.src).pathname : null, loaded: !!image && image.complete && image.naturalWidth > 0};
        });""", grid)


def analysed(driver, grid, count):
    """The grid's tiles once `count` photos are analysed and show their server thumbnails."""
    found = tiles(driver, grid)
    done = [tile for tile in found if not tile["processing"] and tile["loaded"] and re.search(r"/thumb(nail)?$", tile["src"])]
    return found if len(found) == count and len(done) == count else None


def open_photo(driver, grid, name):
    """Presses the tile of the photo with that file name (the grid is in the order the server stored them)."""
    index = [tile["name"] for tile in tiles(driver, grid)].index(name)
    driver.find_elements(By.CSS_SELECTOR, f"#{grid} .photo-tile button")[index].click()
    return index


def viewer_state(driver):
    return js(driver, """
        const dialog = document.getElementById('viewer');
        const image = document.getElementById('viewer-image');
        return {open: dialog.open, title: document.getElementById('viewer-title').textContent,
                count: document.getElementById('viewer-count').textContent,
                src: image.src ? new URL(image.src).pathname : '', loaded: image.complete && image.naturalWidth > 0,
                faces: document.querySelectorAll('#viewer-faces .face-box').length,
                panel: document.getElementById('viewer-panel').innerText,
                focusInside: dialog.contains(document.activeElement)};""")


def bars(driver):
    return js(driver, """
        return [...document.querySelectorAll('#upload-list [role=progressbar]')].map(bar => ({
            label: bar.getAttribute('aria-label'), now: Number(bar.getAttribute('aria-valuenow')),
            min: bar.getAttribute('aria-valuemin'), max: bar.getAttribute('aria-valuemax')}));""")


def dialog_screenshot(driver, name, width):
    """A dialog over the page: what the screen shows (a full-page capture would cut the backdrop)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = 812 if width < 600 else 900
    set_width(driver, width, height)
    time.sleep(0.5)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    path = SHOTS / f"{name}-{width}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    print(f"screenshot: {path.name}")
    return path


def share_states(driver):
    """The share list's states, read in one go (the list is redrawn after each change)."""
    return js(driver, "return [...document.querySelectorAll('#share-list .share-item')].map(item => item.getAttribute('data-state'))")


def throttle(driver, upload_bytes_per_second):
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": upload_bytes_per_second})


def add_owner(stack, name, password):
    """`peek-admin user add NAME` against the stack's data directory, the password on stdin."""
    from stack import RELEASE
    result = subprocess.run([str(RELEASE / RELEASE_ADMIN), "user", "add", name], env=stack.env, input=password + "\n",
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


# ---------- fixtures ----------

@pytest.fixture(scope="module")
def owner(stack):
    add_owner(stack, OWNER, PASSWORD)
    return {"username": OWNER, "password": PASSWORD}


@pytest.fixture(scope="module")
def album(stack, driver, owner):
    """Logged in, an album made: its address (filled in by the tests that follow)."""
    open_page(driver, stack.base_url, "/login")
    wait(driver, lambda d: shown(d, "login-page"), 10, "the login page")
    type_into(driver, "login-username", owner["username"])
    type_into(driver, "login-password", owner["password"]).send_keys(Keys.ENTER)
    wait(driver, lambda d: path_of(d) == "/albums" and shown(d, "albums-page"), 15, "the albums after the login")
    type_into(driver, "new-album-title", "Holidays 2026")
    type_into(driver, "new-album-description", "Three photos, shared with the family").send_keys(Keys.ENTER)
    wait(driver, lambda d: ALBUM_PATH.match(path_of(d)) and text_of(d, "album-title") == "Holidays 2026", 15, "the new album")
    return {"path": path_of(driver), "share": None}


# ---------- the owner ----------

def test_a_wrong_password_is_refused_and_said(stack, driver, owner):
    open_page(driver, stack.base_url, "/login")
    wait(driver, lambda d: shown(d, "login-page"), 10, "the login page")
    assert shown(driver, "login-link") and not shown(driver, "logout-button")
    type_into(driver, "login-username", owner["username"])
    type_into(driver, "login-password", "not the password").send_keys(Keys.ENTER)
    wait(driver, lambda d: text_of(d, "login-error") == "Wrong username or password.", 15, "the refusal")
    assert by_id(driver, "login-error").get_attribute("role") == "alert"
    assert js(driver, "return document.activeElement.id") == "login-password"
    assert path_of(driver) == "/login"
    screenshot(driver, "login", PHONE)
    reset_width(driver)


def test_albums_need_a_login(stack, visitor):
    open_page(visitor, stack.base_url, "/albums")
    wait(visitor, lambda d: shown(d, "login-page"), 10, "the login in place of the albums")
    assert path_of(visitor) == "/albums"
    assert "owner" in text_of(visitor, "login-lead")


def test_login_shows_who_is_logged_in(stack, driver, album):
    assert shown(driver, "account-name") and text_of(driver, "account-user") == OWNER
    assert shown(driver, "albums-link") and shown(driver, "logout-button") and not shown(driver, "login-link")
    # The home page is the anonymous upload page still, with the header's link to the albums.
    open_page(driver, stack.base_url, "/")
    wait(driver, lambda d: shown(d, "albums-link") and text_of(d, "account-user") == OWNER, 10, "the header on the home page")
    assert shown(driver, "dropzone") and not shown(driver, "albums-page")
    by_id(driver, "albums-link").click()
    wait(driver, lambda d: path_of(d) == "/albums" and d.find_elements(By.CSS_SELECTOR, "#album-list .album-card"), 10, "the album list")
    assert "Holidays 2026" in text_of(driver, "album-list")
    assert "0 photos" in text_of(driver, "album-list")
    driver.find_element(By.CSS_SELECTOR, "#album-list .album-card").click()
    wait(driver, lambda d: path_of(d) == album["path"] and text_of(d, "album-title") == "Holidays 2026", 10, "the album again")
    assert js(driver, "return document.activeElement.id") == "album-title", "the page's heading has the focus"


def test_three_photos_upload_with_a_progress_bar_each(stack, driver, album):
    console(driver)
    throttle(driver, 48 * 1024)
    try:
        by_id(driver, "album-files").send_keys("\n".join(str(path) for path in PHOTOS))
        wait(driver, lambda d: len(bars(d)) == 3 and any(0 < bar["now"] < 100 for bar in bars(d)), 20, "three bars, one moving")
        progress = bars(driver)
        assert [bar["label"] for bar in progress] == ["Upload of " + path.name for path in PHOTOS]
        assert all(bar["min"] == "0" and bar["max"] == "100" for bar in progress)
        # Two files go at once; the third waits its turn.
        assert "Waiting" in text_of(driver, "upload-list")
        assert text_of(driver, "upload-summary").startswith("Uploading 3 photos")
        assert by_id(driver, "upload-summary").get_attribute("aria-live") == "polite"
        screenshot(driver, "album-uploading", PHONE)
        screenshot(driver, "album-uploading", DESKTOP)
        reset_width(driver)
    finally:
        throttle(driver, -1)
    wait(driver, lambda d: all(bar["now"] == 100 for bar in bars(d)) and len(bars(d)) == 3, 60, "all three uploaded")
    wait(driver, lambda d: text_of(d, "upload-summary") == "All 3 photos are uploaded.", 30, "the summary")
    found = wait(driver, lambda d: analysed(d, "photo-grid", 3), 120, "three analysed photos with their thumbnails")
    # Oldest first: in the order the uploads were stored (the smaller file may overtake).
    assert sorted(tile["name"] for tile in found) == sorted(path.name for path in PHOTOS)
    assert "1 face" in next(tile["meta"] for tile in found if tile["name"] == FACE_PHOTO.name), found
    assert "3 photos" in text_of(driver, "album-meta")
    assert expected_only(console(driver)) == []


def test_the_viewer_shows_each_photo_with_its_analysis(stack, driver, album):
    wait(driver, lambda d: analysed(d, "photo-grid", 3), 60, "the analysed photos")
    index = open_photo(driver, "photo-grid", FACE_PHOTO.name)
    wait(driver, lambda d: viewer_state(d)["open"] and viewer_state(d)["loaded"], 15, "the viewer with its picture")
    state = viewer_state(driver)
    assert state["title"] == FACE_PHOTO.name and state["count"] == f"{index + 1} of 3"
    assert state["src"].endswith("/web"), state
    assert state["faces"] == 1 and state["focusInside"]
    for words in ("Image quality", "Sharpness", "Faces", "1 face detected", "Scene", "Dominant colours", "Text in the image"):
        assert words in state["panel"], (words, state["panel"])
    assert shown(driver, "viewer-full") and shown(driver, "viewer-delete")
    by_id(driver, "viewer-cover").click()
    wait(driver, lambda d: "cover" in text_of(d, "viewer-status"), 10, "the cover set")
    assert by_id(driver, "viewer-cover").get_attribute("aria-disabled") == "true"
    assert js(driver, "return document.activeElement.id") == "viewer-cover", "the pressed button keeps the focus"
    dialog_screenshot(driver, "album-viewer", DESKTOP)
    dialog_screenshot(driver, "album-viewer", PHONE)
    reset_width(driver)
    driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    following = tiles(driver)[(index + 1) % 3]
    wait(driver, lambda d: viewer_state(d)["title"] == following["name"], 5, "the next photo by the arrow key")
    assert viewer_state(driver)["count"] == f"{(index + 1) % 3 + 1} of 3"
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait(driver, lambda d: not viewer_state(d)["open"], 5, "the viewer closed")
    # The focus is back on the tile of the photo last shown (once the dialog's close event has run).
    second = following["id"]
    wait(driver, lambda d: js(d, "const tile = document.activeElement.closest('.photo-tile'); return tile && tile.getAttribute('data-id')")
         == second, 5, "the focus on the tile of the photo last shown")
    wait(driver, lambda d: js(d, "return [...document.querySelectorAll('#photo-grid .photo-badge')]"
                                 ".map(b => b.closest('.photo-tile').querySelector('.photo-name').textContent)") == [FACE_PHOTO.name],
         10, "the cover badge on the cover alone")
    screenshot(driver, "album", DESKTOP)
    screenshot(driver, "album", PHONE)
    reset_width(driver)


def test_the_album_list_shows_the_cover(stack, driver, album):
    by_id(driver, "albums-link").click()
    wait(driver, lambda d: js(d, "const i = document.querySelector('#album-list .album-cover img');"
                                 " return !!i && i.complete && i.naturalWidth > 0"), 15, "the cover's thumbnail")
    assert "3 photos" in text_of(driver, "album-list")
    screenshot(driver, "albums", DESKTOP)
    screenshot(driver, "albums", PHONE)
    reset_width(driver)
    driver.back()
    wait(driver, lambda d: path_of(d) == album["path"] and analysed(d, "photo-grid", 3), 15, "back to the album")


def test_share_with_a_password_shows_the_link_once(stack, driver, album):
    by_id(driver, "share-button").click()
    wait(driver, lambda d: js(d, "return document.getElementById('share-dialog').open"), 5, "the share dialog")
    assert js(driver, "return document.activeElement.id") == "share-password"
    type_into(driver, "share-password", "short")
    by_id(driver, "share-create").click()
    wait(driver, lambda d: "at least 8" in text_of(d, "share-error"), 5, "a short password refused in the page")
    type_into(driver, "share-password", SHARE_PASSWORD)
    Select(by_id(driver, "share-expiry")).select_by_visible_text("In 7 days")
    by_id(driver, "share-create").click()
    wait(driver, lambda d: shown(d, "share-new") and by_id(d, "share-url").get_attribute("value"), 15, "the new link")
    link = by_id(driver, "share-url").get_attribute("value")
    assert link.startswith(stack.base_url + "/s/") and SHARE_PATH.match(link[len(stack.base_url):]), link
    assert js(driver, "return document.activeElement.id") == "share-url"
    wait(driver, lambda d: share_states(d) == ["live"], 10, "the link in the list")
    item = text_of(driver, "share-list")
    assert "Live" in item and "Password" in item and "expires" in item, item
    by_id(driver, "share-copy").click()
    wait(driver, lambda d: text_of(d, "share-status") in ("Link copied.", "Could not copy: select the link and copy it."), 5, "the copy")
    dialog_screenshot(driver, "share-dialog", DESKTOP)
    dialog_screenshot(driver, "share-dialog", PHONE)
    reset_width(driver)
    by_id(driver, "share-close").click()
    assert js(driver, "return document.activeElement.id") == "share-button"
    # The token is shown once: opened again, the dialog lists the link without it.
    by_id(driver, "share-button").click()
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#share-list .share-item")) == 1, 10, "the list again")
    assert not shown(driver, "share-new") and link[len(stack.base_url):] not in by_id(driver, "share-dialog").get_attribute("innerHTML")
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    album["share"] = link


def test_the_shared_album_in_another_browser(stack, visitor, album):
    assert album["share"], "the share test runs first"
    open_page(visitor, album["share"], "")
    wait(visitor, lambda d: shown(d, "unlock-form"), 15, "the password prompt")
    assert text_of(visitor, "gallery-title") == "Protected album"
    assert not visitor.find_elements(By.CSS_SELECTOR, "#gallery-grid .photo-tile")
    screenshot(visitor, "share-locked", PHONE)
    reset_width(visitor)
    type_into(visitor, "unlock-password", "wrong password").send_keys(Keys.ENTER)
    wait(visitor, lambda d: text_of(d, "unlock-error") == "Wrong password. Try again.", 10, "the wrong password said")
    type_into(visitor, "unlock-password", SHARE_PASSWORD).send_keys(Keys.ENTER)
    found = wait(visitor, lambda d: analysed(d, "gallery-grid", 3), 20, "the shared photos")
    assert text_of(visitor, "gallery-title") == "Holidays 2026"
    assert "Three photos, shared with the family" in text_of(visitor, "gallery-description")
    token = album["share"].rsplit("/", 1)[1]
    assert all(tile["src"].startswith(f"/api/shared/{token}/images/") for tile in found), found
    assert by_id(visitor, "gallery-download").get_attribute("href") == f"{stack.base_url}/api/shared/{token}/download"
    assert not shown(visitor, "albums-link") and shown(visitor, "login-link")
    open_photo(visitor, "gallery-grid", FACE_PHOTO.name)
    wait(visitor, lambda d: viewer_state(d)["open"] and viewer_state(d)["loaded"], 15, "the shared photo in the viewer")
    state = viewer_state(visitor)
    assert state["src"].startswith(f"/api/shared/{token}/images/") and state["faces"] == 1
    assert "1 face detected" in state["panel"] and "Image quality" in state["panel"]
    assert not shown(visitor, "viewer-delete") and not shown(visitor, "viewer-cover") and not shown(visitor, "viewer-full")
    dialog_screenshot(visitor, "share-viewer", DESKTOP)
    dialog_screenshot(visitor, "share-viewer", PHONE)
    reset_width(visitor)
    by_id(visitor, "viewer-close").click()
    screenshot(visitor, "share-gallery", DESKTOP)
    screenshot(visitor, "share-gallery", PHONE)
    reset_width(visitor)
    # The unlock lasts: a reload shows the album at once.
    visitor.refresh()
    wait(visitor, lambda d: analysed(d, "gallery-grid", 3), 20, "the album after a reload")
    assert expected_only(console(visitor), "401") == []


def test_a_revoked_link_says_so(stack, driver, visitor, album):
    by_id(driver, "share-button").click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#share-list .share-item button"), 10, "the link's buttons")
    revoke = driver.find_element(By.CSS_SELECTOR, "#share-list .share-item button")
    assert revoke.text == "Revoke"
    revoke.click()
    wait(driver, lambda d: share_states(d) == ["revoked"], 10, "the link revoked")
    assert "Revoked" in text_of(driver, "share-list")
    assert js(driver, "return document.activeElement.textContent") == "Restore"
    open_page(visitor, album["share"], "")
    wait(visitor, lambda d: shown(d, "gallery-gone"), 15, "the revoked link's message")
    assert "revoked or has expired" in text_of(visitor, "gallery-gone")
    screenshot(visitor, "share-gone", PHONE)
    reset_width(visitor)
    # Restored, the link works again, behind its password (revoking dropped the unlocks).
    driver.find_element(By.CSS_SELECTOR, "#share-list .share-item button").click()
    wait(driver, lambda d: share_states(d) == ["live"], 10, "the link restored")
    visitor.refresh()
    wait(visitor, lambda d: shown(d, "unlock-form"), 15, "the password asked again")
    by_id(driver, "share-close").click()


def test_a_file_the_server_refuses_is_said_on_its_row(stack, driver, album, tmp_path):
    fake = tmp_path / "broken.png"
    fake.write_bytes(b"this is not a PNG at all " * 40)
    notes = tmp_path / "notes.txt"
    notes.write_text("not an image")
    by_id(driver, "album-files").send_keys(f"{fake}\n{notes}")
    refused = wait(driver, lambda d: js(d, "const rows = [...document.querySelectorAll('#upload-list .upload-item[data-state=refused]')];"
                                          " return rows.length === 2 ? rows.map(row => row.innerText) : null"), 20, "two refusals")
    # The page refuses the text file itself; the server the PNG that is not one, in its own words.
    assert "notes.txt" in refused[1] and "not a supported image" in refused[1], refused
    assert "broken.png" in refused[0] and "File 1" not in refused[0] and len(refused[0].splitlines()) >= 3, refused
    assert text_of(driver, "upload-summary") == "0 of 2 photos uploaded, 2 not uploaded."
    assert len(tiles(driver)) == 3
    console(driver)   # the server's 415 is expected


def test_delete_a_photo(stack, driver, album):
    wait(driver, lambda d: analysed(d, "photo-grid", 3), 15, "three photos")
    open_photo(driver, "photo-grid", PHOTOS[2].name)
    wait(driver, lambda d: viewer_state(d)["open"], 5, "the viewer")
    by_id(driver, "viewer-delete").click()
    driver.switch_to.alert.accept()
    wait(driver, lambda d: len(tiles(d)) == 2, 10, "the photo gone from the grid")
    wait(driver, lambda d: text_of(d, "viewer-status") == "Photo deleted.", 5, "said in the viewer")
    by_id(driver, "viewer-close").click()
    assert "2 photos" in text_of(driver, "album-meta")


def test_log_out(stack, driver, album):
    by_id(driver, "logout-button").click()
    wait(driver, lambda d: path_of(d) == "/" and shown(d, "login-link"), 10, "logged out, on the home page")
    assert not shown(driver, "account-name") and not shown(driver, "albums-link")
    open_page(driver, stack.base_url, album["path"])
    wait(driver, lambda d: shown(d, "login-page"), 10, "the album needs a login again")
    # GET /api/session's 401 without a session is expected here; the next module starts clean.
    assert expected_only(console(driver), "/api/session") == []
