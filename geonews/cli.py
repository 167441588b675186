"""The ``geonews`` command: a thin click layer over the library.

Data goes to stdout, progress and diagnostics to stderr. Every error a user can
cause is a :class:`~geonews.errors.GeonewsError`, printed as one line
(``geonews: error: ...``) with a non-zero exit, never a traceback.
"""

from __future__ import annotations

import functools
import json
import logging
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TextIO

import click

from geonews import __version__
from geonews.errors import GeonewsError

__all__ = ["cli", "main"]


@dataclass
class Ctx:
    """Options shared by every command: the effective configuration and where each value came from."""

    verbosity: int
    cfg: dict[str, Any]
    sources: dict[str, str]
    errors: int = 0

    def settings(self) -> Any:
        from geonews.configfile import settings_from_config

        return settings_from_config(self.cfg)

    @property
    def cache_dir(self) -> Path:
        return Path(self.cfg["cache_dir"])

    @property
    def gazetteer(self) -> Path | None:
        return self.cfg["gazetteer"]

    @property
    def gazetteer_extra(self) -> Path | None:
        return self.cfg["gazetteer_extra"]

    def info(self, message: str) -> None:
        if self.verbosity >= 1:
            click.echo(message, err=True)

    def debug(self, message: str) -> None:
        if self.verbosity >= 2:
            click.echo(message, err=True)

    def warn(self, message: str) -> None:
        click.echo(f"geonews: {message}", err=True)

    def read_error(self, exc: GeonewsError) -> None:
        """One bad input (a file, a line, an article a worker died on): one line, and a non-zero exit at the end."""
        self.errors += 1
        click.echo(f"geonews: error: {exc}", err=True)


def _gazetteer_progress(ctx: Ctx) -> Callable[[str], None]:
    """One line when the gazetteer build starts; its steps too when a person watches a terminal."""
    steps = iter(range(1, 100))
    announced = False
    interactive = sys.stderr.isatty()

    def progress(step: str) -> None:
        nonlocal announced
        if ctx.verbosity < 1:
            return
        if not announced:
            click.echo("Building the offline gazetteer (first run only, about 20 s)…", err=True)
            announced = True
        if interactive or ctx.verbosity >= 2:
            click.echo(f"  [{next(steps)}/6] {step}", err=True)

    return progress


def _open(ctx: Ctx) -> Any:
    from geonews.pipeline import Geoparser

    return Geoparser.open(ctx.settings(), progress=_gazetteer_progress(ctx))


def _report(ctx: Ctx, geoparser: Any) -> None:
    stats = geoparser.stats()
    ctx.info(
        f"{stats.articles} article(s), {stats.mentions} mention(s), {stats.resolved} placed; "
        f"cache hit rate {stats.cache_hit_rate:.0%} ({stats.cache_hits} hits, {stats.cache_misses} misses), "
        f"{stats.gazetteer_lookups} gazetteer lookup(s)"
    )


#: A progress bar shows once a run has gone on this long (seconds): short runs stay quiet.
PROGRESS_DELAY = 2.0


def _progress(ctx: Ctx, results: Iterator[Any]) -> Iterator[Any]:
    """A progress bar of the articles done (tqdm, on stderr) when a person watches a terminal, not with -q.

    Silent in pipes and logs (stderr not a terminal) and for runs shorter than :data:`PROGRESS_DELAY`.
    """
    if ctx.verbosity < 1 or not sys.stderr.isatty():
        yield from results
        return
    from tqdm import tqdm  # a dependency of spaCy, so always there

    with tqdm(results, desc="geonews", unit=" article", file=sys.stderr, delay=PROGRESS_DELAY, leave=False,
              dynamic_ncols=True) as bar:
        yield from bar


def _finish(ctx: Ctx) -> None:
    if ctx.errors:
        raise click.exceptions.Exit(1)


def _articles(ctx: Ctx, paths: Sequence[str], options: Any = None) -> Iterator[Any]:
    from geonews.articles import iter_articles

    yield from iter_articles(paths, on_error=ctx.read_error, options=options)


_CORRECTIONS = click.option(
    "--corrections", "corrections", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
    help="Apply the readers' fixes in this JSON Lines file (repeatable; also `corrections = [...]` in geonews.toml).")


def _load_corrections(ctx: Ctx, files: Sequence[Path]) -> Any:
    """The corrections of geonews.toml and of ``files`` (a later file wins); a bad line is one error line."""
    from geonews.corrections import Corrections, load_corrections

    paths = [*ctx.cfg.get("corrections", ()), *files]
    loaded = [load_corrections(path, lambda problem: ctx.read_error(GeonewsError(problem))) for path in paths]
    return Corrections.of(c for file in loaded for c in file) if paths else None


_JOBS = click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True,
                     help="Worker processes (the model is loaded once and shared).")


