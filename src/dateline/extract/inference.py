"""The shipped model's inference on one batch of sentences, with its layers called directly.

spaCy runs each component's thinc model through layers of plumbing (``chain``, ``with_array``,
``list2ragged``, the listeners that hand the tok2vec's output on), and reads the tagger's and
the morphologizer's output one document at a time: a fixed cost of about 2 ms per batch, as
much as 40 words. :func:`tag_and_parse` calls instead the arithmetic of each layer on one array
of the whole batch (the same numpy and BLIS calls as the layer's own forward function, so every
float is that of spaCy's components to the bit), reads the tagger's and the morphologizer's
output layers in one product, and hands the parser's transition loop the batch's vectors
directly. ``tests/test_inference.py`` checks every output against the components' own
``predict``.

The tok2vec is ``spacy.Tok2Vec.v2``: a ``MultiHashEmbed.v2`` (one hash embedding per token
attribute, concatenated, then a maxout and a layer norm) under a ``MaxoutWindowEncoder.v2``
(residual blocks of a window of three tokens, a maxout and a layer norm), which reads the
batch's documents as one array with ``pad`` rows of zeros before, between and after them, so
that no window reaches across two documents. :meth:`Layers.of` finds those layers by name and
refuses a model built otherwise.

Each output row of a matrix product reads its own input row alone (BLIS computes every output
value from its row and column, in the same order whatever the other rows), and so does every
layer before the encoder: the embeddings, their maxout and their layer norm run once per
distinct word, the first time a batch holds it, and are kept for the loaded model
(:class:`WordVectors`), not once per token.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from threading import Lock
from typing import TYPE_CHECKING, Any, ClassVar, cast

import numpy as np
from spacy.attrs import IDS, ORTH
from spacy.ml.parser_model import ParserStepModel  # type: ignore[import-not-found]
from spacy.pipeline import DependencyParser, Morphologizer, Tagger, Tok2Vec
from thinc.api import Model, NumpyOps

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from numpy import ndarray
    from spacy.language import Language
    from spacy.tokens import Doc


class UnknownModel(ValueError):
    """The model's architecture is not the one :func:`tag_and_parse` runs."""


def _param(layer: Model, name: str) -> ndarray:
    return cast("ndarray", layer.get_param(name))


@dataclass(frozen=True)
class Affine:
    """A product and a bias, ``X @ W.T + b`` (thinc's ``Linear`` and ``Softmax`` at
    inference, whose output is not normalised: ``Tagger.v2`` with ``normalize = false``)."""

    W: ndarray
    b: ndarray

    def __call__(self, ops: NumpyOps, X: ndarray) -> ndarray:
        Y = cast("ndarray", ops.gemm(X, self.W, trans2=True))
        Y += self.b
        return Y


@dataclass(frozen=True)
class Maxout:
    """thinc's ``maxout`` layer at inference: its product, its bias, and the largest of each
    unit's pieces, found with ``numpy.maximum``: the same floats in half the time of
    ``ops.maxout``, which also records the winning piece for training.

    The rows of its weights are stored piece by piece (every unit's first piece, then every
    unit's second...) instead of unit by unit, so that each piece is a block of contiguous
    columns of the product and the best is taken in place over whole blocks. Each output of
    the product is its own row of weights times its own input row, whatever the other rows
    (BLIS), so moving a row moves its column and changes no float."""

    affine: Affine  # W: (pieces * units, inputs), piece by piece
    units: int
    pieces: int

    @classmethod
    def of(cls, layer: Model) -> Maxout:
        units, pieces, inputs = (layer.get_dim(d) for d in ("nO", "nP", "nI"))
        W, b = _param(layer, "W"), _param(layer, "b")  # (units, pieces, inputs), (units, pieces)
        by_piece = np.ascontiguousarray(W.transpose(1, 0, 2)).reshape(pieces * units, inputs)
        affine = Affine(by_piece, np.ascontiguousarray(b.T).reshape(pieces * units))
        return cls(affine, units, pieces)

    def __call__(self, ops: NumpyOps, X: ndarray) -> ndarray:
        """The best piece of each unit, a view of the product's first block of columns."""
        Y = self.affine(ops, X)
        units = self.units
        best = Y[:, :units]
        for piece in range(1, self.pieces):
            np.maximum(best, Y[:, piece * units : (piece + 1) * units], out=best)
        return best


