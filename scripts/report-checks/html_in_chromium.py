#!/usr/bin/env python3
"""Opens Drydock's HTML report in a real headless Chromium and checks what a person would see.

Usage: html_in_chromium.py REPORT.html SCREENSHOT.png

Checks, each failing with its reason: the page loads from file:// with no network; the severity chart
(#severity-chart) is displayed and its pixels are not blank and hold the CRITICAL bar's colour; the findings
table (#findings) is displayed with one row per finding; the severity filter hides rows; a decision button
opens the finding's evidence. Saves a screenshot of the page. Exit 0 when all pass, 1 when a check fails,
2 when Chromium or its driver cannot start (never a silent pass). Headless, no sandbox when run as root,
every wait bounded.
"""
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import headless_chromium  # noqa: E402

CRITICAL_RGB = (0xB3, 0x26, 0x1E)


def decode_png(data):
    """Width, height and rows of RGB(A) pixels of an 8-bit, non-interlaced PNG (what Chromium writes)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    offset, idat, width, height, colour, depth = 8, b"", 0, 0, 0, 0
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, position = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[position]
        line = bytearray(raw[position + 1:position + 1 + stride])
        position += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - upper_left
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - upper_left)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else upper_left)
                line[i] = (line[i] + predictor) & 0xFF
        rows.append([tuple(line[x * channels:x * channels + 3]) for x in range(width)])
        previous = line
    return width, height, rows


def fail(message, code=1):
    print(f"html_in_chromium: {message}", file=sys.stderr)
    sys.exit(code)


def main(argv):
    if len(argv) != 3:
        fail(__doc__.strip(), 2)
    report, screenshot = os.path.abspath(argv[1]), argv[2]
    driver = headless_chromium.start("1280,1600", fail)
    from selenium.webdriver.common.by import By
    try:
        driver.set_script_timeout(10)
        driver.get("file://" + report)
        chart = driver.find_element(By.ID, "severity-chart")
        if not chart.is_displayed():
            fail("the severity chart is not displayed")
        bars = driver.find_elements(By.CSS_SELECTOR, "#severity-chart g.bar")
        if len(bars) != 5:
            fail(f"the chart has {len(bars)} bars, expected 5 (one per severity)")
        table = driver.find_element(By.ID, "findings")
        if not table.is_displayed():
            fail("the findings table is not displayed")
        rows = driver.find_elements(By.CSS_SELECTOR, "#findings tr.finding")
        visible = [row for row in rows if row.is_displayed()]
        if not visible:
            fail("the findings table shows no finding")
        critical = [row for row in visible if row.get_attribute("data-severity") == "CRITICAL"]
        driver.find_element(By.CSS_SELECTOR, ".severity-filter[value=CRITICAL]").click()
        after = [row for row in rows if row.is_displayed()]
        if critical and len(after) != len(visible) - len(critical):
            fail(f"unticking CRITICAL left {len(after)} rows shown, expected {len(visible) - len(critical)}")
        driver.find_element(By.CSS_SELECTOR, ".severity-filter[value=CRITICAL]").click()
        first = rows[0]
        first.find_element(By.CSS_SELECTOR, "button.decision").click()
        details = driver.find_element(By.ID, first.get_attribute("data-details"))
        if not details.is_displayed() or "Decision:" not in details.text:
            fail("the decision button does not open the finding's evidence")
        width, height, pixels = decode_png(chart.screenshot_as_png)
        coloured = sum(1 for row in pixels for pixel in row if pixel != (255, 255, 255))
        if coloured < width * height // 50:
            fail(f"the chart looks blank: {coloured} of {width * height} pixels are not white")
        if critical and not any(
                all(abs(a - b) <= 6 for a, b in zip(pixel, CRITICAL_RGB)) for row in pixels for pixel in row):
            fail("the chart has no pixel of the CRITICAL bar's colour although there are CRITICAL findings")
        if not driver.save_screenshot(screenshot):
            fail("cannot save the screenshot")
        print(f"html_in_chromium: ok: chart {width}x{height} with {coloured} coloured pixels, "
              f"{len(visible)} findings shown, screenshot {screenshot}")
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