def _input_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options that say how to read CSV files and web pages, and how big an input may be."""
    options = [
        click.option("--text-column", default="text", show_default=True, help="CSV column with the article text."),
        click.option("--title-column", default="title", show_default=True, help="CSV column with the title."),
        click.option("--id-column", default="id", show_default=True, help="CSV column with the article id."),
        click.option("--url-column", default="url", show_default=True, help="CSV column with the URL."),
        click.option("--date-column", default="date", show_default=True, help="CSV column with the date."),
        click.option("--csv-delimiter", help="CSV delimiter (default: guessed; tab for .tsv)."),
        click.option("--max-size", type=click.FloatRange(min=0), default=20.0, show_default=True,
                     help="Refuse input files larger than this many MB, 1 MB being 1,000,000 bytes (0: no limit)."),
        click.option("--no-trafilatura", is_flag=True, help="Read web pages with the standard library only."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _read_options(kwargs: dict[str, Any]) -> Any:
    """A :class:`geonews.articles.ReadOptions` from the options of :func:`_input_options` (removed from kwargs)."""
    from geonews.articles import ReadOptions

    max_size = kwargs.pop("max_size")
    return ReadOptions(
        text_column=kwargs.pop("text_column"),
        title_column=kwargs.pop("title_column"),
        id_column=kwargs.pop("id_column"),
        url_column=kwargs.pop("url_column"),
        date_column=kwargs.pop("date_column"),
        csv_delimiter=kwargs.pop("csv_delimiter"),
        max_bytes=int(max_size * 1_000_000) if max_size else None,
        use_trafilatura=not kwargs.pop("no_trafilatura"),
    )


@contextmanager
def _open_output(path: str | None) -> Iterator[TextIO]:
    """stdout for ``None``/``-`` (left open), else a file written atomically."""
    if path is None or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    from geonews.export import atomic_write

    with atomic_write(path) as stream:
        yield stream


# ----------------------------------------------------------------------------- root


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="geonews")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but results and errors.")
@click.option("-v", "--verbose", count=True, help="Say more (repeat for debug detail).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where the gazetteer index and the geocode cache live.  [default: cache]")
@click.option("--no-cache", is_flag=True, default=None, help="Do not read or write the geocode cache.")
@click.option("--gazetteer", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Use this prebuilt gazetteer index as it is (default: build one in the cache dir).")
@click.option("--gazetteer-extra", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Your own places (CSV: name,lat,lon,type,country,aliases), ranked above every other name.")
@click.option("--adjectives", is_flag=True, default=None,
              help="Also map adjectives and demonyms (\"russe\", \"Américains\") as mentions of their place.")
@click.option("--model", multiple=True, metavar="[LANG=]NAME",
              help="spaCy pipeline for recognition: LANG=NAME for one language (repeatable), NAME for every "
                   "language.  [default: fr_core_news_md for French, en_core_web_sm for English]")
@click.option("--lang", "lang", metavar="LANG",
              help="Language (fr, en) of the articles that do not give theirs.  [default: detected]")
@click.option("--trust-model", is_flag=True, default=None,
              help="Load a known model even if its weights differ from those geonews was tested with.")
@click.option("--online", metavar="PROVIDER",
              help="Ask an online geocoder (nominatim, photon, pelias, arcgis; off by default) for names the "
                   "gazetteer does not know. Needs --user-agent for Nominatim.")
@click.option("--user-agent", help="Your application's name and contact, sent to online geocoders.")
@click.option("--geocoder-url", help="Base URL of a self-hosted geocoder (e.g. your own Nominatim).")
@click.option("--disable-rule", "disable_rule", metavar="NAME", multiple=True,
              help="Switch a recognition rule off (repeatable; `geonews rules` lists them).")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: int, cache_dir: Path | None, no_cache: bool | None,
        gazetteer: Path | None, gazetteer_extra: Path | None, adjectives: bool | None, model: tuple[str, ...],
        lang: str | None, trust_model: bool | None, online: str | None, user_agent: str | None,
        geocoder_url: str | None, disable_rule: tuple[str, ...]) -> None:
    """geonews: map the places news articles mention, offline.

    Typical use: `geonews map seeds/` writes maps/<article>.html for every
    article and a combined map. Run `geonews COMMAND --help` for details.
    Settings come from the command line, then GEONEWS_* environment
    variables, then geonews.toml or [tool.geonews] in pyproject.toml
    (`geonews config` shows the result).
    """
    from geonews.configfile import effective_settings

    if geocoder_url and online is None:
        online = "nominatim"
    overrides = {
        "cache_dir": cache_dir, "use_cache": False if no_cache else None, "gazetteer": gazetteer,
        "gazetteer_extra": gazetteer_extra, "adjectives": adjectives or None, "model": ",".join(model) or None,
        "lang": lang, "trust_model": trust_model, "online": online, "user_agent": user_agent,
        "geocoder_url": geocoder_url,
    }
    cfg, sources = effective_settings(overrides)
    if disable_rule:  # added to those of [rules] disabled_rules
        before = (cfg.get("rules") or {}).get("disabled_rules", [])
        cfg, sources = effective_settings({**overrides, "rules": {"disabled_rules": [*before, *disable_rule]}})
    ctx.obj = Ctx(verbosity=0 if quiet else 1 + verbose, cfg=cfg, sources=sources)
    if ctx.obj.verbosity >= 2:  # -v: the details of faults that are otherwise one warning line (tracebacks)
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("geonews: debug: %(name)s: %(message)s"))
        log = logging.getLogger("geonews")
        log.addHandler(handler)
        log.setLevel(logging.DEBUG)
        ctx.call_on_close(lambda: log.removeHandler(handler))


@cli.command("config")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def config_command(ctx: Ctx, as_json: bool) -> None:
    """Print the effective settings and where each one comes from."""
    from geonews.configfile import format_settings

    click.echo(format_settings(ctx.cfg, ctx.sources, as_json=as_json))


# ----------------------------------------------------------------------------- map


def _map_failed(ctx: Ctx, path: Path, exc: Exception) -> None:
    """One line for a map that could not be rendered or written: ``geonews: error: <path>: <reason>``."""
    ctx.errors += 1
    if isinstance(exc, OSError) and exc.strerror:
        reason = exc.strerror
    else:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    click.echo(f"geonews: error: {path}: {reason}", err=True)


def _write_page(ctx: Ctx, path: Path, render: Callable[[], str]) -> bool:
    """Render and write one page; a failure is reported on one line and the run goes on (exit 1 at the end)."""
    from geonews.render import write_map

    try:
        write_map(render(), path)
    except Exception as exc:  # one map that fails never stops the others
        _map_failed(ctx, path, exc)
        return False
    return True


@cli.command("map")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the (combined) map to this file instead of maps/.")
@click.option("--maps-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Directory for the per-article maps.  [default: maps, or maps_dir in geonews.toml]")
@click.option("--combined/--no-combined", default=True, show_default=True,
              help="With several articles, also write maps/combined.html.")
@click.option("--title", help="Title shown on the combined map.")
@click.option("--color-by", type=click.Choice(["auto", "confidence", "article", "source"]), default="auto",
              show_default=True, help="Marker colours (auto: confidence for one article, else by article).")
@click.option("--cluster/--no-cluster", default=None, help="Cluster markers (default: from 200 places).")
@click.option("--no-panel", is_flag=True, help="No side panel of articles and places.")
@click.option("--no-areas", is_flag=True, help="Draw countries and regions as dots, not shaded areas.")
@click.option("--no-heatmap", is_flag=True, help="Do not offer the heat-map layer.")
@click.option("--no-timeline", is_flag=True, help="No date slider, even when articles carry dates.")
@click.option("--ui-lang", type=click.Choice(["auto", "fr", "en"]), default="auto", show_default=True,
              help="Language of the map's interface (auto: the language most of its articles are in).")
@click.option("--png", "png", type=click.Path(dir_okay=False, path_type=Path),
              help="Also save a PNG picture of the (combined) map (needs headless Chromium).")
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False, path_type=Path),
              help="Also save a PDF of the (combined) map (needs headless Chromium).")
@click.option("--snapshot-size", default="1200x800", show_default=True, help="Size of --png/--pdf, WIDTHxHEIGHT.")
@click.option("--snapshot-scale", type=click.FloatRange(0.5, 4), default=1.0, show_default=True,
              help="Pixel density of --png (2 for print).")
@click.option("--fragment", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write an HTML fragment of the map (a <geonews-map> element) to paste into another page.")
@click.option("--fragment-height", type=click.IntRange(100, 5000), default=480, show_default=True,
              help="Height of the --fragment map in pixels (its width follows the page).")
@click.option("--open", "open_browser", is_flag=True, help="Open the (combined) map in the default browser.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary (files written, counts) on stdout.")
@_JOBS
@_CORRECTIONS
@_input_options
@click.pass_obj
def map_command(ctx: Ctx, paths: tuple[str, ...], output: Path | None, maps_dir: Path | None, combined: bool,
                title: str | None, color_by: str, cluster: bool | None, no_panel: bool, no_areas: bool,
                no_heatmap: bool, no_timeline: bool, ui_lang: str, png: Path | None, pdf: Path | None,
                snapshot_size: str, snapshot_scale: float, fragment: Path | None, fragment_height: int,
                open_browser: bool, as_json: bool, jobs: int, corrections: tuple[Path, ...],
                **input_options: Any) -> None:
    """Write interactive HTML maps of the places in PATHS.

    PATHS are article files (.txt, .md: first line is the title; .jsonl,
    .json), directories of them, glob patterns, or - for stdin. One map per
    article goes to MAPS_DIR/<article>.html; several articles also give a
    combined map. Maps are self-contained and work offline. A map that
    cannot be written is reported and the others are still written.
    """
    maps_dir = maps_dir or Path(ctx.cfg["maps_dir"])
    from geonews.aggregate import by_place
    from geonews.render import render_map
    from geonews.render.basemap import label_index, labels_for
    from geonews.render.filenames import map_file_names

    fixes = _load_corrections(ctx, corrections)
    with _open(ctx) as geoparser:
        geoparser.corrections, geoparser.on_problem = fixes, ctx.warn
        articles = _articles(ctx, paths, _read_options(input_options))
        results = list(_progress(ctx, geoparser.parse(articles, jobs=jobs, on_error=ctx.read_error)))
        _report(ctx, geoparser)
        run = geoparser.stats()
        towns = label_index(geoparser.gazetteer) if results else None  # the town names of the maps, read once
    if not results:
        raise GeonewsError("no article could be read")
    _draw = functools.partial(render_map, color_by=color_by, cluster=cluster, panel=not no_panel, areas=not no_areas,
                              heatmap=not no_heatmap, timeline=not no_timeline,
                              ui_lang=None if ui_lang == "auto" else ui_lang)

    def draw(summaries: Any, arts: dict[str, Any], *, title: str) -> str:
        langs = Counter(a.lang or "fr" for a in arts.values())
        lang = langs.most_common(1)[0][0] if langs else "fr"
        labels = labels_for(towns, summaries, lang=lang) if towns is not None else ()
        return _draw(summaries, arts, title=title, labels=labels)

    def article_map(r: Any) -> Callable[[], str]:
        # a per-article map holds its own article only: its size does not depend on the batch
        return lambda: draw(by_place([r]), {r.article.id: r.article}, title=r.article.title or r.article.id)

    written: list[Path] = []
    main_map: Path | None = None
    if len(results) == 1 and output is not None:
        if _write_page(ctx, output, article_map(results[0])):
            written.append(main_map := output)
    else:
        pages: list[tuple[Any, str]] = []  # (result, file name) of each article map written
        for r, name in zip(results, map_file_names(r.article.id for r in results), strict=True):
            if _write_page(ctx, maps_dir / name, article_map(r)):
                written.append(main_map := maps_dir / name)
                pages.append((r, name))
        combined_written = False
        if len(results) > 1 and (combined or output is not None):
            path = output or maps_dir / "combined.html"
            by_id = {r.article.id: r.article for r in results}
            combined_written = _write_page(ctx, path, lambda: draw(
                by_place(results), by_id, title=title or f"{len(results)} articles"))
            main_map = path if combined_written else None  # the extras are of the combined map, or of none
            if combined_written:
                written.append(path)
        if len(results) > 1 and output is None:
            index = _write_index(ctx, pages, results, maps_dir, combined=combined_written, title=title,
                                 ui_lang=None if ui_lang == "auto" else ui_lang)
            if index is not None:
                written.append(index)
    for path in written:
        ctx.info(f"wrote {path}")
    if main_map is not None:
        _map_extras(ctx, main_map, png=png, pdf=pdf, snapshot_size=snapshot_size, snapshot_scale=snapshot_scale,
                    fragment=fragment, fragment_height=fragment_height,
                    open_browser=open_browser)
    if as_json:
        extras = [str(p) for p in (png, pdf, fragment) if p is not None]
        click.echo(json.dumps({
            "maps": [str(p) for p in written], "files": extras, "articles": run.articles, "mentions": run.mentions,
            "placed": run.resolved, "places": len(by_place(results)), "errors": ctx.errors,
            "cache_hit_rate": round(run.cache_hit_rate, 3),
        }))
    _finish(ctx)


def _write_index(ctx: Ctx, pages: Sequence[tuple[Any, str]], results: Sequence[Any], maps_dir: Path, *,
                 combined: bool, title: str | None, ui_lang: str | None = None) -> Path | None:
    """maps/index.html: the combined map and each article map written (``pages``: result, file name).

    Each row gives the article's title, date and place count, and its id next to its file name.
    """
    from geonews.aggregate import by_place
    from geonews.render.index_page import IndexEntry, render_index

    def page() -> str:
        entries = [
            IndexEntry.from_summaries(name, r.article.title or r.article.id, by_place([r]), date=r.article.date,
                                      article_id=r.article.id)
            for r, name in pages
        ]
        if combined:
            entries.insert(0, IndexEntry.from_summaries("combined.html", title or "All articles",
                                                        by_place(results), combined=True))
        from geonews.render.i18n import ui_lang_of

        lang = ui_lang or ui_lang_of(r.article for r in results)
        return render_index(entries, title=title or "geonews maps", ui_lang=lang)

    path = maps_dir / "index.html"
    return path if _write_page(ctx, path, page) else None


def _map_extras(ctx: Ctx, html_path: Path, *, png: Path | None, pdf: Path | None, snapshot_size: str,
                fragment: Path | None, open_browser: bool, snapshot_scale: float = 1.0,
                fragment_height: int = 480) -> None:
    """Pictures, fragment and browser for the map just written."""
    if png or pdf:
        from geonews.errors import ConfigurationError
        from geonews.render.snapshot import snapshot

        try:
            width, height = (int(v) for v in snapshot_size.lower().split("x"))
        except ValueError as exc:
            raise ConfigurationError(f"--snapshot-size must be WIDTHxHEIGHT, got {snapshot_size!r}") from exc
        for out in (png, pdf):
            if out is not None:
                snapshot(html_path, out, width=width, height=height, scale=snapshot_scale)
                ctx.info(f"wrote {out}")
    if fragment is not None:
        from geonews.render import write_map
        from geonews.render.embed import fragment as to_fragment

        page = html_path.read_text(encoding="utf-8")
        write_map(to_fragment(page, height_px=fragment_height), fragment)  # atomic, like every output
        ctx.info(f"wrote {fragment}")
    if open_browser:
        import webbrowser

        webbrowser.open(html_path.resolve().as_uri())


# ----------------------------------------------------------------------------- extract / resolve


#: formats written by geonews[geo] to a file (-o), not a stream
_FILE_FORMATS = {"gpkg": "GeoPackage", "kml": "KML"}


def _check_output(fmt: str, output: str | None) -> None:
    """Before any work: a GeoPackage or KML needs -o FILE and the geo extra."""
    if fmt not in _FILE_FORMATS:
        return
    from geonews.errors import ConfigurationError
    from geonews.frames import require

    if output is None or output == "-":
        raise ConfigurationError(f"--format {fmt} writes a {_FILE_FORMATS[fmt]} file: give one with -o FILE")
    require()


def _write_results(ctx: Ctx, results: Iterator[Any], fmt: str, output: str | None, data_version: str) -> int:
    from geonews.aggregate import by_place
    from geonews.export import csv_rows, result_to_record, summaries_to_geojson, write_csv

    count = 0

    def counted(items: Iterator[Any]) -> Iterator[Any]:
        nonlocal count
        for item in items:
            count += 1
            yield item

    if fmt in _FILE_FORMATS:  # the whole table, written by GDAL (through GeoPandas and pyogrio)
        from geonews.frames import write_geopackage, write_kml

        _check_output(fmt, output)
        assert output is not None
        write = write_geopackage if fmt == "gpkg" else write_kml
        write(counted(results), output)
        return count
    with _open_output(output) as out:
        if fmt == "jsonl":
            for r in counted(results):
                out.write(json.dumps(result_to_record(r, data_version=data_version), ensure_ascii=False) + "\n")
        elif fmt == "csv":  # streamed too: the rows of each article as soon as it is done
            write_csv(csv_rows(counted(results)), out)
        else:  # GeoJSON aggregates per place: it needs every article first
            collected = list(counted(results))
            articles = {r.article.id: r.article for r in collected}
            unplaced = [res for r in collected for res in r.resolutions if res.place is None]
            fc = summaries_to_geojson(by_place(collected), articles, data_version=data_version, unplaced=unplaced)
            out.write(json.dumps(fc, ensure_ascii=False) + "\n")
    return count


_FORMAT = click.option("-f", "--format", "fmt", type=click.Choice(["jsonl", "geojson", "csv", "gpkg", "kml"]),
                       default="jsonl", show_default=True,
                       help="Output format (gpkg and kml: a file, -o, and geonews[geo]).")
_OUTPUT = click.option("-o", "--output", help="Output file (default: stdout).")


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@_FORMAT
@_OUTPUT
@_JOBS
@click.option("--dask-scheduler", metavar="ADDRESS",
              help="Run on a dask.distributed cluster (e.g. tcp://10.0.0.5:8786): same output, same order. "
                   "Needs geonews[dask].")
@_CORRECTIONS
@_input_options
@click.pass_obj
def extract_command(ctx: Ctx, paths: tuple[str, ...], fmt: str, output: str | None, jobs: int,
                    dask_scheduler: str | None, corrections: tuple[Path, ...], **input_options: Any) -> None:
    """Find and resolve the places in PATHS; print them as JSONL, GeoJSON or CSV (or write a GeoPackage or KML).

    JSONL gives one line per document: {"id", "places": [{"start", "end",
    "name", "lat", "lon", "geonameid", "feature", "confidence",
    "metonymic", ...}]} with offsets into the input text.
    """
    _check_output(fmt, output)
    read_options = _read_options(input_options)
    fixes = _load_corrections(ctx, corrections)
    if dask_scheduler is not None:
        from geonews.cluster import ClusterParser
        from geonews.errors import ConfigurationError

        if fixes:
            raise ConfigurationError("--corrections does not apply with --dask-scheduler yet: run without it")
        if jobs > 1:
            raise ConfigurationError("--jobs does not apply with --dask-scheduler (the dask workers are the processes)")
        runner: Any = ClusterParser.connect(dask_scheduler, settings=ctx.settings())
        parse: Callable[[Iterator[Any]], Iterator[Any]] = runner.parse
    else:
        runner = _open(ctx)
        runner.corrections, runner.on_problem = fixes, ctx.warn
        parse = functools.partial(runner.parse, jobs=jobs, on_error=ctx.read_error)
    with runner:
        articles = _articles(ctx, paths, read_options)
        _write_results(ctx, _progress(ctx, parse(articles)), fmt, output, runner.data_version)
        _report(ctx, runner)
    _finish(ctx)


@cli.command("resolve")
@click.argument("gold", type=click.Path(dir_okay=False))
@_FORMAT
@_OUTPUT
@click.pass_obj
def resolve_command(ctx: Ctx, gold: str, fmt: str, output: str | None) -> None:
    """Resolve the place spans already marked in GOLD (JSONL with "places").

    Each document's "places" entries need "start" and "end"; the output has
    the same shape as `geonews extract`, with coordinates filled in, using the
    whole document as context. No language model is loaded.
    """
    from geonews.articles import read_gold_documents

    _check_output(fmt, output)
    with _open(ctx) as geoparser:
        docs = read_gold_documents(gold, on_error=ctx.read_error)
        _write_results(ctx, geoparser.resolve_spans(docs), fmt, output, geoparser.data_version)
        _report(ctx, geoparser)
    _finish(ctx)


@cli.command("evaluate")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("-p", "--predictions", type=click.Path(dir_okay=False, exists=True),
              help="Score this JSONL output instead of running geonews on GOLD.")
@click.option("--mode", type=click.Choice(["extract", "resolve"]), default="extract", show_default=True,
              help="extract: find and resolve places (end to end); resolve: use GOLD's spans.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
def evaluate_command(ctx: Ctx, gold: str, predictions: str | None, mode: str, as_json: bool) -> None:
    """Score geonews on annotated documents (GOLD: JSONL with "places").

    Prints recognition precision/recall/F1 (exact and overlapping spans),
    resolution accuracy within 161 km, median and mean error, AUC, and
    accuracy by place type. Gold places may carry "tolerance_km".
    """
    from geonews.articles import read_gold_documents
    from geonews.evaluate import evaluate, format_report, report_to_dict
    from geonews.export import result_to_record

    documents = list(read_gold_documents(gold, on_error=ctx.read_error))
    gold_places = {a.id: places for a, places in documents}
    if predictions is not None:
        from geonews.articles import read_predictions

        pred_places = dict(read_predictions(predictions, on_error=ctx.read_error))
    else:
        with _open(ctx) as geoparser:
            results = (geoparser.resolve_spans(documents) if mode == "resolve"
                       else geoparser.parse(a for a, _ in documents))
            pred_places = {r.article.id: result_to_record(r)["places"] for r in results}
            _report(ctx, geoparser)
    report = evaluate(gold_places, pred_places)
    if as_json:
        click.echo(json.dumps(report_to_dict(report), ensure_ascii=False))
    else:
        click.echo(format_report(report))
    _finish(ctx)


# ----------------------------------------------------------------------------- geocode


@cli.command("geocode")
@click.argument("name")
@click.option("-c", "--context", "context", multiple=True,
              help="Other places the text mentions, e.g. --context Russie --context Primorié "
                   "(comma-separated lists work too).")
@click.option("--lang", default="fr", show_default=True, help="Language of the text the name comes from.")
@click.option("-n", "--limit", default=5, show_default=True, type=click.IntRange(1, 100),
              help="How many candidates to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_obj
def geocode_command(ctx: Ctx, name: str, context: tuple[str, ...], lang: str, limit: int, as_json: bool) -> None:
    """Show the ranked candidate places for NAME, with scores and reasons."""
    from geonews.resolve.scoring import confidence

    names = [part.strip() for item in context for part in item.split(",") if part.strip()]
    with _open(ctx) as geoparser:
        ranked = geoparser.geocode(name, context=names, lang=lang)
    if not ranked:
        raise GeonewsError(f"no place named {name!r} in the gazetteer")
    conf = confidence(ranked)
    if as_json:
        rows = [
            {"rank": i + 1, "name": c.place.display_name, "id": c.place.id, "feature": c.place.feature,
             "country_code": c.place.country_code, "lat": c.place.point.lat, "lon": c.place.point.lon,
             "score": c.score, "reasons": list(c.reasons)}
            for i, c in enumerate(ranked[:limit])
        ]
        click.echo(json.dumps({"query": name, "confidence": round(conf, 3), "candidates": rows}, ensure_ascii=False))
        return
    click.echo(f"{name}: {len(ranked)} candidate(s), confidence in the first {conf:.0%}")
    for i, c in enumerate(ranked[:limit], 1):
        p = c.place
        click.echo(f"{i:>2}. {c.score:6.2f}  {p.display_name} [{p.feature}, {p.country_code or '-'}] "
                   f"{p.point.lat:.4f}, {p.point.lon:.4f}  ({p.id})")
        click.echo(f"      {'; '.join(c.reasons)}")


# ----------------------------------------------------------------------------- rules and explain


@cli.command("rules")
@click.pass_obj
def rules_command(ctx: Ctx) -> None:
    """List the recognition rules and the ranking features, with what each does.

    Rules: name, phase (propose, refine, drop), languages, the class of text
    it was made for, description; `off` marks one switched off
    (--disable-rule, or disabled_rules under [rules] in geonews.toml).
    """
    from geonews.extract.rules import format_rules
    from geonews.resolve.features import format_features

    disabled = ctx.settings().disabled_rules
    resolver = ctx.settings().resolver
    click.echo("Recognition rules (name, phase, languages, text class, description):")
    click.echo(format_rules(disabled))
    click.echo("")
    click.echo("Ranking features (name, kind, description):")
    click.echo(format_features(resolver.disabled if resolver is not None else ()))


@cli.command("explain")
@click.argument("source")
@click.option("-n", "--limit", default=3, show_default=True, type=click.IntRange(1, 100),
              help="How many candidates to show per place.")
@click.pass_obj
def explain_command(ctx: Ctx, source: str, limit: int) -> None:
    """Show why each place of SOURCE (a text, or a file of articles) was found and ranked.

    For each span: the rules that proposed, refined or dropped it. For each
    place: its best candidates and every ranking feature's contribution.
    """
    from geonews.extract import mentions_from_entities, recognise
    from geonews.extract.nlp import pipeline_scheme
    from geonews.extract.rules import TraceEvent
    from geonews.model import Article
    from geonews.resolve.disambiguate import explain_candidates, format_explanation

    settings = ctx.settings()
    try:
        is_file = "\n" not in source and Path(source).is_file()
    except OSError:  # a text too long to be a file name
        is_file = False
    if is_file:
        articles = list(_articles(ctx, [source]))
    else:
        from geonews.articles import normalize_text

        articles = [Article(id="text", text=normalize_text(source))]
    with _open(ctx) as geoparser:
        for article in articles:
            if settings.lang and not article.lang:
                article = replace(article, lang=settings.lang)
            nlp = geoparser.recognisers.get(geoparser.lang_of(article))
            entities = recognise(nlp, [article.text])[0]
            trace: list[TraceEvent] = []
            mentions = mentions_from_entities(article, entities, lookup=geoparser.offline.lookup,
                                              disabled=settings.disabled_rules, trace=trace,
                                              scheme=pipeline_scheme(nlp))
            if not settings.adjectives:
                mentions = [m for m in mentions if m.kind != "adjective"]
            click.echo(f"== {article.id}")
            click.echo("Recogniser: " + (", ".join(f"{label} {article.text[a:b]!r}" for a, b, label in entities)
                                         or "no entity"))
            click.echo("Rules:")
            for event in trace:
                click.echo(f"  {event}")
            click.echo("Places:")
            for explanation in explain_candidates(article, mentions, source=geoparser.source,
                                                  settings=settings.resolver, limit=limit):
                click.echo(format_explanation(explanation))
    _finish(ctx)


# ----------------------------------------------------------------------------- gazetteer


@cli.group("corrections")
def corrections_group() -> None:
    """Readers' fixes of the map (JSON Lines files; see README, "Correcting a map")."""