@dataclass(frozen=True)
class LayerNorm:
    """thinc's ``layernorm`` at inference, ``(X - mean) / sqrt(var + 1e-8) * G + b`` by row,
    with numpy's ``mean`` and ``var`` spelled out as numpy computes them (the same sum, the
    same division), so that the mean is summed once instead of twice, and ``X - mean`` kept
    and scaled in place."""

    G: ndarray
    b: ndarray

    @classmethod
    def of(cls, layer: Model) -> LayerNorm:
        return cls(_param(layer, "G"), _param(layer, "b"))

    def __call__(self, X: ndarray) -> ndarray:
        width = np.intp(X.shape[1])
        mean = np.add.reduce(X, axis=1, keepdims=True)
        np.true_divide(mean, width, out=mean, casting="unsafe")
        centred = X - mean
        var = np.add.reduce(np.square(centred), axis=1, keepdims=True)
        np.true_divide(var, width, out=var, casting="unsafe")
        centred *= (var + 1e-08) ** (-1.0 / 2.0)
        centred *= self.G
        centred += self.b
        return centred


@dataclass(frozen=True)
class Block:
    """One residual block of the encoder: ``X + norm(maxout(window(X)))``, the sum made in
    the layer norm's output (a float sum is the same either way round)."""

    window: int  # tokens on either side
    maxout: Maxout
    norm: LayerNorm

    def __call__(self, ops: NumpyOps, X: ndarray) -> ndarray:
        out = self.norm(self.maxout(ops, ops.seq2col(X, self.window)))
        out += X
        return out


@dataclass(frozen=True)
class HashEmbed:
    """thinc's ``hashembed`` layers of the token attributes at inference, all in one: each
    attribute's id is hashed with its layer's seed into four rows of its layer's table, and
    its vector is the sum of those rows, added in that order (``ops.gather_add``), so its
    tables are stacked into one (``offsets``: where each starts) and every vector of a batch
    is gathered in one call."""

    table: ndarray  # the layers' tables, one under the other
    offsets: ndarray  # (attributes, 1): the first row of each layer's table in ``table``
    rows: tuple[int, ...]  # each layer's number of rows
    seeds: tuple[int, ...]

    @classmethod
    def of(cls, layers: Sequence[Model]) -> HashEmbed:
        tables = [_param(layer, "E") for layer in layers]
        rows = tuple(len(table) for table in tables)
        offsets = np.cumsum((0, *rows[:-1]), dtype="uint32").reshape(len(rows), 1)
        return cls(np.concatenate(tables), offsets, rows, tuple(e.attrs["seed"] for e in layers))

    def __call__(self, ops: NumpyOps, ids: ndarray) -> ndarray:
        """The concatenated vectors of ``ids`` (a row of attribute ids per word)."""
        keys = np.empty((len(ids), len(self.seeds), 4), dtype="uint32")
        for k, (seed, rows) in enumerate(zip(self.seeds, self.rows, strict=True)):
            np.remainder(ops.hash(np.ascontiguousarray(ids[:, k]), seed), rows, out=keys[:, k])
        keys += self.offsets
        vectors = ops.gather_add(self.table, keys.reshape(-1, 4))
        return cast("ndarray", vectors.reshape(len(ids), -1))


