"""Content: what staff commit, read once and checked before anything is built.

The tree is walked as an allow-list (`inventory`); each file is decoded and its YAML front-matter parsed with the
line of every value (`frontmatter`), converted field by field against one schema (`schema`, `dates`, `refdata`),
and loaded as a record, plan, article, hand-written page, contact or campaign day. Every problem in every file is
collected as a `Problem` (path, line, field, Albanian message); attachments, links to what is not published and
personal data in public text are checked last, and `catalog.build_catalog` returns one in-memory catalog or raises
`ContentError` with them all. Nothing here knows MkDocs, pages or output formats.
"""
