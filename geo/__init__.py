"""strikemap: turn news articles about airstrikes into evidence-backed maps.

The pipeline, one module each, every stage reading and adding to one document
(:mod:`geo.doc`): :mod:`geo.articles` (read) -> :mod:`geo.doc` (sentences, tokens) ->
:mod:`geo.recognition` (find place names) and :mod:`geo.geoparser` with :mod:`geo.gazetteer`
(resolve them) -> :mod:`geo.claims` (who claims what was hit where: named rules) ->
:mod:`geo.table` and :mod:`geo.store` (the claims table, spilled to disk as it grows) ->
:mod:`geo.events` -> :mod:`geo.summary` -> :mod:`geo.output` (GeoJSON, GeoPackage, map).
:mod:`geo.pipeline` strings them together; :mod:`geo.vocab` and :mod:`geo.resources` hold
the data every stage reads.
"""
__version__ = "0.1.0"

__all__ = ["__version__", "geoparse", "parse"]


def __getattr__(name: str):
    # Lazy: importing geo must stay cheap; the gazetteer loads on first use.
    if name in ("geoparse", "parse"):
        from . import geoparser as module

        return getattr(module, name)
    raise AttributeError(name)
