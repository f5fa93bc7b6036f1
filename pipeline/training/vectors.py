"""Train the NER's static floret vectors: `python -m pipeline.training.vectors RAW.txt CONFIG OUT.floret`.

Hyperparameters come from the [floret] section of CONFIG (models/configs/vectors.cfg),
passed unchanged to floret.train_unsupervised; the output is floret's text
format, which `spacy init vectors --mode floret` reads.
"""

from __future__ import annotations

from pathlib import Path

import typer
from spacy.util import load_config

app = typer.Typer(add_completion=False)


def train_vectors(raw_text: Path, config_path: Path, out: Path) -> Path:
    try:
        import floret
    except ImportError as error:  # a training-only dependency: `pip install -e ".[train]"`
        raise SystemExit("floret is not installed: pip install -e '.[train]'") from error
    settings = dict(load_config(config_path)["floret"])
    model = floret.train_unsupervised(str(raw_text), verbose=0, **settings)
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save_floret_vectors(str(out))
    return out


@app.command()
def main(raw_text: Path, config_path: Path, out: Path) -> None:
    train_vectors(raw_text, config_path, out)
    typer.echo(f"wrote {out}")


if __name__ == "__main__":
    app()
