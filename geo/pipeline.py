"""The whole job: articles -> places -> claims -> claims table -> events -> GeoJSON and map.

Each stage lives in its own module; this one strings them together, spreads
the per-file work over processes (``jobs``, :mod:`geo.parallel`), and keeps
what the command line and the run report say. Results are gathered in input order, so the outputs
are the same whatever the number of jobs. The claims table goes to disk as the
files are read (:mod:`geo.store`) and every later stage reads it back in
batches: a run's memory does not grow with the corpus.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from . import __version__, parallel, vocab
from .articles import Problem, article_paths, read_path
from .cache import CacheUnavailable, ExtractionCache
from .events import group_events
from .gazetteer.source_prior import regions_given
from .store import ClaimStore, order_key, prepared
from .table import Row

if TYPE_CHECKING:
    from .claims.extract import ClaimExtractor
    from .corrections import Review
    from .geoparser import Geoparser
    from .summary import Summary

STRIKES_GEOJSON = "strikes.geojson"
EVENTS_GEOJSON = "events.geojson"
STRIKES_HTML = "strikes.html"
STRIKES_GPKG = "strikes.gpkg"
STRIKES_CSV = "strikes.csv"
RUN_REPORT = "run-report.json"
INTERCEPTIONS_GEOJSON = "interceptions.geojson"
REVIEW_AUDIT = "review-audit.csv"


@dataclass
class FileResult:
    """What one input file gave: its claims as table rows, how many articles, and what went wrong.

    Rows, not claim objects, and as the claims store keeps them (:func:`geo.store.prepared`):
    this is what a worker process sends back and the extraction cache keeps, and all of a
    claim the parent keeps.
    """

    path: str
    rows: list[Row] = field(default_factory=list)
    articles: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # read, but something to say (an encoding guess)
    # False when a later run must read the file again: extraction failed, its process died,
    # or an online look-up it needed did not get an answer.
    cacheable: bool = True


@dataclass
class RunResult:
    """What a run read, found and wrote; the claims table stays on disk until :attr:`table` is read."""

    articles: int
    problems: list[Problem]
    claims: ClaimStore
    events: gpd.GeoDataFrame
    counts: dict[str, int]
    outputs: dict[str, Path] = field(default_factory=dict)
    notes: list[Problem] = field(default_factory=list)
    summary: "Summary | None" = None  # what the counts are taken from (geo.summary)
    stale: list[str] = field(default_factory=list)  # an earlier run's outputs this run removed
    reused: int | None = None  # files whose claims came from the extraction cache (None: no cache)
    cache_error: str = ""  # why the extraction cache could not be used
    online: dict | None = None  # the online look-ups' counts, when the fallback was on
    review: "Review | None" = None  # the reviewer's corrections applied, where any were given (geo.corrections)
    regions: tuple[str, ...] = ()  # the countries the run was told the archive is about (--region)

    @property
    def table(self) -> gpd.GeoDataFrame:
        """The claims table (:mod:`geo.table`), read whole from the store: for callers that want it in memory."""
        return pd.concat(list(self.claims.batches()))


_worker: tuple[tuple, Geoparser, ClaimExtractor] | None = None
_online_worker: tuple[object, tuple, Geoparser, ClaimExtractor] | None = None


def _tools(online=None, regions: tuple[str, ...] = ()) -> tuple[Geoparser, ClaimExtractor]:
    """The geoparser and extractor of this process, for ``online`` and ``regions``: made once
    (one set per fallback and regions, not one per file; a run whose files all come from the
    extraction cache never makes them)."""
    from .claims.extract import ClaimExtractor
    from .geoparser import Geoparser

    global _worker, _online_worker
    regions = tuple(regions)
    if online is not None:
        if _online_worker is None or _online_worker[0] is not online or _online_worker[1] != regions:
            _online_worker = (online, regions, Geoparser(online=online, regions=regions), ClaimExtractor())
        return _online_worker[2:]
    if _worker is None or _worker[0] != regions:
        extractor = _worker[2] if _worker is not None else ClaimExtractor()
        _worker = (regions, Geoparser(regions=regions), extractor)
    return _worker[1:]


def process_file(path: str | Path, online=None, regions: tuple[str, ...] = ()) -> FileResult:
    """Read one file and extract its claims; every failure is reported, none raised.

    ``regions``: alpha-2 codes of the countries the archive is about (``--region``), evidence
    for the articles that name no region of their own."""
    from .doc import make_doc
    from .table import claim_rows
    from .text import MAX_SENTENCE

    result = FileResult(str(path))
    parser, extractor = _tools(online, regions)
    unanswered = online.unanswered if online is not None else 0
    for item in read_path(path):
        if isinstance(item, Problem):
            result.problems.append(item)
            continue
        try:
            doc = extractor(parser(make_doc(item.text, item))) if extractor.may_claim(item.text) else None
            rows = prepared(row for claim in doc.claims for row in claim_rows(claim)) if doc is not None else []
        except Exception as exc:  # a defect on one article must not lose the others
            result.problems.append(Problem(item.path, f"skipped: extraction failed ({type(exc).__name__}: {exc})"))
            result.cacheable = False
            continue
        result.rows.extend(rows)
        result.articles += 1
        if item.note:
            result.notes.append(Problem(item.path, item.note))
        if doc is not None and doc.cuts:
            result.notes.append(Problem(item.path, f"{doc.cuts} cut(s) made in runs of text longer than {MAX_SENTENCE:,} "
                                                   "characters with no sentence end; a claim across a cut may miss places"))
    if online is not None and online.unanswered > unanswered:
        result.cacheable = False  # asked again next run, when the service may answer
    # In table order (stably: rows alike keep theirs), so that the claims store, given the files in order,
    # takes the rows as its table with no sort (see ClaimStore.finish).
    result.rows.sort(key=order_key)
    return result


def _lost(path: str, how: str) -> FileResult:
    """The result of a file whose process died reading it, alone: not read, and why."""
    return FileResult(path, problems=[Problem(path, f"skipped: the process reading it died: {how}")], cacheable=False)


def _results(files: list[Path], jobs: int, online, scheduler: str | None = None, notes: list[Problem] | None = None,
             cache: ExtractionCache | None = None, prepare: Callable[[], None] | None = None,
             regions: tuple[str, ...] = ()) -> Iterator[FileResult]:
    """Each file's result, in input order: from ``cache`` where it holds the file as it is now,
    else extracted (over ``jobs`` processes or the Dask ``scheduler``) and then kept there.

    ``prepare`` is called first if any file is to be read (the gazetteer is loaded then). A pool of
    processes starts on the files to read before the others' results are read from the cache.
    """
    if cache is None:
        if files and prepare:
            prepare()
        yield from _extracted(files, jobs, online, scheduler, notes, regions=regions)
        return
    keys = cache.keys(files)
    stored = cache.present(keys)
    reused = [key is not None and key.digest in stored for key in keys]
    if not all(reused) and prepare:
        prepare()
    fresh = _extracted([f for f, hit in zip(files, reused) if not hit], jobs, online, scheduler, notes, begin=True,
                       regions=regions)
    if next(fresh) is not parallel.BEGUN:
        raise AssertionError("extraction did not begin")
    for start in range(0, len(files), _CACHE_READ):
        chunk = range(start, min(start + _CACHE_READ, len(files)))
        kept = cache.get_many([keys[i] for i in chunk if reused[i]])  # the chunk's stored results, in one read
        for i in chunk:
            path, key, hit = files[i], keys[i], reused[i]
            result = kept.get(key.digest) if hit else None
            if result is None:
                # Extracted by the pool; or here, when another run's bound removed it meanwhile.
                result = next(fresh) if not hit else process_file(path, online, regions)
                if key is not None and result.cacheable:
                    cache.put(path, key, result)
            yield result


_CACHE_READ = 1000  # files whose stored results are read from the extraction cache at once


def _extracted(files: list[Path], jobs: int, online, scheduler: str | None = None,
               notes: list[Problem] | None = None, begin: bool = False,
               regions: tuple[str, ...] = ()) -> Iterator[FileResult]:
    """Each file's result, in input order; ``begin``: :data:`geo.parallel.BEGUN` first, once the work has
    begun (a pool of processes started on the files: the caller may do other things meanwhile)."""
    paths = [str(f) for f in files]
    work = partial(process_file, regions=tuple(regions)) if regions else process_file
    if scheduler:
        if begin:
            yield parallel.BEGUN
        yield from parallel.dask_results(work, paths, scheduler, _lost)
        return
    if jobs <= 1 or len(files) < 2 or online is not None:  # the online fallback keeps one rate limiter
        if begin:
            yield parallel.BEGUN
        for path in files:
            yield process_file(path, online, regions)
        return
    _tools(regions=regions)  # load the gazetteer once; forked workers share it
    notice = (lambda path, message: notes.append(Problem(path, message))) if notes is not None else None
    yield from parallel.local_results(work, paths, jobs, _lost, notice, begin=begin)


def extract(paths: Iterable[str | Path], online=None, jobs: int = 1, progress: Callable[[int], None] | None = None,
            scheduler: str | None = None, cache: ExtractionCache | None = None, regions: tuple[str, ...] = (),
            prepare: Callable[[], None] | None = None) -> tuple[ClaimStore, int, list[Problem], list[Problem]]:
    """Read the articles under ``paths`` and build their claims table, on disk as they are read.

    Files ``cache`` holds as they are now are not read again (:mod:`geo.cache`; its key must
    hold ``regions``, see :func:`cache_salt`); ``prepare`` is called before any file is read (never,
    when all come from the cache). ``regions``: alpha-2 codes of the countries the archive is about
    (``--region``), for the articles that name no region of their own.
    Returns the table's store, the number of articles read, the files (or records)
    not read with the reason, and notes on files read with a caveat.
    """
    files, problems, notes, n_articles = [], [], [], 0
    store = ClaimStore()
    for item in article_paths(paths):
        (problems if isinstance(item, Problem) else files).append(item)
    for result in _results(files, jobs, online, scheduler, notes, cache, prepare, regions):
        store.add_prepared(result.rows)
        n_articles += result.articles
        problems.extend(result.problems)
        notes.extend(result.notes)
        if progress:
            progress(1)
    store.finish()
    return store, n_articles, problems, notes


def cache_salt(online=None, regions: tuple[str, ...] = ()) -> str:
    """What a run's cached results depend on beyond the files and the code: the online service
    asked, and the regions given (the same file read for another region may place its names
    elsewhere). A file's own ``Region:`` is in its bytes, and so in its key already."""
    salt = online.cache_salt if online is not None else ""
    return salt + (f"\nregions {','.join(regions)}" if regions else "")


