"""Real-browser tests of the web app and the report: Debian's chromium, headless, driven
by selenium + chromedriver. Skipped when chromium or chromedriver is missing (install
them with `scripts/setup.sh --dev`). Screenshots go to a temporary folder, or to
$NEWSTRACE_SCREENSHOTS when set."""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from webcases import HOSTILE_ID, HOSTILE_TITLE, IMG, SCRIPT, TEXTAREA, hostile_db

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)),
                       reason="needs Debian chromium and chromium-driver (scripts/setup.sh --dev)"),
]

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    """uvicorn in a background thread on 127.0.0.1 and a free port."""

    def __init__(self, db: Path):
        import uvicorn

        from newstrace.web.app import create_app

        self.port = _free_port()
        app = create_app(db, allowed_hosts=["127.0.0.1", "localhost"])
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    target = os.environ.get("NEWSTRACE_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        return Path(target)
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    drv.set_page_load_timeout(20)
    yield drv
    drv.quit()


@pytest.fixture(scope="module")
def seed_site(seed_db):
    with _Server(seed_db) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    db = hostile_db(tmp_path_factory)
    with _Server(db) as url:
        yield url, db


def _no_alert(drv) -> None:
    with pytest.raises(NoAlertPresentException):
        drv.switch_to.alert.text  # noqa: B018


def _console_errors(drv) -> list[dict]:
    return [e for e in drv.get_log("browser") if e.get("level") == "SEVERE"]


def test_browse_story_actor_article(driver, seed_site, shots, seed_store):
    driver.get(seed_site + "/stories")
    assert driver.title.endswith("newstrace")
    rows = driver.find_elements(By.CSS_SELECTOR, "#stories tbody tr")
    n_stories = seed_store.conn.execute(
        "SELECT count(*) FROM stories WHERE status = 'active' AND size > 0").fetchone()[0]
    assert len(rows) == n_stories > 0
    driver.save_screenshot(str(shots / "stories.png"))

    # the largest story (sorted by size, descending by default)
    driver.find_element(By.CSS_SELECTOR, "#stories a.story").click()
    WebDriverWait(driver, 10).until(lambda d: "/story/" in d.current_url)
    assert driver.find_element(By.ID, "story-title").text
    assert driver.find_elements(By.CSS_SELECTOR, "svg.timeline circle.dot")
    driver.save_screenshot(str(shots / "story.png"))

    actor_links = driver.find_elements(By.CSS_SELECTOR, "#story-actors a.actor")
    assert actor_links
    name = actor_links[0].text
    actor_links[0].click()
    WebDriverWait(driver, 10).until(lambda d: "/actor/" in d.current_url)
    assert driver.find_element(By.ID, "actor-name").text == name
    spellings = [td.text for td in driver.find_elements(By.CSS_SELECTOR, "#spellings td.spelling")]
    assert spellings
    driver.save_screenshot(str(shots / "actor.png"))

    # follow an evidence link: the article opens on the highlighted span
    driver.find_element(By.CSS_SELECTOR, "#spellings a.evidence").click()
    WebDriverWait(driver, 10).until(lambda d: "/article/" in d.current_url)
    frag = driver.current_url.split("#", 1)[1]
    target = driver.find_element(By.ID, frag)
    assert target.text in spellings
    assert driver.execute_script("return document.querySelector(':target') !== null")
    driver.find_elements(By.CSS_SELECTOR, "#text .hl-mention")
    assert driver.find_element(By.ID, "metadata")
    driver.save_screenshot(str(shots / "article.png"))

    driver.get(seed_site + "/outlets")
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.ID, "outlet-graph").get_attribute("data-ready") == "1")
    n_edges = len(driver.find_elements(By.CSS_SELECTOR, "#outlet-graph line.edge"))
    assert n_edges == len(driver.find_elements(By.CSS_SELECTOR, "#outlet-edges tbody tr td.num")) or n_edges > 0
    driver.save_screenshot(str(shots / "outlets.png"))
    _no_alert(driver)
    assert _console_errors(driver) == []


def test_hostile_text_is_shown_literally_and_never_runs(driver, hostile_site, shots):
    url, _ = hostile_site
    pages = {
        "article": f"{url}/article/hostile-1",
        "article2": f"{url}/article/{quote(HOSTILE_ID, safe='')}",
        "stories": f"{url}/stories",
        "articles": f"{url}/articles",
        "search": f"{url}/search?q=hostile",
        "actors": f"{url}/actors",
        "outlets": f"{url}/outlets",
    }
    for name, page in pages.items():
        driver.get(page)
        _no_alert(driver)
        # no element came from the data: no <img>, no <iframe>, no SVG with onload,
        # and the only scripts are our own files
        assert driver.find_elements(By.CSS_SELECTOR, "main img, main iframe, svg[onload], [onerror]") == []
        srcs = [s.get_attribute("src") for s in driver.find_elements(By.TAG_NAME, "script")]
        assert all(s.startswith(url + "/static/") for s in srcs), (name, srcs)
        for a in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
            assert not a.get_attribute("href").lower().startswith("javascript:"), name
        assert _console_errors(driver) == [], name
        driver.save_screenshot(str(shots / f"hostile-{name}.png"))

    driver.get(pages["article"])
    text = driver.find_element(By.ID, "text").text
    assert SCRIPT in text and IMG in text and TEXTAREA in text
    assert driver.find_element(By.ID, "article-title").text == HOSTILE_TITLE
    # the javascript: URL is shown as text, never as a link
    assert driver.find_elements(By.CSS_SELECTOR, "#article-url a") == []
    assert "javascript:alert(1)" in driver.find_element(By.ID, "article-url").text
    # a quote spanning payloads is highlighted as text
    quotes = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#text .hl-quote")]
    assert any(IMG in q for q in quotes)

    driver.get(pages["search"])
    assert SCRIPT in driver.find_element(By.ID, "results").text


def test_report_file_is_inert(driver, hostile_site, tmp_path, shots):
    from newstrace import Store
    from newstrace.report import write_report

    _, db = hostile_site
    out = tmp_path / "report.html"
    store = Store(db)
    try:
        write_report(store, out)
    finally:
        store.close()
    driver.get(out.as_uri())
    _no_alert(driver)
    assert driver.find_elements(By.TAG_NAME, "script") == []
    assert driver.find_elements(By.CSS_SELECTOR, "img, iframe, svg[onload], [onerror]") == []
    body = driver.find_element(By.TAG_NAME, "body").text
    assert HOSTILE_TITLE in body
    assert _console_errors(driver) == []
    driver.save_screenshot(str(shots / "report.png"))
