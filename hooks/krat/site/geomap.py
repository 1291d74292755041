"""The map of Albania's 12 prefectures (qarqe), as SVG path data computed at build time.

The shapes come from `qarqet.geojson` next to this module: Natural Earth's 1:10m "Admin 1 – States, Provinces",
in the public domain, cut down to Albania by scripts/extract_qarqe.py (its docstring says how, and the file's
`"source"` member names the exact copy). Here they become one small inline SVG:

1. **Projection.** Equirectangular, with x scaled by the cosine of the map's mean latitude: over a country as
   small as Albania (about 3° of latitude) that keeps shapes and areas true to within a few per cent, and it is
   one multiplication. North is up; the map fills `width` less a small margin, and its height follows.
2. **Shared borders.** The source is topologically clean: where two prefectures meet, both rings carry the same
   vertices. Each ring is cut into *arcs* at the points where its neighbours change (where a border between two
   prefectures meets a third one or the country's border). An arc shared by two prefectures is simplified once and
   the same result serves both, so neighbours keep identical borders: no gap, no overlap.
3. **Simplification.** Each arc is simplified with Douglas–Peucker (keep the endpoints; keep the point farthest
   from the line between them if it is farther than the tolerance, and repeat on both halves), then its points are
   rounded to whole pixels and repeated points dropped. The tolerance is in pixels of the output, so the map
   loses only detail no one could see at its size.
4. **Labels.** Each name goes at the prefecture's pole of inaccessibility (the inside point farthest from its
   border), found as Mapbox's polylabel does: cover the shape with square cells, and keep splitting only the cells
   that could still hold a better point than the best found so far. It is always inside, unlike a centroid.

Holes (lakes) are not drawn: the map is for finding one's prefecture, not for navigation.
"""

import functools
import heapq
import json
import math
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

DATA = Path(__file__).with_name("qarqet.geojson")
MARGIN = 2  # pixels around the country, so a border's stroke is not cut by the viewBox
TOLERANCE = 0.6  # pixels: Douglas–Peucker drops a point closer than this to the line that replaces it
LABEL_PRECISION = 0.5  # pixels: polylabel stops when no cell can beat the best point by more than this
SOURCE = (
    "Kufijtë e qarqeve: Natural Earth, Admin 1 – States, Provinces, shkalla 1:10m (domeni publik), "
    "të thjeshtuar për këtë hartë."
)

Point = tuple[float, float]


@dataclass(frozen=True)
class RegionShape:
    """One prefecture on the map: its `slug` (as in content/_data/prefectures.yml), its outline as SVG path data in
    the map's coordinates, and a point inside it for its name."""

    slug: str
    path: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class MapShapes:
    """The whole map: the viewBox is `0 0 width height`; `regions` are sorted by slug; `source` is the Albanian
    sentence that credits the dataset, for the page."""

    width: int
    height: int
    regions: list[RegionShape]
    source: str


@functools.cache
def albania_map(width: int = 300) -> MapShapes:
    """The 12 prefectures drawn `width` pixels wide (cached: the shapes never change within a process)."""
    collection = json.loads(DATA.read_text(encoding="utf-8"))
    rings = {feature["properties"]["slug"]: outer_rings(feature["geometry"]) for feature in collection["features"]}
    project, height = projection([point for parts in rings.values() for ring in parts for point in ring], width)
    arcs = SharedArcs(rings, project)
    regions = []
    for slug in sorted(rings):
        outlines = [arcs.simplified_ring(ring) for ring in rings[slug]]
        outlines = [outline for outline in outlines if len(outline) >= 4]  # a ring rounded away to nothing
        label_x, label_y = pole_of_inaccessibility(max(outlines, key=lambda outline: abs(ring_area(outline))))
        regions.append(RegionShape(slug, svg_path(outlines), round(label_x, 1), round(label_y, 1)))
    return MapShapes(width, height, regions, SOURCE)


def outer_rings(geometry: dict) -> list[list[Point]]:
    """The outer ring of each polygon of a GeoJSON Polygon or MultiPolygon, as (longitude, latitude) tuples."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [[(lon, lat) for lon, lat, *_ in polygon[0]] for polygon in polygons]


def projection(points: list[Point], width: int):
    """The function from (longitude, latitude) to map pixels (x right, y down) that fits `points` into `width`,
    and the map's height. Equirectangular, x scaled by cos(mean latitude)."""
    lon_min, lon_max = min(p[0] for p in points), max(p[0] for p in points)
    lat_min, lat_max = min(p[1] for p in points), max(p[1] for p in points)
    x_factor = math.cos(math.radians((lat_min + lat_max) / 2))
    scale = (width - 2 * MARGIN) / ((lon_max - lon_min) * x_factor)

    def project(point: Point) -> Point:
        lon, lat = point
        return MARGIN + (lon - lon_min) * x_factor * scale, MARGIN + (lat_max - lat) * scale

    return project, math.ceil((lat_max - lat_min) * scale + 2 * MARGIN)


