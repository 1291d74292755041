"""Tools: the `krat` command staff and developers run (`cli`): `check` (with `--watch`), `new` (`recordfile`),
`import` of plain text (`importer`, `plaintext`), and `schema`, which writes the editors' JSON Schemas
(`jsonschema_export`) and VS Code snippets (`snippets`) from the one schema in `krat.content.schema`.
"""
