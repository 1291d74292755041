"""Build a site for tests: the project's mkdocs.yml, hooks and overrides on a given content folder."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"


def make_site_source(where: Path, pages: Path | None) -> Path:
    """Create `where/content` from the real reference data plus the files under `pages`; return it."""
    content = where / "content"
    if pages is not None:
        shutil.copytree(pages, content)
    shutil.copytree(ROOT / "content" / "_data", content / "_data", dirs_exist_ok=True)
    return content


BUILD_DATE_EPOCH = "1533081600"  # 2018-08-01: fixture plans are judged overdue against this date


def build(
    content: Path, site: Path, nav: list | None = None, profile: str = "public", epoch: str = BUILD_DATE_EPOCH
) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` of `content` into `site` with the project's configuration, dated 2018-08-01
    (or `epoch`, a SOURCE_DATE_EPOCH)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(
        docs_dir=str(content),
        site_dir=str(site),
        hooks=[str(ROOT / "hooks" / "site.py")],
        nav=nav or [{"Kreu": "index.md"}, {"Qarqet": "qarqet/index.md"}],
    )
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config_file = content.parent / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch, KRAT_PROFILE=profile)
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--config-file", str(config_file)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=content.parent,
    )
