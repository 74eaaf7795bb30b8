"""Portable Markdown engines for the MS Relapse Guide.

Each subpackage is a Python-Markdown extension plus pure functions, usable with
plain ``markdown.markdown(...)`` and no MkDocs; ``hooks/`` only wires them in.
"""