class WordVectors:
    """The vector of each word before the encoder (its embeddings, their maxout and their
    layer norm), kept for the loaded model from one batch to the next.

    Those layers read one word at a time: a token's vector there is a function of its word
    alone (its ORTH id and the lexeme attributes that go with it), computed row by row (each
    output row of a matrix product reads its own input row alone, and the maxout and the
    layer norm work by row), so it is the same floats whichever batch first computes it.
    Each word is therefore computed once, the first time a batch holds it, and read back by
    every later token: "the", "said" and the comma come back within a batch (under 60 % of a
    batch's tokens are distinct words) and from one article to the next. Keeping them changes
    what is computed, never its result: extraction stays a pure function of the article.

    At most ``CAPACITY`` words are kept (the first ones met, 8 MB); the new words of a batch
    that finds it full are computed for that batch alone. A lock makes a batch's reading and
    filling one step, for callers that extract on several threads."""

    CAPACITY: ClassVar[int] = 1 << 15

    def __init__(self, width: int, capacity: int = CAPACITY) -> None:
        self.rows: dict[int, int] = {}  # ORTH id -> its row of ``table``
        self.table = np.empty((capacity, width), dtype="float32")  # pages touched as filled
        self.lock = Lock()

    def of_tokens(self, ids: ndarray, compute: Callable[[ndarray], ndarray]) -> ndarray:
        """The vector of each token of ``ids`` (a row per token: its ORTH id, then the
        attributes that ``compute`` reads, which makes the vectors of rows of attributes)."""
        words = ids[:, 0].tolist()
        with self.lock:
            rows = self.rows
            new: dict[int, int] = {}  # word -> its first token, in the order they come
            for k, word in enumerate(words):
                if word not in rows and word not in new:
                    new[word] = k
            if not new:
                return self.table[list(map(rows.__getitem__, words))]
            fresh = compute(ids[list(new.values()), 1:])
            start, end = len(rows), len(rows) + len(new)
            if end <= len(self.table):
                self.table[start:end] = fresh
                rows.update(zip(new, range(start, end), strict=True))
                return self.table[list(map(rows.__getitem__, words))]
            local = dict(zip(new, range(start, end), strict=True))  # full: this batch's alone
            table = np.concatenate([self.table[:start], fresh])
            return table[[rows[word] if word in rows else local[word] for word in words]]


class _Vectors(list["Doc"]):
    """A batch of documents with the parser's input vectors of their tokens (``vectors``, one
    row per token in batch order), as :class:`_GreedyParser` reads them."""

    vectors: ndarray


def _given_vectors(docs: _Vectors, is_train: bool) -> tuple[ndarray, None]:
    return docs.vectors, None


class _GreedyParser(DependencyParser):
    """The shipped parser's own transition loop (``greedy_parse``, compiled) over vectors
    given with the batch (:class:`_Vectors`), not read back from each document's tensor
    through its listener. It shares the parser's transitions and weights."""

    def _ensure_labels_are_added(self, docs: Sequence[Doc]) -> int:
        """Nothing to add: the batch's documents are fresh and bring no labels of their own
        (spaCy would read every token's relation to find that out)."""
        return 0


def _greedy_parser(parser: DependencyParser) -> _GreedyParser:
    """A :class:`_GreedyParser` over ``parser``'s transitions and weights: its model builds
    the step model from the batch's vectors and the parser's own first and output layers."""
    transition = parser.model
    _, lower, upper = transition.layers

    def forward(model: Model, docs: _Vectors, is_train: bool) -> tuple[ParserStepModel, Any]:
        step = ParserStepModel(
            docs,
            [_given_vectors, lower, upper],
            has_upper=transition.attrs["has_upper"],
            unseen_classes=transition.attrs["unseen_classes"],
            train=False,
        )
        return step, None

    given: Model = Model("parser_model_given_vectors", forward, attrs={"resize_output": _same})
    cfg = parser.cfg
    return _GreedyParser(
        parser.vocab,
        given,
        parser.name,
        parser.moves,
        update_with_oracle_cut_size=cfg["update_with_oracle_cut_size"],
        min_action_freq=cfg["min_action_freq"],
        learn_tokens=cfg["learn_tokens"],
    )


