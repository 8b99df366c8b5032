"""Train dateline's part-of-speech tagger and dependency parser on the UD English Web Treebank.

    python scripts/train_parser.py [--stage joint|parser] [--treebank DIR] [--work DIR]
                                   [--source DIR] [--set training.max_steps=N ...]

Reads ``../shared/treebank/ud-english-ewt/en_ewt-ud-{train,dev,test}.conllu.gz``, converts the
three splits to spaCy's binary format (features are dropped, so the morphologizer learns UPOS
alone; the tagger learns the Penn XPOS tags) and trains in one of two stages, on train with dev
for model selection:

* ``--stage joint`` (stage 1): ``training/parser.cfg``, tok2vec, tagger, morphologizer and
  parser trained together, into ``WORK/output``;
* ``--stage parser`` (stage 2): ``training/parser-small.cfg``, a smaller parser trained alone on
  top of the tok2vec, tagger and morphologizer of a stage-1 pipeline (``--source``, by default
  ``WORK/output/model-best``), which stay frozen, into ``WORK/output-parser``.

It then scores the best model on test and copies it with its scores and the treebank's licence
into ``src/dateline/models/ud_ewt/`` (the folder's README.md, its attribution, is kept) unless
``--no-install``. The shipped model is stage 1; ``training/README.md`` has what stage 2 measured.
Training is not part of CI; the shipped model is checked by ``tests/test_parser_model.py``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.training import Example
from spacy.training.converters import conllu_to_docs

ROOT = Path(__file__).resolve().parents[1]
TREEBANK = ROOT.parent / "shared" / "treebank" / "ud-english-ewt"
#: stage -> (config, output folder under --work)
STAGES = {
    "joint": (ROOT / "training" / "parser.cfg", "output"),
    "parser": (ROOT / "training" / "parser-small.cfg", "output-parser"),
}
MODEL = ROOT / "src" / "dateline" / "models" / "ud_ewt"
SPLITS = ("train", "dev", "test")
SENTENCES_PER_DOC = 10
KEEP = "README.md"  # the model folder's attribution, written by hand


def read_split(treebank: Path, split: str) -> list[spacy.tokens.Doc]:
    """One split as spaCy documents of ten sentences, with UPOS, XPOS, heads and labels."""
    text = gzip.decompress((treebank / f"en_ewt-ud-{split}.conllu.gz").read_bytes()).decode()
    docs = list(conllu_to_docs(text, n_sents=SENTENCES_PER_DOC, no_print=True))
    for doc in docs:
        for token in doc:
            token.set_morph(None)  # the morphologizer learns the part of speech only
    return docs


def convert(treebank: Path, work: Path) -> dict[str, Path]:
    work.mkdir(parents=True, exist_ok=True)
    paths = {}
    for split in SPLITS:
        paths[split] = work / f"{split}.spacy"
        DocBin(docs=read_split(treebank, split)).to_disk(paths[split])
    return paths


def score(model: Path, test: Path) -> dict[str, float]:
    """UPOS, XPOS, UAS and LAS of ``model`` on the documents in ``test`` (raw text in)."""
    nlp = spacy.load(model)
    gold = list(DocBin().from_disk(test).get_docs(nlp.vocab))
    scores = nlp.evaluate([Example(nlp.make_doc(doc.text), doc) for doc in gold])
    return {k: round(float(scores[k]), 4) for k in ("pos_acc", "tag_acc", "dep_uas", "dep_las")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", choices=sorted(STAGES), default="joint")
    parser.add_argument("--treebank", type=Path, default=TREEBANK)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "parser")
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help="stage 2: the stage-1 pipeline to take tok2vec, tagger and morphologizer from "
        "(default WORK/output/model-best)",
    )
    parser.add_argument(
        "--no-install",
        action="store_true",
        help="train and score only; leave the shipped model as it is (trials)",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a config value, e.g. --set training.max_steps=200 (repeatable)",
    )
    args = parser.parse_args()

    from spacy.cli.train import train

    config, folder = STAGES[args.stage]
    paths = convert(args.treebank, args.work)
    overrides: dict[str, object] = {
        "paths.train": str(paths["train"]),
        "paths.dev": str(paths["dev"]),
    }
    if args.stage == "parser":
        source = args.source or args.work / STAGES["joint"][1] / "model-best"
        if not (source / "config.cfg").is_file():
            parser.error(f"--stage parser needs a stage-1 pipeline; none at {source}")
        overrides["paths.source"] = str(source.resolve())
    for item in args.set:
        key, _, value = item.partition("=")
        overrides[key] = json.loads(value)
    out = args.work / folder
    train(config, out, use_gpu=-1, overrides=overrides)

    best = out / "model-best"
    test = score(best, paths["test"])
    print(json.dumps({"test": test}, indent=2))
    if not args.no_install:
        install(best, test, args.treebank)


def install(best: Path, test: dict[str, float], treebank: Path) -> None:
    """Replace the shipped model with ``best``: its files, ``scores.json`` (the test scores)
    and the treebank's licence. The folder's attribution README is kept."""
    MODEL.mkdir(parents=True, exist_ok=True)
    for old in MODEL.iterdir():
        if old.is_dir():
            shutil.rmtree(old)
        elif old.name != KEEP:
            old.unlink()
    shutil.copytree(best, MODEL, dirs_exist_ok=True)
    (MODEL / "scores.json").write_text(json.dumps({"test": test}, indent=2, sort_keys=True) + "\n")
    shutil.copy(treebank / "LICENSE.txt", MODEL / "LICENSE.txt")


if __name__ == "__main__":
    main()
