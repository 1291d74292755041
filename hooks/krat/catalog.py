"""The catalog: every published record, read once per build, with the groupings the pages need.

Built from the files in one pass (`build_catalog`); everything downstream works on it and never re-reads files.
Lists are sorted newest first; timelines are grouped by year in Python so templates only loop.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

from krat.problems import ContentError
from krat.records import Record, load_records
from krat.refdata import Prefecture, ReferenceData, load_reference_data

DATA_DIR = "_data"


@dataclass
class YearGroup:
    """The records of one year, newest first."""

    year: int
    records: list[Record]


@dataclass
class PrefectureSummary:
    """A prefecture with how many records it has and its latest one (None when it has none)."""

    prefecture: Prefecture
    count: int
    latest: Record | None


@dataclass
class Catalog:
    """Published records (newest first) and the reference data; `unpublished` lists the src_uris left out."""

    refdata: ReferenceData
    records: list[Record]
    unpublished: set[str] = field(default_factory=set)
    by_prefecture: dict[str, list[Record]] = field(init=False)
    by_src_uri: dict[str, Record] = field(init=False)
    _position: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self):
        self.records.sort(key=lambda record: record.sort_key, reverse=True)
        self.by_prefecture = {prefecture.slug: [] for prefecture in self.refdata.prefectures}
        for record in self.records:
            self.by_prefecture[record.prefecture.slug].append(record)
        self.by_src_uri = {record.src_uri: record for record in self.records}
        self._position = {
            record.src_uri: index for same in self.by_prefecture.values() for index, record in enumerate(same)
        }

    def timeline(self, slug: str) -> list[YearGroup]:
        """The prefecture's records grouped by year, newest year and newest record first."""
        groups: list[YearGroup] = []
        for record in self.by_prefecture[slug]:
            if not groups or groups[-1].year != record.date.year:
                groups.append(YearGroup(record.date.year, []))
            groups[-1].records.append(record)
        return groups

    def neighbours(self, record: Record) -> tuple[Record | None, Record | None]:
        """The previous (older) and next (newer) record of the same prefecture."""
        same = self.by_prefecture[record.prefecture.slug]
        index = self._position[record.src_uri]
        older = same[index + 1] if index + 1 < len(same) else None
        newer = same[index - 1] if index > 0 else None
        return older, newer

    def summaries(self) -> list[PrefectureSummary]:
        """All twelve prefectures in reference order, with their record counts and latest record."""
        return [
            PrefectureSummary(prefecture, len(records), records[0] if records else None)
            for prefecture, records in ((p, self.by_prefecture[p.slug]) for p in self.refdata.prefectures)
        ]


def is_published(record: Record, profile: str) -> bool:
    """Drafts are never published; the public profile publishes only records marked public."""
    return not record.draft and (profile != "public" or record.visibility == "public")


def build_catalog(content_dir: Path, profile: str = "public") -> Catalog:
    """Read and validate all content under `content_dir`; raise ContentError listing every problem."""
    shown_root = shown_path(content_dir)
    refdata = load_reference_data(content_dir / DATA_DIR, f"{shown_root}/{DATA_DIR}")
    records, problems = load_records(content_dir, shown_root, refdata)
    if problems:
        raise ContentError(problems)
    published = [record for record in records if is_published(record, profile)]
    unpublished = {record.src_uri for record in records} - {record.src_uri for record in published}
    return Catalog(refdata, published, unpublished)


def shown_path(path: Path) -> str:
    """`path` as messages show it: relative to the working directory when inside it."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return os.fspath(path)
