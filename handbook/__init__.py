"""The Työpeili handbook's own code: data models, loading and checks, rendering, page rules.

Nothing in this package imports MkDocs or mkdocs-macros: the glue is `macros.py` and `hooks/`.
"""
