"""Events on sentences written for these tests: the type comes from the governing verb,
reversal verbs and conditions change type and status, one event per action, and the actor's
and target's countries (issue 12, "Events").

Each case lists the events the sentence reports, in text order, as (type, mode, actor, target,
status); ``ANY`` leaves a field unchecked, and a group actor made from a nationality word is
given by its country (``"country:NGA"``). Codings follow the PLOVER codebook (CONCEDE covers
easing restrictions and suspending protests; SANCTION covers terminating talks and aid; REJECT
and REQUEST modes assist, change, yield, meet; THREATEN modes restrict, arrest, relations,
expel, territory, violence).
"""

from __future__ import annotations

from functools import cache

import pytest

from dateline.extract import extract
from dateline.extract.resources import Resources
from fixtures.articles import article

ANY = object()
Expected = tuple[str, object, object, object, object]

CASES: dict[str, tuple[str, list[Expected]]] = {
    # -- the governing verb gives the type ------------------------------------------------
    "easing a blockade concedes": (
        "Israel eased the blockade of Gaza on Monday.",
        [("CONCEDE", None, "isr-government", None, "occurred")],
    ),
    "turning down a request rejects": (
        "Egypt turned down the request from Sudan on Tuesday.",
        [("REJECT", None, "egy-government", ANY, "occurred")],
    ),
    "pulling out of talks unless is a threat": (
        "Iran will pull out of the talks unless the sanctions are lifted.",
        [("THREATEN", "relations", "irn-government", None, "occurred")],
    ),
    "rejecting an offer of talks": (
        "Pakistan rejected India's offer of talks.",
        [("REJECT", "meet", "pak-government", ANY, "occurred")],
    ),
    "asking for a release is one request": (
        "Human Rights Watch asked Algeria to release the journalist.",
        [("REQUEST", "yield", "human-rights-watch", "dza-government", "occurred")],
    ),
    "refusing to lift restrictions": (
        "Cuba refused to lift the restrictions on Monday.",
        [("REJECT", "yield", "cub-government", None, "occurred")],
    ),
    "threatening sanctions": (
        "Japan threatened to impose sanctions on North Korea.",
        [("THREATEN", "restrict", "jpn-government", "prk-government", "occurred")],
    ),
    "calling for an end to fighting": (
        "Egypt called for an end to the fighting in Khartoum.",
        [("REQUEST", "yield", "egy-government", None, "occurred")],
    ),
    "welcoming an agreement is support only": (
        "Brazil welcomed the agreement.",
        [("SUPPORT", "praise", "bra-government", None, "occurred")],
    ),
    # -- reversal verbs -------------------------------------------------------------------
    "lifting sanctions on a country": (
        "The United States lifted sanctions on Venezuela on Friday.",
        [("CONCEDE", None, "usa-government", "ven-government", "occurred")],
    ),
    "suspending talks reduces relations": (
        "Russia suspended the talks with Ukraine on Tuesday.",
        [("SANCTION", "discontinue", "rus-government", "ukr-government", "occurred")],
    ),
    "suspending aid to a country": (
        "Germany suspended aid to Niger on Thursday.",
        [("SANCTION", "discontinue", "deu-government", "ner-government", "occurred")],
    ),
    "relaxing a curfew": (
        "The Chinese government relaxed the curfew in Urumqi.",
        [("CONCEDE", None, "chn-government", None, "occurred")],
    ),
    "calling off a strike": (
        "Kenyan nurses called off their strike on Sunday.",
        [("CONCEDE", None, "country:KEN", None, "occurred")],
    ),
    "halting an offensive ends a fight": (
        "Turkish forces halted the offensive in northern Syria on Wednesday.",
        [("RETREAT", "ceasefire", "tur-military", None, "occurred")],
    ),
    "ending a blockade": (
        "The European Union ended its naval blockade of the port on Tuesday.",
        [("CONCEDE", None, "eu", None, "occurred")],
    ),
    "ending talks only completes them": (
        "Chinese and Indian generals ended their talks in Ladakh on Friday.",
        [("CONSULT", ANY, ANY, ANY, "occurred")],
    ),
    "a lift that did not happen": (
        "Israel did not lift the blockade.",
        [("CONCEDE", None, "isr-government", None, "negated")],
    ),
    "a lift to come": (
        "Britain will lift the ban on Monday.",
        [("CONCEDE", None, "gbr-government", None, "planned")],
    ),
    # -- conditions -----------------------------------------------------------------------
    "tariffs if a border stays closed": (
        "Serbia will impose tariffs on Croatia if the border stays closed.",
        [
            ("THREATEN", "restrict", "srb-government", "hrv-government", "occurred"),
            ("COERCE", ANY, None, None, "hypothetical"),
        ],
    ),
    "expelling an ambassador unless": (
        "Greece will expel the ambassador unless Turkey recalls its warships.",
        [("THREATEN", "expel", "grc-government", ANY, "occurred")],
    ),
    "a meeting that depends on the weather": (
        "Poland will meet Lithuania next week if the weather allows.",
        [("CONSULT", "meet", "pol-government", ANY, "hypothetical")],
    ),
    "the action inside the condition": (
        "If the rebels attack the city, the army will respond.",
        [("ASSAULT", None, ANY, None, "hypothetical")],
    ),
    "a vote to suspend a strike concedes now": (
        "Kenyan nurses voted to suspend their strike on Sunday.",
        [("CONCEDE", None, "country:KEN", None, "occurred")],
    ),
    "a reported would is planned": (
        "Cho said he would visit Washington next month.",
        [("CONSULT", "visit", ANY, ANY, "planned")],
    ),
    # -- one event per action, none from a noun that reports no action --------------------
    "a trigger word inside a name is no event": (
        "Amnesty International said police in Nairobi had detained two journalists.",
        [("COERCE", "arrest", "ken-police", ANY, "occurred")],
    ),
    "what an attack did is the same attack": (
        "Gunmen attacked a police station in Zamfara on Monday, killing four officers.",
        [("ASSAULT", None, None, None, "occurred")],
    ),
    "sanctions spelled out are one sanction": (
        "Canada imposed sanctions on Iran, freezing the assets of nine officials and banning "
        "exports of drone parts.",
        [("SANCTION", None, "can-government", "irn-government", "occurred")],
    ),
    "what a protest opposes is the protest": (
        "Thousands of Kenyan students marched on parliament to oppose a finance bill.",
        [("PROTEST", "demo", "country:KEN", None, "occurred")],
    ),
    "what an allegation alleges is no event": (
        "Greek police accused the activist of organising a blockade of the port.",
        [("ACCUSE", "allege", "grc-police", ANY, "occurred")],
    ),
    "a warning of a danger is no threat": (
        "The World Bank warned of a sharp rise in food prices.",
        [],
    ),
    "a ban on exports is a sanction": (
        "Japan banned exports of chip-making equipment to Russia.",
        [("SANCTION", "discontinue", "jpn-government", "rus-government", "occurred")],
    ),
    "a sanctions regime is no sanction": (
        "Turkey has long defended the sanctions regime against Syria.",
        [],
    ),
    "an aid convoy is no aid": ("An aid convoy reached Gaza on Monday.", []),
    "under a blockade": ("Under the blockade, prices in Gaza have tripled.", []),
    "signing an agreement is one agreement": (
        "Mexico and Canada signed a trade agreement on Monday.",
        [("AGREE", "sign", "mex-government", "can-government", "occurred")],
    ),
    "the condemned attack is not the condemner's": (
        "Argentina condemned the attack on Chilean fishermen in Ushuaia.",
        [
            ("ACCUSE", "disapprove", "arg-government", ANY, "occurred"),
            ("ASSAULT", None, None, ANY, "occurred"),
        ],
    ),
    "a country's own strikes": (
        "Chile condemned Russia's airstrikes on Friday.",
        [
            ("ACCUSE", "disapprove", "chl-government", ANY, "occurred"),
            ("ASSAULT", "aerial", "rus-military", None, "occurred"),
        ],
    ),
    "a raid confirmed is not the confirmer's": (
        "The ministry confirmed the raid but denied any arrests in Lagos.",
        [("REJECT", None, ANY, None, "occurred")],  # no ASSAULT; "the ministry" names no actor
    ),
    # -- arguments ------------------------------------------------------------------------
    "another clause's subject does not act": (
        "The interior ministry joked about the rumours, while Kenyan police arrested three "
        "protesters in Nairobi.",
        [("COERCE", "arrest", "ken-police", ANY, "occurred")],
    ),
    "dockworkers walking off the job strike": (
        "Nigerian dockworkers walked off the job on Monday.",
        [("PROTEST", "strike", "country:NGA", None, "occurred")],
    ),
    "a passive verb swaps actor and target": (
        "Iranian forces were attacked by Iraqi militias near Basra.",
        [("ASSAULT", None, "country:IRQ", "irn-military", "occurred")],
    ),
    "a passive country subject is the target": (
        "Syria was attacked by Israel on Sunday.",
        [("ASSAULT", None, "isr-government", "syr-government", "occurred")],
    ),
    "a country subject is its government": (
        "Peru has since turned down the offer.",
        [("REJECT", None, "per-government", None, "occurred")],
    ),
    "national troops": (
        "French troops withdrew from Mali on Friday.",
        [("RETREAT", "withdraw", "fra-military", None, "occurred")],
    ),
    "an accused country is the target": (
        "Colombia accused Venezuela of sheltering rebels.",
        [("ACCUSE", "allege", "col-government", "ven-government", "occurred")],
    ),
    "two clauses, two actors": (
        "Russian forces shelled Kharkiv on Monday, while Ukrainian troops attacked Russian "
        "positions near Bakhmut.",
        [
            ("ASSAULT", "heavy-weapons", "rus-military", ANY, "occurred"),
            ("ASSAULT", None, "ukr-military", ANY, "occurred"),
        ],
    ),
    "a role's apposition names its holder": (
        "Estonia's defence minister, Hanno Pevkur, welcomed the decision.",
        [("SUPPORT", "praise", "hanno-pevkur", None, "occurred")],
    ),
    "a country's office acts": (
        "Mali's military government expelled French troops in 2022.",
        [("SANCTION", "expel", "mli-government", "fra-military", "occurred")],
    ),
    "ministers of a country act for its government": (
        "The foreign ministers of Poland and Hungary met in Warsaw on Monday.",
        [("CONSULT", "meet", "pol-government", None, "occurred")],
    ),
    "a clause opened by as has its own subject": (
        "Police in Chile arrested dozens of people on Friday as thousands of students marched "
        "on the ministry.",
        [
            ("COERCE", "arrest", "chl-police", None, "occurred"),
            ("PROTEST", "demo", None, None, "occurred"),
        ],
    ),
    "aid to a capital is aid to its government": (
        "The European Union suspended development aid to Minsk on Thursday.",
        [("SANCTION", "discontinue", "eu", "blr-government", "occurred")],
    ),
    "a country named after a coordinated verb is that verb's target": (
        "Belarusian President Alexander Lukashenko condemned the measures and threatened to cut "
        "off gas transit to Lithuania.",
        [
            ("ACCUSE", "disapprove", "alexander-lukashenko", None, "occurred"),
            ("THREATEN", "relations", "alexander-lukashenko", "ltu-government", "occurred"),
        ],
    ),
    "a relative pronoun's antecedent": (
        "The rebels ambushed Sgt. Omar Diallo, who was killed near Gao.",
        [
            ("ASSAULT", None, "t1:rebels", "omar-diallo", "occurred"),
            ("ASSAULT", None, None, "omar-diallo", "occurred"),
        ],
    ),
    # -- a support verb's subject acts; a noun that is had or describes is no action ------
    "launching an attack: the launcher acts": (
        "Russia launched a missile attack on Kharkiv on Monday.",
        [("ASSAULT", ANY, "rus-government", None, "occurred")],
    ),
    "lodging a diplomatic protest disapproves": (
        "Vietnam lodged a diplomatic protest with China on Tuesday.",
        [("ACCUSE", "disapprove", "vnm-government", "chn-government", "occurred")],
    ),
    "carrying out raids": (
        "Kenya carried out 12 raids in Somalia last week.",
        [("ASSAULT", ANY, "ken-government", ANY, "occurred")],
    ),
    "having a treaty is no agreement made": (
        "Norway, which has a defence treaty with Denmark, expelled Russian diplomats on Monday.",
        [(ANY, ANY, "nor-government", ANY, "occurred")],
    ),
    "having talks is a meeting": (
        "Chile had talks with Peru on Friday.",
        [("CONSULT", ANY, "chl-government", "per-government", "occurred")],
    ),
    "troops stationed after a preposition are no deployment": (
        "Peru sent food to troops stationed in the Andes, Lima said.",
        [("AID", ANY, ANY, ANY, ANY)],
    ),
    "two subjects of a call both call": (
        "Qatar and Oman called for a truce in Yemen on Monday.",
        [("REQUEST", ANY, "qat-government", None, "occurred")],
    ),
    "two subjects of a deal deal with one another": (
        "Ghana and Togo signed a border accord on Monday.",
        [("AGREE", ANY, "gha-government", "tgo-government", "occurred")],
    ),
    "an action that failed to happen is negated": (
        "Talks in Doha failed to halt the fighting in Gaza.",
        [("CONSULT", ANY, ANY, ANY, "occurred"), ("RETREAT", ANY, ANY, ANY, "negated")],
    ),
    "a body's reported pronoun subject is the body": (
        "Mali's army said on Friday that it had arrested four militants.",
        [("COERCE", ANY, "mli-military", ANY, "occurred")],
    ),
    "a pronoun for a person is not a body's": (
        "Amnesty International said he had been arrested in Bamako.",
        [("COERCE", ANY, None, ANY, "occurred")],
    ),
    "a verb joined by and shares the subject of the verb before": (
        "A Malian military spokesman, Major General Omar Diallo, rejected the claim and "
        "accused Niger of targeting villages near Gao.",
        [("REJECT", ANY, "omar-diallo", ANY, ANY), ("ACCUSE", ANY, "omar-diallo", ANY, ANY)],
    ),
    "trading fire is fighting": (
        "Kenyan troops traded heavy fire with al-Shabaab fighters near Mandera on Monday.",
        [("ASSAULT", ANY, "ken-military", ANY, "occurred")],
    ),
    "a name set off after the subject is not the subject": (
        "Sweden, the largest donor to the Global Fund, pledged 40 million dollars on Monday.",
        [("AID", ANY, "swe-government", ANY, "occurred")],
    ),
    "an organisation and its partners act as the organisation": (
        "UNICEF and its partners have delivered 40 tonnes of food to Maiduguri.",
        [("AID", ANY, "unicef", ANY, "occurred")],
    ),
    "clashing over a plan is a dispute": (
        "Spain and Italy clashed on Monday over a plan to cap fishing quotas.",
        [("ACCUSE", "disapprove", "esp-government", "ita-government", "occurred")],
    ),
    "police clashing with protesters over a law fight": (
        "Police clashed with protesters over the new pension law in Lyon.",
        [("ASSAULT", ANY, ANY, ANY, "occurred")],
    ),
    "a name after a second verb of the subject is not what the first acted on": (
        "Ghana criticised the decision and said it would ask Togo to mediate.",
        [
            ("ACCUSE", ANY, "gha-government", None, ANY),
            ("REQUEST", ANY, ANY, "tgo-government", ANY),
        ],
    ),
    "bare protesters in a story of one country are that country's": (
        "NAIROBI, Kenya — Police fired tear gas at protesters in Kisumu on Tuesday.",
        [("ASSAULT", ANY, "ken-police", "ken-protesters", "occurred")],
    ),
    "police and demonstrators who clash fight one another": (
        "NAIROBI, Kenya — Police and demonstrators clashed in Kisumu on Tuesday.",
        [("ASSAULT", ANY, "ken-police", "ken-protesters", "occurred")],
    ),
    "civilians named by a demonym are that nation's": (
        "Rebels killed six Malian civilians near Gao on Monday.",
        [("ASSAULT", ANY, ANY, "mli-civilians", "occurred")],
    ),
    "an action dated after publication is planned": (
        "Brazil and Argentina meet in Buenos Aires next Tuesday.",
        [("CONSULT", ANY, ANY, ANY, "planned")],
    ),
}