class NothingRead(Exception):
    """No article could be read: the run writes nothing (the previous outputs stay as they were)."""


#: Every file a run may write into its output folder: a file among these that a run did not
#: write is the last run's, and is removed so that no stale output sits beside fresh ones.
OUTPUT_NAMES = (STRIKES_GEOJSON, EVENTS_GEOJSON, INTERCEPTIONS_GEOJSON, STRIKES_HTML, STRIKES_GPKG, STRIKES_CSV, "strikes.qml", "events.qml",
                RUN_REPORT, "embed.html", "embed-snippet.html", "strikes.png", "strikes.png.txt", REVIEW_AUDIT)


def run(paths: Iterable[str | Path], out_dir: str | Path = "maps", title: str | None = None, online=None,
        jobs: int | None = None, progress: Callable[[int], None] | None = None, map_options: dict | None = None,
        scheduler: str | None = None, embed: bool = False, subtitle: str | None = None, cache: bool = False,
        corrections: Iterable[str | Path] = (), verified_only: bool = False,
        regions: Iterable[str] | str = (), prepare: Callable[[], None] | None = None) -> RunResult:
    """Extract claims and events and write ``strikes.geojson``, ``events.geojson``,
    ``strikes.html`` and ``run-report.json`` into ``out_dir``.

    With more than one job the map is written in a forked process begun while the events
    are grouped (what it draws of the claims does not depend on them), and the GeoPackage
    and the embed each in another, while this one writes the other outputs: the same
    bytes, sooner. With ``cache``,
    files read by an earlier run and unchanged since are not read again
    (:mod:`geo.cache`); the outputs are the same bytes. Outputs of an earlier run that
    this one did not write are removed (and listed in the report). Raises
    :class:`NothingRead`, writing nothing, when no article could be read.

    ``prepare``: called before any article is read (never, when every file comes from the cache).

    ``corrections``: reviewers' corrections files (:mod:`geo.corrections`), applied to the
    claims before interceptions are kept apart and events grouped; the audit goes to
    ``review-audit.csv``. ``verified_only``: the map (and embed) shows only the claims a
    reviewer verified, corrected or added. ``map_options`` may ask for the review map
    (``review``: buttons in every popup). Raises :class:`geo.corrections.CorrectionsError`,
    before reading any article, for a corrections file that cannot be read.

    ``regions``: the countries the archive is about (alpha-2 or alpha-3 codes, or names; ``--region``),
    evidence for which of same-named places an article means when it names no region of its own
    (:mod:`geo.gazetteer.source_prior`). Raises :class:`ValueError` for one that is no country.
    """
    from .output.atomic import write_text

    paths = list(paths)
    jobs = jobs or os.cpu_count() or 1
    regions = regions_given(regions)
    book = _read_corrections(corrections)
    # With processes to spare, the map's writer is forked now: it loads the map library while the claims
    # are read (a core is free then: in a run from the cache, all of it), and draws what of them does not
    # wait for their events while they are grouped.
    early = _early_map(Path(out_dir) / STRIKES_HTML, map_options or {}) if jobs > 1 and not verified_only else None
    extraction_cache, cache_error = None, ""
    if cache:
        try:
            extraction_cache = ExtractionCache(salt=cache_salt(online, regions))
        except CacheUnavailable as exc:
            cache_error = f"{exc}; the run goes on without it"
    try:
        store, n_articles, problems, notes = extract(paths, online, jobs, progress, scheduler, extraction_cache, regions,
                                                     prepare)
        result = _grouped_and_written(store, n_articles, problems, notes, paths, book, Path(out_dir), jobs, title,
                                      subtitle, map_options or {}, embed, verified_only, extraction_cache, early)
    except BaseException:
        if early is not None:
            early.cancel()
        raise
    finally:
        if extraction_cache is not None:
            extraction_cache.close()
    result.cache_error = cache_error or (extraction_cache is not None and extraction_cache.error
                                         and f"{extraction_cache.error}; the run went on") or ""
    result.online, result.regions = (online.counts() if online is not None else None), regions
    written = {Path(p).name for p in result.outputs.values()} | {RUN_REPORT}
    result.stale = _remove_stale(Path(out_dir), written)
    result.outputs["report"] = write_text(Path(out_dir) / RUN_REPORT, run_report(paths, result))
    return result


