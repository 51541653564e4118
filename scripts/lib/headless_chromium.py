"""Starts Debian's chromium headless under its chromedriver, for the browser checks in scripts/*-checks.

start(window, fail) returns a selenium WebDriver, or calls fail(message, 2) when selenium, chromium or
chromedriver is missing or the browser cannot start (callers skip then).
"""
import os
import shutil


def start(window, fail):
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        fail("selenium is not installed (scripts/install-test-deps installs it)", 2)
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not binary or not os.path.exists(driver_path):
        fail("chromium or chromedriver is missing (Debian chromium and chromium-driver; scripts/install-test-deps)", 2)
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={window}",
                     "--no-first-run", "--disable-extensions", "--hide-scrollbars"):
        options.add_argument(argument)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")
    try:
        driver = webdriver.Chrome(service=Service(driver_path, service_args=["--log-level=SEVERE"]), options=options)
    except WebDriverException as error:
        fail(f"chromium cannot start: {error.msg or error}", 2)
    driver.set_page_load_timeout(20)
    return driver
