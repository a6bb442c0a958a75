"""Write geodata/countries.geojson: Natural Earth's 1:50m admin-0 countries around the region the
corpus speaks of, from the TopoJSON that the npm package world-atlas (2.0.2) redistributes.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 scripts/borders.py package/countries-50m.json > geodata/countries.geojson

Countries are kept when their outline reaches the region below; coordinates are rounded to three
decimals (about 100 m, finer than the 1:50m data). Natural Earth is in the public domain.
"""

import json
import sys

REGION = (20.0, 25.0, 80.0, 62.0)  # west, south, east, north
WIKIDATA = {"760": "Q858", "792": "Q43", "643": "Q159", "364": "Q794"}  # the registry's states


def decode(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 3), round(y * sy + ty, 3)))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[list[float]]:
    points: list = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return [list(point) for point in points]


def main(path: str) -> None:
    topology = json.load(open(path, encoding="utf-8"))
    arcs = decode(topology)
    west, south, east, north = REGION
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [[ring(arcs, r) for r in polygon] for polygon in polygons]
        if not any(west <= x <= east and south <= y <= north for polygon in rings for r in polygon for x, y in r):
            continue
        properties = {"name": geometry["properties"]["name"], "iso_n3": geometry.get("id")}
        if geometry.get("id") in WIKIDATA:
            properties["wikidata"] = WIKIDATA[geometry["id"]]
        features.append({"type": "Feature", "properties": properties,
                         "geometry": {"type": "MultiPolygon", "coordinates": rings}})
    features.sort(key=lambda feature: feature["properties"]["name"])
    json.dump({"type": "FeatureCollection", "features": features}, sys.stdout, ensure_ascii=False,
              separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