def _grouped_and_written(store: ClaimStore, n_articles: int, problems: list[Problem], notes: list[Problem],
                         paths: list, book, out: Path, jobs: int, title: str | None, subtitle: str | None,
                         map_options: dict, embed: bool, verified_only: bool,
                         extraction_cache: ExtractionCache | None, early=None) -> RunResult:
    """The events grouped and every output written (the report aside), from the extracted claims in ``store``.

    ``early``: the map's writer, forked before the claims were read and waiting for them (see :func:`_early_map`).

    The extraction cache is closed (results kept, entries marked used) once this process's own
    writers are done, while forked ones finish: off the run's critical path.
    """
    from .summary import summarise

    if not n_articles:
        store.close()
        raise NothingRead(f"no article could be read from {', '.join(map(str, paths))}"
                          + (f" ({len(problems)} files or records skipped)" if problems else ""))
    store, review = _corrected(store, book, paths)  # a reviewer may make a claim an interception, or none
    # Air defences' claims ("30 drones shot down over the Bryansk region") are no strikes on the
    # places they name: kept apart, in interceptions.geojson and their own GeoPackage layer.
    intercepted = store.split_off(f"event_type = '{vocab.INTERCEPTION}'")
    # The map is begun now: what it draws of the claims does not wait for their events.
    if early is not None:
        early.send(store)
    try:
        events = group_events(store)
        found = summarise(store, events, n_articles, interceptions=intercepted,
                          review=_review_counts(store, intercepted, review, verified_only))
        shown = _reviewed_only(store, found, n_articles) if verified_only else (store, events, found)
        subtitle = subtitle if subtitle is not None else f"{shown[2].words()}; {shown[2].source_words()}"
        title = title or "Who says what was hit where"
        writers = _writers(store, events, out, title, subtitle, map_options or {}, embed, found, intercepted, shown,
                           review)
    except BaseException:
        if early is not None:
            early.cancel()
        raise
    started = {"map": (early, {"events": events, "title": title, "subtitle": subtitle, "summary": found})} if early else {}
    outputs = _write(writers, forked=FORKED_WRITERS if jobs > 1 else (), started=started,
                     meanwhile=extraction_cache.close if extraction_cache is not None else None)
    return RunResult(n_articles, problems, store, events, found.as_dict(), outputs, notes, found,
                     reused=extraction_cache.hits if extraction_cache is not None else None, review=review)


