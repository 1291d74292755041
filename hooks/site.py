"""MkDocs hooks of the KRAT site: event functions only, each delegating to krat.engine.adapter
(ARCHITECTURE.md has the table of events and what each one does)."""

import os
import sys

if os.environ.get("KRAT_SERVE"):
    # `make serve` re-runs this file on every rebuild; forget the domain package so edits to it take effect.
    for name in [name for name in sys.modules if name == "krat" or name.startswith("krat.")]:
        del sys.modules[name]

from krat.engine import adapter  # noqa: E402


def on_config(config):
    """Validate all content first: a bad file stops the build before anything is written."""
    adapter.load(config)
    return config


def on_files(files, config):
    return adapter.update_files(files, config)


def on_env(env, config, files):
    adapter.add_globals(env)
    return env


def on_page_read_source(page, config):
    return adapter.read_source(page)


def on_page_markdown(markdown, page, config, files):
    adapter.prepare_page(page)
    return markdown


def on_page_content(html, page, config, files):
    return adapter.clean_page(html, page)


def on_page_context(context, page, config, nav):
    return adapter.add_context(context, page)


def on_post_page(output, page, config):
    return adapter.finish_page(output, page, config)


def on_post_template(output_content, template_name, config):
    return adapter.finish_template(output_content, template_name, config)


def on_post_build(config):
    adapter.finish_build(config)


def on_build_error(error):
    adapter.abandon()