def _actor_key(actor_id: str | None, actors: dict[str, dict]) -> str | None:
    """The id, or ``country:ISO3`` for a group a nationality word made ("t1:nigerian-…")."""
    actor = actors.get(actor_id) if actor_id is not None else None
    if actor and actor["doc_id"] and actor["country"] and actor["actor_type"] == "group":
        return f"country:{actor['country']}"
    return actor_id


@cache
def rows(body: str, parser: bool) -> dict[str, list[dict]]:
    """Every table's rows, read with the parser or with word windows only."""
    res = Resources.default() if parser else Resources.default().without_parser()
    return extract(article(body), res).rows


def _observed(body: str, parser: bool) -> list[tuple]:
    r = rows(body, parser)
    actors = {a["actor_id"]: a for a in r["actors"]}
    return [
        (
            e["event_type"],
            e["event_mode"],
            _actor_key(e["actor_id"], actors),
            _actor_key(e["target_id"], actors),
            e["status"],
        )
        for e in r["events"]
    ]


def _matches(seen: tuple, want: Expected) -> bool:
    return all(w is ANY or s == w for s, w in zip(seen, want, strict=True))


@pytest.mark.parametrize("parser", [True, False], ids=["parser", "windows"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_composed_events(case: str, parser: bool) -> None:
    """Each case holds with the parser and with word windows alone."""
    body, expected = CASES[case]
    seen = _observed(body, parser)
    assert len(seen) == len(expected), seen
    for s, w in zip(seen, expected, strict=True):
        assert _matches(s, w), (s, w)


@pytest.mark.parametrize(
    "body",
    [
        "The Turkish envoy suffered a heart attack in Ankara on Monday.",
        "On Monday the Turkish envoy suffered a heart attack, his office said.",
    ],
)
def test_a_heart_attack_is_no_assault(body: str) -> None:
    """An excluded phrase holds before punctuation too ("a heart attack, his office …")."""
    assert [e["event_type"] for e in rows(body, True)["events"]] == []


def test_a_titled_name_stops_before_of_and_a_place() -> None:
    """ "Senator Joni Ernst of Iowa": the person is Joni Ernst; "of Iowa" says where from."""
    r = rows("Senator Joni Ernst of Iowa welcomed the announcement.", True)
    actors = {a["actor_id"]: a for a in r["actors"]}
    assert [actors[e["actor_id"]]["name"] for e in r["events"]] == ["Joni Ernst"]


def test_a_labour_strike_near_a_named_person_is_no_assault() -> None:
    """The military sense of "strike" needs armed forces nearby, not any actor."""
    body = (
        '"We are exhausted," union president Ria Moss told reporters.\n\n'
        "Moss did not rule out extending the strike."
    )
    assert "ASSAULT" not in [e["event_type"] for e in rows(body, True)["events"]]


def test_bare_police_in_a_one_country_story_are_that_countrys_police() -> None:
    body = "DURBAN, South Africa — Police arrested three men on Sunday after a robbery in Umlazi."
    r = rows(body, True)
    assert [(e["event_type"], e["actor_id"]) for e in r["events"]][:1] == [("COERCE", "zaf-police")]


def test_bare_police_in_a_story_of_two_countries_stay_unnamed() -> None:
    body = "Police arrested three men on Sunday. Officials in France and Spain said they fled."
    assert "police" not in " ".join(a["actor_id"] for a in rows(body, True)["actors"])


def test_a_year_that_names_an_earlier_event_dates_no_action() -> None:
    """ "after the 2019 floods" names past floods; "the 2019 attacks" are dated by the year."""
    later = rows(
        "Rebels attacked the dam on Friday, saying repairs made after the 2019 floods had failed.",
        True,
    )
    assert [e["date_text"] for e in later["events"]] == ["Friday"]
    named = rows("Police arrested a suspect in the 2019 bomb attacks on Tuesday.", True)
    assert "2019" in [e["date_text"] for e in named["events"]]


def test_a_definite_noun_for_an_action_told_before_completes_it() -> None:
    """ "Gunmen killed 14 soldiers … The attack was claimed by JNIM": one attack, JNIM's."""
    body = (
        "BAMAKO, Mali — Gunmen killed 14 soldiers at an army post in central Mali on Sunday. "
        "The attack was claimed by JNIM."
    )
    events = rows(body, True)["events"]
    assert [(e["event_type"], e["actor_id"], e["trigger"]) for e in events] == [
        ("ASSAULT", "jnim", "killed")
    ]


def test_reinforcing_an_argument_is_no_mobilisation() -> None:
    body = "The rebel attack on Monday reinforces why the army must stay, Kenya said."
    assert "MOBILIZE" not in [e["event_type"] for e in rows(body, True)["events"]]