def _read_corrections(files: Iterable[str | Path]):
    """The decisions of the corrections files, read before any article is (a file that cannot be read stops the run)."""
    files = list(files)
    if not files:
        return None
    from .corrections import read_books

    return read_books(files)


def _corrected(store: ClaimStore, book, paths: list) -> tuple[ClaimStore, "Review | None"]:
    """The claims table with the reviewers' decisions applied (a new store; the extracted one is closed)."""
    if book is None:
        return store, None
    from .corrections import apply_corrections

    review = apply_corrections(store, book, paths)
    store.close()
    return review.store, review


def _review_counts(store: ClaimStore, intercepted: ClaimStore, review: "Review | None", asked: bool) -> dict | None:
    """Claims (interceptions too) by review status where corrections were applied, or a map of reviewed claims
    was asked for."""
    if review is None and not asked:
        return None
    from .summary import review_counts

    return review_counts([store, intercepted], review.rejected if review is not None else 0)


def _reviewed_only(store: ClaimStore, found: "Summary", articles: int) -> tuple:
    """The map's claims, events and counts when it shows only reviewed claims."""
    from .corrections import reviewed_store
    from .summary import summarise

    reviewed = reviewed_store(store)
    events = group_events(reviewed)
    return reviewed, events, summarise(reviewed, events, articles, review=found.review, reviewed_only=True)


