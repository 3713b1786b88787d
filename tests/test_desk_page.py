"""The --serve page in a real headless browser (Debian's chromium and chromium-driver, driven by Selenium).

Without the browser the test skips, except under CI (the CI variable set),
where .ci/run installs it and a missing browser is a failure.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import sys
from pathlib import Path

import pytest
from live import FIRST_BUILD_S, LONG_PARAGRAPH, REBUILD_S, edit, running
from project import SAMPLE_LAYOUT, Project

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Flags for a closed network and no screen: nothing phones home, no GPU.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1500,1100")
SERVING = re.compile(r"^serving (http://127\.0\.0\.1:\d+/)")


def _browser_or_skip() -> None:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.is_file()]
    if not missing:
        return
    reason = f"no headless browser: {', '.join(missing)} missing (apt-get install chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser test (.ci/run installs them)")
    pytest.skip(reason)


@pytest.fixture
def browser(tmp_path):
    _browser_or_skip()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    # The driver's path is given, so Selenium Manager never runs (nothing is downloaded).
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(tmp_path / "chromium-profile", ignore_errors=True)


def test_the_desk_page_shows_the_proof_and_follows_an_edit_without_a_reload(browser, tmp_path, monkeypatch):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    project = Project(tmp_path)
    command = [sys.executable, "-m", "broadsheet.cli", "watch", SAMPLE_LAYOUT, "-o", "out/sample.pdf",
               "--serve", "--port", "0"]
    with running(command, tmp_path) as (process, next_line):
        served = SERVING.match(next_line())
        assert served, "watch --serve did not say where it serves"
        assert "rebuilt in" in next_line("watching")
        browser.get(served[1])

        def loaded(driver) -> bool:
            return driver.execute_script("const image = document.getElementById('proof-5');"
                                         "return !!image && image.complete && image.naturalWidth > 0;")

        WebDriverWait(browser, FIRST_BUILD_S).until(loaded)
        image = browser.find_element(By.ID, "proof-5")
        assert image.size["width"] > 500 and image.size["height"] > image.size["width"]
        first_source = image.get_attribute("src")
        row = browser.find_element(By.CSS_SELECTOR, "tr.block[data-block='chenzhou']")
        assert row.find_element(By.CSS_SELECTOR, "td.fit-figure").text.startswith("差 ")
        assert len(browser.find_elements(By.CSS_SELECTOR, ".outline[data-block='chenzhou']")) == 1
        white = browser.find_elements(By.CSS_SELECTOR, ".white[data-block='xianning']")
        assert white and "可补" in white[0].get_attribute("title")  # the underset area, shaded, with its figure
        browser.execute_script("window.notReloaded = true;")

        edit(project, "articles/chenzhou.md", "郴州是一座", LONG_PARAGRAPH + "\n\n郴州是一座")
        over = next_line()
        fit = re.search(r"chenzhou: (超 \d+ 字 ≈ \d+ 行)", over)
        assert fit, over

        def overset_shown(driver) -> bool:
            cells = driver.find_elements(By.CSS_SELECTOR, "tr.block[data-block='chenzhou'] td.fit-figure.overset")
            return bool(cells) and cells[0].text == fit[1]

        WebDriverWait(browser, REBUILD_S).until(overset_shown)
        WebDriverWait(browser, REBUILD_S).until(loaded)
        assert browser.execute_script("return window.notReloaded === true;"), "the page was reloaded"
        assert browser.find_element(By.ID, "proof-5").get_attribute("src") != first_source
        tag = browser.find_element(By.CSS_SELECTOR, ".outline.over[data-block='chenzhou'] .tag").text
        assert fit[1] in tag
        assert any("超版" in item.text or "overset" in item.text
                   for item in browser.find_elements(By.CSS_SELECTOR, "#diagnostics li"))
        shots = Path(os.environ.get("BROADSHEET_DESK_SCREENSHOTS", tmp_path))
        browser.save_screenshot(str(shots / "desk.png"))

        # A broken save: the error, linked to its file and line, above the last good proof.
        good_proof = browser.find_element(By.ID, "proof-5").get_attribute("src")
        edit(project, SAMPLE_LAYOUT, "  columns: 8\n", "  colums: 8\n")
        assert " error: " in next_line()

        def error_shown(driver) -> bool:
            banner = driver.find_elements(By.CSS_SELECTOR, "#error a.where")
            return bool(banner) and banner[0].text == f"{SAMPLE_LAYOUT}:17 [grid.colums]"

        WebDriverWait(browser, REBUILD_S).until(error_shown)
        link = browser.find_element(By.CSS_SELECTOR, "#error a.where").get_attribute("href")
        assert link.endswith(f"{project.path(SAMPLE_LAYOUT).resolve()}:17")
        assert "unknown key" in browser.find_element(By.ID, "error").text
        assert browser.find_element(By.ID, "proof-5").get_attribute("src") == good_proof
        assert "保留" in browser.find_element(By.ID, "status").text
        assert browser.execute_script("return window.notReloaded === true;")
        browser.save_screenshot(str(shots / "desk-error.png"))
        process.send_signal(signal.SIGINT)
        assert process.wait(REBUILD_S) == 0
