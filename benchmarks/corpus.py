"""A synthetic corpus for benchmarks, tests and demos: records across 12 prefectures and 20 years, every kind,
action plans with tasks and the meetings' task updates, awareness articles (one per ARTICLE_EVERY records), a
share of internal records and articles, Albanian-like text with diacritics. Every file says it is synthetic;
the generator writes only into the folder it is given.
"""

import datetime
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from krat.content.schema import KINDS, STATUSES

FIRST_YEAR, YEARS = 2006, 20
INTERNAL_SHARE = 0.15
ARTICLE_EVERY = 40
MARK = "# SINTETIK: skedar i prodhuar nga `make bench` për matje; nuk është dokument i vërtetë.\n"
PREFECTURES = "berat diber durres elbasan fier gjirokaster korce kukes lezhe shkoder tirane vlore".split()
INSTITUTIONS = ["PREFEKTURA", "DVP", "PKM", "DRSHSSH", "DAR", "ZA", "BASHKIA", "DRSH", "NJMF", "ZP", "OJF"]
AUDIENCES = ["publiku", "te-rinjte", "prinderit", "mesuesit", "punedhenesit"]
TOPICS = ["plani-i-veprimit", "identifikimi", "mbrojtja-e-viktimave", "parandalimi", "ndergjegjesimi", "arsimi",
          "femijet-ne-situate-rruge", "punesimi", "bashkerendimi", "zbatimi-i-ligjit"]  # fmt: skip
WORDS = (
    "komiteti tryeza bashkëpunimi institucionet fëmijët të rinjtë shkollat mësuesit prindërit policia bashkia "
    "shërbimi social punësimi viktimat e mundshme identifikimi mbrojtja ndërgjegjësimi fushata tetori qarku "
    "përgjithshëm koordinatori prefekti analiza gjashtëmujore vjetore detyrat plani veprimit zbatimi raporti "
    "strategjia kombëtare rreziku shfrytëzimi punës lypja trafikimi personave migracioni kufiri organizatat "
    "shoqëria civile takimi u diskutua u theksua u vendos vëmendje e veçantë sezoni turistik familjet nevojë "
    "mbështetje rastet referimi mekanizmi përbashkët përgjegjëse rritja kapaciteteve trajnimi specialistëve"
).split()


@dataclass
class Corpus:
    """What was written: counts for the benchmark's report and the test's assertions."""

    root: Path
    records: int = 0
    internal: int = 0
    plans: int = 0
    tasks: int = 0
    updates: int = 0
    articles: int = 0
    internal_articles: int = 0
    kinds: set = field(default_factory=set)


def sentence(rng: random.Random, low: int = 8, high: int = 20) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def paragraphs(rng: random.Random) -> str:
    parts = [" ".join(sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(3, 7))]
    if rng.random() < 0.4:
        parts.insert(1, "\n".join(f"- {sentence(rng, 5, 12)}" for _ in range(rng.randint(2, 5))))
    return "\n\n".join(parts) + "\n"


