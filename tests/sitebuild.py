"""Build a site for tests: the project's mkdocs.yml, hooks and overrides on a given content folder."""

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"


def real_content_epoch() -> str:
    """The SOURCE_DATE_EPOCH of the day the real content's help numbers were last verified (the newest
    `verified_on` of content/_data/contacts.yml): a day on which the real content is valid, whatever the
    machine's clock says. tests/conftest.py sets it for the whole session, so no test reads the calendar."""
    contacts = yaml.safe_load((ROOT / "content/_data/contacts.yml").read_text(encoding="utf-8"))["contacts"]
    newest = max(datetime.date.fromisoformat(str(contact["verified_on"])) for contact in contacts)
    return str(int(datetime.datetime.combine(newest, datetime.time(), datetime.UTC).timestamp()))


def project_config() -> dict:
    """The project's mkdocs.yml as MkDocs reads it (its `!ENV` tags resolved)."""
    from mkdocs.utils.yaml import get_yaml_loader

    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())


def site_markdown() -> tuple[list, dict]:
    """The Markdown extensions of the real mkdocs.yml and their settings, as Python-Markdown takes them."""
    extensions, configs = [], {}
    for entry in project_config()["markdown_extensions"]:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        extensions.append(name)
        configs[name] = config or {}
    return extensions, configs


def make_site_source(where: Path, pages: Path | None) -> Path:
    """Create `where/content` from the real reference data plus the files under `pages`; return it."""
    content = where / "content"
    if pages is not None:
        shutil.copytree(pages, content)
    shutil.copytree(ROOT / "content" / "_data", content / "_data", dirs_exist_ok=True)
    return content


BUILD_DATE_EPOCH = "1533081600"  # 2018-08-01: fixture plans are judged overdue against this date


def build(
    content: Path,
    site: Path,
    nav: list | None = None,
    profile: str = "public",
    epoch: str = BUILD_DATE_EPOCH,
    env: dict[str, str] | None = None,
    theme_dir: Path | None = None,
) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` of `content` into `site` with the project's configuration, dated 2018-08-01
    (or `epoch`, a SOURCE_DATE_EPOCH), with the project's overrides (or `theme_dir`); `env` adds or replaces environment variables (e.g. KRAT_SITE_URL; an empty value removes one)."""
    config = {  # the project's mkdocs.yml (INHERIT: MkDocs merges it under these keys), on this content
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(content),
        "site_dir": str(site),
        "hooks": [str(ROOT / "hooks" / "site.py")],
        "nav": nav or [{"Kreu": "index.md"}, {"Qarqet": "qarqet/index.md"}],
        "theme": {"custom_dir": str(theme_dir or ROOT / "overrides")},
    }
    config_file = content.parent / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch, KRAT_PROFILE=profile)
    for name, value in (env or {}).items():  # "" unsets: mkdocs.yml's `!ENV` default applies then
        environment[name] = value
        if not value:
            del environment[name]
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--config-file", str(config_file)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=content.parent,
    )


def checked_build(content: Path, site: Path, **options) -> Path:
    """`build` (same options) that must succeed: fails the test with MkDocs' stderr otherwise; returns `site`."""
    result = build(content, site, **options)
    assert result.returncode == 0, result.stderr
    return site


def built(where: Path, pages: Path | None, **options) -> Path:
    """The site of the files under `pages` (see `make_site_source`), built into `where/site` with `build`'s options;
    fails the test if the build does."""
    return checked_build(make_site_source(where, pages), where / "site", **options)


def refused(content: Path, **options) -> subprocess.CompletedProcess:
    """`build` of `content` into a `site` beside it (same options) that must stop, with no traceback: the result."""
    result = build(content, content.parent / "site", **options)
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    return result