@dataclass
class SheetResult:
    """What ``strikemap review`` read and wrote: the review sheet and its rows (see :mod:`geo.corrections.sheet`)."""

    path: Path
    rows: int
    articles: int
    problems: list[Problem]
    notes: list[Problem]
    review: "Review | None" = None


def review_sheet(paths: Iterable[str | Path], out_file: str | Path = "review.csv",
                 corrections: Iterable[str | Path] = (), online=None, jobs: int | None = None,
                 progress: Callable[[int], None] | None = None, scheduler: str | None = None,
                 cache: bool = False, regions: Iterable[str] | str = ()) -> SheetResult:
    """Extract the claims (with ``corrections`` applied; ``cache`` and ``regions`` as :func:`run`)
    and write the review sheet to ``out_file``.

    Raises :class:`NothingRead` when no article could be read, and
    :class:`geo.corrections.CorrectionsError` for a corrections file that cannot be read.
    """
    from .corrections.sheet import write_sheet

    paths = list(paths)
    regions = regions_given(regions)
    book = _read_corrections(corrections)
    extraction_cache = None
    if cache:
        try:
            extraction_cache = ExtractionCache(salt=cache_salt(online, regions))
        except CacheUnavailable:
            pass  # the sheet is made all the same, the files read again
    try:
        store, n_articles, problems, notes = extract(paths, online, jobs or os.cpu_count() or 1, progress, scheduler,
                                                     extraction_cache, regions)
    finally:
        if extraction_cache is not None:
            extraction_cache.close()
    if not n_articles:
        store.close()
        raise NothingRead(f"no article could be read from {', '.join(map(str, paths))}")
    store, review = _corrected(store, book, paths)
    intercepted = store.split_off(f"event_type = '{vocab.INTERCEPTION}'")  # events as a run groups them
    try:
        path, rows = write_sheet(store, group_events(store), out_file, also=[intercepted])
    finally:
        store.close()
        intercepted.close()
    return SheetResult(path, rows, n_articles, problems, notes, review)


