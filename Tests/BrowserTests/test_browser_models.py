"""Models on the web page (SPEC §11), in headless Chromium against the real stack: an owner makes a
model, uploads the example package (examples/greyscale), follows its build log until it is ready,
runs it on a photo, and sees the job's result, log and output picture; the job list names it."""
import zipfile
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_browser import DESKTOP, SAMPLES, console, js, reset_width, screenshot, wait
from test_browser_albums import add_owner, expected_only, open_page, path_of, shown, text_of, type_into

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "greyscale"
OWNER, PASSWORD = "mo", "models are fun 42"


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "greyscale.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("predict.py", "requirements.txt"):
            archive.write(EXAMPLE / name, name)
    return path


@pytest.fixture(scope="module")
def logged_in(stack, driver):
    """Logged in for the module, and logged out after it: the modules after it use the same
    browser anonymously."""
    add_owner(stack, OWNER, PASSWORD)
    open_page(driver, stack.base_url, "/login")
    wait(driver, lambda d: shown(d, "login-page"), 10, "the login page")
    type_into(driver, "login-username", OWNER)
    type_into(driver, "login-password", PASSWORD).send_keys(Keys.ENTER)
    wait(driver, lambda d: shown(d, "models-link"), 15, "the Models link after the login")
    yield True
    driver.find_element(By.ID, "logout-button").click()
    wait(driver, lambda d: path_of(d) == "/" and shown(d, "login-link"), 10, "logged out, on the home page")


def test_a_model_is_made_built_and_run_from_the_page(stack, driver, logged_in, package):
    console(driver)
    driver.find_element(By.ID, "models-link").click()
    wait(driver, lambda d: path_of(d) == "/models" and shown(d, "models-page"), 15, "the models page")
    type_into(driver, "new-model-name", "Greyscale").send_keys(Keys.ENTER)
    wait(driver, lambda d: path_of(d).startswith("/models/") and text_of(d, "model-title") == "Greyscale", 15, "the new model")
    type_into(driver, "new-version-label", "1.0")
    driver.find_element(By.ID, "new-version-package").send_keys(str(package))
    driver.find_element(By.CSS_SELECTOR, "#version-form button[type=submit]").click()
    # The build log grows on the page while pip runs, then the version is ready.
    wait(driver, lambda d: "Peek: unpacking the package" in text_of(d, "build-log"), 30, "the build log")
    wait(driver, lambda d: text_of(d, "version-state") == "Ready", 240, "the version ready")
    assert "Successfully installed" in text_of(driver, "build-log")
    screenshot(driver, "model-version", DESKTOP)
    reset_width(driver)
    driver.find_element(By.ID, "run-image").send_keys(str(SAMPLES / "fruits.jpg"))
    driver.find_element(By.CSS_SELECTOR, "#run-form button[type=submit]").click()
    wait(driver, lambda d: path_of(d).startswith("/jobs/") and text_of(d, "model-job-state").startswith("Succeeded"), 60,
         "the job succeeded")
    assert '"width": 512' in text_of(driver, "model-job-result")
    assert "greyscale: 512x480" in text_of(driver, "model-job-log")
    wait(driver, lambda d: js(d, "const c = document.querySelector('#model-job-outputs canvas');"
                                 "return !!c && c.width > 1"), 15, "the output picture drawn")
    screenshot(driver, "model-job", DESKTOP)
    reset_width(driver)
    driver.find_element(By.ID, "jobs-link").click()
    wait(driver, lambda d: path_of(d) == "/jobs" and "Succeeded in" in text_of(d, "job-list"), 15, "the job list")
    assert expected_only(console(driver)) == []


def test_the_models_pages_need_a_login(stack, visitor):
    open_page(visitor, stack.base_url, "/models")
    wait(visitor, lambda d: shown(d, "login-page"), 10, "the login in place of the models")
    assert not shown(visitor, "models-link") and not shown(visitor, "models-page")
