"""Wiring of the stages: the only module that knows them all.

    read -> extract -> candidates -> disambiguate -> (aggregate -> render/export)

:class:`Geoparser` owns the stores for one run (the read-only gazetteer, the
geocode cache, the spaCy pipeline loaded once on first use) and hands them to
the pure stages. No printing, no click, no folium here.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from types import TracebackType
from typing import TYPE_CHECKING, Any

from geonews.cache import GeocodeCache
from geonews.config import Settings
from geonews.errors import ConfigurationError, GeonewsError
from geonews.extract import chunks, extract_mentions, mentions_from_entities, mentions_from_spans
from geonews.extract.labels import LabelScheme
from geonews.extract.lang import model_lang, with_lang
from geonews.extract.nlp import Recognisers
from geonews.gazetteer.build import ensure_index
from geonews.gazetteer.normalize import normalize_name
from geonews.gazetteer.store import Gazetteer, NameMatch
from geonews.model import Article, ArticleResult, Candidate, Mention
from geonews.resolve.disambiguate import rank_article, resolve_article
from geonews.resolve.sources import CachedSource, CandidateSource, GazetteerSource

if TYPE_CHECKING:
    from spacy.language import Language

    from geonews.corrections import Corrections
    from geonews.resolve.online import RequestGate

def _warn(message: str) -> None:
    import warnings

    warnings.warn(message, stacklevel=3)


__all__ = ["GROUP_BATCHES", "MEMO_NAMES", "ZONE_BATCHES", "Geoparser", "MemoSource", "RunStats"]

#: The name under which a pipeline passed to :class:`Geoparser` (``nlp=``) is known.
_GIVEN = "(given pipeline)"
#: How much :class:`MemoSource` remembers, counted as one per name plus one per place it names
#: (least recently used first out): some 30 MB at most; a typical name and its places take 650 bytes.
MEMO_NAMES = 40_000
#: spaCy batches run inside one memory zone: the strings and lexemes of new words, and the
#: tokenizer's cache, are freed after each zone, so a long run's memory stays flat. A zone's
#: words are made again in the next one, so zones are long (4,096 articles, some 10-40 MB of words).
ZONE_BATCHES = 256
#: spaCy batches run back to back before the span rules and the resolver take their articles
#: (see :func:`geonews.extract.extract_mentions`): 256 articles, results still streamed.
GROUP_BATCHES = 16


@dataclass(frozen=True, slots=True)
class RunStats:
    """What a run did, for ``--verbose`` and scripts."""

    articles: int
    mentions: int
    resolved: int
    cache_hits: int
    cache_misses: int
    gazetteer_lookups: int

    @property
    def cache_hit_rate(self) -> float:
        total = self.cache_hits + self.cache_misses
        return self.cache_hits / total if total else 0.0


class MemoSource:
    """The latest answers of a candidate source, kept in memory (a bounded LRU).

    Lookups by name are context-free (see :mod:`geonews.resolve.sources`), so an
    answer is right for every article; this saves the cache and the gazetteer
    from the names every article repeats ("France", "Paris", "Etat"). ``size``
    bounds the names plus the places they name, so a few names with many
    namesakes cannot fill the memory. Callers get a fresh list each time.

        >>> class Counting:
        ...     calls = 0
        ...     def lookup(self, name):
        ...         self.calls += 1
        ...         return []
        >>> inner = Counting()
        >>> memo = MemoSource(inner, size=2)
        >>> for name in ("Paris", "Paris", "Lyon", "Nice", "Paris"):
        ...     _ = memo.lookup(name)
        >>> inner.calls, len(memo)
        (4, 2)
    """

    def __init__(self, inner: CandidateSource, *, size: int = MEMO_NAMES) -> None:
        self.inner = inner
        self.size = size
        self._answers: OrderedDict[str, tuple[NameMatch, ...]] = OrderedDict()
        self._weight = 0

    def __len__(self) -> int:
        return len(self._answers)

    def lookup(self, name: str) -> list[NameMatch]:
        answers = self._answers
        found = answers.get(name)
        if found is not None:
            answers.move_to_end(name)
            return list(found)
        matches = self.inner.lookup(name)
        answers[name] = tuple(matches)
        self._weight += 1 + len(matches)
        while self._weight > self.size:
            _, dropped = answers.popitem(last=False)
            self._weight -= 1 + len(dropped)
        return list(matches)


class Geoparser:
    """A geoparsing session: stores opened once, articles streamed through.

    Use :meth:`open` to build the gazetteer if needed and open the cache, or
    pass stores in yourself (tests pass a small index and no cache). With
    ``parse(..., jobs=N)`` each worker process reopens the stores (see
    :meth:`worker_settings`); :meth:`open` and :meth:`parse_stream` are what a
    worker uses.
    """

    def __init__(
        self,
        *,
        gazetteer: Gazetteer,
        cache: GeocodeCache | None = None,
        settings: Settings | None = None,
        nlp: Language | None = None,
        online: CandidateSource | None = None,
        recognisers: Recognisers | None = None,
        corrections: Corrections | None = None,
        on_problem: Callable[[str], None] | None = None,
    ) -> None:
        self.settings = settings or Settings()
        #: readers' fixes (see :mod:`geonews.corrections`), applied to every result :meth:`parse` gives
        self.corrections = corrections
        #: where a correction that no longer matches is reported (default: a Python warning)
        self.on_problem = on_problem or _warn
        self.gazetteer = gazetteer
        self.cache = cache
        #: the online geocoder behind the gazetteer, if any
        self.online = online
        s = self.settings
        if recognisers is None and nlp is not None:  # one given pipeline reads every language
            recognisers = Recognisers(model=_GIVEN, loaded={_GIVEN: nlp})
        #: the spaCy pipelines, one per language, loaded on first need (see geonews.extract.nlp)
        self.recognisers = recognisers or Recognisers(model=s.model, models=s.models, trust=s.trust_model)
        #: whether the stores are the ones ``settings`` names (made by :meth:`open`), so a worker can reopen them
        self._stores_from_settings = False
        base = GazetteerSource(gazetteer)
        self._cached: CachedSource | None = CachedSource(base, cache) if cache is not None else None
        #: the offline source: the gazetteer (through the cache and a bounded memo); the ruler only ever asks this one
        self.offline: CandidateSource = MemoSource(self._cached or base)
        self.source: CandidateSource = self.offline
        if online is not None:
            from geonews.resolve.online import FallbackSource

            self.source = FallbackSource(self.offline, online)
        self._articles = 0
        self._mentions = 0
        self._resolved = 0
        self._zone: contextlib.ExitStack | None = None  # the open spaCy memory zones (see parse_stream)
        self._zoned: set[int] = set()  # the pipelines whose zone is open in it
        self._zone_articles = 0

    @classmethod
    def open(
        cls, settings: Settings, *, nlp: Language | None = None, progress: Callable[[str], None] | None = None,
        recognisers: Recognisers | None = None,
    ) -> Geoparser:
        """Open the stores named by ``settings``, building the gazetteer on first use.

        ``nlp`` is a spaCy pipeline already loaded, used for every language;
        ``recognisers`` are the pipelines of each language, some loaded (a
        worker gets its parent's); by default each language's model (as
        ``settings`` choose) is loaded when an article first needs it.
        """
        if settings.gazetteer_file is None:  # a given index file is used as it is
            ensure_index(settings.gazetteer_path, progress=progress)
        extra = None
        if settings.gazetteer_extra is not None:
            from geonews.gazetteer.extra import ensure_extra_index

            extra = ensure_extra_index(settings.gazetteer_extra, settings.cache_dir)
        gazetteer = Gazetteer(settings.gazetteer_path, extra=extra)
        cache = GeocodeCache(settings.geocode_cache_path) if settings.use_cache else None
        online = None
        if settings.online:  # geopy is imported only when the user asked for it
            from geonews.resolve.online import online_source_from_config

            online = online_source_from_config(settings.online, cache=cache)
        geoparser = cls(gazetteer=gazetteer, cache=cache, settings=settings, nlp=nlp, online=online,
                        recognisers=recognisers)
        geoparser._stores_from_settings = True
        return geoparser

    # lifecycle ------------------------------------------------------------------------
    def close(self) -> None:
        self._leave_zone()
        if self.cache is not None and self._articles:
            s = self.stats()
            self.cache.record_run({
                "articles": s.articles, "mentions": s.mentions, "resolved": s.resolved, "cache_hits": s.cache_hits,
                "cache_misses": s.cache_misses, "gazetteer_lookups": s.gazetteer_lookups,
                "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            })
        self.gazetteer.close()
        if self.cache is not None:
            self.cache.close()

    def __enter__(self) -> Geoparser:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def nlp(self) -> Language:
        """The French (default) spaCy pipeline, loaded on first use (``resolve`` never needs it)."""
        return self.recognisers.get(self.settings.lang or "fr")

    def lang_of(self, article: Article) -> str:
        """The language whose recogniser reads ``article``: its ``lang``, else ``--lang``, else detected."""
        return model_lang(with_lang(article, self.settings.lang).lang) or "fr"

    @property
    def data_version(self) -> str:
        return self.gazetteer.data_version

    def worker_settings(self) -> Settings:
        """The settings from which a worker process opens the same stores as this geoparser.

        Stores passed to the constructor are reopened from their files: the
        gazetteer index (``gazetteer_file``) and the geocode cache
        (``geocode_cache_file``; no cache if none was given), with no online
        geocoder if none was given. Raises :class:`ConfigurationError` for what
        a worker cannot reopen: an online geocoder or a gazetteer with an extra
        index passed in.
        """
        if self._stores_from_settings:
            return self.settings
        if self.online is not None:
            raise ConfigurationError("the worker processes of jobs > 1 cannot reopen an online geocoder passed to "
                                     "Geoparser(online=...): use Geoparser.open with settings.online")
        if self.gazetteer.extra is not None:
            raise ConfigurationError(f"the worker processes of jobs > 1 cannot reopen the extra index "
                                     f"{self.gazetteer.extra} of a gazetteer passed to Geoparser(gazetteer=...): "
                                     "use Geoparser.open with settings.gazetteer_extra")
        return replace(
            self.settings, gazetteer_file=self.gazetteer.path, gazetteer_extra=None, use_cache=self.cache is not None,
            geocode_cache_file=self.cache.path if self.cache is not None else None, online=None,
        )

    def share_request_gate(self, gate: RequestGate) -> None:
        """Space the online geocoder's requests (if any) with ``gate``, shared with other processes."""
        share = getattr(self.online, "share_gate", None)
        if share is not None:
            share(gate)

    # stages ---------------------------------------------------------------------------
    def _resolve(self, article: Article, mentions: Sequence[Mention]) -> ArticleResult:
        resolutions = resolve_article(article, mentions, source=self.source, settings=self.settings.resolver)
        self._articles += 1
        self._mentions += len(resolutions)
        self._resolved += sum(1 for r in resolutions if r.place is not None)
        return ArticleResult(article=article, resolutions=resolutions)

    def parse(
        self, articles: Iterable[Article], *, jobs: int = 1, on_error: Callable[[GeonewsError], None] | None = None
    ) -> Iterator[ArticleResult]:
        """Find and resolve the places of each article (streamed, in order).

        With ``jobs`` > 1 the work is spread over that many worker processes
        (:mod:`geonews.parallel`); results still come in input order. An
        article on which a worker process dies is then reported to
        ``on_error`` and skipped (without ``on_error``: the run stops there
        with a :class:`~geonews.errors.WorkerError`). :attr:`corrections`, if
        any, are applied here, in this process.
        """
        results = self._parse(articles, jobs=jobs, on_error=on_error)
        if self.corrections:
            from geonews.corrections import apply_corrections

            results = apply_corrections(results, self.corrections, self.gazetteer.get, self.on_problem)
        yield from results

    def _parse(
        self, articles: Iterable[Article], *, jobs: int, on_error: Callable[[GeonewsError], None] | None
    ) -> Iterator[ArticleResult]:
        if jobs > 1:
            from geonews.parallel import parse_parallel  # multiprocessing only when asked for

            settings = self.worker_settings()  # before any work: a store the workers cannot reopen is an error
            # the models the first articles need are loaded before the workers fork, and shared with them
            # each article gets the language it is read in here, so that a result says it as in one process
            rest = (with_lang(a, self.settings.lang) for a in articles)
            first = list(itertools.islice(rest, self.settings.batch_size * GROUP_BATCHES))
            for lang in {self.lang_of(a) for a in first} or {"fr"}:
                self.recognisers.get(lang)
            articles = itertools.chain(first, rest)
            open_worker = functools.partial(Geoparser.open, settings, recognisers=self.recognisers)
            for result in parse_parallel(articles, open_worker=open_worker, settings=settings, jobs=jobs,
                                         on_error=on_error):
                self._articles += 1
                self._mentions += len(result.resolutions)
                self._resolved += len(result.mapped)
                yield result
            return
        try:
            yield from self.parse_stream(articles)
        finally:
            self._leave_zone()

    def parse_stream(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Like :meth:`parse` in this process, for a caller that feeds articles piece by piece.

        Extract and resolve, a spaCy batch at a time, inside a memory zone that is renewed every
        :data:`ZONE_BATCHES` batches and left open at the end, for the caller's next articles (a
        ``--jobs`` worker is fed chunk after chunk). Only plain mentions leave spaCy, so nothing
        made in a zone outlives it; :meth:`close` (or :meth:`parse`) closes the last one.
        """
        size = self.settings.batch_size
        for group in chunks(articles, size * GROUP_BATCHES):
            # an article that does not say its language gets the one it is read in (--lang, else detected):
            # the rules, the resolver and the names shown (geonews.model.Place.name_in) read it
            group = [with_lang(a, self.settings.lang) for a in group]
            langs = [self.lang_of(a) for a in group]
            if self._zone is None:
                self._zone, self._zoned = contextlib.ExitStack(), set()
            names = [self.recognisers.name_for(lang) for lang in langs]
            if len(set(names)) == 1:
                yield from self._extract(names[0], group)
            else:  # a mixed group: each recogniser reads its articles, results in input order
                done: dict[int, ArticleResult] = {}
                for name in dict.fromkeys(names):
                    indices = [i for i, n in enumerate(names) if n == name]
                    results = self._extract(name, [group[i] for i in indices])
                    done.update(zip(indices, results, strict=True))
                yield from (done[i] for i in range(len(group)))
            self._zone_articles += len(group)
            if self._zone_articles >= size * ZONE_BATCHES:
                self._leave_zone()

    def _extract(self, name: str, articles: list[Article]) -> Iterator[ArticleResult]:
        """Mentions and places of ``articles``, all read by the pipeline ``name``."""
        nlp = self.recognisers.get_named(name)
        assert self._zone is not None
        if id(nlp) not in self._zoned:  # each pipeline's words are freed with the zone
            self._zoned.add(id(nlp))
            zone = getattr(nlp, "memory_zone", None)  # spaCy >= 3.8; a stand-in pipeline may have none
            if zone is not None:
                self._zone.enter_context(zone())
        for article, mentions in extract_mentions(
            nlp, articles, batch_size=self.settings.batch_size, group_batches=GROUP_BATCHES, **self._rule_options()
        ):
            yield self._resolve(article, self._kept(mentions))

    def _rule_options(self) -> dict[str, Any]:
        """The recognition rules' options, as :func:`~geonews.extract.mentions_from_entities` takes them."""
        return {
            "lookup": self.offline.lookup if self.settings.gazetteer_ruler else None,
            "drop_unknown": self.source is self.offline,  # an online geocoder may know what the gazetteer does not
            "disabled": self.settings.disabled_rules,
        }

    def _kept(self, mentions: list[Mention]) -> list[Mention]:
        """``mentions`` without the adjectives and demonyms, unless the settings ask for them."""
        return mentions if self.settings.adjectives else [m for m in mentions if m.kind != "adjective"]

    def parse_entities(
        self, article: Article, entities: Sequence[tuple[int, int, str]], *, scheme: LabelScheme | None = None
    ) -> ArticleResult:
        """Find and resolve the places of ``article`` from entities another recogniser found in it.

        ``entities`` are ``(start_char, end_char, label)``; ``scheme`` says what their labels mean
        (default: French WikiNER's, see :mod:`geonews.extract.labels`). geonews' span rules, gazetteer
        ruler and resolver then run as in :meth:`parse` (the spaCy component uses this when the host
        pipeline has a NER). :attr:`corrections` are not applied.
        """
        article = with_lang(article, self.settings.lang)
        mentions = mentions_from_entities(article, list(entities), scheme=scheme, **self._rule_options())
        return self._resolve(article, self._kept(mentions))

    def _leave_zone(self) -> None:
        """Close the open spaCy memory zone, if any: the words it made are freed."""
        if self._zone is not None:
            zone, self._zone, self._zone_articles, self._zoned = self._zone, None, 0, set()
            zone.close()

    def resolve_spans(
        self, documents: Iterable[tuple[Article, Sequence[Mapping[str, Any]]]]
    ) -> Iterator[ArticleResult]:
        """Resolve given spans (``start``/``end``) using the whole document as context."""
        for article, places in documents:
            spans = [(int(p["start"]), int(p["end"])) for p in places]
            yield self._resolve(article, mentions_from_spans(article, spans))

    def geocode(self, name: str, *, context: Sequence[str] = (), lang: str = "fr") -> list[Candidate]:
        """Ranked candidates for one name, given other place names as context.

        The names are resolved together, as one short article, so the ranking
        is the one the resolver uses for ``name`` in a text naming them all.
        """
        parts = [name, *context]
        article = Article(id="query", text=" ; ".join(parts), lang=lang)
        spans, pos = [], 0
        for part in parts:
            spans.append((pos, pos + len(part)))
            pos += len(part) + 3
        first = mentions_from_spans(article, spans)
        rankings = rank_article(article, first, source=self.source, settings=self.settings.resolver)
        return rankings[(normalize_name(first[0].text), first[0].hint)]

    def stats(self) -> RunStats:
        return RunStats(
            articles=self._articles,
            mentions=self._mentions,
            resolved=self._resolved,
            cache_hits=self._cached.hits if self._cached else 0,
            cache_misses=self._cached.misses if self._cached else 0,
            gazetteer_lookups=self.gazetteer.lookups,
        )

