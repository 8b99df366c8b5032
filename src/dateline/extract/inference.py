"""The shipped model's inference on one batch of sentences, with its layers called directly.

spaCy runs each component's thinc model through layers of plumbing (``chain``, ``with_array``,
``list2ragged``, the listeners that hand the tok2vec's output on), and reads the tagger's and
the morphologizer's output one document at a time: a fixed cost of about 2 ms per batch, as
much as 40 words. :func:`tag_and_parse` calls instead the tok2vec's working layers in order on
one array of the whole batch (each layer's own forward function, so the arithmetic is that of
spaCy's components to the bit), reads the tagger's and the morphologizer's output layers once
on the result, and has the parser parse the batch from the tok2vec's vectors (``doc.tensor``,
which is what its listener reads). ``tests/test_inference.py`` checks every output against the
components' own ``predict``.

The tok2vec is ``spacy.Tok2Vec.v2``: a ``MultiHashEmbed.v2`` (one hash embedding per token
attribute, concatenated, then a maxout and a layer norm) under a ``MaxoutWindowEncoder.v2``
(residual blocks of a window of three tokens, a maxout and a layer norm), which reads the
batch's documents as one array with ``pad`` rows of zeros before, between and after them, so
that no window reaches across two documents. :meth:`Layers.of` finds those layers by name and
refuses a model built otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, cast

import numpy as np
from spacy.pipeline import DependencyParser, Morphologizer, Tagger, Tok2Vec

if TYPE_CHECKING:
    from collections.abc import Callable

    from numpy import ndarray
    from spacy.language import Language
    from spacy.tokens import Doc
    from thinc.api import Model

Block = tuple["Model", "Model", "Model"]  # expand_window, maxout, layernorm


class UnknownModel(ValueError):
    """The model's architecture is not the one :func:`tag_and_parse` runs."""


@dataclass(frozen=True)
class Layers:
    """The working layers of the shipped pipeline, in the order inference calls them."""

    features: Model  # the token attributes the embeddings read (``extract_features``)
    embeddings: tuple[Model, ...]  # one ``hashembed`` per attribute column, in column order
    mix: tuple[Model, Model]  # maxout and layer norm over the concatenated embeddings
    blocks: tuple[Block, ...]  # the encoder's residual blocks
    pad: int  # rows of zeros around each document in the encoder's array
    tagger: Model  # the Penn tag's output layer (``softmax``)
    tags: tuple[str, ...]
    morphologizer: Model  # the universal part of speech's output layer
    upos: tuple[str, ...]
    parser: DependencyParser

    @classmethod
    def of(cls, nlp: Language) -> Layers:
        """The layers of ``nlp``: a tok2vec, a tagger, a morphologizer and a parser, the
        three others listening to the tok2vec."""
        names = [name for name, _ in nlp.pipeline]
        if names != ["tok2vec", "tagger", "morphologizer", "parser"]:
            raise UnknownModel(f"components {names}")
        tok2vec, tagger, morphologizer, parser = (component for _, component in nlp.pipeline)
        if not (
            isinstance(tok2vec, Tok2Vec)
            and isinstance(tagger, Tagger)
            and isinstance(morphologizer, Morphologizer)
            and isinstance(parser, DependencyParser)
        ):
            raise UnknownModel("component types")
        by_name: dict[str, list[Model]] = {}
        for layer in tok2vec.model.walk():
            by_name.setdefault(layer.name, []).append(layer)
        embeddings = tuple(by_name.get("hashembed", ()))
        windows = by_name.get("expand_window", [])
        if tok2vec.model.name != _tok2vec_name(len(embeddings), len(windows)):
            raise UnknownModel(tok2vec.model.name)
        (features,) = by_name["extract_features"]
        maxouts, norms = by_name["maxout"], by_name["layernorm"]
        if [e.attrs["column"] for e in embeddings] != list(range(len(features.attrs["columns"]))):
            raise UnknownModel(f"embedded columns {features.attrs['columns']}")
        return cls(
            features,
            embeddings,
            (maxouts[0], norms[0]),
            tuple(zip(windows, maxouts[1:], norms[1:], strict=True)),
            tok2vec.model.layers[1].attrs["pad"],
            _output_layer(tagger),
            tuple(tagger.labels),
            _output_layer(morphologizer),
            _upos_labels(morphologizer),
            parser,
        )


@cache
def layers_of(nlp: Language) -> Layers:
    """:meth:`Layers.of` ``nlp``, found once per loaded model (like ``syntax.load_parser``,
    whose model it is: the cache keeps it alive, so its key is never another model's)."""
    return Layers.of(nlp)


def _tok2vec_name(columns: int, depth: int) -> str:
    """The name thinc gives a ``Tok2Vec.v2`` of a ``MultiHashEmbed.v2`` of ``columns``
    attributes and a ``MaxoutWindowEncoder.v2`` of ``depth`` blocks: its layers, composed."""
    embed = "|".join(["ints-getitem>>hashembed"] * columns)
    block = "residual(expand_window>>maxout>>layernorm>>dropout)"
    return (
        f"extract_features>>list2ragged>>with_array({embed})"
        ">>with_array(maxout>>layernorm>>dropout)>>ragged2list"
        f">>with_array({'>>'.join([block] * depth)})"
    )