class SharedArcs:
    """The rings of all prefectures, cut into arcs that are simplified once each (see the module's docstring).

    `edge_owners` maps each segment (its two endpoints, in either order) to the prefectures whose rings have it;
    `point_owners` maps each vertex to the prefectures whose rings pass through it. A vertex ends an arc when some
    prefecture passes through it that does not own the segment before it or the one after it."""

    def __init__(self, rings: dict[str, list[list[Point]]], project):
        self.project = project
        self.edge_owners: dict[frozenset[Point], set[str]] = {}
        self.point_owners: dict[Point, set[str]] = {}
        self.done: dict[tuple[Point, ...], list[Point]] = {}  # an arc, in its canonical direction → simplified
        for slug, parts in rings.items():
            for ring in parts:
                for a, b in pairwise(ring):
                    self.edge_owners.setdefault(frozenset((a, b)), set()).add(slug)
                    self.point_owners.setdefault(a, set()).add(slug)

    def simplified_ring(self, ring: list[Point]) -> list[Point]:
        """`ring` (closed: last point = first), simplified arc by arc and rounded to whole pixels; closed, without
        repeated consecutive points."""
        points = ring[:-1]
        ends = [i for i in range(len(points)) if self.ends_arc(points[i - 1], points[i], points[(i + 1) % len(points)])]
        if not ends:  # an island: one arc from the first point round to itself
            ends = [0]
        start = ends[0]
        points = points[start:] + points[:start] + [points[start]]  # starts and ends on an arc's end
        ends = [i - start for i in ends] + [len(points) - 1]
        outline: list[Point] = []
        for first, last in pairwise(ends):
            outline += self.simplified_arc(tuple(points[first : last + 1]))[:-1]
        outline.append(outline[0])
        return [p for i, p in enumerate(outline) if i == 0 or p != outline[i - 1]]

    def ends_arc(self, before: Point, point: Point, after: Point) -> bool:
        """Whether `point`, between `before` and `after` on a ring, is where one arc ends and the next begins."""
        owners = self.point_owners[point]
        return (
            owners != self.edge_owners[frozenset((before, point))]
            or owners != self.edge_owners[frozenset((point, after))]
        )

    def simplified_arc(self, arc: tuple[Point, ...]) -> list[Point]:
        """`arc` projected, simplified and rounded; computed once for an arc and its reverse (the neighbour walks a
        shared border the other way), so both neighbours get exactly the same points."""
        backwards = arc[::-1]
        canonical = min(arc, backwards)
        if canonical not in self.done:
            projected = [self.project(point) for point in canonical]
            self.done[canonical] = [(round(x), round(y)) for x, y in douglas_peucker(projected, TOLERANCE)]
        simplified = self.done[canonical]
        return simplified if canonical == arc else simplified[::-1]


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """`points` without those closer than `tolerance` to the simplified line (Douglas–Peucker, with a stack instead
    of recursion). The first and last points are always kept."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = first, 0.0
        for i in range(first + 1, last):
            d = segment_distance(points[i], points[first], points[last])
            if d > distance:
                farthest, distance = i, d
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def segment_distance(p: Point, a: Point, b: Point) -> float:
    """The distance from `p` to the segment from `a` to `b` (to `a` itself when the two are the same point)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def svg_path(outlines: list[list[Point]]) -> str:
    """SVG path data for closed outlines of whole-pixel points: "Mx,yLx,y x,y …Z" per outline (the closing point
    is implied by Z)."""
    return "".join(
        f"M{ring[0][0]},{ring[0][1]}L" + " ".join(f"{x},{y}" for x, y in ring[1:-1]) + "Z" for ring in outlines
    )


def ring_area(ring: list[Point]) -> float:
    """The signed area of a closed ring (shoelace formula)."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring)) / 2


def inside(point: Point, ring: list[Point]) -> bool:
    """Whether `point` is inside the closed `ring` (even–odd rule: a ray to the right crosses it an odd number of
    times)."""
    x, y = point
    crossings = False
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings = not crossings
    return crossings


def signed_distance(point: Point, ring: list[Point]) -> float:
    """The distance from `point` to the border of `ring`: positive inside, negative outside."""
    distance = min(segment_distance(point, a, b) for a, b in pairwise(ring))
    return distance if inside(point, ring) else -distance


def pole_of_inaccessibility(ring: list[Point]) -> Point:
    """The point inside `ring` (to within LABEL_PRECISION) farthest from its border, found as Mapbox's polylabel
    does (Agafonkin, 2016). A square cell of half-size h centred on c cannot hold a point farther from the border
    than d(c) + h·√2; cells are examined best bound first and split in four while that bound beats the best point
    found so far."""
    xs, ys = [x for x, _ in ring], [y for _, y in ring]
    half = min(max(xs) - min(xs), max(ys) - min(ys)) / 2

    def cell(x: float, y: float, h: float):
        d = signed_distance((x, y), ring)
        return (-(d + h * math.sqrt(2)), x, y, h, d)  # heapq pops the smallest: the highest bound first

    cells = [
        cell(x + half, y + half, half)
        for x in frange(min(xs), max(xs), 2 * half)
        for y in frange(min(ys), max(ys), 2 * half)
    ]
    heapq.heapify(cells)
    centroid = polygon_centroid(ring)
    best = max([cell(*centroid, 0), cell((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2, 0)], key=lambda c: c[4])
    while cells:
        bound, x, y, h, d = heapq.heappop(cells)
        if d > best[4]:
            best = (bound, x, y, h, d)
        if -bound - best[4] <= LABEL_PRECISION:
            continue
        h /= 2
        for dx, dy in ((-h, -h), (h, -h), (-h, h), (h, h)):
            heapq.heappush(cells, cell(x + dx, y + dy, h))
    return best[1], best[2]


def frange(start: float, stop: float, step: float) -> list[float]:
    """start, start + step, … while below `stop`."""
    return [start + i * step for i in range(math.ceil((stop - start) / step))]


def polygon_centroid(ring: list[Point]) -> Point:
    """The centroid of the area of a closed ring (a fine first guess for polylabel)."""
    area = ring_area(ring)
    pairs = list(pairwise(ring))
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (6 * area)
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (6 * area)
    return cx, cy
