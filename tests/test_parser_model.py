"""The shipped tagger and parser (src/dateline/models/ud_ewt): its scores, its licence and
attribution, that a non-editable install ships every file of it, and its accuracy measured
again on a fixed sample of the treebank's test split (read from ../shared/treebank)."""

from __future__ import annotations

import gzip
import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from spacy.tokens import Doc

from dateline.extract.syntax import MODEL_DIR, load_parser

ROOT = Path(__file__).parents[1]
TREEBANK = Path(
    os.environ.get("DATELINE_TREEBANK", ROOT.parent / "shared" / "treebank" / "ud-english-ewt")
)
TEST_SPLIT = TREEBANK / "en_ewt-ud-test.conllu.gz"

#: The accuracy the shipped model must reach on the test split (UPOS accuracy, labelled
#: attachment score), as its scores.json reports them. Issue 12 aims at 0.94 / 0.80.
FLOORS = {"pos_acc": 0.93, "dep_las": 0.77}
#: How far the sample may fall from scores.json (points of accuracy, as a fraction).
SAMPLE_TOLERANCE = 0.02
SAMPLE_EVERY = 4  # every 4th sentence of the test split: about 6,000 words


def scores() -> dict[str, float]:
    return json.loads((MODEL_DIR / "scores.json").read_text(encoding="utf-8"))["test"]


def test_scores_json_meets_the_floors() -> None:
    test = scores()
    assert {k: test[k] for k in FLOORS} == {k: max(test[k], v) for k, v in FLOORS.items()}


def test_the_model_ships_with_its_licence_and_attribution() -> None:
    for name in ("config.cfg", "meta.json", "scores.json", "LICENSE.txt", "README.md"):
        assert (MODEL_DIR / name).is_file(), name
    assert "Attribution-ShareAlike 4.0" in (MODEL_DIR / "LICENSE.txt").read_text(encoding="utf-8")
    readme = (MODEL_DIR / "README.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in readme and "English Web Treebank" in readme
    assert "CC BY-SA 4.0" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_package_data_ships_every_model_file() -> None:
    """setuptools copies into a wheel only the files its package-data patterns match, and a
    spaCy model's files have no extension."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["dateline"]
    package = ROOT / "src" / "dateline"
    shipped = {p for pattern in patterns for p in package.glob(pattern) if p.is_file()}
    model_files = {p for p in MODEL_DIR.rglob("*") if p.is_file()}
    assert model_files and model_files <= shipped


def test_the_shipped_pipeline_tags_and_parses() -> None:
    nlp = load_parser()
    assert {"tagger", "morphologizer", "parser"} <= set(nlp.pipe_names)
    assert load_parser() is nlp  # loaded once per process


def test_one_tok2vec_feeds_every_component() -> None:
    """``extract/inference`` runs the tok2vec once and hands its output to the tagger's and
    the morphologizer's output layers and to the parser's own first layer: so the tok2vec comes
    first and the tagger, the morphologizer and the parser all listen to it, none with an
    embedding of its own (as a parser trained by ``--stage parser`` on the frozen tok2vec must
    too)."""
    from spacy.pipeline import Tok2Vec

    nlp = load_parser()
    assert nlp.pipe_names[0] == "tok2vec"
    tok2vec = nlp.get_pipe("tok2vec")
    assert isinstance(tok2vec, Tok2Vec)
    assert sorted(tok2vec.listening_components) == ["morphologizer", "parser", "tagger"]
    for name in ("tagger", "morphologizer", "parser"):
        layers = list(nlp.get_pipe(name).model.walk())
        listeners = [layer for layer in layers if layer.name == "tok2vec-listener"]
        assert len(listeners) == 1 and listeners[0] in tok2vec.listeners, name
        assert not any(layer.name == "hashembed" for layer in layers), name


# -- the sample --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Word:
    form: str
    upos: str
    head: int  # 0-based index in the sentence, itself for the root
    deprel: str
    space: bool


def read_sentences(path: Path) -> list[list[Word]]:
    """The syntactic words of each sentence (multi-word token lines and empty nodes left out)."""
    out: list[list[Word]] = []
    current: list[Word] = []
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        if not line:
            if current:
                out.append(current)
            current = []
            continue
        cols = line.split("\t")
        if line.startswith("#") or not cols[0].isdigit():
            continue
        head = int(cols[6]) - 1
        current.append(
            Word(
                form=cols[1],
                upos=cols[3],
                head=len(current) if head < 0 else head,
                deprel=cols[7],
                space="SpaceAfter=No" not in cols[9],
            )
        )
    if current:
        out.append(current)
    return out


@pytest.mark.skipif(not TEST_SPLIT.is_file(), reason="needs ../shared/treebank (UD English EWT)")
def test_the_model_scores_on_a_sample_of_the_test_split_as_it_reports() -> None:
    """UPOS accuracy over every word and LAS over every word but punctuation (as spaCy's
    scorer counts them), on the gold tokens, within two points of scores.json."""
    nlp = load_parser()
    sample = read_sentences(TEST_SPLIT)[::SAMPLE_EVERY]
    docs = [Doc(nlp.vocab, [w.form for w in s], [w.space for w in s]) for s in sample]
    pos_right = words = las_right = scored = 0
    for gold, doc in zip(sample, nlp.pipe(docs, batch_size=256), strict=True):
        for w, tok in zip(gold, doc, strict=True):
            words += 1
            pos_right += tok.pos_ == w.upos
            if w.deprel != "punct":
                scored += 1
                label = "root" if tok.dep_ == "ROOT" else tok.dep_
                las_right += tok.head.i == w.head and label == w.deprel
    assert words > 5000
    measured = {"pos_acc": pos_right / words, "dep_las": las_right / scored}
    reported = scores()
    far = {
        k: (round(v, 4), reported[k])
        for k, v in measured.items()
        if abs(v - reported[k]) > SAMPLE_TOLERANCE
    }
    assert far == {}