def _remove_stale(out: Path, written: set[str]) -> list[str]:
    """Remove the outputs an earlier run left that this run did not write; their names."""
    removed = []
    for name in OUTPUT_NAMES:
        path = out / name
        if name not in written and path.is_file():
            try:
                path.unlink()
                removed.append(name)
            except OSError:  # cannot be removed: the report lists it as stale all the same
                removed.append(name)
    return removed


Writer = Callable[[], dict[str, Path]]

#: Writers that take much longer than the others (rendering a map, GDAL's GeoPackage): with more than
#: one job, each runs in a forked process of its own while this one writes the rest.
HEAVY_WRITERS = ("map", "embed", "geopackage")
FORKED_WRITERS = HEAVY_WRITERS


def _early_map(path: Path, map_options: dict):
    """The map's writer, forked now; None where this system cannot fork.

    It loads the map library at once, then waits for the claims' store (sent once the claims
    are read), draws what of them does not depend on their events (see
    :func:`geo.output.webmap.prepare_map`) while they are grouped, and waits for the
    events, the title and the counts to finish the map.
    """
    from .output.forked import Forked, can_fork

    if not can_fork():
        return None

    def write(receive) -> dict[str, Path]:
        from .output.webmap import prepare_map, write_map

        store = receive()
        parts = prepare_map(store, bool(map_options.get("review")))
        try:
            given = receive()
        except BaseException:
            parts.remove()
            raise
        return {"map": write_map(store, path, parts=parts, **given, **map_options)}

    return Forked("the map output", write, waits=True)


