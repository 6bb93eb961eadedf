"""Build the web map's country outlines from Natural Earth's 1:110m Admin 0 boundaries.

Source: the `world-atlas` npm package (version 2.0.2), a TopoJSON redistribution of Natural Earth 4.1.0
(public domain; the package itself is ISC). Fetch it with `npm pack world-atlas@2.0.2` and run

    python scripts/build_world_outlines.py world-atlas-2.0.2.tgz

It writes src/dateline/web/data/world-110m.json: one SVG path per country in an equirectangular
projection (x = longitude + 180, y = 90 - latitude), rounded to 0.1 degree.
"""
from __future__ import annotations

import argparse
import json
import tarfile
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "src/dateline/web/data/world-110m.json"
MEMBER = "package/countries-110m.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Delta-decode TopoJSON's quantised arcs into (lon, lat) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def svg_path(polygons: list[list[list[int]]], arcs: list) -> str:
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = _drop_repeats([(round(lon + 180, 1), round(90 - lat, 1)) for lon, lat in _unwrap(ring_points(ring, arcs))])
            if len(points) >= 3:
                parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in points) + "Z")
    return "".join(parts)


def _unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Keep a ring that crosses the antimeridian (Russia, Fiji) in one piece: it runs off the right edge."""
    crosses = any(abs(a[0] - b[0]) > 180 for a, b in zip(points, points[1:]))
    return [(lon + 360 if crosses and lon < 0 else lon, lat) for lon, lat in points]


def _drop_repeats(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]


def build(topology: dict) -> list[dict]:
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        if geometry["properties"]["name"] == "Antarctica":  # circles the pole; no events there
            continue
        countries.append({"name": geometry["properties"]["name"], "path": svg_path(polygons, arcs)})
    return sorted(countries, key=lambda country: country["name"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tarball", help="world-atlas-2.0.2.tgz from `npm pack world-atlas@2.0.2`")
    args = parser.parse_args()
    with tarfile.open(args.tarball) as archive:
        topology = json.load(archive.extractfile(MEMBER))
    countries = build(topology)
    OUTPUT.write_text(json.dumps({"source": "Natural Earth 1:110m Admin 0 (public domain), via world-atlas 2.0.2",
                                  "projection": "equirectangular: x = lon + 180, y = 90 - lat",
                                  "countries": countries}, separators=(",", ":")) + "\n")
    print(f"wrote {len(countries)} countries to {OUTPUT}")


if __name__ == "__main__":
    main()
