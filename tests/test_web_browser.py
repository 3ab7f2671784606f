"""The pages in a real headless Chromium (Debian's), against a real server and database.

Screenshots go to ``bench/out/web/`` (gitignored) so a person can look at them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_helpers import XSS_TEXT, Fixture, build, serve

from fogwatch.store import make_engine
from fogwatch.web import create_app

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[1] / "bench" / "out" / "web"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _need_chromium() -> None:
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing; CI must install Debian's chromium package")
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium) - browser tests skipped")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Fixture]]:
    _need_chromium()
    path = tmp_path_factory.mktemp("webdb") / "fogwatch.db"
    fixture = build(f"sqlite:///{path}")
    engine = make_engine(f"sqlite:///{path}")
    app = create_app(engine, ingest_token="secret-token", stages=("clean", "extract-trivial"))
    with serve(app) as base:
        yield base, fixture
    engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watch:
    """Collects what must never happen on our pages: dialogs, CSP violations, JS errors."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def csp_violations(self) -> list[str]:
        return [m for m in self.console if "Content Security Policy" in m]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _markers(page: Any) -> int:
    page.wait_for_selector("#map[data-state=ready]", timeout=15_000)
    return int(page.get_attribute("#map", "data-markers"))


def _visible_marker_total(page: Any) -> int:
    """Markers drawn as single icons plus the counts written on cluster bubbles."""
    singles = page.locator(".leaflet-marker-pane .mk-wrap").count()
    clusters = page.locator(".leaflet-marker-pane .marker-cluster span").all_inner_texts()
    return singles + sum(int(t) for t in clusters)


def test_map_shows_every_located_incident(site: tuple[str, Fixture], page: Any) -> None:
    base, fx = site
    watch = Watch(page)
    page.goto(base + "/")
    assert _markers(page) == fx.with_coords
    page.wait_for_timeout(400)  # markercluster draws in chunks
    assert _visible_marker_total(page) == fx.with_coords
    page.wait_for_selector("#timeline[data-bars]")
    assert int(page.get_attribute("#timeline", "data-bars")) > 5
    _shot(page, "map")
    assert watch.csp_violations() == []
    assert watch.errors == []


def test_filter_form_narrows_markers_and_lives_in_url(site: tuple[str, Fixture],
                                                     page: Any) -> None:
    base, fx = site
    page.goto(base + "/")
    _markers(page)
    page.select_option("#filters select[name=status]", "corroborated")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**status=corroborated**")
    n = _markers(page)
    assert n == fx.by_status["corroborated"]  # every corroborated one has coordinates
    assert n < fx.with_coords
    page.reload()
    assert _markers(page) == n  # the state survives a reload: it is in the URL
    assert page.input_value("#filters select[name=status]") == "corroborated"


def test_brushing_the_timeline_narrows_the_map(site: tuple[str, Fixture], page: Any) -> None:
    base, fx = site
    watch = Watch(page)
    page.goto(base + "/")
    before = _markers(page)
    page.wait_for_selector("#timeline[data-bars]")
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    # drag across the middle third of the chart
    page.mouse.move(box["x"] + box["width"] * 0.35, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)
    page.mouse.move(box["x"] + box["width"] * 0.65, y, steps=5)
    page.mouse.up()
    page.wait_for_url("**since=**")
    page.wait_for_timeout(300)
    after = _markers(page)
    assert 0 < after < before
    params = page.evaluate("Object.fromEntries(new URLSearchParams(location.search))")
    assert params["since"] <= params["until"]
    assert page.input_value("#filters input[name=since]") == params["since"]
    # the API agrees with the map for that range
    api = page.evaluate(
        "fetch('/api/incidents/points?' + new URLSearchParams(location.search))"
        ".then(r => r.json()).then(d => d.points.length)")
    assert api == after
    _shot(page, "map-brushed")
    assert watch.csp_violations() == []


