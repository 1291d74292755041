"""The KRAT site's build, in stages that import only downward (`make lint` checks it with import-linter):

- `content`: read what staff commit under content/ (an allow-list of files), validate it and build one catalog;
- `site`: from the catalog, the pages the site generates and each template's context, search and sanitising;
- `outputs`: from the catalog, the machine-readable files (Atom feeds, iCalendar, open data);
- `engine`: the only code that knows MkDocs and Material: event handlers, per-build state, page policy;
- `tools`: the `krat` command for staff (check, new, import, schema);
- `routes`: every address the build generates, read by all of them.
"""
