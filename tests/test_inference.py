"""The shipped model's inference with its layers called directly (extract/inference.py): the
same vectors, tags, parts of speech and trees as spaCy's own components, to the bit, on
sentences written for these tests; a sentence's vectors whatever its batch; a model built
otherwise refused."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc

from dateline.extract.inference import (
    Layers,
    UnknownModel,
    WordVectors,
    layers_of,
    tag_and_parse,
    vectors,
)
from dateline.extract.syntax import load_parser

SENTENCES = [
    "The minister said on Tuesday that the bridge would reopen next week.",
    "Rebels attacked a convoy near the border, the army said, and two soldiers were wounded.",
    "“We will not sign the deal,” said the union's leader, Maria Costa.",
    "Talks resumed.",
    "Yes",
    "The the the , , , said said said .",  # words that come back, embedded once
]


def docs(sentences: list[str]) -> list[Doc]:
    nlp = load_parser()
    out = []
    for sentence in sentences:
        words = sentence.replace(",", " ,").replace(".", " .").split()
        out.append(Doc(nlp.vocab, words=words))
    return out


def spacy_guesses(batch: list[Doc]) -> tuple[list[str], list[str]]:
    """Each component's own ``predict`` in pipeline order, as ``syntax.parse`` once ran them:
    the tok2vec's vectors and the parser's trees written on the batch, tags and parts of
    speech returned."""
    nlp = load_parser()
    layers = layers_of(nlp)
    tags: list[str] = []
    upos: list[str] = []
    for name, component in nlp.pipeline:
        guesses = component.predict(batch)  # type: ignore[attr-defined]
        if name == "tagger":
            tags = [layers.tags[k] for ids in guesses for k in ids.tolist()]
        elif name == "morphologizer":
            upos = [layers.upos[k] for ids in guesses for k in ids.tolist()]
        else:
            component.set_annotations(batch, guesses)  # type: ignore[attr-defined]
    return tags, upos


@pytest.mark.parametrize("sentences", [SENTENCES, SENTENCES[:1], SENTENCES[3:]])
def test_the_same_as_spacys_components_to_the_bit(sentences: list[str]) -> None:
    theirs, ours = docs(sentences), docs(sentences)
    tags, upos = spacy_guesses(theirs)
    layers = layers_of(load_parser())
    assert np.array_equal(np.concatenate([a.tensor for a in theirs]), vectors(layers, ours))
    guesses = tag_and_parse(layers, ours)
    assert guesses.tags == tags and guesses.upos == upos
    assert len(set(upos)) > 3 and len(set(tags)) > 3  # real guesses, not one label
    for a, b in zip(theirs, ours, strict=True):
        assert np.array_equal(a.to_array([HEAD, DEP]), b.to_array([HEAD, DEP]))
        assert [t.dep_ for t in a] == [t.dep_ for t in b]


def test_a_sentences_vectors_do_not_depend_on_its_batch() -> None:
    layers = layers_of(load_parser())
    alone = vectors(layers, docs(SENTENCES[1:2]))
    together = vectors(layers, docs(SENTENCES))
    start = len(docs(SENTENCES[:1])[0])
    assert np.array_equal(alone, together[start : start + len(alone)])


def test_words_kept_from_earlier_batches_change_no_float() -> None:
    """A word's vector before the encoder is computed the first time a batch holds it and read
    back by later batches; computed, read back, or computed again because the store is full,
    the vectors are spaCy's to the bit."""
    nlp = load_parser()
    theirs = docs(SENTENCES)
    spacy_guesses(theirs)
    expected = np.concatenate([doc.tensor for doc in theirs])
    fresh = Layers.of(nlp)
    width = fresh.mix[0].units
    roomy, small = WordVectors(width), WordVectors(width, capacity=5)
    for words in (roomy, small):
        layers = replace(fresh, words=words)
        vectors(layers, docs(["Talks resumed ."]))  # three words kept first
        assert np.array_equal(vectors(layers, docs(SENTENCES)), expected)
        assert np.array_equal(vectors(layers, docs(SENTENCES)), expected)
    assert len(small.rows) == 3  # the long batch's new words did not fit: not kept
    assert len(roomy.rows) == len(
        {word for sentence in docs(SENTENCES) for word in sentence.text.split()}
    )


def test_the_layers_are_found_once_per_model() -> None:
    nlp = load_parser()
    assert layers_of(nlp) is layers_of(nlp)
    assert len(layers_of(nlp).embed.seeds) == 4 and len(layers_of(nlp).blocks) == 2


def test_a_model_built_otherwise_is_refused() -> None:
    with pytest.raises(UnknownModel):
        Layers.of(spacy.blank("en"))
    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.add_pipe("tagger")
    nlp.add_pipe("morphologizer")
    nlp.add_pipe("parser")
    with pytest.raises(UnknownModel):  # spaCy's default tok2vec: its encoder has four blocks
        Layers.of(nlp)


def test_blis_checks_nothing_once_the_layers_are_found_and_computes_the_same() -> None:
    from ctypes import CDLL

    import blis.cy
    from thinc.api import NumpyOps

    library = CDLL(blis.cy.__file__)
    layers_of(load_parser())
    assert library.bli_error_checking_level() == 0  # BLIS_NO_ERROR_CHECKING
    rng = np.random.default_rng(7)
    X, W = rng.standard_normal((9, 64), "f"), rng.standard_normal((75, 64), "f")
    unchecked = NumpyOps().gemm(X, W, trans2=True)
    library.bli_error_checking_level_set(1)  # BLIS_FULL_ERROR_CHECKING
    try:
        checked = NumpyOps().gemm(X, W, trans2=True)
    finally:
        library.bli_error_checking_level_set(0)
    assert np.array_equal(checked, unchecked)