def test_incident_page_shows_claims_by_side_and_marked_sentences(
        site: tuple[str, Fixture], page: Any) -> None:
    base, fx = site
    watch = Watch(page)
    page.goto(f"{base}/incidents/{fx.izium_id}")
    sides = page.locator(".claims .side").evaluate_all("els => els.map(e => e.dataset.side)")
    assert sides == ["UA", "RU"]
    ru = page.locator(".side[data-side=RU]")
    stances = ru.locator(".claim .stance").all_text_contents()
    claimants = ru.locator(".claim .claimant").all_text_contents()
    assert dict(zip(claimants, stances, strict=True)) == {
        "Russian defence ministry": "denies", "Russian-installed official": "unverified"}
    marked = "".join(page.locator("article.source").first.locator("mark").all_text_contents())
    assert "Two people were killed and five were injured" in marked
    dim = page.locator("article.source .dim").all_text_contents()
    assert any("Subscribe to our newsletter" in d for d in dim)
    assert page.locator("#status").inner_text() == "disputed"
    _shot(page, "incident")
    assert watch.csp_violations() == []
    assert watch.errors == []


def test_document_page_marks_reports_and_flags(site: tuple[str, Fixture], page: Any) -> None:
    base, fx = site
    page.goto(f"{base}/documents/{fx.izium_doc_ids[1]}")
    assert page.locator(".doctext mark").count() >= 2
    assert page.locator(".doctext .lang-other").inner_text() == "Три человека ранены."
    # a javascript: URL is never made a link
    assert page.locator("a[href^='javascript:']").count() == 0
    _shot(page, "document")
    page.goto(f"{base}/documents/{fx.izium_doc_ids[0]}")
    assert "Subscribe" in page.locator(".doctext .boilerplate").inner_text()


def test_hostile_article_runs_nothing(site: tuple[str, Fixture], page: Any) -> None:
    """Stored and freshly ingested markup stays text: no script, handler or URL runs."""
    import httpx

    base, fx = site
    fresh = XSS_TEXT.replace("Sumy", "Konotop")
    response = httpx.post(base + "/api/documents", json={
        "id": "posted-xss", "text": fresh, "title": "<img src=x onerror=alert(7)>",
        "published": "2022-05-09", "url": "javascript:alert(8)"},
        headers={"Authorization": "Bearer secret-token"})
    assert response.status_code == 201, response.text
    assert response.json()["stored"] == ["posted-xss"]
    watch = Watch(page)
    for path in (f"/incidents/{fx.xss_incident_id}", f"/documents/{fx.xss_doc_id}",
                 "/documents/posted-xss", "/documents", "/table", "/"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        for link in page.locator("a").all():
            href = link.get_attribute("href") or ""
            assert not href.strip().lower().startswith("javascript:"), (path, href)
        page.mouse.move(10, 10)
        assert page.evaluate("window.__pwned === undefined"), path
        assert page.title() != "pwned", path  # the payload would set exactly this
        assert page.locator("script:not([src]):not([type='application/json'])").count() == 0
    # the markup is on the page as text, visibly
    page.goto(f"{base}/documents/{fx.xss_doc_id}")
    text = page.locator(".doctext").inner_text()
    assert "<script>window.__pwned = 1;" in text
    assert "<img src=x onerror=" in text
    page.goto(f"{base}/incidents/{fx.xss_incident_id}")
    assert "<img src=x onerror=alert(5)>" in page.locator(".claims").inner_text()
    _shot(page, "hostile")
    assert watch.dialogs == []
    assert watch.errors == []


def test_api_docs_work_offline_under_the_strict_policy(site: tuple[str, Fixture],
                                                       page: Any) -> None:
    base, _ = site
    watch = Watch(page)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base)
            and not r.url.startswith("data:") else None)
    page.goto(base + "/docs")
    page.wait_for_selector("[data-path='/api/incidents/{incident_id}']", timeout=15_000)
    assert outside == []
    assert watch.csp_violations() == [] and watch.errors == []


def test_only_this_area_puts_the_view_in_the_url(site: tuple[str, Fixture], page: Any) -> None:
    base, fx = site
    page.goto(base + "/")
    before = _markers(page)
    page.evaluate("window.fwMap.setView([49.21, 37.26], 11)")  # zoom onto Izium
    page.click(".area-button")
    page.wait_for_url("**bbox=**")
    page.wait_for_selector("#map[data-state=ready]")
    after = _markers(page)
    assert 0 < after < before
    bbox = page.evaluate("new URLSearchParams(location.search).get('bbox')")
    api = httpx_get_json(f"{base}/api/incidents", {"bbox": bbox})
    assert api["total"] == after
    assert fx.izium_id in {i["incident_id"] for i in api["items"]}


def httpx_get_json(url: str, params: dict[str, str]) -> Any:
    import httpx

    return httpx.get(url, params=params).json()
