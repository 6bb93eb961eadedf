"""The map and the timeline as data for inline SVG: no tiles, no scripts, nothing fetched.

The map is equirectangular in degrees (x = lon + 180, y = 90 - lat), the projection the shipped
Natural Earth outlines (`data/world-110m.json`, built by scripts/build_world_outlines.py) are in.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from datetime import date
from functools import lru_cache
from pathlib import Path

OUTLINES = Path(__file__).parent / "data" / "world-110m.json"
WORLD = (0.0, 0.0, 360.0, 180.0)
ASPECT = 2.0  # width / height of the map box
MIN_SPAN = 24.0  # degrees of longitude shown at least, so one event still shows its region


@lru_cache(maxsize=1)
def countries() -> list[dict]:
    return json.loads(OUTLINES.read_text())["countries"]


def map_view(events: list[dict]) -> dict:
    """Countries, a view box framing the events, and one point per located event."""
    located = [event for event in events if (event.get("place") or {}).get("lat") is not None]
    box = _frame([(e["place"]["lon"] + 180, 90 - e["place"]["lat"]) for e in located])
    unit = box[2] / 360  # points keep their size on the screen whatever the zoom
    points = [{
        "id": event["id"], "type": event["type"], "x": round(event["place"]["lon"] + 180, 3),
        "y": round(90 - event["place"]["lat"], 3), "r": round(unit * point_radius(event), 3),
        "toll": (event.get("fatalities") or {}).get("best"), "place": event["place"]["name"],
        "date": event["date"]["start"],
    } for event in located]
    points.sort(key=lambda point: -point["r"])  # small points drawn last, on top
    return {"box": " ".join(f"{v:g}" for v in box), "countries": countries(), "points": points,
            "stroke": round(unit * 0.4, 3), "unlocated": len(events) - len(located)}


def point_radius(event: dict) -> float:
    """Area grows with the toll: 2.5 for no deaths reported, 25 (capped) for thousands."""
    toll = (event.get("fatalities") or {}).get("best") or 0
    return min(2.5 + 1.6 * math.sqrt(toll), 25.0)


def _frame(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    if not points:
        return WORLD
    xs, ys = [x for x, _ in points], [y for _, y in points]
    width = max(max(xs) - min(xs), (max(ys) - min(ys)) * ASPECT) * 1.3 + MIN_SPAN
    height = width / ASPECT
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    if width >= 360:
        return WORLD
    x = min(max(cx - width / 2, 0), 360 - width)
    y = min(max(cy - height / 2, 0), 180 - height)
    return (round(x, 2), round(y, 2), round(width, 2), round(height, 2))


def timeline_view(events: list[dict], width: int = 960, height: int = 120) -> dict:
    """Event counts per day (or per month over long spans) as bars, each a date range to filter by."""
    starts = sorted(e["date"]["start"] for e in events if e["date"].get("start"))
    if not starts:
        return {"bars": [], "width": width, "height": height, "undated": len(events)}
    first, last = date.fromisoformat(starts[0][:10]), date.fromisoformat(starts[-1][:10])
    monthly = (last - first).days > 90
    counts = Counter(start[:7] if monthly else start[:10] for start in starts)
    buckets = _months(first, last) if monthly else [
        date.fromordinal(day).isoformat() for day in range(first.toordinal(), last.toordinal() + 1)]
    slot = width / len(buckets)
    bar_width = min(max(slot * 0.8, 1), 28)
    top = max(counts.values())
    bars = []
    for index, bucket in enumerate(buckets):
        count = counts.get(bucket, 0)
        bar_height = round((height - 20) * count / top, 1)
        start, end = (f"{bucket}-01", _month_end(bucket)) if monthly else (bucket, bucket)
        bars.append({"label": bucket, "count": count, "start": start, "end": end,
                     "x": round(index * slot + (slot - bar_width) / 2, 1), "width": round(bar_width, 1),
                     "y": round(height - 16 - bar_height, 1), "height": bar_height})
    return {"bars": bars, "width": width, "height": height, "first": buckets[0], "last": buckets[-1],
            "undated": len(events) - len(starts)}


def _months(first: date, last: date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _month_end(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    following = date(year + 1, 1, 1) if number == 12 else date(year, number + 1, 1)
    return date.fromordinal(following.toordinal() - 1).isoformat()