@corrections_group.command("merge")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The merged corrections file to write.")
@click.pass_obj
def corrections_merge(ctx: Ctx, files: tuple[Path, ...], output: Path) -> None:
    """Merge corrections FILES into one (a later file wins); conflicts are listed on stderr."""
    from geonews.corrections import load_corrections, merge_corrections
    from geonews.export import atomic_write

    loaded = [load_corrections(path, lambda problem: ctx.read_error(GeonewsError(problem))) for path in files]
    merged, conflicts = merge_corrections(loaded)
    for conflict in conflicts:
        ctx.warn(f"conflict: {conflict}")
    with atomic_write(output) as stream:  # atomic, like every output
        stream.writelines(c.to_json() + "\n" for c in merged)
    ctx.info(f"wrote {output} ({len(merged)} correction(s), {len(conflicts)} conflict(s))")
    _finish(ctx)


@cli.group("gazetteer")
def gazetteer_group() -> None:
    """Build, inspect and search the offline gazetteer index."""


@gazetteer_group.command("build")
@click.option("--force", is_flag=True, help="Rebuild even when the index is up to date.")
@click.pass_obj
def gazetteer_build(ctx: Ctx, force: bool) -> None:
    """Build the index from the installed data packages (done on first use anyway)."""
    import time

    from geonews.gazetteer.build import build_index, ensure_index

    path = ctx.settings().gazetteer_path
    started = time.perf_counter()
    if force:
        counts = build_index(path, progress=_gazetteer_progress(ctx))
        ctx.info(f"built {path}: {counts['places']} places, {counts['names']} names "
                 f"in {time.perf_counter() - started:.1f} s")
    elif ensure_index(path, progress=_gazetteer_progress(ctx)):
        ctx.info(f"built {path} in {time.perf_counter() - started:.1f} s")
    else:
        ctx.info(f"{path} is up to date")


