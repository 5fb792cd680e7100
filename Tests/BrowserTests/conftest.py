"""Fixtures for the browser tests: a headless Chromium driving the shared stack (Tests/conftest.py)."""
import shutil
from pathlib import Path

import pytest

CHROMEDRIVER = "/usr/bin/chromedriver"


def chromium():
    """A new headless Chromium with a profile of its own (no cookies, no storage of another)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not Path(CHROMEDRIVER).exists() or not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        pytest.fail("chromium and chromium-driver are needed: ./spawn.sh installs them (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--disable-gpu", "--hide-scrollbars", "--lang=en-US", "--force-color-profile=srgb"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.set_page_load_timeout(30)
    browser.set_script_timeout(30)
    return browser


@pytest.fixture(scope="session")
def driver():
    browser = chromium()
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def visitor():
    """A second browser, for someone other than the first one's user (a share link's holder)."""
    browser = chromium()
    yield browser
    browser.quit()
