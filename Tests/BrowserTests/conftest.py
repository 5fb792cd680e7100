"""Fixtures for the browser tests: the real stack on a free port and a headless Chromium driving it."""
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "IntegrationTests"))

from stack import Stack  # noqa: E402

CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture(scope="session")
def stack():
    """The whole stack (nginx serving static/ from the checkout, pools, worker) on a free port."""
    stack = Stack().up()
    yield stack
    stack.destroy()


@pytest.fixture(scope="session")
def queue_only():
    """A stack without a worker: uploads stay "processing" until the test changes them."""
    stack = Stack(workers=0).up()
    yield stack
    stack.destroy()


@pytest.fixture(scope="session")
def driver():
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
    yield browser
    browser.quit()