@gazetteer_group.command("info")
@click.pass_obj
def gazetteer_info(ctx: Ctx) -> None:
    """Print the index's data version, sources and counts per feature type."""
    from geonews.gazetteer.store import Gazetteer

    path = ctx.settings().gazetteer_path
    with Gazetteer(path) as gaz:
        click.echo(f"path: {path} ({path.stat().st_size / 1e6:.1f} MB)")
        for key in ("data_version", "built_at", "places", "names", "attribution"):
            click.echo(f"{key}: {gaz.meta.get(key, '-')}")
        for feature, count in gaz.stats().items():
            click.echo(f"  {feature}: {count}")


@gazetteer_group.command("search")
@click.argument("name")
@click.option("-n", "--limit", default=10, show_default=True, type=click.IntRange(1, 500))
@click.pass_obj
def gazetteer_search(ctx: Ctx, name: str, limit: int) -> None:
    """List the places the index knows under NAME (no ranking by context)."""
    from geonews.gazetteer.build import ensure_index
    from geonews.gazetteer.store import Gazetteer

    path = ctx.settings().gazetteer_path
    if ctx.gazetteer is None:
        ensure_index(path, progress=_gazetteer_progress(ctx))
    extra = None
    if ctx.gazetteer_extra is not None:
        from geonews.gazetteer.extra import ensure_extra_index

        extra = ensure_extra_index(ctx.gazetteer_extra, ctx.cache_dir)
    with Gazetteer(path, extra=extra) as gaz:
        matches = gaz.lookup(name, limit=limit)
    if not matches:
        raise GeonewsError(f"no place named {name!r} in the gazetteer")
    for m in matches:
        p = m.place
        click.echo(f"{p.id:<16} {p.display_name} [{p.feature}, {p.country_code or '-'}] "
                   f"{p.point.lat:.4f}, {p.point.lon:.4f} pop {p.population} ({m.tier}: {m.matched_name})")