def _writers(claims: ClaimStore, events: gpd.GeoDataFrame, out: Path, title: str, subtitle: str, map_options: dict,
             embed: bool, found: "Summary", intercepted: ClaimStore | None = None, shown: tuple | None = None,
             review: "Review | None" = None) -> dict[str, Writer]:
    """Each output's writer, in the order the command line lists what was written; each returns {kind: path}.

    ``shown``: the claims, events and summary the map draws, where they are not all (a map of reviewed claims).
    """
    from .output.geojson import write_claims_geojson, write_geojson
    from .output.gis import write_csv, write_gpkg, write_sidecars

    def write_map(*args, **kwargs) -> Path:  # the map library is loaded only where the map is written
        from .output.webmap import write_map

        return write_map(*args, **kwargs)

    map_claims, map_events, map_found = shown or (claims, events, found)
    embed_options = {k: v for k, v in map_options.items() if k != "review"}  # a page to publish has no review buttons
    writers: dict[str, Writer] = {
        "geojson": lambda: {"geojson": write_claims_geojson(claims, out / STRIKES_GEOJSON)},
        "events": lambda: {"events": write_geojson(events, out / EVENTS_GEOJSON, layer="events")},
        "map": lambda: {"map": write_map(map_claims, out / STRIKES_HTML, events=map_events, title=title,
                                         subtitle=subtitle, summary=map_found, **map_options)},
        "geopackage": lambda: {"geopackage": write_gpkg(claims, events, out / STRIKES_GPKG, found, intercepted)},
        "csv": lambda: {"csv": write_csv(claims, out / STRIKES_CSV)},
        "qml": lambda: dict(zip(("qml", "events_qml"), write_sidecars(claims, events, out / STRIKES_GEOJSON,
                                                                      out / EVENTS_GEOJSON, found))),
    }
    if intercepted is not None and len(intercepted):
        writers["interceptions"] = lambda: {"interceptions": write_claims_geojson(
            intercepted, out / INTERCEPTIONS_GEOJSON, layer="interceptions")}
    if review is not None:
        from .corrections import write_audit

        writers["audit"] = lambda: {"audit": write_audit(review, out / REVIEW_AUDIT)}
    if embed:
        from .output.embed import write_embed

        writers["embed"] = lambda: write_embed(map_claims, map_events, out, title, subtitle, embed_options, map_found)
    return writers


def _write(writers: dict[str, Writer], forked: Iterable[str] = (), started: dict | None = None,
           meanwhile: Callable[[], None] | None = None) -> dict[str, Path]:
    """Run the writers: those named in ``forked`` each in a forked process (when this
    system can fork), the others here, one after the other, meanwhile. ``started``: writers
    already forked and waiting, by name, with what to send them (they are sent it first).
    ``meanwhile``: called once this process's writers are done, before the forked ones are waited for.

    Every writer computes its output from the same finished tables, so where it
    runs changes no byte; the paths come back in the writers' order whatever
    finishes first. A failure anywhere ends the other writers and is raised here.
    """
    from .output.forked import Forked, can_fork

    children = {}
    for name, (child, message) in (started or {}).items():
        child.send(message)
        children[name] = child
    try:
        children |= {name: Forked(f"the {name} output", writers[name]) for name in forked
                     if name in writers and name not in children and can_fork()}
    except BaseException:
        for child in children.values():
            child.cancel()
        raise
    done: dict[str, dict[str, Path]] = {}
    try:
        for name, writer in writers.items():
            if name not in children:
                done[name] = writer()
        if meanwhile is not None:
            meanwhile()
        for name, child in children.items():
            done[name] = child.result()
    except BaseException:
        for child in children.values():
            child.cancel()
        raise
    return {kind: path for name in writers for kind, path in done[name].items()}


def run_report(paths: list, result: RunResult) -> str:
    """The run report: inputs, counts, every file not read with the reason, and caveats.

    It holds no time stamps, so the same input gives the same report.
    """
    report = {
        "strikemap": __version__,
        "inputs": [str(p) for p in paths],
        **({"regions": list(result.regions)} if result.regions else {}),  # --region: what the archive is about
        "articles_read": result.articles,
        "counts": result.counts,
        "files_rejected": sorted(({"path": p.path, "reason": p.message} for p in result.problems), key=lambda r: r["path"]),
        "warnings": sorted(({"path": p.path, "message": p.message} for p in result.notes), key=lambda r: r["path"]),
        "outputs": {kind: Path(path).name for kind, path in sorted(result.outputs.items())},  # beside this report
        "removed_stale_outputs": result.stale,  # an earlier run's outputs that this run did not write
        **({"corrections": result.review.report()} if result.review is not None else {}),
    }
    if result.online is not None:
        report["online"] = result.online
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
