"""Command line: thin Typer commands over plain functions that return data.

Exit codes: 0 all documents processed; 1 some documents failed (see the errors
table and manifest); 2 bad usage; 3 no usable model; 4 accuracy below baseline.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from pipeline.models import ModelNotFoundError, choose_model
from pipeline.readers import JsonlFields
from pipeline.run import ENGINES, RunOptions, run_extraction
from pipeline.writer import FORMATS, PreviousOutputError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Extract entities, quotes, numbers and dates from Dutch news.")
console = Console(stderr=True)

EXIT_FAILED_DOCUMENTS = 1
EXIT_USAGE = 2
EXIT_NO_MODEL = 3


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise typer.BadParameter(f"choose from {', '.join(FORMATS)} (comma-separated)")
    return formats


@app.command()
def extract(
    inputs: list[Path] = typer.Argument(..., help="Text files (.txt), JSON Lines (.jsonl, .jsonl.gz) or folders of them."),
    out: Path = typer.Option(Path("output"), "--out", "-o", help="Output folder; replaced atomically when the run ends."),
    model: Optional[str] = typer.Option(None, help="spaCy pipeline name or path. Default: nl_core_news_lg if installed, else models/nl_news."),
    format: str = typer.Option("parquet,csv", "--format", help="Comma-separated output formats: parquet, csv."),
    n_process: int = typer.Option(1, "--n-process", min=1, help="Worker processes, each with its own model copy."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents per batch sent to a worker and written together (spaCy annotates each document on its own)."),
    id_field: str = typer.Option("id", help="JSON Lines: field with the document id."),
    text_field: str = typer.Option("text", help="JSON Lines: field with the article text."),
    title_field: str = typer.Option("title", help="JSON Lines: field with the title."),
    date_field: list[str] = typer.Option(["published_at", "date"], help="JSON Lines: date field(s), first non-empty wins (ISO 8601)."),
    engine: str = typer.Option("local", "--engine", help="local: this machine (--n-process workers); dask: Dask workers, Parquet partitioned by publication month."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="--engine dask: address of a running Dask scheduler (tcp://host:8786); default: a LocalCluster of --n-process workers."),
    incremental: bool = typer.Option(False, "--incremental", help="Keep the rows already in --out; process only documents whose text is not there yet."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
) -> None:
    """Run the pipeline on INPUTS and write the tables to --out."""
    if engine not in ENGINES:
        raise typer.BadParameter(f"choose from {', '.join(ENGINES)}", param_hint="--engine")
    if scheduler and engine != "dask":
        raise typer.BadParameter("only with --engine dask", param_hint="--scheduler")
    options = RunOptions(
        model=model, formats=_formats(format), n_process=n_process, batch_size=batch_size,
        fields=JsonlFields(id=id_field, text=text_field, title=title_field, dates=tuple(date_field)),
        engine=engine, scheduler=scheduler, incremental=incremental,
    )
    try:
        manifest = _run_with_progress(inputs, out, options, show=not quiet and console.is_terminal)
    except ModelNotFoundError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(EXIT_NO_MODEL)
    except PreviousOutputError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(EXIT_USAGE)
    except (OSError, TimeoutError) as error:
        if not scheduler:
            raise
        console.print(f"[red]error:[/red] cannot use the Dask scheduler at {scheduler}: {error}")
        raise typer.Exit(EXIT_USAGE)
    if not quiet:
        _print_summary(manifest, out)
    if manifest["documents"]["failed"]:
        raise typer.Exit(EXIT_FAILED_DOCUMENTS)


def _run_with_progress(inputs: list[Path], out: Path, options: RunOptions, show: bool) -> dict:
    if not show:
        return run_extraction(inputs, out, options)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.fields[docs]} docs"),
               TextColumn("{task.fields[rate]} words/s"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("extracting", docs=0, rate=0)
        started = time.time()

        def update(docs: int, words: int) -> None:
            rate = int(words / max(time.time() - started, 1e-6))
            progress.update(task, docs=docs, rate=rate)

        return run_extraction(inputs, out, options, progress=update)


def _print_summary(manifest: dict, out: Path) -> None:
    docs = manifest["documents"]
    rows = ", ".join(f"{name} {count}" for name, count in manifest["rows"].items())
    console.print(f"{docs['processed']} documents processed, {docs['failed']} failed "
                  f"in {manifest['timings']['seconds']:.1f}s with {manifest['model']['name']}")
    if "incremental" in manifest:
        inc = manifest["incremental"]
        console.print(f"incremental: {inc['skipped_known']} documents already in the output skipped, "
                      f"{inc['kept']} kept, {inc['replaced']} replaced by a new text")
    console.print(f"rows: {rows}")
    for failure in manifest["failures"]:
        where = failure["source"] + (f":{failure['line']}" if failure.get("line") else "")
        console.print(f"[red]failed[/red] {where}: {failure['message']}")
    console.print(f"tables in {out}/ (manifest.json lists inputs, model and options)")


@app.command("model")
def model_command(model: Optional[str] = typer.Option(None, help="Name or path to check.")) -> None:
    """Show which spaCy pipeline a run would use, and why."""
    try:
        choice = choose_model(model)
    except ModelNotFoundError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(EXIT_NO_MODEL)
    typer.echo(json.dumps({"model": choice.name, "reason": choice.reason}))


@app.command()
def evaluate(
    gold: Path = typer.Option(Path("tests/gold"), help="Folder of gold JSON files (docs/annotation-guide.md)."),
    pred: Optional[Path] = typer.Option(None, help="Output folder of an earlier run; default: run the pipeline on --input now."),
    input: list[Path] = typer.Option([Path("seeds")], "--input", help="Documents to run when --pred is not given."),
    model: Optional[str] = typer.Option(None, help="spaCy pipeline for the run (see `extract`)."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the metrics to this JSON file."),
    baseline: Optional[Path] = typer.Option(None, help="Fail (exit 4) when a metric falls more than --tolerance below this baseline JSON."),
    tolerance: float = typer.Option(0.02, help="Allowed drop below the baseline."),
    show_errors: bool = typer.Option(False, "--show-errors", help="List misses, false alarms and wrong attributes with context."),
) -> None:
    """Score extraction against gold annotations: P/R/F1 per table, exact and overlapping spans."""
    from pipeline.evaluate import flat_metrics, regressions

    try:
        metrics, errors = evaluate_command_data(gold, pred, input, model)
    except (FileNotFoundError, ValueError) as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2)
    _print_metrics(metrics)
    if show_errors:
        _print_errors(errors.items)
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    if baseline:
        problems = regressions(flat_metrics(metrics), json.loads(baseline.read_text()), tolerance)
        for problem in problems:
            console.print(f"[red]regression[/red] {problem}")
        if problems:
            raise typer.Exit(4)


def evaluate_command_data(gold: Path, pred: Optional[Path], inputs: list[Path], model: Optional[str]):
    """Metrics and errors for the evaluate command: of --pred, or of a fresh run."""
    from pipeline.evaluate import evaluate_inputs, evaluate_output

    return evaluate_output(gold, pred) if pred is not None else evaluate_inputs(gold, inputs, model)


def _print_metrics(metrics: dict) -> None:
    from rich.table import Table

    from pipeline.evaluate import summary_rows

    table = Table("metric", "P", "R", "F1 / acc", "gold n", title="accuracy against gold")
    for row in summary_rows(metrics):
        table.add_row(*row)
    Console().print(table)


def _print_errors(items: list[dict]) -> None:
    from rich.markup import escape

    out = Console()
    for item in items:
        out.print(f"[bold]{item['table']}[/bold] {item['error']} {escape(item['doc_id'])}:{item['start']}-{item['end']} "
                  f"{escape(str(item['detail']))}\n    {escape(item['context'])}", highlight=False)