# ----------------------------------------------------------------------------- cache


@cli.group("cache")
def cache_group() -> None:
    """Inspect, share (export/import) or clear the geocode cache."""


@cache_group.command("stats")
@click.pass_obj
def cache_stats(ctx: Ctx) -> None:
    """Print the number of cached answers and the file size."""
    from geonews.cache import GeocodeCache

    with GeocodeCache(ctx.settings().geocode_cache_path) as cache:
        s = cache.stats()
        last = cache.last_run()
    click.echo(f"path: {s.path}\nentries: {s.entries}\nnegatives: {s.negatives}\nsize: {s.size_bytes} bytes")
    if last:
        lookups = last.get("cache_hits", 0) + last.get("cache_misses", 0)
        rate = last.get("cache_hits", 0) / lookups if lookups else 0.0
        click.echo(f"last run ({last.get('at', '?')}): {last.get('articles', 0)} article(s), "
                   f"{last.get('cache_hits', 0)} cache hits, {last.get('cache_misses', 0)} misses "
                   f"(hit rate {rate:.0%}), {last.get('gazetteer_lookups', 0)} gazetteer lookup(s)")


@cache_group.command("export")
@click.option("-o", "--output", help="File to write (default: stdout).")
@click.pass_obj
def cache_export(ctx: Ctx, output: str | None) -> None:
    """Write every cached answer as JSON Lines (to share a cache with a team)."""
    from geonews.cache import GeocodeCache

    with GeocodeCache(ctx.settings().geocode_cache_path) as cache, _open_output(output) as out:
        count = cache.export_jsonl(out)
    ctx.info(f"exported {count} entries")


