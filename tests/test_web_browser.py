"""A new user in a real browser: Debian's chromium, driven by Playwright, against `banmian serve`.

The test builds a small archive, starts the real command on a free loopback port, then searches,
opens an article, sees its facts marked, steps through them from the panel, opens a place and an
indicator chart, and reads an article and a search on a phone-width screen. Every request the
browser makes must go to the server itself. Screenshots are kept in ``tests/artifacts/browser/``.

Skipped when Playwright or chromium is missing, unless ``BANMIAN_REQUIRE_BROWSER=1`` (set by
``scripts/test.sh``, which installs both), where that is a failure.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from webgen import build_archive

CHROMIUM = os.environ.get("BANMIAN_CHROMIUM", "/usr/bin/chromium")
#: As the machine notes say: headless as root, and no background traffic to Google's hosts.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "browser"
START_TIMEOUT_S = 60  # the server prints its address, then answers /api/stats
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _need(ok: bool, why: str) -> None:
    if ok:
        return
    if os.environ.get("BANMIAN_REQUIRE_BROWSER") == "1":
        pytest.fail(why)
    pytest.skip(why)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _need(False, "playwright is not installed (pip install playwright; no browser download needed)")
    _need(os.path.exists(CHROMIUM), f"{CHROMIUM} is missing (apt-get install chromium)")
    db = build_archive(tmp_path_factory.mktemp("browser"))
    proc = subprocess.Popen([sys.executable, "-m", "banmian", "serve", "--db", str(db), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = None
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        line = proc.stderr.readline()
        m = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
        assert m, f"no address in {line!r}"
        base = m.group(1)
        while True:
            try:
                with urllib.request.urlopen(base + "/api/stats", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Visit:
    """One browser context that records every request and every script error."""

    def __init__(self, browser, base: str, viewport: dict[str, int]) -> None:
        self.base = base
        self.ctx = browser.new_context(viewport=viewport, locale="zh-CN")
        self.page = self.ctx.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)

    def check_clean(self) -> None:
        foreign = [u for u in self.requests if not u.startswith(self.base) and not u.startswith("data:")]
        assert not foreign, f"requests outside the server: {foreign}"
        assert not self.errors, f"script or load errors: {self.errors}"

    def close(self) -> None:
        self.ctx.close()


def test_a_new_user_searches_reads_and_explores(browser, server):
    v = Visit(browser, server, DESKTOP)
    page = v.page
    try:
        page.goto(server + "/")
        assert "档案收录" in page.inner_text("main")
        v.shot("01-home")

        # Search from the box.
        box = page.locator(".bigsearch input[name=q]")
        box.fill("绵阳")
        box.press("Enter")
        page.wait_for_selector("ol.hits li.hit")
        assert "共" in page.inner_text("#summary")
        assert page.locator("mark.hit").first.is_visible()
        assert page.locator("#facet-place .fi").count() >= 1
        v.shot("02-search")

        # Narrow by a facet: the place hierarchy.
        page.locator("#facet-place a.fi", has_text="四川省").click()
        page.wait_for_selector(".chip")
        assert "地点：四川省" in page.inner_text(".chips")
        assert "四川省" in page.inner_text("#facet-place .crumbs")

        # Open an article with the economy report and see its facts highlighted.
        page.goto(server + "/search?q=" + "绵阳经济稳中有进")
        page.locator("ol.hits li.hit h2 a").first.click()
        page.wait_for_selector("h1.headline")
        assert "绵阳经济稳中有进" in page.inner_text("h1.headline")
        for typ in ("place", "quantity", "date", "indicator"):
            assert page.locator(f"#body mark.f-{typ}").first.is_visible(), typ
        colour = page.locator("#body mark.f-place").first.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
        assert page.locator("#legend input[data-type=place]").is_checked()
        assert page.locator("#factpanel .fitem").count() >= 5
        v.shot("03-article")

        # The panel finds a fact in the text; the legend hides a type's marks.
        page.locator("#factpanel .fgroup[data-type=quantity] .jump").first.click()
        page.wait_for_selector("#body mark.f-quantity.flash")
        page.locator("#legend input[data-type=place]").uncheck()
        assert "hide-place" in page.evaluate("document.body.className")
        colour = page.locator("#body mark.f-place").first.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour in ("rgba(0, 0, 0, 0)", "transparent")
        page.locator("#legend input[data-type=place]").check()

        # Open a place from the panel, then its parent, then an indicator chart.
        page.locator("#factpanel .fgroup[data-type=place] .detail a", has_text="绵阳市").first.click()
        page.wait_for_selector(".place h1")
        assert "绵阳市" in page.inner_text(".place h1")
        assert "四川省" in page.inner_text(".crumbs")
        assert page.locator("#children li").count() >= 2  # 涪城区, 游仙区 with counts
        v.shot("04-place")
        page.locator(".place table a", has_text="地区生产总值").first.click()
        page.wait_for_selector("svg.chart")
        assert page.locator("svg.chart circle").count() >= 4
        v.shot("05-indicator")
        page.locator(".crumbs a", has_text="统计指标").click()
        page.wait_for_selector("#indicator-list")
        page.goto(server + "/place/四川")
        assert "绵阳市" in page.inner_text("#children")
        v.shot("06-province")
        v.check_clean()
    finally:
        v.close()


def test_a_phone_width_screen(browser, server):
    v = Visit(browser, server, PHONE)
    page = v.page
    try:
        page.goto(server + "/search?q=绵阳")
        page.wait_for_selector("ol.hits li.hit")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the search page is {width}px wide on a {PHONE['width']}px screen"
        assert not page.locator(".facet-box").evaluate("e => e.open")  # filters folded: results first
        assert page.locator("ol.hits li.hit").first.is_visible()
        v.shot("07-phone-search")
        page.locator("ol.hits li.hit h2 a").first.click()
        page.wait_for_selector("h1.headline")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the article is {width}px wide on a {PHONE['width']}px screen"
        assert page.locator("#body mark.f").first.is_visible()
        v.shot("08-phone-article")
        page.goto(server + "/indicator?place=绵阳市&name=地区生产总值")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        v.shot("09-phone-indicator")
        v.check_clean()
    finally:
        v.close()
