"""strikemap's bundled data: gazetteer extras, vocabularies and boundaries.

This folder ships inside the package as ``geo.data`` (see ``pyproject.toml``); code reads it
through :mod:`geo.resources`, never by a path relative to the source tree.
"""
