#!/usr/bin/env python3
"""Drives drydock server's triage UI in a real headless Chromium, as a person would.

Usage: triage_ui_in_chromium.py BASE_URL READ_TOKEN WRITE_TOKEN VULNERABILITY_ID PACKAGE ARTIFACTS_DIR [KEV_ID]

Checks, each failing with its reason: /ui sends a visitor without a token to the login form; a wrong token is
refused; a read token sees findings but no triage form, and its forged post is refused; with a write token the
"which images contain" search finds PACKAGE; the severity filter leaves only rows of that severity; with KEV_ID
(a vulnerability in CISA's KEV catalog that the image has), the KEV filter "known exploited" shows it and only rows
marked KEV, and "not listed" hides it; the finding
VULNERABILITY_ID is triaged as a false positive through its form, the page says which exception version was
recorded and the row shows the decision with the token's name as owner. Screenshots go to ARTIFACTS_DIR.
Prints one JSON line: {"exception": ID, "version": N}. Exit 0 when all pass, 1 when a check fails, 2 when
Chromium or its driver cannot start (the caller skips then). Headless, every wait bounded.
"""
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import headless_chromium  # noqa: E402


DRIVER = None
ARTIFACTS = None


def fail(message, code=1):
    if DRIVER is not None and ARTIFACTS:
        # What the browser showed when the check failed.
        DRIVER.save_screenshot(os.path.join(ARTIFACTS, "failure.png"))
        with open(os.path.join(ARTIFACTS, "failure.html"), "w") as page:
            page.write(DRIVER.page_source)
        message += f" (at {DRIVER.current_url}; failure.png and failure.html in {ARTIFACTS})"
    print(f"triage_ui_in_chromium: {message}", file=sys.stderr)
    sys.exit(code)


def start_driver():
    driver = headless_chromium.start("1400,1000", fail)
    driver.implicitly_wait(0)
    return driver


