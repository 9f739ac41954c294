"""Screenshots of the main pages over the demo data, for the README: `make screenshots`.

Seeds a scratch SQLite database, serves it with Django's development server, drives Debian's
Chromium through Playwright and writes PNGs into docs/screenshots/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urlopen(url, timeout=2):  # noqa: S310 - a local URL we started ourselves
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The development server did not answer at {url}.")


def main() -> None:
    if not Path(CHROMIUM).exists():
        raise SystemExit("Chromium is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="ct-screens-"))
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{scratch / 'demo.sqlite3'}",
        "SECRET_KEY": "screenshots-only",
        "TWO_FACTOR_EXEMPT_USERNAMES": "admin,coordinator",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "seed_demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603 - our own manage.py
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(base + "/accounts/login/")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            shoot(browser, base)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"Screenshots written to {OUT.relative_to(ROOT)}/")


def sign_in(page, base: str, username: str, password: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_url(base + "/")


def snap(page, name: str, *, full_page: bool = True) -> None:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=full_page)
    print(f"  {name}.png")


def shoot(browser, base: str) -> None:
    anonymous = browser.new_page(viewport=DESKTOP)
    anonymous.goto(base + "/")
    snap(anonymous, "landing", full_page=False)
    anonymous.close()

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, base, "coordinator", "coalition-coordinator-demo")
    snap(page, "dashboard")
    page.goto(base + "/organizations/?sector=ngo-victim-services&ordering=name")
    snap(page, "directory")
    page.goto(base + "/organizations/beacon/")
    page.wait_for_timeout(400)  # let the chart draw
    snap(page, "profile")
    page.goto(base + "/coalitions/")
    page.locator(".result-list h2 a").first.click()
    page.wait_for_timeout(1500)  # let the network layout settle
    snap(page, "coalition")
    page.goto(base + "/meetings/")
    snap(page, "activities", full_page=False)
    page.goto(base + "/meetings/new/")
    page.fill("#id_title", "Monthly case coordination")
    page.select_option("#id_kind", "case_coordination")
    page.fill("#participant-search", "sher")
    page.wait_for_selector("#participant-listbox [role=option][data-index]")
    page.keyboard.press("ArrowDown")
    snap(page, "log-activity", full_page=False)
    page.goto(base + "/partnerships/")
    snap(page, "partnerships", full_page=False)
    page.goto(base + "/")
    page.locator("#invitations-block h3 a").first.click()
    snap(page, "planned-meeting", full_page=False)
    page.goto(base + "/action-items/?whose=all")
    snap(page, "action-items", full_page=False)
    context.close()

    spanish = browser.new_context(viewport=DESKTOP, locale="es-ES", extra_http_headers={"Accept-Language": "es"})
    page = spanish.new_page()
    sign_in(page, base, "coordinator", "coalition-coordinator-demo")
    page.goto(base + "/")
    snap(page, "spanish-dashboard", full_page=False)
    spanish.close()

    phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = phone.new_page()
    sign_in(page, base, "member", "coalition-member-demo")
    page.goto(base + "/organizations/")
    snap(page, "phone-directory", full_page=False)
    page.goto(base + "/meetings/new/")
    snap(page, "phone-log-activity", full_page=False)
    page.goto(base + "/")
    snap(page, "phone-dashboard", full_page=False)
    page.get_by_role("button", name="Menu").click()
    snap(page, "phone-menu", full_page=False)
    phone.close()


if __name__ == "__main__":
    main()
