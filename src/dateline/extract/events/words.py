"""The word lists and the type groups that event coding reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from dateline.lexicon.rules import rule_words


@dataclass(frozen=True)
class EventWords:
    """The word lists of event coding, read from ``lexicon/data/rules/events.yaml``."""

    FILE: ClassVar[str] = "events.yaml"
    negation: frozenset[str]
    future: frozenset[str]
    hedges: frozenset[str]
    ongoing_before: frozenset[str]
    ongoing_words: frozenset[str]
    ongoing_after: tuple[str, ...]
    object_markers: frozenset[str]
    target_markers: frozenset[str]
    subject_pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    coordinators: frozenset[str]
    reversal_verbs: frozenset[str]
    ending_verbs: frozenset[str]
    conditionals: frozenset[str]
    future_modals: frozenset[str]
    clause_breaks: frozenset[str]
    passive_auxiliaries: frozenset[str]
    modified_heads: frozenset[str]
    prepositions: frozenset[str]
    verb_markers: frozenset[str]
    relative_pronouns: frozenset[str]
    observer_verbs: frozenset[str]
    support_verbs: frozenset[str]
    possession_verbs: frozenset[str]
    decision_verbs: frozenset[str]
    subordinators: frozenset[str]
    reciprocal_verbs: frozenset[str]
    failure_verbs: frozenset[str]
    speaker_pronouns: frozenset[str]
    verb_coordinators: frozenset[str]
    allegation_words: frozenset[str]
    allegation_markers: frozenset[str]
    people_before_participle: frozenset[str]
    complementizers: frozenset[str]
    venue_markers: frozenset[str]
    destination_modes: frozenset[str]
    visitor_participles: frozenset[str]


WORDS = rule_words(EventWords)
#: Longest reversal verb, in tokens ("called off": 2).
REVERSAL_SIZE = max(len(w.split()) for w in WORDS.reversal_verbs | WORDS.ending_verbs)

FORCEFUL = frozenset({"RETREAT", "MOBILIZE", "ASSAULT", "COERCE"})
UNDIRECTED = frozenset({"RETREAT", "MOBILIZE"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "AID", "CONCEDE"})
#: Actions done with one another: "Kenya and Uganda signed a pact" is Kenya's with Uganda,
#: where "Egypt and Saudi Arabia called for a ceasefire" is both calling (with the verbs of
#: ``reciprocal_verbs``: "police and protesters clashed").
RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE"})
#: Verbal acts whose content is another action ("refused to withdraw", "asked Algeria to
#: release him", "threatened to impose sanctions"): one event of this type, its mode from the
#: action it is about.
FRAMES = frozenset({"REJECT", "REQUEST", "THREATEN"})
#: A penalty and the restrictions it imposes: a participle of one after the other tells what
#: it did ("imposed sanctions, freezing assets and banning travel": one event).
RESTRICTIVE = frozenset({"SANCTION", "COERCE"})
#: Actions that a condition turns into a threat ("will pull out of the talks unless …").
CONFLICT = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST", "REJECT"})