def main(argv):
    if len(argv) not in (7, 8):
        fail(__doc__.strip(), 2)
    base, read_token, write_token, vulnerability, package, artifacts = argv[1:7]
    kev_id = argv[7] if len(argv) == 8 else None
    os.makedirs(artifacts, exist_ok=True)
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    driver = start_driver()
    global DRIVER, ARTIFACTS
    DRIVER, ARTIFACTS = driver, artifacts

    def shot(name):
        driver.save_screenshot(os.path.join(artifacts, name))

    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    def submit(button):
        """Clicks a form's button and waits (10 s at most) until the next page has replaced this one."""
        page = driver.find_element(By.TAG_NAME, "html")
        button.click()
        try:
            # Mid-navigation the driver may answer with other errors ("no such execution context"): poll on.
            wait = WebDriverWait(driver, 10, poll_frequency=0.05, ignored_exceptions=(WebDriverException,))
            wait.until(expected_conditions.staleness_of(page))
            wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
        except TimeoutException:
            fail("the form's answer did not load within 10 s")

    def login(token):
        driver.get(base + "/ui/findings")
        if "/ui/login" not in driver.current_url:
            fail(f"without a token /ui/findings should go to the login form, went to {driver.current_url}")
        driver.find_element(By.ID, "token").send_keys(token)
        submit(driver.find_element(By.ID, "login"))

    try:
        login("not-a-token-of-this-server")
        if not driver.find_elements(By.ID, "error"):
            fail("a wrong token was not refused")
        login(read_token)
        if not driver.current_url.endswith("/ui/findings"):
            fail(f"login with the read token should land on /ui/findings, landed on {driver.current_url}")
        rows = driver.find_elements(By.CSS_SELECTOR, "tr.finding")
        if not rows:
            fail("the read token sees no findings")
        if driver.find_elements(By.CSS_SELECTOR, "form[action='/ui/triage']"):
            fail("a read token is offered triage forms")
        # A forged post with the read token's own cookie and CSRF field is still refused: no write scope.
        cookie = driver.get_cookie("drydock_token")
        if not cookie or not cookie.get("httpOnly") or cookie.get("sameSite") != "Strict":
            fail(f"the session cookie is not HttpOnly and SameSite=Strict: {cookie}")
        request = urllib.request.Request(
            base + "/ui/triage", method="POST",
            data=urllib.parse.urlencode({"image": "x", "vulnerabilityID": vulnerability, "choice": "false-positive",
                                         "reason": "forged"}).encode(),
            headers={"Cookie": f"drydock_token={cookie['value']}", "Content-Type": "application/x-www-form-urlencoded"})
        try:
            urllib.request.urlopen(request, timeout=10)
            fail("a post without a CSRF field was accepted")
        except urllib.error.HTTPError as error:
            if error.code != 403:
                fail(f"a post without a CSRF field answered {error.code}, expected 403")
        submit(driver.find_element(By.CSS_SELECTOR, "header form button"))
        login(write_token)

        # Which images contain PACKAGE?
        driver.get(base + "/ui/search")
        driver.find_element(By.ID, "package").send_keys(package)
        submit(driver.find_element(By.ID, "search"))
        count = driver.find_element(By.ID, "count").text
        if not re.match(r"[1-9][0-9]* image", count):
            fail(f"searching for {package} found no image: {count!r}")
        shot("search.png")
        image_link = driver.find_element(By.CSS_SELECTOR, "#results a").get_attribute("href")

        # Filter findings by severity.
        driver.get(base + "/ui/findings")
        every = len(driver.find_elements(By.CSS_SELECTOR, "tr.finding"))
        severity = driver.find_element(By.CSS_SELECTOR, f"tr.finding[data-id='{vulnerability}'] td.sev").text
        Select(driver.find_element(By.ID, "severity")).select_by_visible_text(severity)
        submit(driver.find_element(By.ID, "filter"))
        shown = driver.find_elements(By.CSS_SELECTOR, "tr.finding td.sev")
        if not shown or any(cell.text != severity for cell in shown):
            fail(f"the {severity} filter shows {[cell.text for cell in shown]}")
        if len(shown) > every:
            fail("filtering added rows")
        shot("findings-filtered.png")

        if kev_id:
            # Known exploited only: the KEV finding is there, and every row carries the KEV mark.
            driver.get(base + "/ui/findings")
            Select(driver.find_element(By.ID, "kev")).select_by_value("yes")
            submit(driver.find_element(By.ID, "filter"))
            rows = driver.find_elements(By.CSS_SELECTOR, "tr.finding")
            ids = [row.get_attribute("data-id") for row in rows]
            if kev_id not in ids:
                fail(f"the KEV filter does not show {kev_id}: {ids}")
            unmarked = [row.get_attribute("data-id") for row in rows if not row.find_elements(By.CSS_SELECTOR, ".kev")]
            if unmarked:
                fail(f"the KEV filter shows rows without the KEV mark: {unmarked}")
            if len(rows) >= every:
                fail(f"the KEV filter left every row ({len(rows)} of {every})")
            shot("findings-kev.png")
            Select(driver.find_element(By.ID, "kev")).select_by_value("no")
            submit(driver.find_element(By.ID, "filter"))
            hidden = [row.get_attribute("data-id") for row in driver.find_elements(By.CSS_SELECTOR, "tr.finding")]
            if kev_id in hidden or not hidden:
                fail(f"'not listed' should hide {kev_id} and keep the others: {hidden}")

        # Triage the finding on its image's page.
        driver.get(image_link)
        row = driver.find_element(By.CSS_SELECTOR, f"tr.finding[data-id='{vulnerability}']")
        row.find_element(By.TAG_NAME, "summary").click()
        form = row.find_element(By.CSS_SELECTOR, "form[action='/ui/triage']")
        Select(form.find_element(By.NAME, "choice")).select_by_value("false-positive")
        form.find_element(By.NAME, "reason").send_keys("the vulnerable code is not shipped in this image")
        submit(form.find_element(By.TAG_NAME, "button"))
        flash = driver.find_elements(By.ID, "flash")
        if not flash:
            errors = driver.find_elements(By.ID, "error")
            fail("triage showed no confirmation" + (f": {errors[0].text}" if errors else ""))
        match = re.search(r"recorded exception (x-[0-9a-f]+) version ([0-9]+)", flash[0].text)
        if not match:
            fail(f"the confirmation does not name the exception: {flash[0].text!r}")
        triaged = driver.find_element(By.CSS_SELECTOR, f"tr.finding[data-id='{vulnerability}'] .decision")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", triaged)
        decision = triaged.text
        if "ignore" not in decision or "False positive" not in decision:
            fail(f"the row does not show the decision: {decision!r}")
        shot("triaged.png")
        driver.get(base + "/ui/sla")
        if not driver.find_elements(By.ID, "sla-summary"):
            fail("the SLA page has no summary")
        shot("sla.png")
        print(json.dumps({"exception": match.group(1), "version": int(match.group(2)), "decision": decision}))
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv)
