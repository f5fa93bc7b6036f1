"""Benchmark: the full pipeline against spaCy's nlp.pipe alone, on the same documents.

    python benchmarks/bench.py                      # what `make bench` runs
    python benchmarks/bench.py --n 1000,10000 --n-process 1,2
    python benchmarks/bench.py --n 200 --n-process 1 --profile 0   # quick check

For every corpus size N and worker count P it measures, each in a fresh
process on the same JSON Lines corpus:
  (a) raw:  spaCy ``nlp.pipe(texts, batch_size, n_process=P)`` with the model
      the pipeline uses, loaded as the pipeline loads it (numpy's BLAS, one
      thread), in batches (no extraction components, nothing written);
  (b) full: ``run_extraction`` with every extractor, Parquet and CSV written
      (spaCy sees one document at a time there, pipeline/annotate.py).
Both count words as spaCy tokens, time from after the main process has loaded
the model (worker start-up for P > 1 is included in both), and report peak
memory: the sum of the RSS of the process and its workers, sampled every 50 ms.

The corpus is built deterministically (``--seed``) from the paragraphs of
``seeds/`` (and ``--extra`` files, one sentence or paragraph per line):
paragraphs are drawn and shuffled across articles, numbers, names and dates are
varied, and publication months are spread over three years, so no two
documents are the same.

With ``--profile K`` it also profiles the full pipeline on K documents: a
stage breakdown (each spaCy component, each extractor, table building and
writing) and the top functions by own time under pyinstrument.

Results go to ``--json`` (default benchmarks/results/bench.json) and a table in
benchmarks/README.md between the ``bench:results`` markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_JSON = REPO / "benchmarks" / "results" / "bench.json"
README = REPO / "benchmarks" / "README.md"
MARK_START, MARK_END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"

# -- corpus ------------------------------------------------------------------------------

FIRST_NAMES = ["Anna", "Bram", "Charlotte", "Daan", "Eva", "Femke", "Geert", "Hanna", "Iris", "Jeroen",
               "Karin", "Lars", "Marloes", "Niels", "Olga", "Pieter", "Ruben", "Sanne", "Thijs", "Wouter"]
SURNAMES = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "de Boer", "Bos",
            "Vos", "Peters", "Hendriks", "Dekker", "Brouwer", "van Dijk", "Kok", "Jacobs", "Vermeulen"]
PLACES = ["Brussel", "Berlijn", "Parijs", "Warschau", "Wenen", "Praag", "Riga", "Vilnius", "Boekarest",
          "Helsinki", "Kopenhagen", "Madrid", "Rome", "Londen", "Genève", "Straatsburg", "Den Haag"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]

_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?![\w.])|(?<![\w.,])\d+(?:,\d+)?(?![\w])")
# People of the seed articles: full name and the surname used on later mentions.
SEED_PEOPLE = [("Jens Stoltenberg", "Stoltenberg"), ("Volodymyr Zelensky", "Zelensky"),
               ("Joe Biden", "Biden"), ("Olaf Scholz", "Scholz"), ("Ben Wallace", "Wallace"),
               ("Vladimir Makei", "Makei"), ("Larisa Brown", "Brown"), ("Anita Anand", "Anand"),
               ("Ursula von der Leyen", "Von der Leyen"), ("Vladimir Poetin", "Poetin")]
_PERSON = re.compile(r"\b(" + "|".join(re.escape(name) for pair in SEED_PEOPLE for name in pair) + r")\b")
_SURNAME_OF = {name: surname for full, surname in SEED_PEOPLE for name in (full, surname)}
_PLACE = re.compile(r"\b(" + "|".join(["Moskou", "Kiev", "Kyiv", "Washington", "Straatsburg", "Londen",
                                        "Brussel", "Den Haag", "Parijs", "Berlijn"]) + r")\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
_DAY = re.compile(r"\b(" + "|".join(DAYS) + r")\b")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.split()) >= 5]


def source_paragraphs(extra: list[Path]) -> list[str]:
    from pipeline.readers import split_date_prefix

    paragraphs = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        _, text = split_date_prefix(path.read_text(encoding="utf-8"))
        paragraphs.extend(_paragraphs(text))
    for path in extra:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        paragraphs.extend(line for line in lines if len(line.split()) >= 5)
    if not paragraphs:
        raise SystemExit("no source text: seeds/ is empty")
    return paragraphs


def _vary_number(match: re.Match, rng: random.Random) -> str:
    text = match.group(0)
    if "." in text:  # 130.000
        value = int(text.replace(".", "")) * rng.uniform(0.3, 3.0)
        return f"{int(value):,}".replace(",", ".")
    if "," in text:  # 2,5
        return f"{float(text.replace(',', '.')) * rng.uniform(0.3, 3.0):.1f}".replace(".", ",")
    value = int(text)
    if 1900 <= value <= 2100:  # a year
        return str(rng.randint(2015, 2025))
    if value <= 31:
        return str(rng.randint(1, 28))
    return str(max(1, int(value * rng.uniform(0.3, 3.0))))


def vary(paragraph: str, rng: random.Random, people: dict[str, tuple[str, str]]) -> str:
    """``people``: seed surname -> substitute (first name, surname), shared by a document's paragraphs."""
    paragraph = _NUMBER.sub(lambda m: _vary_number(m, rng), paragraph)

    def person(match: re.Match) -> str:
        surname = _SURNAME_OF[match.group(0)]
        if surname not in people:  # a seed name now and then, a new name mostly
            people[surname] = ((match.group(0).split()[0], surname) if rng.random() < 0.2 and match.group(0) != surname
                               else (rng.choice(FIRST_NAMES), rng.choice(SURNAMES)))
        first, last = people[surname]
        last_cap = last[0].upper() + last[1:]
        return f"{first} {last}" if match.group(0) != surname else last_cap

    paragraph = _PERSON.sub(person, paragraph)
    paragraph = _PLACE.sub(lambda m: rng.choice(PLACES) if rng.random() < 0.5 else m.group(0), paragraph)
    paragraph = _MONTH.sub(lambda m: rng.choice(MONTHS), paragraph)
    return _DAY.sub(lambda m: rng.choice(DAYS), paragraph)


