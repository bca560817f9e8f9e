"""The ``strikemap`` command.

Exit status: 0 when every input was read, 2 when some files were skipped or some
reviewer's decisions could not be applied (each is named with the reason), 1 when
the run could not be done at all.
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import os
import sys
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_FAILED, EXIT_SKIPPED = 0, 1, 2
DEFAULT_INPUT = "seeds"


def _online(args: argparse.Namespace):
    """The online fallback the user asked for, or None (the default: no network)."""
    if not getattr(args, "online", None):
        return None
    from .gazetteer.online import OnlineFallback

    return OnlineFallback(args.online, domain=args.online_domain, scheme=args.online_scheme,
                          min_delay_seconds=args.online_delay, timeout=args.online_timeout)


def _region_arg(value: str) -> tuple[str, ...]:
    """``--region``'s value as alpha-2 codes; an argument error naming a part that is no country."""
    from .gazetteer.source_prior import regions_given

    try:
        return regions_given(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _regions(args: argparse.Namespace) -> tuple[str, ...]:
    """The countries every ``--region`` names, in order, once each."""
    return tuple(dict.fromkeys(code for given in getattr(args, "region", None) or () for code in given))


SHOWN_PROBLEMS = 20


def _progress_bar(args: argparse.Namespace, total_hint: str):
    """A progress callback and a closer: a bar on a terminal, nothing in pipes, CI or --quiet."""
    if args.quiet or not sys.stderr.isatty() or os.environ.get("CI"):
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(unit="file", desc=f"reading {total_hint}", file=sys.stderr, leave=False)
    return bar.update, bar.close


def _report_problems(problems, notes, verbose: bool, report) -> None:
    shown = problems if verbose else problems[:SHOWN_PROBLEMS]
    for problem in shown:
        print(f"skipped {problem.path}: {problem.message}", file=sys.stderr)
    if len(problems) > len(shown):
        print(f"... and {len(problems) - len(shown)} more skipped: see {report}", file=sys.stderr)
    if verbose:
        for note in notes:
            print(f"note {note.path}: {note.message}", file=sys.stderr)


SLOW_LOAD_SECONDS = 2.0  # a gazetteer load slower than this was a build of its index: say so


def _prepare_gazetteer(args: argparse.Namespace) -> None:
    """Load the gazetteer before the first article is read (a run whose files all come from the extraction cache
    never loads it), saying so when its index is being built (the first run)."""
    import time

    from .gazetteer import Gazetteer
    from .gazetteer.index import cache_dir

    first = not any(cache_dir().glob("gazetteer-*.pickle"))
    if first and not args.quiet:
        print(f"strikemap: building the gazetteer index once (about 15 s; cached in {cache_dir()}) ...",
              file=sys.stderr, flush=True)
    start = time.perf_counter()
    Gazetteer.default()
    seconds = time.perf_counter() - start
    if (first or seconds > SLOW_LOAD_SECONDS) and not args.quiet:
        print(f"strikemap: gazetteer index built in {seconds:.1f} s; later runs load it in under a second",
              file=sys.stderr, flush=True)


def _inputs_ok(args: argparse.Namespace, paths: list[str]) -> bool:
    """Whether the paths, corrections files and engine make a run: else one line saying why."""
    missing = [p for p in paths if not Path(p).exists()]
    if missing and len(missing) == len(paths):
        print(f"strikemap: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return False
    absent = [f for f in args.corrections or () if not Path(f).is_file()]
    if absent:
        print(f"strikemap: no such corrections file: {', '.join(absent)}", file=sys.stderr)
        return False
    if args.engine == "dask" and not args.scheduler:
        print("strikemap: --engine dask needs --scheduler ADDRESS (the address of a running Dask scheduler)", file=sys.stderr)
        return False
    return True


def _cmd_run(args: argparse.Namespace) -> int:
    from .corrections import CorrectionsError
    from .pipeline import NothingRead, run

    paths = args.paths or [DEFAULT_INPUT]
    if not _inputs_ok(args, paths):
        return EXIT_FAILED
    update, close = _progress_bar(args, ", ".join(map(str, paths)))
    # The review map must work with no network: its scripts go into the page.
    map_options = {"self_contained": args.self_contained or args.review, "tiles": args.tiles,
                   **({"review": True} if args.review else {})}
    try:
        result = run(paths, args.out, title=args.title, subtitle=args.subtitle, online=_online(args), jobs=args.jobs,
                     progress=update, map_options=map_options, scheduler=args.scheduler if args.engine == "dask" else None,
                     embed=args.embed, cache=not args.no_cache, corrections=args.corrections or (),
                     verified_only=args.verified_only, regions=_regions(args),
                     prepare=(lambda: _prepare_gazetteer(args)) if args.engine != "dask" else None)
    except (NothingRead, CorrectionsError) as exc:
        close()
        print(f"strikemap: {exc}; nothing written", file=sys.stderr)
        return EXIT_FAILED
    finally:
        close()
    _report_problems(result.problems, result.notes, args.verbose, result.outputs.get("report"))
    if result.cache_error:
        print(f"strikemap: {result.cache_error}", file=sys.stderr)
    not_applied = _report_decisions(result.review, args.verbose, result.outputs.get("report"))
    status = EXIT_SKIPPED if result.problems or not_applied else EXIT_OK
    if args.quiet:
        return status
    found = result.summary
    print(f"articles read         {result.articles}" + (f" ({len(result.problems)} files or records skipped)" if result.problems else ""))
    print(f"claims found          {found.claims}")
    print(f"  on the map          {found.on_map} ({found.at_point} at a town or site, {found.as_area} as areas)")
    print(f"  not on the map      {found.not_on_map} ({found.not_on_map_words()})")
    if found.interceptions:
        print(f"interceptions         {found.interceptions} (weapons shot down: kept apart, not mapped as strikes)")
    print(f"events                {found.events}")
    if result.review is not None:
        report = result.review.report()
        print(f"corrections           {report['applied']} of {report['decisions']} decisions applied"
              + (f" ({len(not_applied)} not: see above)" if not_applied else ""))
    if found.review is not None:
        print(f"reviewed              {found.review_words()}")
    if args.verified_only:
        print(f"the map shows         only the reviewed claims ({found.claims - found.review['unreviewed']} of {found.claims})")
    print(f"in words: {found.words()}; {found.source_words()}")
    if result.reused:
        print(f"files from the cache  {result.reused} (unchanged since an earlier run; --no-cache to read them again)")
    if result.online is not None:
        print(f"online look-ups       {_online_summary(result.online)}")
    for kind, path in result.outputs.items():
        print(f"wrote {kind:11} {path}")
    for name in result.stale:
        print(f"removed     {Path(args.out) / name} (an earlier run's; this run did not write it)")
    return status


def _report_decisions(review, verbose: bool, report) -> list:
    """Name every reviewer's decision that could not be applied, and why (on stderr); returns them."""
    if review is None:
        return []
    missed = review.not_applied()
    shown = missed if verbose else missed[:SHOWN_PROBLEMS]
    for outcome in shown:
        print(f"not applied {outcome.file}:{outcome.line} ({outcome.decision}): {outcome.kind}: {outcome.message}",
              file=sys.stderr)
    if len(missed) > len(shown):
        print(f"... and {len(missed) - len(shown)} more decisions not applied: see {report}", file=sys.stderr)
    return missed


def _cmd_review(args: argparse.Namespace) -> int:
    from .corrections import CorrectionsError
    from .pipeline import NothingRead, review_sheet

    paths = args.paths or [DEFAULT_INPUT]
    if not _inputs_ok(args, paths):
        return EXIT_FAILED
    out = Path(args.out)
    if out.exists() and not args.force and _has_decisions(out):
        print(f"strikemap: {out} holds a reviewer's decisions: pass it to 'strikemap run --corrections {out}', or "
              "write the new sheet elsewhere (--out FILE), or --force to overwrite it", file=sys.stderr)
        return EXIT_FAILED
    if args.engine != "dask":
        _prepare_gazetteer(args)
    update, close = _progress_bar(args, ", ".join(map(str, paths)))
    try:
        result = review_sheet(paths, out, corrections=args.corrections or (), online=_online(args), jobs=args.jobs,
                              progress=update, scheduler=args.scheduler if args.engine == "dask" else None,
                              cache=not args.no_cache, regions=_regions(args))
    except (NothingRead, CorrectionsError) as exc:
        close()
        print(f"strikemap: {exc}; nothing written", file=sys.stderr)
        return EXIT_FAILED
    finally:
        close()
    _report_problems(result.problems, result.notes, args.verbose, None)
    not_applied = _report_decisions(result.review, args.verbose, None)
    if not args.quiet:
        print(f"wrote {result.path}: {result.rows} rows (one per claim and place) from {result.articles} articles, "
              "the likely wrong first; fill in the decision columns and pass it back with "
              f"'strikemap run --corrections {result.path}'")
    return EXIT_SKIPPED if result.problems or not_applied else EXIT_OK


def _has_decisions(path: Path) -> bool:
    """Whether a file holds decisions a reviewer filled in (a sheet not to overwrite)."""
    from .corrections import CorrectionsError, read_books

    try:
        book = read_books([path])
    except CorrectionsError:
        return False  # not a corrections file: nothing of a reviewer's to lose
    return bool(book.decisions or book.invalid)


def _online_summary(counts: dict) -> str:
    said = f"{counts['names_sent']} names sent, {counts['found']} found, {counts['not_found']} not found, " \
           f"{counts['failed']} failed, {counts['answered_from_cache']} answered from the cache"
    if counts["stopped"]:
        said += f"; stopped ({counts['stopped']}), {counts['not_sent']} names not sent"
    return said


def _cmd_cache_clear(args: argparse.Namespace) -> int:
    from .cache import clear

    held = clear()
    print(f"removed {held.entries} cached file results ({held.bytes / 2**20:.1f} MB) from {held.path}")
    return EXIT_OK


def _cmd_cache_info(args: argparse.Namespace) -> int:
    from .cache import stats

    held = stats()
    print(f"{held.path}: {held.entries} file results, {held.bytes / 2**20:.1f} MB of at most {held.limit / 2**20:.0f} MB"
          " (STRIKEMAP_CACHE_MAX_MB)")
    return EXIT_OK


def _cmd_geoparse(args: argparse.Namespace) -> int:
    from .articles import Problem, iter_articles
    from .doc import make_doc
    from .geoparser import Geoparser

    parser = Geoparser(online=_online(args), regions=_regions(args))
    _settle_for_batch()
    rejected = False
    for article in iter_articles(args.paths, titles=False):  # streamed, one file at a time; only the text is needed
        if isinstance(article, Problem):
            print(f"skipped {article.path}: {article.message}", file=sys.stderr)
            rejected = True
            continue
        mentions = parser(make_doc(article.text, article)).mentions  # with its record: its region, its address
        lines = (_json_lines(article.path, mentions) if args.json
                 else [_geoparse_line(article.id, m.record(article.path)) for m in mentions])
        if lines:
            sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_SKIPPED if rejected else EXIT_OK


def _json_lines(path: str, mentions) -> list[str]:
    """The ``--json`` lines of one article: ``json.dumps(m.record(path), ensure_ascii=False)`` for
    each mention, composed from its fields with json's own string encoder (a third of the
    time of building and encoding a dict; a test holds the two equal)."""
    string = json.encoder.encode_basestring
    head = '{"file": ' + string(path) + ', "start": '
    lines = []
    for m in mentions:
        p = m.place
        place = _NO_PLACE if p is None else (
            f'"name": {string(p.name)}, "lat": {_json_number(p.lat)}, "lon": {_json_number(p.lon)}, "place_id": '
            f'{string(p.place_id)}, "precision": {string(p.precision)}, "country": {string(p.country)}')
        lines.append(f'{head}{m.start}, "end": {m.end}, "text": {string(m.text)}, {place}, '
                     f'"literal": {"true" if m.literal else "false"}}}')
    return lines


_NO_PLACE = '"name": null, "lat": null, "lon": null, "place_id": null, "precision": null, "country": null'


def _json_number(x: float) -> str:
    return float.__repr__(x) if isinstance(x, float) and math.isfinite(x) else json.dumps(x)  # as json writes it


def _settle_for_batch() -> None:
    """Tune the garbage collector for a long run over many files.

    What is loaded now (gazetteer, vocabularies) stays for the whole run, so full
    collections need not walk it again; and the many short-lived objects each
    article makes are collected in fewer, larger rounds (about 3% of the time).
    """
    gc.freeze()
    gc.set_threshold(20_000, 50, 50)


def _geoparse_line(article_id: str, record: dict) -> str:
    where = f"{record['name']} ({record['precision']}, {record['lat']}, {record['lon']})" if record["name"] else "unknown"
    flag = "" if record["literal"] else " [not literal]"
    return f"{article_id}:{record['start']}-{record['end']}\t{record['text']}\t{where}{flag}"


def _cmd_explain(args: argparse.Namespace) -> int:
    from .articles import Problem, iter_articles
    from .claims.explain import explain_lines
    from .claims.extract import ClaimExtractor, explain
    from .geoparser import Geoparser

    parser, extractor = Geoparser(online=_online(args), regions=_regions(args)), ClaimExtractor()
    rejected = False
    for article in iter_articles(args.paths):
        if isinstance(article, Problem):
            print(f"skipped {article.path}: {article.message}", file=sys.stderr)
            rejected = True
            continue
        if not extractor.may_claim(article.text):
            print(f"{article.path}: no strike word and no list of targets anywhere: no rule looks at it\n")
            continue
        doc = explain(article, extractor, parser)
        sys.stdout.write("\n".join(explain_lines(doc, everything=args.all)) + "\n\n")
    return EXIT_SKIPPED if rejected else EXIT_OK


def _cmd_geocode(args: argparse.Namespace) -> int:
    from .gazetteer import Context, Gazetteer

    context = Context(countries={args.country.upper(): 1.0} if args.country else {})
    resolution = Gazetteer.default().resolve(args.name, context)
    online = _online(args)
    if resolution.place is None and online is not None:
        place = online.resolve(args.name, [args.country] if args.country else None)
        if place is not None:
            print(f" 1. {place.name} [{place.place_id}] {place.precision}, {place.country}, ({place.lat}, {place.lon})  (online: {args.online})")
            return EXIT_OK
    if resolution.place is None:
        print(f"unknown: {resolution.reason}")
        return EXIT_FAILED
    for rank, cand in enumerate(resolution.candidates[: args.limit], start=1):
        p = cand.place
        print(f"{rank:2}. {p.name} [{p.place_id}] {p.precision}, {p.country}, ({p.lat}, {p.lon})  score {cand.score:.2f}: {', '.join(cand.reasons)}")
    if resolution.place.place_id != resolution.candidates[0].place.place_id:
        p = resolution.place
        print(f"    -> {p.name} ({p.lat}, {p.lon}) [{p.place_id}]")
    return EXIT_OK


def _cmd_gazetteer_import(args: argparse.Namespace) -> int:
    from .gazetteer.user import GazetteerImportError, import_file

    try:
        layer, skipped = import_file(args.file, args.name)
    except GazetteerImportError as exc:
        print(f"strikemap: cannot import: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"imported {layer.places} places as layer {layer.name!r} ({layer.path})"
          + (f"; {skipped} rows skipped (no name or bad coordinates)" if skipped else ""))
    return EXIT_OK


def _download_progress(args: argparse.Namespace):
    """A byte progress bar per file on a terminal; nothing in pipes, CI or with --quiet."""
    if args.quiet or not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from tqdm import tqdm

    def for_file(label: str):
        bar = tqdm(unit="B", unit_scale=True, unit_divisor=1024, desc=label, file=sys.stderr, leave=False)

        def update(received: int, total: int | None) -> None:
            if total is not None and bar.total != total:
                bar.total = total
            bar.update(received)
            if total is not None and bar.n >= total:
                bar.close()
        return update
    return for_file


def _cmd_gazetteer_download(args: argparse.Namespace) -> int:
    from .gazetteer.download import ENV_URL, DownloadError, country_code, fetch_country
    from .gazetteer.user import GazetteerImportError, import_file

    if args.url:
        os.environ[ENV_URL] = args.url
    done, failed = 0, 0
    for text in args.countries:
        try:
            code = country_code(text)
            dump, names = fetch_country(code, alternate_names=args.alternate_names, refresh=args.refresh,
                                        progress=_download_progress(args))
            layer, skipped = import_file(dump.path, name=f"geonames-{code}", alternate_names=names.path if names else None)
        except (DownloadError, GazetteerImportError, OSError) as exc:
            print(f"strikemap: {text}: {exc}", file=sys.stderr)
            failed += 1
            continue
        done += 1
        if not args.quiet:
            how = "from the cache" if dump.cached else ("downloaded, resumed" if dump.resumed else "downloaded")
            print(f"{code}: {layer.places:,} places as layer {layer.name!r} ({dump.size / 1e6:.1f} MB {how}"
                  + ("; with alternate names" if names else "")
                  + (f"; {layer.left_out:,} features no strike map needs left out" if layer.left_out else "")
                  + (f"; {skipped:,} bad rows skipped" if skipped else "") + ")")
    if done:
        _prepare_user_layers(args)
    return EXIT_OK if not failed else EXIT_SKIPPED if done else EXIT_FAILED


def _prepare_user_layers(args: argparse.Namespace) -> None:
    """Compile the user layers' index now, so that the next run does not wait for it."""
    import time

    from .gazetteer import Gazetteer

    start = time.perf_counter()
    Gazetteer.load()
    if not args.quiet:
        print(f"gazetteer index ready ({time.perf_counter() - start:.1f} s); later runs use the new places")


def _cmd_gazetteer_list(args: argparse.Namespace) -> int:
    from .gazetteer import Gazetteer
    from .gazetteer.user import list_layers, user_dir

    for name, count in Gazetteer.default().index.layers.items():
        print(f"{name:24} {count:>9,} places")
    if not list_layers():
        print(f"(no user layers in {user_dir()}; add one with 'strikemap gazetteer import FILE')")
    return EXIT_OK


def _cmd_vocab_import(args: argparse.Namespace) -> int:
    from .vocab import VocabularyError
    from .vocab.user import import_file

    try:
        layer = import_file(args.file, args.name)
    except VocabularyError as exc:
        print(f"strikemap: cannot import: {exc}", file=sys.stderr)
        return EXIT_FAILED
    added = ", ".join(f"{name} +{count}" for name, count in layer.rows.items())
    print(f"vocabulary layer {layer.name!r} ({layer.path}): {added}")
    return EXIT_OK


def _cmd_vocab_list(args: argparse.Namespace) -> int:
    from .resources import user_vocab_dir
    from .vocab.layers import bundled_dir, vocabulary_names
    from .vocab.user import list_layers

    layers = list_layers()
    for layer in layers:
        print(f"{layer.name:24} {layer.path}")
        for name, count in layer.rows.items():
            print(f"  {name:28} +{count:,}")
    print(f"{'bundled':24} {bundled_dir()} ({len(vocabulary_names())} vocabularies)")
    if not layers:
        print(f"(no user layers in {user_vocab_dir()}; add one with 'strikemap vocab import FILE')")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="strikemap", description="Evidence-backed maps of airstrike claims in news articles.")
    parser.add_argument("--version", action="version", version=f"strikemap {__version__}")
    parser.add_argument("--debug", action="store_true", help="show full tracebacks on errors")
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help="extract claims and write strikes.geojson and strikes.html")
    run.add_argument("paths", nargs="*", metavar="PATH", help=f"article files or folders (default: {DEFAULT_INPUT}/)")
    run.add_argument("--out", default="maps", metavar="DIR", help="output folder (default: maps/)")
    run.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                     help="processes to use (default: all cores); the output is the same for any N")
    run.add_argument("--engine", choices=["local", "dask"], default="local",
                     help="'dask' runs extraction on an existing Dask cluster (with --scheduler)")
    run.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler, e.g. tcp://10.0.0.5:8786")
    run.add_argument("--self-contained", action="store_true",
                     help="inline every script and stylesheet in strikes.html (no CDN; only map tiles are fetched)")
    run.add_argument("--tiles", choices=["openstreetmap", "none"], default="openstreetmap",
                     help="'none' draws country and governorate outlines instead of tiles: a page that needs no network")
    run.add_argument("--embed", action="store_true",
                     help="also write embed.html, embed-snippet.html (for a CMS) and strikes.png (static map, with alt text)")
    run.add_argument("--title", help="the map's title (default: 'Who says what was hit where')")
    run.add_argument("--subtitle", help="the line under the title (default: the counts in words)")
    run.add_argument("--no-cache", action="store_true",
                     help="read every file again, not the results an earlier run kept for unchanged files")
    run.add_argument("--corrections", action="append", metavar="FILE",
                     help="apply a reviewer's corrections (a review sheet or the review map's download); repeatable, "
                          "applied in the order given")
    run.add_argument("--review", action="store_true",
                     help="review map: buttons in every popup (correct, wrong place, wrong claimant, not a strike, note) "
                          "and a download of the decisions as a corrections file; the page works offline")
    run.add_argument("--verified-only", action="store_true",
                     help="the map shows only the claims a reviewer verified, corrected or added")
    run.add_argument("--quiet", action="store_true", help="print nothing but errors")
    run.add_argument("--verbose", action="store_true", help="name every skipped file and every encoding guess")
    run.set_defaults(func=_cmd_run)

    review = sub.add_parser("review", help="write a review sheet: every claim and place with its evidence and empty "
                                           "decision columns, the likely wrong first")
    review.add_argument("paths", nargs="*", metavar="PATH", help=f"article files or folders (default: {DEFAULT_INPUT}/)")
    review.add_argument("--out", default="review.csv", metavar="FILE", help="the sheet (default: review.csv)")
    review.add_argument("--corrections", action="append", metavar="FILE",
                        help="decisions already made: the sheet shows the claims as corrected (repeatable)")
    review.add_argument("--force", action="store_true", help="overwrite a sheet that holds decisions")
    review.add_argument("--no-cache", action="store_true",
                        help="read every file again, not the results an earlier run kept for unchanged files")
    review.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N", help="processes to use")
    review.add_argument("--engine", choices=["local", "dask"], default="local", help=argparse.SUPPRESS)
    review.add_argument("--scheduler", metavar="ADDRESS", help=argparse.SUPPRESS)
    review.add_argument("--quiet", action="store_true", help="print nothing but errors")
    review.add_argument("--verbose", action="store_true", help="name every skipped file and every decision not applied")
    review.set_defaults(func=_cmd_review)

    geoparse = sub.add_parser("geoparse", help="list the places each article names")
    geoparse.add_argument("paths", nargs="+", metavar="PATH")
    geoparse.add_argument("--json", action="store_true", help="one JSON object per mention")
    geoparse.set_defaults(func=_cmd_geoparse)

    explain = sub.add_parser("explain", help="for each sentence, the rules that fired and why a place is or is not a strike location")
    explain.add_argument("paths", nargs="+", metavar="PATH")
    explain.add_argument("--all", action="store_true", help="show the sentences no rule looked at too")
    explain.set_defaults(func=_cmd_explain)

    geocode = sub.add_parser("geocode", help="rank the places a name may mean")
    geocode.add_argument("name")
    geocode.add_argument("--country", help="ISO 3166-1 alpha-2 code of the likely country")
    geocode.add_argument("--limit", type=int, default=5)
    geocode.set_defaults(func=_cmd_geocode)

    for command in (run, review, geoparse, explain):
        command.add_argument("--region", action="append", type=_region_arg, metavar="CC[,CC...]",
                             help="the countries the articles are about (ISO codes such as UA or SY,IQ, or country "
                                  "names; repeatable): which of same-named places is meant, where the text does not "
                                  "say; an article's own 'Region:' line or 'region' field comes first")
    for command in (run, review, geoparse, geocode, explain):
        group = command.add_argument_group("online fallback (off by default)")
        group.add_argument("--online", choices=["nominatim"], help="ask this service for names the offline gazetteer lacks")
        group.add_argument("--online-domain", help="the service's host[:port] (e.g. a self-hosted Nominatim)")
        group.add_argument("--online-scheme", choices=["https", "http"], help="default https")
        group.add_argument("--online-delay", type=float, default=1.0, help="seconds between requests (default 1)")
        group.add_argument("--online-timeout", type=float, default=10.0, help="seconds to wait for an answer (default 10)")
    gazetteer = sub.add_parser("gazetteer", help="manage the gazetteer's user layers")
    gsub = gazetteer.add_subparsers(dest="gazetteer_command", required=True)
    imp = gsub.add_parser("import", help="add a GeoNames dump (SY.txt, allCountries.zip) or a CSV of places")
    imp.add_argument("file")
    imp.add_argument("--name", help="layer name (default: the file name)")
    imp.set_defaults(func=_cmd_gazetteer_import)
    dl = gsub.add_parser("download", help="fetch GeoNames' dumps of countries and import them: village-level coverage",
                         description="Fetch GeoNames' per-country dumps (every village, neighbourhood, district, site, "
                                     "mountain, area, river and wadi a strike report may name) and import each as the "
                                     "user layer geonames-CC. Downloads resume after a cut and are kept in the cache.")
    dl.add_argument("countries", nargs="+", metavar="CC", help="ISO 3166-1 alpha-2 codes: SY IQ YE UA ...")
    dl.add_argument("--alternate-names", action="store_true",
                    help="also fetch the countries' alternate names (every spelling, and the English name outputs show)")
    dl.add_argument("--refresh", action="store_true", help="download again even when the cache has the files")
    dl.add_argument("--url", help="GeoNames' dump folder or a mirror of it (default https://download.geonames.org/export/dump/)")
    dl.add_argument("--quiet", action="store_true", help="print nothing but errors")
    dl.set_defaults(func=_cmd_gazetteer_download)
    gsub.add_parser("list", help="the layers in use and their sizes").set_defaults(func=_cmd_gazetteer_list)

    vocabulary = sub.add_parser("vocab", help="manage the vocabularies' user layers (outlets, officials, armed groups ...)")
    vsub = vocabulary.add_subparsers(dest="vocab_command", required=True)
    vimp = vsub.add_parser("import", help="add a vocabulary file (actors.csv ...) or a CSV with a 'vocabulary' column")
    vimp.add_argument("file")
    vimp.add_argument("--name", help="layer name (default: the file name)")
    vimp.set_defaults(func=_cmd_vocab_import)
    vsub.add_parser("list", help="the vocabulary layers in use").set_defaults(func=_cmd_vocab_list)
    cache = sub.add_parser("cache", help="the results kept for files that have not changed since an earlier run")
    csub = cache.add_subparsers(dest="cache_command", required=True)
    csub.add_parser("clear", help="empty it: the next run reads every file").set_defaults(func=_cmd_cache_clear)
    csub.add_parser("info", help="where it is, how many results it holds, its size").set_defaults(func=_cmd_cache_info)
    return parser


def main(argv: list[str] | None = None) -> int:
    """The command line; ``argv`` None: the program's own (then the process ends after this)."""
    status = _main(argv)
    if argv is None:
        # The interpreter's last collection visits every object left (a loaded gazetteer's, the
        # claims' ...) only to free them as the process ends: frozen objects are passed over.
        gc.freeze()
    return status


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_FAILED
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("strikemap: interrupted", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # "strikemap geoparse ... | head": the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return EXIT_OK
    except Exception as exc:  # the user gets one clear line, not a traceback
        if args.debug:
            raise
        print(f"strikemap: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