def _output_layer(component: Tagger) -> Model:
    """A tagger's ``softmax`` (its model is ``listener >> with_array(softmax)``)."""
    listener, output = component.model.layers
    if listener.name != "tok2vec-listener" or output.name != "with_array(softmax)":
        raise UnknownModel(component.model.name)
    return cast("Model", output.layers[0])


def _upos_labels(morphologizer: Morphologizer) -> tuple[str, ...]:
    """The universal part of speech of each of the morphologizer's labels, as its
    ``set_annotations`` would write it (``labels_pos``: label -> part-of-speech id)."""
    by_label, strings = morphologizer.cfg["labels_pos"], morphologizer.vocab.strings
    return tuple(strings[by_label.get(label, 0)] for label in morphologizer.labels)


def vectors(layers: Layers, docs: list[Doc]) -> ndarray:
    """The tok2vec's vector of every token of ``docs``, one row per token in batch order."""
    features = cast("list[ndarray]", layers.features.predict(docs))
    ids = np.concatenate(features)
    distinct, token_row = _distinct_rows(ids)
    embedded = np.hstack([e.predict(distinct[:, e.attrs["column"]]) for e in layers.embeddings])
    maxout, norm = layers.mix
    mixed = _layer_norm(norm, _maxout(maxout, embedded))[token_row]
    lengths = [len(f) for f in features]
    pad = layers.pad
    rows = np.arange(len(ids)) + pad * np.repeat(np.arange(1, len(docs) + 1), lengths)
    encoded = np.zeros((len(ids) + pad * (len(docs) + 1), mixed.shape[1]), dtype=mixed.dtype)
    encoded[rows] = mixed
    for window, maxout, norm in layers.blocks:
        encoded = encoded + _layer_norm(norm, _maxout(maxout, window.predict(encoded)))
    return cast("ndarray", encoded[rows])


def _distinct_rows(ids: ndarray) -> tuple[ndarray, ndarray]:
    """The distinct rows of ``ids`` (in some order) and, for each row, the number of its
    distinct row. A token's embedding reads its attributes alone, and every layer before the
    encoder reads a row at a time, so a word that comes back ("the", "said", the comma) is
    embedded once per batch: fewer than 60 % of a batch's tokens are distinct."""
    rows = np.ascontiguousarray(ids).view(np.dtype((np.void, ids.dtype.itemsize * ids.shape[1])))
    _, first, token_row = np.unique(rows.ravel(), return_index=True, return_inverse=True)
    return cast("ndarray", ids[first]), cast("ndarray", token_row.ravel())


def _param(layer: Model, name: str) -> ndarray:
    return cast("ndarray", layer.get_param(name))


def _maxout(layer: Model, X: ndarray) -> ndarray:
    """thinc's ``maxout`` layer at inference: its product, its bias, and the largest of each
    unit's pieces, found here with ``numpy.maximum``: the same floats in half the time of
    ``ops.maxout``, which also records the winning piece for training."""
    n_out, pieces, n_in = (layer.get_dim(d) for d in ("nO", "nP", "nI"))
    weights, bias = _param(layer, "W"), _param(layer, "b")
    gemm = cast("Callable[..., ndarray]", layer.ops.gemm)  # blis, as the layer calls it
    scores = gemm(X, weights.reshape(n_out * pieces, n_in), trans2=True)
    scores += bias.reshape(n_out * pieces)
    by_piece = scores.reshape(len(scores), n_out, pieces)
    best = by_piece[:, :, 0].copy()
    for piece in range(1, pieces):
        np.maximum(best, by_piece[:, :, piece], out=best)
    return best


def _layer_norm(layer: Model, X: ndarray) -> ndarray:
    """thinc's ``layernorm`` at inference, ``(X - mean) / sqrt(var + 1e-8) * G + b`` by row,
    with numpy's ``mean`` and ``var`` spelled out as numpy computes them (the same sum, the
    same division), so that the mean is summed once instead of twice, and ``X - mean`` kept."""
    width = np.intp(X.shape[1])
    mean = np.add.reduce(X, axis=1, keepdims=True)
    np.true_divide(mean, width, out=mean, casting="unsafe")
    centred = X - mean
    var = np.add.reduce(np.square(centred), axis=1, keepdims=True)
    np.true_divide(var, width, out=var, casting="unsafe")
    normed = centred * (var + 1e-08) ** (-1.0 / 2.0)
    normed *= _param(layer, "G")
    normed += _param(layer, "b")
    return normed


@dataclass(frozen=True)
class Guesses:
    """What the model reads in one batch: each token's Penn tag and universal part of
    speech, in batch order; the trees are written on the batch's documents."""

    tags: list[str]
    upos: list[str]


def tag_and_parse(layers: Layers, docs: list[Doc]) -> Guesses:
    """Tag every token of ``docs`` (each holds one at least) and parse each of them (heads
    and relations written on the documents, as ``DependencyParser.set_annotations`` writes
    them)."""
    tokvecs = vectors(layers, docs)
    tags = layers.tagger.predict(tokvecs).argmax(axis=1).tolist()
    upos = layers.morphologizer.predict(tokvecs).argmax(axis=1).tolist()
    ends = np.cumsum([len(doc) for doc in docs])[:-1]
    for doc, tensor in zip(docs, np.split(tokvecs, ends), strict=True):
        doc.tensor = tensor
    parser = layers.parser
    parser.set_annotations(docs, parser.predict(docs))
    return Guesses(
        list(map(layers.tags.__getitem__, tags)), list(map(layers.upos.__getitem__, upos))
    )
