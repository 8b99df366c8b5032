"""What a sentence reports, action by action: the type of an event comes from the verb that
governs it, not from the noun it acts on.

- a **reversal** verb undoes the action it governs: "eased the blockade" is a concession
  (CONCEDE), not a blockade; "suspended the talks" reduces relations (SANCTION); "halted the
  offensive" ends a fight (RETREAT);
- a **frame** (REJECT, REQUEST, THREATEN) is one event about the action it governs, which is
  not an event of its own: "turned down the request" is REJECT, "asked Algeria to release
  him" is REQUEST (mode yield), "threatened to impose sanctions" is THREATEN (mode restrict);
- a noun under the verb of another action reports no action of its own unless its own phrase
  names who did it ("condemned Russia's strikes"), and a noun that only modifies another noun
  ("the sanctions regime", "an aid convoy") reports none;
- a **condition**: the action inside "if"/"unless" is hypothetical, and a future conflict
  action that depends on it is a threat ("will pull out of the talks unless …").

The codings follow the PLOVER codebook (CONCEDE: "easing of administrative or legal
restrictions … remove curfews, suspending protests"; SANCTION: "terminate discussions,
negotiations … decrease or terminate provision of … aid"; REJECT/REQUEST modes assist,
change, yield, meet; THREATEN modes restrict, arrest, relations, expel, territory, violence).

Which word governs which is read from the dependency parse where the sentence was parsed
(:class:`~dateline.extract.events.reading.Reading`), else from word windows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from dateline.extract.events.reading import COORDINATORS, Node, Reading
from dateline.extract.events.words import CONFLICT, FRAMES
from dateline.lexicon import Trigger
from dateline.lexicon.model import PLOVER_CAMEO_ROOTS

#: Verbal acts that a protest carries out by protesting ("marched to demand", "to oppose").
DEMANDS = frozenset({"REQUEST", "REJECT", "ACCUSE"})

#: The coding of a restriction, whose object noun names what it forbids ("banned rallies").
RESTRICTION = ("COERCE", "restrict")

#: What undoing an action of each type is (type, mode).
REVERSED: dict[str, tuple[str, str | None]] = {
    "COERCE": ("CONCEDE", None),
    "SANCTION": ("CONCEDE", None),
    "PROTEST": ("CONCEDE", None),
    "THREATEN": ("CONCEDE", None),
    "REQUEST": ("CONCEDE", None),
    "ACCUSE": ("CONCEDE", None),
    "REJECT": ("CONCEDE", None),
    "ASSAULT": ("RETREAT", "ceasefire"),
    "MOBILIZE": ("RETREAT", "withdraw"),
    "CONSULT": ("SANCTION", "discontinue"),
    "COOPERATE": ("SANCTION", "discontinue"),
    "AID": ("SANCTION", "discontinue"),
    "SUPPORT": ("SANCTION", "discontinue"),
    "AGREE": ("SANCTION", "discontinue"),
    "RETREAT": ("REJECT", "yield"),
    "CONCEDE": ("REJECT", "yield"),
}

#: REJECT and REQUEST modes by the type of the action asked for or refused.
ASKED_MODE: dict[str, str] = {
    "RETREAT": "yield",
    "CONCEDE": "yield",
    "CONSULT": "meet",
    "AID": "assist",
    "COOPERATE": "assist",
    "SUPPORT": "assist",
}

#: THREATEN mode by the (type, mode) of the action threatened; (type, None) for any mode.
THREAT_MODE: dict[tuple[str, str | None], str] = {
    ("ASSAULT", None): "violence",
    ("MOBILIZE", None): "violence",
    ("COERCE", "arrest"): "arrest",
    ("COERCE", "deport"): "expel",
    ("COERCE", None): "restrict",
    ("SANCTION", "expel"): "expel",
    ("SANCTION", "withdraw"): "relations",
    ("SANCTION", "discontinue"): "relations",
    ("SANCTION", None): "restrict",
    ("PROTEST", None): "restrict",
    ("REJECT", None): "relations",
    ("RETREAT", None): "relations",
}


@dataclass(frozen=True)
class Action:
    """One action a sentence reports: the words that report it (the governing verb when one
    frames it), its coding, and how its arguments are read."""

    i: int
    j: int
    coding: Trigger
    nominal: bool  # reported by a noun ("the attack"), not a verb
    own_phrase: bool  # a noun under another action: its actor comes only from its own phrase
    core: tuple[int, int]  # the innermost action it is about ("bombing" in "an end to the …")
    status: str | None = None  # fixed by a condition (a threat is made; "if …" is hypothetical)
    support: int | None = None  # the verb whose subject does what the noun names ("launched")


def actions(nodes: list[Node], reading: Reading) -> list[Action]:
    """The actions that the trigger and reversal words of one sentence report, in text order."""
    governor = _governors(nodes, reading)
    child: dict[int, int] = {}
    own: set[int] = set()
    absorbed: set[int] = set()
    for b, a in governor.items():
        if _same_action(nodes[a], nodes[b]) and reading.nominal(nodes[a]) > reading.nominal(
            nodes[b]
        ):
            absorbed.add(a)  # "an agreement inked with …": the verb carries the arguments
        elif _absorbs(nodes[a], nodes[b]) or _content(nodes[a], nodes[b], reading):
            child.setdefault(a, b)
            absorbed.add(b)
        elif reading.nominal(nodes[b]):
            own.add(b)
    absorbed |= _also_asked(nodes, child, absorbed, reading)
    coded = _coder(nodes, child)
    out: list[Action] = []
    for k, node in enumerate(nodes):
        coding = coded(k)
        if k in absorbed or coding is None:
            continue
        if reading.names_people(node):
            continue  # "release those detained"
        if coding.event_type != "ACCUSE" and reading.alleged(node):
            continue  # "indicted on charges of conspiring to hack": alleged, not reported
        nominal = reading.nominal(node)
        if nominal and reading.modifies_noun(node):
            continue  # "the sanctions regime", "an aid convoy"
        if nominal and coding.event_type != "CONSULT" and reading.held(node):
            continue  # "which has a defence treaty with" (but "had talks with")
        background = nominal and reading.after_preposition(node)
        core = _innermost(k, child, nodes)
        phrase = k in own or background
        support = reading.support_verb(node) if nominal and not phrase else None
        out.append(Action(node.i, node.j, coding, nominal, phrase, core, support=support))
    return [_conditioned(a, reading) for a in out]


def _also_asked(
    nodes: list[Node], child: dict[int, int], absorbed: set[int], reading: Reading
) -> set[int]:
    """Infinitives joined by "and to" to the content of a frame are its content too: "called
    on Tbilisi to release the detainees and to withdraw the bill" is one request (the words
    between may hold what the content governs: "to release those detained and to …")."""
    framed = {
        c
        for a, c in child.items()
        if (trigger := nodes[a].trigger) is not None and trigger.event_type in FRAMES
    }
    out: set[int] = set()
    content = False  # the nodes since the last frame's content are all content
    for k, node in enumerate(nodes):
        joined = reading.low(node.i - 1) == "to" and reading.low(node.i - 2) in COORDINATORS
        if content and joined:
            out.add(k)
        elif k in framed:
            content = True
        elif k not in absorbed and not reading.names_people(node):
            content = False
    return out


def _innermost(k: int, child: dict[int, int], nodes: list[Node]) -> tuple[int, int]:
    seen = {k}
    while (c := child.get(k)) is not None and c not in seen:
        k = c
        seen.add(k)
    return nodes[k].i, nodes[k].j


def _governors(nodes: list[Node], reading: Reading) -> dict[int, int]:
    """Node -> the node whose verb (or noun) governs it: the nearest one before it that the
    reading links to it, else the nearest after it (the verb of a passive subject)."""
    out: dict[int, int] = {}
    for k, node in enumerate(nodes):
        before = range(k - 1, -1, -1)
        after = range(k + 1, len(nodes))
        for a in (*before, *after):
            if _apart(nodes[a], node) and reading.governs(nodes[a], node):
                out[k] = a
                break
    return out


def _apart(a: Node, b: Node) -> bool:
    return a.j <= b.i or b.j <= a.i


def _absorbs(a: Node, b: Node) -> bool:
    """Whether ``b`` is only the content of ``a``'s action: ``a`` reverses it, frames it, or
    reports the same action ("signed an agreement")."""
    b_type = b.trigger.event_type if b.trigger else None
    if a.reversal is not None:
        return b_type is not None and not (a.reversal == "end" and b_type == "CONSULT")
    if a.trigger is None:
        return False
    return a.trigger.event_type in FRAMES or a.trigger.event_type == b_type


def _content(a: Node, b: Node, reading: Reading) -> bool:
    """``b`` only says what ``a`` is about: what a protest demands or opposes ("marched on
    parliament to oppose a bill": PLOVER codes demands made by demonstrating as PROTEST), or
    what an allegation alleges ("accused him of organising a blockade": not reported as fact),
    or the action a restriction forbids ("banned rallies", "blocked aid deliveries": the ban
    is the event, the rallies are not held)."""
    if a.trigger is None or b.trigger is None or a.reversal is not None or b.i < a.j:
        return False
    if a.trigger.event_type == "PROTEST":
        return b.trigger.event_type in DEMANDS and reading.low(b.i - 1) == "to"
    if (a.trigger.event_type, a.trigger.event_mode) == RESTRICTION:
        return reading.nominal(b)
    alleges = a.trigger.event_type == "ACCUSE" and a.trigger.event_mode == "allege"
    return alleges and any(reading.low(k) == "of" for k in range(a.j, b.i))


def _same_action(a: Node, b: Node) -> bool:
    """Two triggers of one type, one governing the other ("signed an agreement")."""
    return (
        a.trigger is not None
        and b.trigger is not None
        and a.reversal is None
        and a.trigger.event_type == b.trigger.event_type
    )


def _coder(nodes: list[Node], child: dict[int, int]) -> Callable[[int], Trigger | None]:
    """The coding of each node, folding in the chain of actions it governs ("refused to lift
    the sanctions": REJECT of CONCEDE of SANCTION)."""
    memo: dict[int, Trigger | None] = {}

    def code(k: int) -> Trigger | None:
        if k not in memo:
            node, c = nodes[k], child.get(k)
            memo[k] = node.trigger  # a cycle of governors stops here
            inner = code(c) if c is not None else None
            memo[k] = _fold(node, inner)
        return memo[k]

    return code


def _fold(node: Node, inner: Trigger | None) -> Trigger | None:
    own = node.trigger
    if inner is None:
        return own  # a reversal verb with nothing to reverse is no event unless a trigger
    if node.reversal is not None:
        kind, mode = REVERSED[inner.event_type]
        return _coded(own or inner, kind, mode, PLOVER_CAMEO_ROOTS[kind])
    assert own is not None
    if own.event_type in {"REJECT", "REQUEST"}:
        mode = ASKED_MODE.get(inner.event_type, own.event_mode)
        return _coded(own, own.event_type, mode, own.cameo)
    if own.event_type == "THREATEN":
        return threat(inner, own)
    return own


def threat(action: Trigger, base: Trigger | None = None) -> Trigger:
    """A threat to carry out ``action``, coded with the THREATEN mode of that action."""
    mode = THREAT_MODE.get((action.event_type, action.event_mode)) or THREAT_MODE.get(
        (action.event_type, None)
    )
    if mode is None and base is not None:
        mode = base.event_mode
    return _coded(base or action, "THREATEN", mode, PLOVER_CAMEO_ROOTS["THREATEN"])


def _coded(t: Trigger, event_type: str, mode: str | None, cameo: str) -> Trigger:
    if (t.event_type, t.event_mode, t.cameo) == (event_type, mode, cameo):
        return t
    return Trigger(f"{t.lemma} ({event_type.lower()})", (), event_type, cameo, mode, t.noun)


def _conditioned(a: Action, reading: Reading) -> Action:
    """Inside "if"/"unless": hypothetical. A future action whose clause has a condition: a
    threat when it is a conflict action ("will pull out … unless"), else hypothetical."""
    where = reading.condition(a.i, a.j)
    if where == "inside":
        return _with(a, a.coding, "hypothetical")
    if where == "main" and reading.future(a.i):
        if a.coding.event_type in CONFLICT:
            return _with(a, threat(a.coding), "occurred")
        return _with(a, a.coding, "hypothetical")
    return a


def _with(a: Action, coding: Trigger, status: str) -> Action:
    return replace(a, coding=coding, status=status)
