"""Small helpers shared by the browser tests."""

from __future__ import annotations

AXE = "/static/vendor/axe-core-4.14.1/axe.min.js"


def tab_to(page, selector: str, *, limit: int = 60, key: str = "Tab") -> None:
    """Press Tab until the focused element matches `selector` (keyboard only, as a person would)."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector!r}")


def axe_violations(page, base_url: str) -> list[dict]:
    """Serious and critical axe-core violations on the current page (axe loaded as a same-origin file)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=base_url + AXE)
    result = page.evaluate("async () => await window.axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def has_horizontal_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")
