"""Turn the benchmark's JSON results (bench/results/<size>.json) into the table of targets and
write it into docs/performance.md between the generated-table markers."""

from __future__ import annotations

import json
from pathlib import Path

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
ANALYTICS = [
    "pairs, all time (admin)",
    "pairs, last 90 days (admin)",
    "pairs, all time (member)",
    "sector matrix (admin)",
    "sector matrix (member)",
    "timeline (admin)",
    "network, largest coalition",
]
LISTS = ["directory page, filtered", "organisations API list", "meetings API, cursor page 1"]


def _load(results: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in sorted(results.glob("*.json"))}


def _ok(holds: bool | None) -> str:
    return "n/a" if holds is None else ("yes" if holds else "**no**")


def _endpoint(r: dict, name: str) -> dict | None:
    e = r["endpoints"].get(name)
    return e if e and e.get("status") == 200 else None


def latency_table(r: dict) -> list[str]:
    lines = [
        f"### Size {r['size']}: {r['orgs']:,} organisations, {r['meetings']:,} activities ({r['when']})",
        "",
        "| request | status | first ms | p50 ms | p95 ms | queries | raw SQL ms | first / raw SQL | p50 / raw SQL |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, e in r["endpoints"].items():
        raw = e.get("raw_sql_ms")
        ratio = f"{e['p50_ms'] / raw:.2f}" if raw else ""
        cold = f"{e['first_ms'] / raw:.2f}" if raw else ""
        queries = e["queries"] if e["queries"] is not None else ""
        lines.append(
            f"| {name} | {e['status']} | {e['first_ms']:.0f} | {e['p50_ms']:.1f} | {e['p95_ms']:.1f} | {queries}"
            f" | {f'{raw:.1f}' if raw else ''} | {cold} | {ratio} |"
        )
    x = r.get("export") or {}
    if x:
        lines.append(
            f"| CSV export of all activities | {x['status']} | | {x['seconds'] * 1000:.0f} (whole download) | | | "
            f"COPY {r['copy_seconds'] * 1000:.0f} | | {x['seconds'] / r['copy_seconds']:.2f} |"
        )
    lines += ["", f"Memory growth of the serving worker during the export: {x.get('memory_growth_mb', 0):.1f} MB."]
    w = r.get("writes")
    if w:
        made, unmade = w["with"], w["without"]
        lines += [
            "",
            "| write (service call, busiest five organisations) | with rollups ms | without ms | ratio |",
            "|---|---:|---:|---:|",
            f"| log an activity with five organisations | {made['create_ms']:.1f} | {unmade['create_ms']:.1f}"
            f" | {made['create_ms'] / unmade['create_ms']:.2f} |",
            f"| delete it | {made['delete_ms']:.1f} | {unmade['delete_ms']:.1f}"
            f" | {made['delete_ms'] / unmade['delete_ms']:.2f} |",
        ]
    k = r.get("wrk")
    if k and k.get("bare"):
        lines += ["", "| wrk, 16 connections | requests/s | non-2xx | socket errors |", "|---|---:|---:|---:|"]
        for name, v in k.items():
            if v:
                lines.append(f"| {name} | {v['rps']:.0f} | {v['non_2xx']} | {v['socket_errors']} |")
    if r.get("build_seconds"):
        lines += ["", f"Data set built in {r['build_seconds']:.0f} s ({r.get('built', 'in this run')})."]
    return lines


def targets_table(runs: dict[str, dict]) -> list[str]:
    """The issue's targets, judged on the largest size measured (L, else M, else S)."""
    big_key = next((s for s in ("L", "M", "S") if s in runs), None)
    if big_key is None:
        return []
    big, small = runs[big_key], runs.get("S")
    rows = []

    if big.get("build_seconds"):
        minutes = big["build_seconds"] / 60
        rows.append((f"data set {big_key} built in under 10 minutes", f"{minutes:.1f} min", minutes < 10))
    for name in ANALYTICS:
        e = _endpoint(big, name)
        if e is None:
            rows.append((f"{name}: within 2× of its raw SQL", "endpoint missing", None))
            continue
        # Warm: a repeated request (figures cached until the next change); cold: the first
        # request after a change, which computes them.
        s = _endpoint(small, name) if small and big_key != "S" else None
        for label, field in (("warm", "p50_ms"), ("cold", "first_ms")):
            ratio = e[field] / e["raw_sql_ms"]
            rows.append((f"{name}, {label}: within 2× of its raw SQL", f"{ratio:.2f}×", ratio <= 2))
            if s:
                growth = e[field] / s[field]
                rows.append((f"{name}, {label}: at {big_key} ≤ 3× its time at S", f"{growth:.1f}×", growth <= 3))
    bare = _endpoint(big, "bare view (floor)")
    for name in LISTS:
        e = _endpoint(big, name)
        if e is None or bare is None:
            rows.append((f"{name}: within 3× of the bare view", "endpoint missing", None))
            continue
        ratio = e["p50_ms"] / bare["p50_ms"]
        rows.append((f"{name}: within 3× of the bare view", f"{ratio:.1f}×", ratio <= 3))
        s = _endpoint(small, name) if small and big_key != "S" else None
        if s:
            rows.append(
                (f"{name}: same queries as at S", f"{e['queries']} vs {s['queries']}", e["queries"] == s["queries"])
            )
    first, deep = _endpoint(big, "meetings API, cursor page 1"), _endpoint(big, "meetings API, deep cursor (90%)")
    if first and deep:
        ratio = deep["p50_ms"] / first["p50_ms"]
        rows.append(("meetings API deep cursor within 1.5× of page 1", f"{ratio:.2f}×", ratio <= 1.5))
    else:
        rows.append(("meetings API deep cursor within 1.5× of page 1", "endpoint missing", None))
    x = big.get("export")
    if x and x.get("status") == 200:
        ratio = x["seconds"] / big["copy_seconds"]
        rows.append(("CSV export within 3× of COPY", f"{ratio:.1f}×", ratio <= 3))
        rows.append(("CSV export memory growth < 50 MB", f"{x['memory_growth_mb']:.1f} MB", x["memory_growth_mb"] < 50))
    else:
        rows.append(("CSV export within 3× of COPY", "export missing", None))
    w = big.get("writes")
    if w:
        c = w["with"]["create_ms"] / w["without"]["create_ms"]
        d = w["with"]["delete_ms"] / w["without"]["delete_ms"]
        rows.append(("logging an activity (5 orgs) within 5× without rollups", f"{c:.2f}×", c <= 5))
        rows.append(("deleting it within 10× without rollups", f"{d:.2f}×", d <= 10))
    k = big.get("wrk") or {}
    if k.get("bare") and k.get("organisations API"):
        api, floor = k["organisations API"], k["bare"]
        share = api["rps"] / floor["rps"] if floor["rps"] else 0
        clean = api["non_2xx"] == 0 and api["socket_errors"] == 0
        rows.append(
            (
                "16 connections: organisations API ≥ ½ the bare view's rate, no errors",
                f"{share:.2f}",
                share >= 0.5 and clean,
            )
        )
    lines = [
        f"### Targets, judged at {big_key}" + (" (L not measured: M stands in)" if big_key == "M" else ""),
        "",
        "| target | measured | holds |",
        "|---|---:|---|",
    ]
    lines += [f"| {t} | {m} | {_ok(h)} |" for t, m, h in rows]
    return lines


def render(runs: dict[str, dict]) -> str:
    if not runs:
        return "No benchmark results yet: run `make bench SIZE=S`."
    any_run = next(iter(runs.values()))
    m = any_run["machine"]
    lines = [
        f"Machine: {m['nproc']} cores, {m['memory_gb']} GB memory, PostgreSQL {m['postgresql']}, "
        f"Python {m['python']}; load average (1, 5, 15 min) as the last run ended: {m['load_average']}.",
        "",
    ]
    lines += targets_table(runs)
    for size in ("S", "M", "L"):
        if size in runs:
            lines += ["", *latency_table(runs[size])]
    return "\n".join(lines)


def write_report(results: Path, doc: Path) -> str:
    table = render(_load(results))
    text = doc.read_text() if doc.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text:
        text += f"\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1] if END in rest else ""
    doc.write_text(f"{head}{BEGIN}\n{table}\n{END}{tail}")
    return table