def generate(root: Path, records: int, seed: int = 2018, content_source: Path | None = None) -> Corpus:
    """Write a content folder with `records` synthetic meeting records under `root`; return what was written."""
    rng = random.Random(seed)
    content = root / "content"
    shutil.copytree(content_source or Path("content") / "_data", content / "_data")
    (content / "index.md").write_text("---\ntemplate: home.html\n---\n\n# Korpus sintetik\n", encoding="utf-8")
    corpus = Corpus(root)
    plans = {(p, FIRST_YEAR + y): _plan_tasks(rng) for p in PREFECTURES for y in range(YEARS)}
    slots = _meeting_slots(rng, records)
    for index, (prefecture, year, day) in enumerate(slots):
        _write_record(content, rng, corpus, index, prefecture, year, day, plans)
    for (prefecture, year), tasks in plans.items():
        _write_plan(content, prefecture, year, tasks)
        corpus.plans += 1
        corpus.tasks += len(tasks)
    for index in range(-(-records // ARTICLE_EVERY)):
        _write_article(content, rng, corpus, index)
    return corpus


def _meeting_slots(rng: random.Random, records: int) -> list[tuple[str, int, int]]:
    """Distinct (prefecture, year, day of year) triples, so no two meetings of a prefecture share a date."""
    taken, slots = set(), []
    while len(slots) < records:
        slot = (PREFECTURES[len(slots) % 12], FIRST_YEAR + rng.randrange(YEARS), rng.randint(1, 365))
        if slot not in taken:
            taken.add(slot)
            slots.append(slot)
    return slots


def _plan_tasks(rng: random.Random) -> list[dict]:
    tasks = []
    for objective in (1, 2, 3):
        for number in range(1, rng.randint(3, 5)):
            quarter = rng.randint(1, 4)
            tasks.append({"id": f"{objective}.{number}", "objective": objective, "quarter": quarter,
                          "responsible": rng.sample(INSTITUTIONS, 2), "title": sentence(rng, 4, 9)})  # fmt: skip
    return tasks


def _write_record(content, rng, corpus, index, prefecture, year, day, plans) -> None:
    """One synthetic record; reviews with a full date update a few tasks of that year's plan."""
    date = datetime.date(year, 1, 1) + datetime.timedelta(days=day - 1)
    precision = rng.random()
    iso = date.isoformat() if precision > 0.06 else (f"{year}-{date.month:02d}" if precision > 0.03 else str(year))
    kind = list(KINDS)[index % len(KINDS)]
    internal = rng.random() < INTERNAL_SHARE
    lines = [MARK, f"title: Mbledhja nr. {index} e komitetit, {sentence(rng, 3, 7)[:-1].lower()} (sintetik)",
             f"date: {iso}", f"prefecture: {prefecture}", f"bodies: {rng.choice(['[KRAT]', '[TTAT]', '[KRAT, TTAT]'])}",
             f"kind: {kind}", f"visibility: {'internal' if internal else 'public'}",
             f"participants: [{', '.join(rng.sample(INSTITUTIONS, 4))}, Qendra Komunitare {prefecture.title()}]",
             f"topics: [{', '.join(rng.sample(TOPICS, 2))}]", f"summary: {sentence(rng)}",
             "source: Korpus sintetik për matje, jo të dhëna reale"]  # fmt: skip
    if rng.random() < 0.7:
        lines.append(f'time: "{rng.randint(8, 16):02d}:{rng.choice(["00", "30"])}"')
    if rng.random() < 0.5:
        lines.append("decisions:\n" + "".join(f"  - {sentence(rng, 5, 10)}\n" for _ in range(rng.randint(1, 3))))
    if len(iso) == 10 and kind in ("annual-review", "half-year-review", "quarter-review"):
        lines.append(_task_updates(rng, corpus, prefecture, year, plans[(prefecture, year)]))
    _write(content / "takime" / prefecture / str(year) / f"{iso}-sintetik-{index}.md", lines, paragraphs(rng))
    corpus.records += 1
    corpus.internal += internal
    corpus.kinds.add(kind)


def _task_updates(rng, corpus, prefecture, year, tasks) -> str:
    chosen = rng.sample(tasks, min(len(tasks), rng.randint(2, 4)))
    corpus.updates += len(chosen)
    entries = [f'  - {{plan: {prefecture}/{year}, task: "{task["id"]}", status: {rng.choice(list(STATUSES))}, '
               f"note: {sentence(rng, 4, 8)}}}" for task in chosen]  # fmt: skip
    return "task_updates:\n" + "\n".join(entries)


def _write_plan(content: Path, prefecture: str, year: int, tasks: list[dict]) -> None:
    lines = [MARK, f"prefecture: {prefecture}", f'period: "{year}"', "visibility: public", "objectives:"]
    lines += [f'  - {{id: "{n}", title: Objektivi {n} i planit (sintetik)}}' for n in (1, 2, 3)]
    lines.append("tasks:")
    for task in tasks:
        lines.append(f'  - {{id: "{task["id"]}", objective: "{task["objective"]}", title: {task["title"]}, '
                     f'responsible: [{", ".join(task["responsible"])}], due: {year}-Q{task["quarter"]}}}')  # fmt: skip
    _write(content / "plane" / prefecture / f"{year}.md", lines)


def _write_article(content: Path, rng: random.Random, corpus: Corpus, index: int) -> None:
    """One synthetic awareness article: one to three audiences, two topics, most of them for a prefecture, a
    source that says it is not real. Every seventh is internal, so even a small corpus publishes its first."""
    year = FIRST_YEAR + rng.randrange(YEARS)
    date = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
    internal = index % 7 == 6
    lines = [MARK, f"title: Artikull ndërgjegjësues nr. {index}, {sentence(rng, 3, 7)[:-1].lower()} (sintetik)",
             f"date: {date.isoformat()}", f"audience: [{', '.join(rng.sample(AUDIENCES, rng.randint(1, 3)))}]",
             f"topics: [{', '.join(rng.sample(TOPICS, 2))}]", f"summary: {sentence(rng)}",
             f"sources:\n  - {{title: Burim sintetik nr. {index} (jo real), url: https://example.org/krat-sintetik/{index}}}",
             f"visibility: {'internal' if internal else 'public'}"]  # fmt: skip
    if rng.random() < 0.7:
        lines.append(f"prefecture: {PREFECTURES[index % len(PREFECTURES)]}")
    body = f"## {sentence(rng, 3, 6)[:-1]}\n\n{paragraphs(rng)}\n## {sentence(rng, 3, 6)[:-1]}\n\n{paragraphs(rng)}"
    _write(content / "ndergjegjesim" / f"sintetik-{index}.md", lines, body)
    corpus.articles += 1
    corpus.internal_articles += internal


def _write(path: Path, lines: list[str], body: str = "") -> None:
    """A content file: the front-matter `lines` between '---' lines, then the Markdown `body`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    front = "\n".join(line.rstrip("\n") for line in lines)
    path.write_text(f"---\n{front}\n---\n" + (f"\n{body}" if body else ""), encoding="utf-8")