@cache_group.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--on-conflict", type=click.Choice(["newer", "replace", "keep"]), default="newer", show_default=True,
              help="What to do with a query the cache already answers.")
@click.pass_obj
def cache_import(ctx: Ctx, file: TextIO, on_conflict: str) -> None:
    """Add the answers of a `geonews cache export` file (- for stdin)."""
    from geonews.cache import GeocodeCache

    with GeocodeCache(ctx.settings().geocode_cache_path) as cache:
        count = cache.import_jsonl(file, on_conflict=on_conflict)
    ctx.info(f"imported {count} entries")


@cache_group.command("clear")
@click.pass_obj
def cache_clear(ctx: Ctx) -> None:
    """Forget every cached answer."""
    from geonews.cache import GeocodeCache

    with GeocodeCache(ctx.settings().geocode_cache_path) as cache:
        cache.clear()
    ctx.info("cache cleared")


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: TextIO | None = None, line: str | None = None) -> None:
    """Warnings for the user reach them as one line each; deprecations go to the usual display."""
    if issubclass(category, DeprecationWarning | PendingDeprecationWarning):
        _default_showwarning(message, category, filename, lineno, file, line)
        return
    click.echo(f"geonews: warning: {message}", err=True)


_default_showwarning = warnings.showwarning


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point: run the CLI, turning geonews errors into one line."""
    with warnings.catch_warnings():  # restored on return: the process's warning display is left as it was
        warnings.showwarning = _show_warning
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    try:
        rc = cli.main(args=list(argv) if argv is not None else None, prog_name="geonews", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code or 0)
    except click.exceptions.Abort:
        click.echo("geonews: aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except GeonewsError as exc:
        click.echo(f"geonews: error: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("geonews: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    return rc if isinstance(rc, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
