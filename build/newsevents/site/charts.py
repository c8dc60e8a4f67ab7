"""The geometry of the site's two charts, computed here and drawn as SVG by the templates (which escape
every label): events over time by type, and the figures reported about one event in report order."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

#: Up to this many days between the first and last event, the timeline counts by week, else by month.
WEEKLY_UP_TO_DAYS = 180
LABEL_WIDTH = 170
CHART_WIDTH = 760
ROW_HEIGHT = 34


def _bucket(day: date, weekly: bool) -> date:
    return day - timedelta(days=day.weekday()) if weekly else day.replace(day=1)


def _buckets(first: date, last: date, weekly: bool) -> list[date]:
    out, at = [], _bucket(first, weekly)
    while at <= last:
        out.append(at)
        at = at + timedelta(days=7) if weekly else (at.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


def _bucket_label(day: date, weekly: bool) -> str:
    return f"week of {day.isoformat()}" if weekly else day.strftime("%Y-%m")


def timeline_svg(events: list[dict]) -> dict:
    """Rows of bars, one row per event type (most events first), one bar per week or month holding the
    events that start in it; every bar on one scale. Readable without colour: each row is labelled."""
    days = [e["date_start"] for e in events if e["date_start"] is not None]
    if not days:
        return {"rows": [], "buckets": [], "width": CHART_WIDTH, "height": 40, "weekly": False, "ticks": []}
    first, last = min(days), max(days)
    weekly = (last - first).days <= WEEKLY_UP_TO_DAYS
    buckets = _buckets(first, last, weekly)
    position = {b: i for i, b in enumerate(buckets)}
    counts: dict[str, Counter] = {}
    for e in events:
        if e["date_start"] is not None:
            counts.setdefault(e["event_type"], Counter())[position[_bucket(e["date_start"], weekly)]] += 1
    types = sorted(counts, key=lambda t: (-sum(counts[t].values()), t))
    peak = max(max(c.values()) for c in counts.values())
    plot = CHART_WIDTH - LABEL_WIDTH - 50
    step = plot / len(buckets)
    bar = max(step * 0.8, 1.0)
    rows = []
    for i, kind in enumerate(types):
        top = 10 + i * ROW_HEIGHT
        bars = []
        for j, n in sorted(counts[kind].items()):
            h = max((ROW_HEIGHT - 10) * n / peak, 1.5)
            bars.append(
                {
                    "x": round(LABEL_WIDTH + j * step, 2),
                    "y": round(top + ROW_HEIGHT - 6 - h, 2),
                    "w": round(bar, 2),
                    "h": round(h, 2),
                    "n": n,
                    "label": _bucket_label(buckets[j], weekly),
                }
            )
        rows.append(
            {"type": kind, "total": sum(counts[kind].values()), "y": top + ROW_HEIGHT - 10, "bars": bars, "top": top}
        )
    bottom = 10 + len(types) * ROW_HEIGHT
    every = max(1, round(len(buckets) / 8))
    ticks = [
        {"x": round(LABEL_WIDTH + j * step + bar / 2, 2), "label": b.isoformat() if weekly else b.strftime("%Y-%m")}
        for j, b in enumerate(buckets)
        if j % every == 0
    ]
    table = [
        {"label": _bucket_label(b, weekly), "counts": [counts[t].get(j, 0) for t in types]}
        for j, b in enumerate(buckets)
        if any(counts[t].get(j) for t in types)
    ]
    return {
        "rows": rows,
        "types": types,
        "width": CHART_WIDTH,
        "height": bottom + 34,
        "axis_y": bottom,
        "ticks": ticks,
        "weekly": weekly,
        "first": first.isoformat(),
        "last": last.isoformat(),
        "peak": peak,
        "table": table,
        "label_x": LABEL_WIDTH - 8,
        "total_x": CHART_WIDTH - 8,
    }


def claim_value(claim: dict) -> str:
    """A figure as the claims give it: ``84``, ``85+`` (no upper bound), ``200–999``."""
    low, high = claim["value_low"], claim["value_high"]
    if high is None:
        return f"{low:,}+"
    if high == low:
        return f"{low:,}"
    return f"{low:,}–{high:,}"


def claim_charts(claims: list[dict]) -> list[dict]:
    """One small chart per quantity (killed, injured ...) with two or more figures: each figure in report
    order as a point (its range as a line), joined so that a revision shows as a step."""
    by_quantity: dict[str, list[dict]] = {}
    for c in claims:
        by_quantity.setdefault(c["quantity"], []).append(c)
    charts = []
    width, height, left, top, bottom = 460, 170, 46, 24, 40
    for quantity in sorted(by_quantity, key=lambda q: (q != "killed", q != "injured", q)):
        figures = by_quantity[quantity]
        if len(figures) < 2:
            continue
        peak = max(max(c["value_low"], c["value_high"] or 0) for c in figures) or 1
        plot_h = height - top - bottom
        step = (width - left - 20) / len(figures)

        def y(v: int, plot_h: int = plot_h, peak: int = peak) -> float:
            return round(top + plot_h - plot_h * v / peak, 2)

        points = []
        for i, c in enumerate(figures):
            x = round(left + step * (i + 0.5), 2)
            points.append(
                {
                    "x": x,
                    "y": y(c["value_low"]),
                    "y_high": y(c["value_high"]) if c["value_high"] not in (None, c["value_low"]) else None,
                    "open": c["value_high"] is None,
                    "value": claim_value(c),
                    "date": str(c["published_date"]),
                    "status": c["status"],
                }
            )
        charts.append(
            {
                "quantity": quantity,
                "points": points,
                "line": " ".join(f"{p['x']},{p['y']}" for p in points),
                "sequence": " → ".join(p["value"] for p in points),
                "width": width,
                "height": height,
                "axis_y": top + plot_h,
                "left": left,
                "peak": peak,
                "peak_y": top,
            }
        )
    return charts