def build_corpus(path: Path, n: int, seed: int, extra: list[Path]) -> dict:
    """N varied documents as JSON Lines; returns corpus statistics."""
    rng = random.Random(seed)
    pool = source_paragraphs(extra)
    n_words = 0
    with open(path, "w", encoding="utf-8") as handle:
        for index in range(n):
            k = rng.randint(3, 9)
            people: dict[str, tuple[str, str]] = {}
            paragraphs = [vary(p, rng, people) for p in rng.sample(pool, min(k, len(pool)))]
            text = "\n\n".join(paragraphs) + "\n"
            n_words += len(text.split())
            record = {"id": f"bench-{seed}-{index:07d}", "title": paragraphs[0].split(".")[0][:80], "text": text}
            if rng.random() < 0.95:  # a few undated documents, as in real feeds
                day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
                record["published_at"] = day.isoformat() if rng.random() < 0.8 else day.strftime("%Y-%m")
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"documents": n, "whitespace_words": n_words, "source_paragraphs": len(pool), "seed": seed,
            "bytes": path.stat().st_size}


# -- one measurement (runs in its own process) ---------------------------------------------

def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def measure(args: argparse.Namespace) -> dict:
    corpus = Path(args.corpus)
    if args.mode == "raw":
        from pipeline.ml.ops import one_blas_thread
        from pipeline.models import load_fresh

        one_blas_thread()  # one core per process, as the pipeline
        started = time.perf_counter()
        nlp = load_fresh(args.model)  # the pipeline's CPU backend (pipeline/ml/ops.py)
        load = time.perf_counter() - started
        started = time.perf_counter()
        with open(corpus, encoding="utf-8") as handle:
            texts = (json.loads(line)["text"] for line in handle)
            words = docs = 0
            for doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.n_process):
                words += len(doc)
                docs += 1
        seconds = time.perf_counter() - started
        result = {"words": words, "documents": docs}
    else:
        from pipeline.run import RunOptions, run_extraction

        load = 0.0
        if args.n_process == 1:  # load before timing, as for raw; workers load their own copy
            from pipeline.nlp import build_pipeline

            started = time.perf_counter()
            build_pipeline(args.model)
            load = time.perf_counter() - started
        with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
            started = time.perf_counter()
            manifest = run_extraction([corpus], Path(tmp) / "out", RunOptions(
                model=args.model, n_process=args.n_process, batch_size=args.batch_size))
            seconds = time.perf_counter() - started
            out_bytes = sum(p.stat().st_size for p in (Path(tmp) / "out").rglob("*") if p.is_file())
        result = {"words": manifest["timings"]["words"], "documents": manifest["documents"]["processed"],
                  "failed": manifest["documents"]["failed"], "rows": manifest["rows"], "output_bytes": out_bytes}
    return {**result, "seconds": round(seconds, 3), "load_seconds": round(load, 3),
            "words_per_second": round(result["words"] / seconds, 1),
            "maxrss_main_mb": round(_maxrss_mb(resource.RUSAGE_SELF), 1),
            "maxrss_worker_mb": round(_maxrss_mb(resource.RUSAGE_CHILDREN), 1)}


