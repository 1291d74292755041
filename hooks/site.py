"""MkDocs hooks of the KRAT site: event functions only, each delegating to krat.engine.adapter."""

import os
import sys

if os.environ.get("KRAT_SERVE"):
    # `make serve` re-runs this file on every rebuild; forget the domain package so edits to it take effect.
    for name in [name for name in sys.modules if name == "krat" or name.startswith("krat.")]:
        del sys.modules[name]

from krat.engine import adapter as mkdocs_adapter  # noqa: E402


def on_config(config):
    """Validate all content first: a bad file stops the build before anything is written."""
    mkdocs_adapter.load(config)
    return config


def on_files(files, config):
    return mkdocs_adapter.update_files(files, config)


def on_page_read_source(page, config):
    return mkdocs_adapter.read_source(page)


def on_nav(nav, config, files):
    return mkdocs_adapter.keep_nav(nav)


def on_env(env, config, files):
    """Contacts go to every page's footer; every page's Markdown is rendered now, so search indexing starts, in a
    second process, while MkDocs renders the pages."""
    mkdocs_adapter.add_globals(env)
    mkdocs_adapter.start_search_index(env, config, files)
    return env


def on_page_markdown(markdown, page, config, files):
    mkdocs_adapter.prepare_page(page)
    return markdown


def on_page_content(html, page, config, files):
    """Staff text is untrusted: the rendered Markdown of every page (records, plans, articles, hand-written pages)
    through the sanitiser, and what Material prints of the page outside it escaped."""
    mkdocs_adapter.escape_page_text(page)
    return mkdocs_adapter.clean_page(html)


def on_page_context(context, page, config, nav):
    return mkdocs_adapter.add_context(context, page)


def on_post_page(output, page, config):
    """The Content-Security-Policy, first in every page's <head>."""
    return mkdocs_adapter.add_policy(output, page, config)


def on_post_template(output_content, template_name, config):
    """The same for pages rendered from a template alone (404.html)."""
    return mkdocs_adapter.add_policy_to_template(output_content, template_name, config)


def on_post_build(config):
    """Wait for the search index."""
    mkdocs_adapter.finish_search_index()


def on_build_error(error):
    mkdocs_adapter.cancel_search_index()
