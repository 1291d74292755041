"""Domain package of the KRAT site: read, validate and aggregate the committees' records.

Nothing here imports MkDocs except `mkdocs_adapter`, so the package can be tested alone and moved to
another site engine.
"""