class PeakRSS:
    """Peak of the summed RSS of a process and its descendants (psutil), sampled."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "PeakRSS":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            total = 0
            try:
                for proc in [root, *root.children(recursive=True)]:
                    try:
                        total += proc.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                break
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)


def run_measurement(mode: str, corpus: Path, n_process: int, args: argparse.Namespace) -> dict:
    command = [sys.executable, __file__, "_measure", "--mode", mode, "--corpus", str(corpus),
               "--n-process", str(n_process), "--model", args.model, "--batch-size", str(args.batch_size),
               "--tmp", str(args.tmp)]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    with PeakRSS(process.pid) as peak:
        stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"{mode} measurement failed:\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["peak_rss_total_mb"] = round(peak.peak / 2**20, 1) if peak.peak else None
    return result


# -- profile -----------------------------------------------------------------------------------

def stage_breakdown(corpus: Path, model: str, limit: int, batch_size: int, tmp: Path) -> dict:
    """Seconds per stage of the full pipeline on the first ``limit`` documents, in this process."""
    import itertools

    import pipeline.extract.documents as documents_module
    from pipeline.annotate import Annotator
    from pipeline.nlp import EXTRACTION_COMPONENTS
    from pipeline.readers import Document, read_documents
    from pipeline.run import _batched, collect_batch, DocumentResult
    from pipeline.writer import TableWriter

    annotator = Annotator(model)
    nlp = annotator.nlp
    seconds: dict[str, float] = defaultdict(float)
    extractors = {
        "document_row": lambda document, doc: documents_module.document_row(document, doc, annotator.model),
        "sentence_rows": lambda document, doc: list(documents_module.sentence_rows(doc, document.doc_id)),
        "extract_entities": lambda document, doc: list(documents_module.extract_entities(doc, document.doc_id)),
        "extract_quotes": lambda document, doc: list(documents_module.extract_quotes(doc, document.doc_id)),
        "extract_numbers": lambda document, doc: list(documents_module.extract_numbers(doc, document.doc_id)),
        "extract_dates": lambda document, doc: list(documents_module.extract_dates(doc, document.doc_id)),
    }
    items = (d for d in read_documents([corpus]) if isinstance(d, Document))
    words = 0
    with TableWriter(tmp / "profile-out") as writer:
        for batch in _batched(itertools.islice(items, limit), batch_size):
            clock = time.perf_counter()
            docs = [annotator._new_doc(d) for d in batch]
            seconds["spacy: tokenizer"] += time.perf_counter() - clock
            for name, component in nlp.pipeline:
                clock = time.perf_counter()
                if hasattr(component, "pipe"):
                    docs = list(component.pipe(docs, batch_size=1))  # as Annotator does
                else:
                    docs = [component(doc) for doc in docs]
                kind = "extraction component" if name in EXTRACTION_COMPONENTS else "spacy"
                seconds[f"{kind}: {name}"] += time.perf_counter() - clock
            results = []
            for document, doc in zip(batch, docs):
                words += len(doc)
                found = {}
                for name, extract in extractors.items():
                    clock = time.perf_counter()
                    found[name] = extract(document, doc)
                    seconds[f"extractor: {name}"] += time.perf_counter() - clock
                clock = time.perf_counter()
                tables = {"documents": [found.pop("document_row")]}
                for name, table in zip(found, ("sentences", "entities", "quotes", "numbers", "dates")):
                    tables[table] = [row._asdict() for row in found[name]]
                results.append(DocumentResult(document, tables, None, len(doc)))
                seconds["tables: rows to Arrow"] += time.perf_counter() - clock
            clock = time.perf_counter()
            output = collect_batch(results)
            seconds["tables: rows to Arrow"] += time.perf_counter() - clock
            clock = time.perf_counter()
            for table, record_batch in output.tables.items():
                writer.write_batch(table, record_batch, output.months.get(table))
            seconds["tables: write Parquet+CSV"] += time.perf_counter() - clock
        clock = time.perf_counter()
    seconds["tables: write Parquet+CSV"] += time.perf_counter() - clock  # the final flush
    model_total = sum(v for k, v in seconds.items() if k.startswith("spacy"))
    total = sum(seconds.values())
    stages = sorted(seconds.items(), key=lambda kv: -kv[1])
    return {"documents": limit, "words": words, "seconds_total": round(total, 3),
            "model_share": round(model_total / total, 3),
            "stages": [{"stage": k, "seconds": round(v, 3), "share": round(v / total, 3)} for k, v in stages]}


def pyinstrument_profile(corpus: Path, model: str, limit: int, batch_size: int, tmp: Path, text_out: Path) -> dict:
    """Top functions by own time in the full pipeline run (after the model is loaded)."""
    from pyinstrument import Profiler

    from pipeline.nlp import build_pipeline
    from pipeline.run import RunOptions, run_extraction

    subset = tmp / "profile.jsonl"
    with open(corpus, encoding="utf-8") as source, open(subset, "w", encoding="utf-8") as target:
        for line in list(source)[:limit]:
            target.write(line)
    build_pipeline(model)
    profiler = Profiler(interval=0.001)
    profiler.start()
    run_extraction([subset], tmp / "profile-run", RunOptions(model=model, batch_size=batch_size))
    profiler.stop()
    text_out.parent.mkdir(parents=True, exist_ok=True)
    text_out.write_text(profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")
    own: dict[tuple[str, str], float] = defaultdict(float)
    inclusive: dict[tuple[str, str], float] = defaultdict(float)

    def walk(frame, active: set) -> None:
        if frame.is_synthetic:  # [self], root and thread markers
            for child in frame.children:
                walk(child, active)
            return
        key = (_short_path(frame.file_path or ""), frame.function or "?")
        own[key] += frame.total_self_time
        if key not in active:  # recursion counts once
            inclusive[key] += frame.time
        for child in frame.children:
            walk(child, active | {key})

    root = profiler.last_session.root_frame()
    walk(root, set())
    total = root.time
    ours = lambda key: key[0].startswith("pipeline/")  # noqa: E731
    return {
        "seconds": round(total, 3),
        "top_own_time": [{"function": f"{path}:{fn}", "seconds": round(s, 3), "share": round(s / total, 3)}
                         for (path, fn), s in sorted(own.items(), key=lambda kv: -kv[1])[:15]],
        "pipeline_functions_inclusive": [
            {"function": f"{path}:{fn}", "seconds": round(s, 3), "share": round(s / total, 3)}
            for (path, fn), s in sorted(inclusive.items(), key=lambda kv: -kv[1]) if ours((path, fn))][:20],
        "text_report": str(text_out.relative_to(REPO)) if text_out.is_relative_to(REPO) else str(text_out),
    }


def _short_path(path: str) -> str:
    for marker in ("site-packages/", str(REPO) + "/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def profile_main(args: argparse.Namespace) -> dict:
    tmp = Path(args.tmp)
    corpus = Path(args.corpus)
    return {"stages": stage_breakdown(corpus, args.model, args.limit, args.batch_size, tmp),
            "pyinstrument": pyinstrument_profile(corpus, args.model, args.limit, args.batch_size, tmp,
                                                 Path(args.text_out))}


# -- report ----------------------------------------------------------------------------------

def summarise(measurements: list[dict]) -> list[dict]:
    rows = []
    by_key = {(m["n"], m["n_process"], m["mode"]): m for m in measurements}
    for (n, n_process, mode), m in sorted(by_key.items()):
        if mode != "full":
            continue
        raw = by_key.get((n, n_process, "raw"))
        one = by_key.get((n, 1, "full"))
        raw_one = by_key.get((n, 1, "raw"))
        rows.append({
            "n": n, "n_process": n_process,
            "raw_wps": raw["words_per_second"] if raw else None,
            "full_wps": m["words_per_second"],
            "ratio": round(m["words_per_second"] / raw["words_per_second"], 3) if raw else None,
            "raw_peak_mb": raw.get("peak_rss_total_mb") if raw else None,
            "full_peak_mb": m.get("peak_rss_total_mb"),
            "full_speedup_vs_1": round(m["words_per_second"] / one["words_per_second"], 2) if one else None,
            "raw_speedup_vs_1": (round(raw["words_per_second"] / raw_one["words_per_second"], 2)
                                 if raw and raw_one else None),
        })
    return rows


def markdown_table(summary: list[dict]) -> str:
    lines = ["| docs | processes | raw nlp.pipe words/s | full pipeline words/s | full / raw | "
             "peak RSS raw (MB) | peak RSS full (MB) | speed-up vs 1 process (raw, full) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    fmt = lambda v, spec="": "–" if v is None else format(v, spec)  # noqa: E731
    for row in summary:
        lines.append(f"| {row['n']} | {row['n_process']} | {fmt(row['raw_wps'], ',.0f')} | "
                     f"{fmt(row['full_wps'], ',.0f')} | {fmt(row['ratio'], '.0%')} | "
                     f"{fmt(row['raw_peak_mb'], ',.0f')} | {fmt(row['full_peak_mb'], ',.0f')} | "
                     f"{fmt(row['raw_speedup_vs_1'], '.2f')}×, {fmt(row['full_speedup_vs_1'], '.2f')}× |")
    return "\n".join(lines)


def profile_table(profile: dict) -> str:
    stages = profile["stages"]
    lines = [f"Stage breakdown of the full pipeline on {stages['documents']} documents "
             f"({stages['words']:,} words, one process): the model is {stages['model_share']:.0%} of the time.",
             "", "| stage | seconds | share |", "|---|---:|---:|"]
    for stage in stages["stages"]:
        lines.append(f"| {stage['stage']} | {stage['seconds']:.2f} | {stage['share']:.1%} |")
    return "\n".join(lines)


def update_readme(report: str) -> None:
    text = README.read_text(encoding="utf-8") if README.exists() else f"# Benchmarks\n\n{MARK_START}\n{MARK_END}\n"
    if MARK_START not in text:
        text += f"\n{MARK_START}\n{MARK_END}\n"
    head, rest = text.split(MARK_START, 1)
    _, tail = rest.split(MARK_END, 1)
    README.write_text(f"{head}{MARK_START}\n{report}\n{MARK_END}{tail}", encoding="utf-8")


def environment(model: str) -> dict:
    import spacy

    from pipeline.models import load_model, model_signature

    try:
        signature = model_signature(load_model(model))
    except Exception:  # noqa: BLE001 - informational only
        signature = None
    return {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "python": platform.python_version(), "spacy": spacy.__version__, "platform": platform.platform(),
            "cpus": os.cpu_count(), "load_average_at_start": list(os.getloadavg()),
            "model": model, "model_signature": signature}


def main(args: argparse.Namespace) -> None:
    from pipeline.models import choose_model

    args.model = choose_model(args.model).name
    ns = [int(n) for n in args.n.split(",")]
    processes = [int(p) for p in args.n_process.split(",")]
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    args.tmp = work
    report: dict = {"environment": environment(args.model), "corpora": {}, "measurements": [],
                    "batch_size": args.batch_size}
    print(f"model {args.model}; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}", flush=True)
    for n in ns:
        corpus = work / f"corpus-{n}.jsonl"
        report["corpora"][n] = build_corpus(corpus, n, args.seed, [Path(p) for p in args.extra])
        for n_process in processes:
            for mode in ("raw", "full"):
                result = run_measurement(mode, corpus, n_process, args)
                report["measurements"].append({"n": n, "n_process": n_process, "mode": mode, **result})
                print(f"N={n:>6} P={n_process} {mode:<4} {result['words_per_second']:>9,.0f} words/s "
                      f"{result['seconds']:>7.1f}s  peak {result.get('peak_rss_total_mb') or 0:>6,.0f} MB",
                      flush=True)
    report["summary"] = summarise(report["measurements"])
    table = markdown_table(report["summary"])
    sections = [f"Measured {report['environment']['date']} on {os.cpu_count()} CPUs "
                f"(load average {report['environment']['load_average_at_start'][0]:.2f} at the start), "
                f"model `{report['environment']['model_signature']}`, batch size {args.batch_size}, "
                f"corpus seed {args.seed}.", "", table]
    if args.profile:
        corpus = work / f"corpus-{max(ns)}.jsonl"
        if max(ns) < args.profile:
            corpus = work / "corpus-profile.jsonl"
            build_corpus(corpus, args.profile, args.seed, [Path(p) for p in args.extra])
        command = [sys.executable, __file__, "_profile", "--corpus", str(corpus), "--model", args.model,
                   "--limit", str(args.profile), "--batch-size", str(args.batch_size), "--tmp", str(work),
                   "--text-out", str(Path(args.json).with_name("profile.txt"))]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"profile failed:\n{done.stderr[-3000:]}")
        report["profile"] = json.loads(done.stdout.strip().splitlines()[-1])
        sections += ["", profile_table(report["profile"])]
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    print()
    print("\n".join(sections))
    print(f"\nresults: {args.json}")
    if not args.no_readme:
        update_readme("\n".join(sections))
        print(f"table:   {README}")
    shutil.rmtree(work, ignore_errors=True)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command")
    p.add_argument("--n", default="200,1000", help="corpus sizes, comma-separated (default 200,1000)")
    p.add_argument("--n-process", default="1,2", help="worker processes to compare (default 1,2)")
    p.add_argument("--model", default=None, help="spaCy pipeline (default: the pipeline's choice)")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--extra", action="append", default=[], help="more source text, one paragraph a line")
    p.add_argument("--profile", type=int, default=200, help="profile on this many documents (0: skip)")
    p.add_argument("--json", default=str(DEFAULT_JSON), help="results file")
    p.add_argument("--no-readme", action="store_true", help="do not update benchmarks/README.md")
    m = sub.add_parser("_measure")
    m.add_argument("--mode", choices=("raw", "full"), required=True)
    for q in (m,):
        q.add_argument("--corpus", required=True)
        q.add_argument("--n-process", type=int, default=1)
        q.add_argument("--model", required=True)
        q.add_argument("--batch-size", type=int, default=32)
        q.add_argument("--tmp", default=None)
    f = sub.add_parser("_profile")
    f.add_argument("--corpus", required=True)
    f.add_argument("--model", required=True)
    f.add_argument("--limit", type=int, default=300)
    f.add_argument("--batch-size", type=int, default=32)
    f.add_argument("--tmp", required=True)
    f.add_argument("--text-out", required=True)
    return p


if __name__ == "__main__":
    arguments = parser().parse_args()
    if arguments.command == "_measure":
        print(json.dumps(measure(arguments)))
    elif arguments.command == "_profile":
        print(json.dumps(profile_main(arguments)))
    else:
        main(arguments)