def _same(model: Model, n_out: int) -> Model:
    return model


@dataclass(frozen=True)
class Layers:
    """The working layers of the shipped pipeline, in the order inference calls them."""

    columns: list[int | str]  # ORTH, then the attributes the embeddings read, in order
    embed: HashEmbed  # the embeddings of those attributes
    mix: tuple[Maxout, LayerNorm]  # over the concatenated embeddings
    blocks: tuple[Block, ...]  # the encoder's residual blocks
    pad: int  # rows of zeros around each document in the encoder's array
    outputs: Affine  # the tagger's output layer, then the morphologizer's, in one product
    tags: tuple[str, ...]  # the tagger's labels: the first len(tags) outputs
    upos: tuple[str, ...]
    projection: Affine  # the parser's own layer over the tok2vec's output
    greedy: _GreedyParser  # the parser's transition loop over the projected vectors
    ops: NumpyOps
    words: WordVectors  # the mixed vectors of the words met so far

    @classmethod
    def of(cls, nlp: Language) -> Layers:
        """The layers of ``nlp``: a tok2vec, a tagger, a morphologizer and a parser, the
        three others listening to the tok2vec."""
        tok2vec, tagger, morphologizer, parser = _components(nlp)
        by_name = _tok2vec_layers(tok2vec)
        tagged, upos = _output_layer(tagger), _output_layer(morphologizer)
        projection = _projection(parser)
        (features,) = by_name["extract_features"]
        maxouts = [Maxout.of(layer) for layer in by_name["maxout"]]
        norms = [LayerNorm.of(layer) for layer in by_name["layernorm"]]
        return cls(
            [ORTH, *(IDS.get(column, column) for column in features.attrs["columns"])],
            HashEmbed.of(by_name["hashembed"]),
            (maxouts[0], norms[0]),
            tuple(
                Block(window.attrs["window_size"], maxout, norm)
                for window, maxout, norm in zip(
                    by_name["expand_window"], maxouts[1:], norms[1:], strict=True
                )
            ),
            tok2vec.model.layers[1].attrs["pad"],
            Affine(
                np.concatenate([_param(tagged, "W"), _param(upos, "W")]),
                np.concatenate([_param(tagged, "b"), _param(upos, "b")]),
            ),
            tuple(tagger.labels),
            _upos_labels(morphologizer),
            Affine(_param(projection, "W"), _param(projection, "b")),
            _greedy_parser(parser),
            cast("NumpyOps", tok2vec.model.ops),
            WordVectors(maxouts[0].units),
        )


def _components(nlp: Language) -> tuple[Tok2Vec, Tagger, Morphologizer, DependencyParser]:
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
    return tok2vec, tagger, morphologizer, parser


def _tok2vec_layers(tok2vec: Tok2Vec) -> dict[str, list[Model]]:
    """The tok2vec's layers by name, in the order the model calls them, once its
    architecture is known to be the one :func:`vectors` runs."""
    by_name: dict[str, list[Model]] = {}
    for layer in tok2vec.model.walk():
        by_name.setdefault(layer.name, []).append(layer)
    embeddings = by_name.get("hashembed", [])
    if tok2vec.model.name != _tok2vec_name(len(embeddings), len(by_name.get("expand_window", []))):
        raise UnknownModel(tok2vec.model.name)
    columns = by_name["extract_features"][0].attrs["columns"]
    if [e.attrs["column"] for e in embeddings] != list(range(len(columns))):
        raise UnknownModel(f"embedded columns {columns}")
    return by_name


@cache
def layers_of(nlp: Language) -> Layers:
    """:meth:`Layers.of` ``nlp``, found once per loaded model (like ``syntax.load_parser``,
    whose model it is: the cache keeps it alive, so its key is never another model's).
    BLIS stops checking the arguments of each call from then on (:func:`unchecked_blis`)."""
    layers = Layers.of(nlp)
    unchecked_blis()
    return layers


