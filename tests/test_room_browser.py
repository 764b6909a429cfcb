"""The room in a real browser: Debian's headless Chromium, driven by Playwright, joins as
two participants on 360-pixel phones, adds moments, rates, places dots, while a
projector page follows; then the session file is read. One browser launch for the whole
test. Installed by `make tools` where it can be (root and apt-get); elsewhere this test
is skipped and says why."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from core_fixtures import new_store
from room_fixtures import keyboard, room_server
from workshop.core.kinds.registry import opening

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
try:
    from playwright.async_api import async_playwright, expect
except ImportError:  # pragma: no cover - the test extras bring it
    async_playwright = None

MOMENTS, EXPECTATIONS, VOTE = 1, 2, 4
# Waits go through locators, which Playwright polls without running a string in the
# page: wait_for_function evaluates one there, and the room's CSP (no 'unsafe-eval',
# rightly) refused it in about two runs of three.
WAIT = 30_000  # ms, as wait_for_selector's default


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (make tools installs "
                                              "Debian's where it is root with apt-get)")
@pytest.mark.skipif(async_playwright is None, reason="playwright is not installed")
async def test_two_phones_in_a_real_browser(tmp_path):
    store = new_store(tmp_path)
    store.record("step_entered", step=MOMENTS)
    async with room_server(tmp_path, store=store) as (host, room, server, _), \
            async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM,
                                                   args=["--no-sandbox", "--disable-gpu"])
        try:
            wall = await (await browser.new_context(
                viewport={"width": 1920, "height": 1080})).new_page()
            await wall.goto(room.projector_url)  # the projector follows the session too
            await wall.wait_for_selector("#head h1")
            phones = []
            for pid, text, stage in ((1, "Finding a parking space", "before"),
                                     (2, "Bags that tear at the till", "during")):
                context = await browser.new_context(viewport={"width": 360, "height": 740})
                page = await context.new_page()
                await page.goto(room.url)
                await page.click(f'button.seat[data-pid="{pid}"]')
                await page.wait_for_selector('form[data-entry="moment"] textarea')
                await page.fill('form[data-entry="moment"] textarea', text)
                await page.check(f'input[name="stage"][value="{stage}"]')
                await page.click('form[data-entry="moment"] button[type="submit"]')
                await page.wait_for_selector("#outbox li.saved")
                assert await page.input_value('form[data-entry="moment"] textarea') == ""
                phones.append(page)
            # each phone's board follows: both moments, the other's too
            for page in phones:
                await expect(page.locator("#board li.moment")).to_have_count(2, timeout=WAIT)

            await expect(wall.locator("#main .journey li")).to_have_count(2, timeout=WAIT)
            assert "Finding a parking space" in await wall.inner_text("#main")

            keyboard(host, "step_entered", step=EXPECTATIONS)  # the facilitator moves on
            for n, page in enumerate(phones):
                rating = f'button.tap[data-fields*=\'"scale":"expectation","value":{4 + n}\']'
                await page.wait_for_selector(rating)  # the page followed the step by itself
                await page.click(f"li.moment >> nth=0 >> {rating}")
                await page.wait_for_selector(f'li.moment >> nth=0 >> {rating}[aria-pressed="true"]')

            keyboard(host, "step_entered", step=VOTE)
            for kind, data in opening(host.state, host.state.steps[VOTE]):
                keyboard(host, kind, **data)  # the vote opens, as the run screen does
            for page in phones:
                await page.wait_for_selector("button.tap.more")
                await page.click("li.item >> nth=1 >> button.tap.more")
                await page.wait_for_selector('li.item >> nth=1 >> .mine[data-dots="1"]')
                await page.click("li.item >> nth=1 >> button.tap.more")
                await page.wait_for_selector('li.item >> nth=1 >> .mine[data-dots="2"]')
                # the cap (2 per item): the third is refused, and the phone says why
                await page.click("li.item >> nth=1 >> button.tap.more")
                await page.wait_for_selector("#outbox li.refused")
                assert "At most 2 dots per item" in await page.inner_text("#outbox li.refused")
            # the wall: the vote's step, and while it is blind only how many have voted
            await expect(wall.locator("#main")).to_contain_text("2 participants", timeout=WAIT)
            assert await wall.locator("#main svg").count() == 0
        finally:
            await browser.close()

    conn = sqlite3.connect(f"file:{tmp_path / 's.db'}?mode=ro", uri=True)
    try:
        moments = conn.execute("SELECT moment_id, text, stage, participant_id FROM moments "
                               "ORDER BY moment_id").fetchall()
        ratings = conn.execute("SELECT moment_id, participant_id, value, scale FROM ratings "
                               "ORDER BY participant_id").fetchall()
        votes = conn.execute("SELECT participant_id, moment_id, dots FROM votes "
                             "ORDER BY participant_id").fetchall()
        via = {json.loads(d).get("via") for (d,) in conn.execute(
            "SELECT data FROM events WHERE kind IN ('moment_added', 'rating_given', "
            "'vote_cast')")}
    finally:
        conn.close()
    assert moments == [(1, "Finding a parking space", "before", 1),
                       (2, "Bags that tear at the till", "during", 2)]
    assert ratings == [(1, 1, 4, "expectation"), (1, 2, 5, "expectation")]
    assert votes == [(1, 2, 2), (2, 2, 2)]
    assert via == {"phone"}
