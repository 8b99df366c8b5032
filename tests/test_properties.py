"""Property tests: extraction never raises and a document's rows never reference a missing id.

Sentences are composed from parts (nation names and demonyms from the lexicon × event nouns and
verbs × cue verbs × date phrases, ordinary and extreme, × publication dates at the calendar's
edges); dev articles are mutated (a window of paragraphs, with composed sentences inserted,
words cut, paragraphs repeated, extreme dates put in). Both are seeded and derandomized, so a
run is reproducible. Every failure found is kept below as an explicit regression case.
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dateline.article import read_article
from dateline.extract import extract
from dateline.lexicon import load as load_lexicon
from fixtures.articles import article
from fixtures.corpus import dev_articles
from fixtures.integrity import integrity_problems

LEX = load_lexicon()
NATIONS = sorted(LEX.nations, key=lambda n: n.iso3)
DEMONYMS = sorted({d for n in NATIONS for d in n.demonyms})
NAMES = sorted({n.name for n in NATIONS} | {c for n in NATIONS for c in n.capitals[:1]})
ACTORS = sorted({a.name for a in LEX.actors})
TITLES = sorted({t.forms[0] for t in LEX.titles if t.forms[0][:1].isupper()})
NOUNS = sorted({f for t in LEX.triggers if t.noun for f in t.forms if " " not in f})
VERBS = sorted({f for t in LEX.triggers if not t.noun for f in t.forms if f.endswith("ed")})
CUES = sorted({f for c in LEX.cues if not c.phrase for f in c.forms if f.endswith(("ed", "id"))})
DATES = [
    "",
    "on Tuesday",
    "last week",
    "next month",
    "in July",
    "by the end of the year",
    "two weeks ago",
    "in recent weeks",
    "12,000 years ago",
    "for the next 100,000 years",
    "3,000,000 days ago",
    "99999999999999 days ago",
    "in the 1st century",
    "within 50,000 years",
    "tomorrow",
    "last year",
]
PUBLISHED = ["2024-03-06", "0001-01-01", "9999-12-31", "2000-02-29"]
TARGETS = ["four people", "the town", "rebels", "the border", "civilians", "the convoy"]
SPEAKERS = ["officials", "a senior official", "the ministry", "the spokesman", "witnesses"]

# Each template is a sentence with slots for the parts.
TEMPLATES = [
    "{Dem} {noun} {verb} {target} {date}.",
    "{Dem} {noun} {date} {verb} {target}, {speaker} {cue}.",
    "“{Dem} {noun} will continue {date},” {Name} {cue}.",
    "{Name} {verb} {Name2} {date}, a senior {Dem} official {cue}.",
    "The {dem_lower} {noun} came {date} after {Name} {verb} {target}.",
    "{speaker} {cue} that {Dem} and {Dem2} {noun} {verb} {target} {date}.",
    "{Name}'s {noun} {verb} {date}, {speaker} {cue} on {Name2}.",
    "A {Dem} {noun} {date}: {Dem2} forces {verb} the {noun}.",
    "“{Dem} {noun} {verb} {target},” {actor} spokesman John Smith {cue} {date}.",
    "{actor} and {Name} {verb} {date}, according to a senior {Dem} official.",
    "{Dem} {Title} Jane Doe {cue} {date} that {actor} {verb} {target}. “We {verb},” she {cue}.",
]

FAST = settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check(body: str, published: str = "2024-03-06") -> None:
    """Extraction of ``body`` succeeds and its rows hold together on their own."""
    rows = extract(article(body, published)).rows
    assert integrity_problems(rows) == [], body


def sentence() -> st.SearchStrategy[str]:
    parts = {
        "Dem": st.sampled_from(DEMONYMS),
        "Dem2": st.sampled_from(DEMONYMS),
        "dem_lower": st.sampled_from(DEMONYMS),
        "Name": st.sampled_from(NAMES),
        "Name2": st.sampled_from(NAMES),
        "noun": st.sampled_from(NOUNS),
        "verb": st.sampled_from(VERBS),
        "cue": st.sampled_from(CUES),
        "date": st.sampled_from(DATES),
        "target": st.sampled_from(TARGETS),
        "speaker": st.sampled_from(SPEAKERS),
        "actor": st.sampled_from(ACTORS),
        "Title": st.sampled_from(TITLES),
    }
    return st.builds(_fill, st.sampled_from(TEMPLATES), st.fixed_dictionaries(parts))


def _fill(template: str, parts: dict[str, str]) -> str:
    """The template with its slots filled, single-spaced, starting with a capital."""
    text = " ".join(template.format(**parts).split())
    return text[:1].upper() + text[1:]


SPACES = [" ", " ", " ", " "]


@FAST
@given(
    sentences=st.lists(sentence(), min_size=1, max_size=4),
    breaks=st.lists(st.sampled_from([" ", "\n\n"]), min_size=4, max_size=4),
    published=st.sampled_from(PUBLISHED),
)
# Failures these tests found before the fixes (dangling <iso3>-military / -government actor ids,
# and date arithmetic off the calendar raising ValueError or OverflowError):
@example(sentences=["Afghan abduct acceded four people ."], breaks=SPACES, published=PUBLISHED[0])
@example(sentences=["Kosovan aid chastised four people ."], breaks=SPACES, published=PUBLISHED[2])
@example(sentences=["Zimbabwean abduct called the convoy last week."], breaks=SPACES,
         published="0001-01-01")  # fmt: skip
@example(sentences=["Montenegrin abduct demonstrated the town tomorrow."], breaks=SPACES,
         published="9999-12-31")  # fmt: skip
@example(sentences=["Mauritian abduct armed civilians on Tuesday."], breaks=SPACES,
         published="0001-01-01")  # fmt: skip
@example(sentences=["Austrian abduct advised four people in July."], breaks=SPACES,
         published="9999-12-31")  # fmt: skip
@example(sentences=["Czech demand assisted civilians last year."], breaks=SPACES,
         published="0001-01-01")  # fmt: skip
@example(sentences=["Afghan abduct acceded four people in the 1st century."], breaks=SPACES,
         published="2024-03-06")  # fmt: skip
@example(sentences=["12,000 years ago a storm toppled a crane, officials said."], breaks=SPACES,
         published="2024-03-06")  # fmt: skip
@example(sentences=["Two weeks ago a storm toppled a crane.", "Last week rescuers arrived."],
         breaks=SPACES, published="0001-01-01")  # fmt: skip
def test_composed_sentences(sentences: list[str], breaks: list[str], published: str) -> None:
    body = "".join(s + b for s, b in zip(sentences, breaks, strict=False)).strip()
    check(body, published)


# Regression cases found by the property tests and the issue (composed for these tests).
@pytest.mark.parametrize(
    ("body", "published"),
    [
        ("Israeli airstrikes killed four people in the town on Tuesday.", "2024-03-06"),
        ("U.S. assistance reached the camp last week, officials said.", "2024-03-06"),
        ("Russian shelling hit the convoy near the border.", "2024-03-06"),
        ("Saudi mediation ended the standoff, the ministry said.", "2024-03-06"),
        ("British aid arrived in the port two weeks ago.", "2024-03-06"),
        ("South Korean sanctions took effect next month.", "2024-03-06"),
        ("Talks resumed, and Iraqi withdrawal began on Tuesday.", "2024-03-06"),
        ("Rebels withdrew from the valley 12,000 years ago.", "2024-03-06"),
        ("The ceasefire will hold for the next 100,000 years, Greece said.", "2024-03-06"),
        ("Troops attacked the town 3,000,000 days ago.", "2024-03-06"),
        ("Greece and Turkey agreed last year to meet next week.", "0001-01-01"),
        ("Greece and Turkey agreed last year to meet next week.", "9999-12-31"),
        ("The empire collapsed in the 1st century, historians said.", "2024-03-06"),
    ],
)
def test_regressions(body: str, published: str) -> None:
    check(body, published)


def test_a_demonym_actor_is_a_real_actor_with_a_mention() -> None:
    rows = extract(article("Israeli airstrikes killed four people on Tuesday.")).rows
    (event,) = rows["events"]
    assert event["actor_id"] == "isr-military"
    actors = {a["actor_id"]: a for a in rows["actors"]}
    assert actors["isr-military"]["mention_count"] == 1
    assert actors["isr-government"]["mention_count"] == 0  # the affiliation, named by no one
    mention = next(m for m in rows["mentions"] if m["entity_id"] == "isr-military")
    assert (mention["text"], mention["mention_type"]) == ("Israeli", "metonym")


def test_a_demonym_that_already_names_an_actor_is_that_actor() -> None:
    rows = extract(article("The Japanese attacked the base on Tuesday.")).rows
    assert [e["actor_id"] for e in rows["events"]] == ["jpn-people"]
    assert [a["actor_id"] for a in rows["actors"]] == ["jpn-people"]


def test_a_document_does_not_need_another_to_be_valid() -> None:
    """The same sentence is valid alone and after an article that names the actor."""
    alone = extract(article("U.S. assistance reached the camp.", doc_id="b")).rows
    extract(article("The U.S. government said it would help.", doc_id="a"))
    after = extract(article("U.S. assistance reached the camp.", doc_id="b")).rows
    assert alone == after
    assert integrity_problems(alone) == []


# --------------------------------------------------------------------------- mutated dev articles

PATHS = dev_articles()


@cache
def paragraphs(index: int) -> tuple[str, ...]:
    return tuple(p for p in read_article(PATHS[index]).body.split("\n\n") if p.strip())


@st.composite
def mutated(draw: st.DrawFn) -> str:
    paras = list(paragraphs(draw(st.integers(0, len(PATHS) - 1))))
    start = draw(st.integers(0, max(0, len(paras) - 1)))
    window = paras[start : start + draw(st.integers(1, 4))]
    for _ in range(draw(st.integers(1, 3))):
        k = draw(st.integers(0, len(window) - 1))
        words = window[k].split(" ")
        at = draw(st.integers(0, len(words)))
        how = draw(st.sampled_from(["insert", "date", "cut", "repeat", "truncate", "case"]))
        if how == "insert":
            window.insert(k, draw(sentence()))
        elif how == "date":
            words.insert(at, draw(st.sampled_from(DATES[1:])))
        elif how == "cut":
            del words[at : at + draw(st.integers(1, 6))]
        elif how == "repeat":
            window.insert(k, window[k])
        elif how == "truncate":
            words = words[:at]
        elif words and at < len(words):
            words[at] = words[at].upper() if words[at].islower() else words[at].lower()
        if how in {"date", "cut", "truncate", "case"}:
            window[k] = " ".join(words)
    return "\n\n".join(p for p in window if p.strip()) or "Nothing happened."


@pytest.mark.skipif(not PATHS, reason="needs the dev corpus (../shared/corpus/dev)")
@settings(FAST, max_examples=80)
@given(body=mutated(), published=st.sampled_from(PUBLISHED))
@example(body="Nothing happened.", published="9999-12-31")
def test_mutated_dev_articles(body: str, published: str) -> None:
    check(body, published)
