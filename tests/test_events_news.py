"""Events on news prose nobody here tuned for (issue 12, "Events"): sentences written for these
tests in the style of wire reports, one per rule of the second pass on event types, arguments
and precision. Each case is checked with the parser and with word windows alone, as in
``test_events_frames`` (whose ``ANY`` and actor keys it shares).

Codings follow the PLOVER codebook: THREATEN is a warning (a retaliation done is no threat);
a restriction (COERCE, restrict) names what it forbids; lifting or suspending a penalty is
CONCEDE; reducing cooperation is SANCTION (discontinue); an allegation's content is not
reported as fact.
"""

from __future__ import annotations

import pytest

from test_events_frames import ANY, Expected, _matches, _observed, rows

CASES: dict[str, tuple[str, list[Expected]]] = {
    # -- arguments --------------------------------------------------------------------------
    "a date between the subject and a verb-first phrase": (
        "Canada on Friday imposed sanctions on Venezuela.",
        [("SANCTION", None, "can-government", "ven-government", "occurred")],
    ),
    "a cue word inside a name breaks no clause": (
        "Britain and the United States on Wednesday blamed Russia for the hack.",
        [("ACCUSE", "allege", ANY, "rus-government", "occurred")],
    ),
    "a name right after its holder's title": (
        "Quebec Premier Francois Legault suspended the tariffs on Monday.",
        [("CONCEDE", None, "francois-legault", None, "occurred")],
    ),
    "a relative pronoun after two countries": (
        "Norway and Iceland, which mediated the talks, welcomed the deal.",
        [
            ("CONSULT", "third-party", "nor-government", None, "occurred"),
            ("SUPPORT", "praise", "nor-government", None, "occurred"),
        ],
    ),
    "a person pronoun opening the next sentence": (
        "Foreign Minister Ana Torres spoke in Lima on Monday. She urged Chile to reopen the "
        "border.",
        [("REQUEST", "yield", "ana-torres", "chl-government", "occurred")],
    ),
    "a pronoun after a pronoun is left unread": (
        "He had told friends that Vladimir Putin knew him. He urged Britain to protect him.",
        [("REQUEST", None, None, "gbr-government", "occurred")],
    ),
    "the one who asks is in the request's of phrase": (
        "The Security Council met at the request of Algeria on Monday.",
        [
            ("CONSULT", "meet", "security-council", None, "occurred"),
            ("REQUEST", None, "dza-government", None, "occurred"),
        ],
    ),
    "a venue is not the target": (
        "China filed a complaint at the World Trade Organization against the new duties.",
        [("ACCUSE", "disapprove", "chn-government", None, "occurred")],
    ),
    "a second reported clause keeps its own nouns": (
        "Nigerian police said they had arrested 40 people in Lagos and that two Kenyan "
        "diplomats were injured.",
        [("COERCE", "arrest", ANY, None, "occurred")],
    ),
    # -- status -----------------------------------------------------------------------------
    "a time limit after a past verb is no deadline": (
        "The government fell within weeks as Sudan accused Chad of arming the rebels.",
        [("ACCUSE", "allege", "sdn-government", ANY, "occurred")],
    ),
    "a vote with its tally decides": (
        "The court in Lagos voted 4-1 to convict the former governor.",
        [("SANCTION", "convict", ANY, ANY, "occurred")],
    ),
    # -- types ------------------------------------------------------------------------------
    "a retaliation done is no threat": ("Iran retaliated on Sunday.", []),
    "a vow to retaliate is": (
        "Iran vowed to retaliate.",
        [("THREATEN", "violence", "irn-government", None, "occurred")],
    ),
    "scaling back cooperation reduces it": (
        "Iran could scale back its cooperation with the IAEA.",
        [("SANCTION", "discontinue", "irn-government", "iaea", "hypothetical")],
    ),
    "blocking an aid convoy restricts": (
        "Soldiers blocked an aid convoy at the border crossing on Monday.",
        [("COERCE", "restrict", None, None, "occurred")],
    ),
    "blocking a bill does not": ("Lawmakers blocked the budget bill on Monday.", []),
    "an airdrop is aid": (
        "Jordan airdropped food over Gaza on Monday.",
        [("AID", "humanitarian", "jor-government", None, "occurred")],
    ),
    "suspending a surcharge concedes": (
        "Ontario suspended its surcharge on electricity exports on Monday.",
        [("CONCEDE", None, None, None, "occurred")],
    ),
    "a noun's status is its support verb's": (
        "Russia will launch a new offensive in the spring.",
        [("ASSAULT", None, "rus-government", None, "planned")],
    ),
    "tariffs a country will impose": (
        "Mexico will impose 30% tariffs on Chinese steel.",
        [("SANCTION", None, "mex-government", None, "planned")],
    ),
    # -- one event per action ---------------------------------------------------------------
    "a sanction and the restrictions it imposes": (
        "The European Union imposed sanctions on six Belarusian officials, freezing their "
        "assets and banning them from travel.",
        [("SANCTION", None, "eu", "country:BLR", "occurred")],
    ),
    "what a ban forbids is not held": (
        "The governor banned rallies in Ankara on Tuesday.",
        [("COERCE", "restrict", None, None, "occurred")],
    ),
    "the content of an indictment is alleged": (
        "Prosecutors in Ohio indicted three men on charges of plotting to bomb a stadium.",
        [("ACCUSE", "allege", None, None, "occurred")],
    ),
    "an allegation's coordinated content": (
        "The prosecutor accused the mayor of corruption and aiding smugglers.",
        [("ACCUSE", "allege", ANY, None, "occurred")],
    ),
    "a request with two infinitives is one": (
        "The United Nations called on Myanmar to free the prisoners and to end the curfew.",
        [("REQUEST", "yield", "un", None, "occurred")],
    ),
    "people named by a participle": (
        "Rights groups in Lima demanded the release of those detained.",
        [("REQUEST", None, None, None, "occurred")],
    ),
}


@pytest.mark.parametrize("parser", [True, False], ids=["parser", "windows"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_news_events(case: str, parser: bool) -> None:
    body, expected = CASES[case]
    seen = _observed(body, parser)
    assert len(seen) == len(expected), seen
    for s, w in zip(seen, expected, strict=True):
        assert _matches(s, w), (s, w)


def _actor_country(body: str, name: str) -> str | None:
    actors = rows(body, True)["actors"]
    return next(a["country"] for a in actors if a["name"] == name)


def test_a_title_owned_by_a_country_gives_its_holder_that_country() -> None:
    """ "Kenya's President William Ruto": Kenyan, as "the Kenyan president" would say."""
    assert _actor_country("Kenya's President William Ruto praised the deal.", "William Ruto") == (
        "KEN"
    )


def test_a_reference_completes_only_an_action_of_its_own_mode() -> None:
    """ "the detention" goes back to the arrest, not to the ban told in between: the party
    that called the detention unlawful did not ban anything."""
    body = (
        "Police in Ankara detained the mayor on Monday. The governor banned rallies in Ankara "
        "on Tuesday. The Republican People's Party called the detention unlawful."
    )
    events = rows(body, True)["events"]
    ban = next(e for e in events if e["event_mode"] == "restrict")
    assert ban["actor_id"] is None