def unchecked_blis() -> None:
    """Turn off BLIS's check of the arguments of every call (their dimensions, strides and
    types). It costs about 2.5 µs of the 17 µs that a small product takes, and the parser's
    compiled transition loop makes one such product per step and an ``axpy`` per feature of
    every state: about 5 % of the model's time. The checks compute nothing: every float stays
    the same. The calls are spaCy's and thinc's, their shapes fixed by the model; a bad one
    aborts the process with or without the checks (BLIS has no error to raise)."""
    from ctypes import CDLL

    import blis.cy  # type: ignore[import-untyped]

    CDLL(blis.cy.__file__).bli_error_checking_level_set(0)  # BLIS_NO_ERROR_CHECKING


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
    """A tagger's ``softmax`` (its model is ``listener >> with_array(softmax)``), which does
    not normalise its output at inference."""
    listener, output = component.model.layers
    if listener.name != "tok2vec-listener" or output.name != "with_array(softmax)":
        raise UnknownModel(component.model.name)
    softmax = cast("Model", output.layers[0])
    if softmax.attrs.get("softmax_normalize", True):
        raise UnknownModel(f"{component.name}: a normalised softmax")
    return softmax


def _projection(parser: DependencyParser) -> Model:
    """The parser's own layer over the tok2vec's output (its model's first layer is
    ``listener >> list2array >> linear``), once the parser is known to be a greedy one with
    an output layer, as :func:`tag_and_parse` runs it."""
    transition = parser.model
    if transition.name != "parser_model" or not transition.attrs["has_upper"]:
        raise UnknownModel(transition.name)
    if parser.cfg.get("beam_width", 1) != 1:
        raise UnknownModel("a beam parser")
    chain = transition.layers[0]
    if chain.name != "tok2vec-listener>>list2array>>linear":
        raise UnknownModel(chain.name)
    return cast("Model", chain.layers[-1])


def _upos_labels(morphologizer: Morphologizer) -> tuple[str, ...]:
    """The universal part of speech of each of the morphologizer's labels, as its
    ``set_annotations`` would write it (``labels_pos``: label -> part-of-speech id)."""
    by_label, strings = morphologizer.cfg["labels_pos"], morphologizer.vocab.strings
    return tuple(strings[by_label.get(label, 0)] for label in morphologizer.labels)


def vectors(layers: Layers, docs: list[Doc]) -> ndarray:
    """The tok2vec's vector of every token of ``docs``, one row per token in batch order."""
    features = [doc.to_array(layers.columns) for doc in docs]
    ops = layers.ops
    maxout, norm = layers.mix
    mixed = layers.words.of_tokens(
        np.concatenate(features), lambda attrs: norm(maxout(ops, layers.embed(ops, attrs)))
    )
    pad = layers.pad
    lengths = [len(f) for f in features]
    rows = np.arange(len(mixed)) + pad * np.repeat(np.arange(1, len(docs) + 1), lengths)
    encoded = np.zeros((len(mixed) + pad * (len(docs) + 1), mixed.shape[1]), dtype=mixed.dtype)
    encoded[rows] = mixed
    for block in layers.blocks:
        encoded = block(ops, encoded)
    return cast("ndarray", encoded[rows])


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
    ops = layers.ops
    scores = layers.outputs(ops, tokvecs)
    n_tags = len(layers.tags)
    tags = scores[:, :n_tags].argmax(axis=1).tolist()
    upos = scores[:, n_tags:].argmax(axis=1).tolist()
    batch = _Vectors(docs)
    batch.vectors = layers.projection(ops, tokvecs)
    greedy = layers.greedy
    greedy.set_annotations(docs, greedy.greedy_parse(batch))
    return Guesses(
        list(map(layers.tags.__getitem__, tags)), list(map(layers.upos.__getitem__, upos))
    )
