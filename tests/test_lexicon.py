"""Tests for the curated lexicons in src/dateline/lexicon."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dateline.errors import DatelineError
from dateline.lexicon import (
    ACTOR_TYPES,
    CAMEO_ROOTS,
    CONTEXT_TAGS,
    DATA_DIR,
    FILES,
    PLOVER_TYPES,
    SECTORS,
    LexiconError,
    allowed_modes,
    load,
    load_from,
)
from dateline.lexicon.model import FoldedTokens, Openers, folded_key, lookup_key, normalize

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_a2706479377c0f40.txt"


@pytest.fixture(scope="module")
def lex():
    return load()


# ------------------------------------------------------------------ files load and validate


def test_all_files_load_and_are_cached(lex):
    assert load() is lex
    counts = lex.counts()
    assert counts["nations"] >= 197
    assert counts["actors"] >= 200
    assert counts["triggers"] >= 150
    assert counts["cues"] >= 60
    assert counts["titles"] >= 100
    assert all(v > 0 for v in counts.values()), counts


def test_every_file_has_a_header_comment():
    for name in FILES:
        text = (DATA_DIR / name).read_text(encoding="utf-8")
        assert text.startswith(f"# {name}"), name
        header = text.split("\n\n", 1)[0]
        assert "tests/test_lexicon.py" in header, name


def _sorted(keys):
    keys = list(keys)
    return keys == sorted(keys)


def test_files_are_sorted_deterministically(lex):
    assert _sorted(n.iso3 for n in lex.nations)
    assert _sorted(a.id for a in lex.actors)
    assert _sorted(h.word for h in lex.org_heads)
    assert _sorted((i.suffix, i.role or "") for i in lex.institutions)
    assert _sorted(t.title.casefold() for t in lex.titles)
    kinds = ["speech", "according_to", "belief", "finding"]
    assert _sorted((kinds.index(c.kind), c.lemma) for c in lex.cues)
    assert _sorted(
        (PLOVER_TYPES.index(t.event_type), t.lemma, t.event_mode or "") for t in lex.triggers
    )


# ------------------------------------------------------------------ nations


def test_every_un_member_state_with_capital(lex):
    members = [n for n in lex.nations if n.status == "un_member"]
    assert len(members) == 193
    for n in lex.nations:
        assert n.capitals, n.iso3
        assert n.name in n.names


def test_nation_lookups(lex):
    for demonym, iso3 in [
        ("Iraqi", "IRQ"),
        ("U.S.", "USA"),
        ("American", "USA"),
        ("British", "GBR"),
        ("Syrian", "SYR"),
    ]:
        assert lex.nation_by_demonym(demonym).iso3 == iso3, demonym
    assert lex.nation_by_demonym("Kurdish") is None  # an ethnicity, not a state
    assert lex.nation_by_people("Iraqis").iso3 == "IRQ"
    assert lex.nation_by_people("Americans").iso3 == "USA"
    for name, iso3 in [
        ("the U.S.", "USA"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("United States", "USA"),
        ("America", "USA"),
        ("Britain", "GBR"),
        ("U.K.", "GBR"),
        ("UK", "GBR"),
        ("Syria", "SYR"),
        ("Russia", "RUS"),
        ("IRAQ", "IRQ"),
        ("Côte d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Türkiye", "TUR"),
    ]:
        assert lex.nation_by_name(name).iso3 == iso3, name
    assert lex.nation_by_name("us") is None  # the pronoun
    assert lex.nation("irq").name == "Iraq"


def test_capital_metonymy(lex):
    for capital, iso3 in [
        ("Washington", "USA"),
        ("Baghdad", "IRQ"),
        ("Moscow", "RUS"),
        ("Damascus", "SYR"),
        ("Tehran", "IRN"),
        ("Beijing", "CHN"),
        ("London", "GBR"),
        ("Paris", "FRA"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Ankara", "TUR"),
        ("Riyadh", "SAU"),
    ]:
        nation = lex.nation_by_capital(capital)
        assert nation is not None and nation.iso3 == iso3, capital
    usa = lex.nation_by_capital("Washington")
    assert usa.government_id == "usa-government"
    assert usa.military_id == "usa-military"
    assert lex.is_ambiguous_nation_form("Washington")
    assert not lex.is_ambiguous_nation_form("Baghdad")


# ------------------------------------------------------------------ actors


def test_islamic_state_aliases_resolve_to_one_actor(lex):
    ids = {
        lex.actor_by_alias(a).id
        for a in [
            "ISIS",
            "ISIL",
            "Islamic State",
            "Islamic State group",
            "the Islamic State group",
            "Daesh",
        ]
    }
    assert ids == {"islamic-state"}
    assert lex.actor_by_alias("IS") is None  # ambiguous capitalised word, deliberately absent
    assert lex.actor_by_alias("Isis") is None  # short all-caps aliases are case-sensitive


def test_known_actor_lookups(lex):
    cases = {
        "Pentagon": "usa-dod",
        "Department of Defense": "usa-dod",
        "State Department": "usa-state-department",
        "White House": "usa-government",
        "CENTCOM": "usa-centcom",
        "U.S. Central Command": "usa-centcom",
        "Joint Operations Command": "irq-joint-operations-command",
        "Peshmerga": "irq-peshmerga",
        "Popular Mobilization Forces": "irq-pmf",
        "Kremlin": "rus-government",
        "IDF": "isr-military",
        "IRGC": "irgc",
        "The Associated Press": "ap",
        "Associated Press": "ap",
        "AP": "ap",
        "Reuters": "reuters",
        "al-Ikhbariya": "al-ikhbariya",
        "UN": "un",
        "U.N. Security Council": "un-security-council",
        "NATO": "nato",
        "Red Cross": "icrc",
        "Hezbollah": "hezbollah",
        "Houthis": "houthis",
        "al-Shabab": "al-shabab",
        "YPG": "ypg",
        "Nusra Front": "nusra-front",
        "Wagner Group": "wagner-group",
        "American-led coalition": "cjtf-oir",
        "U.S.-led coalition": "cjtf-oir",
        "CJTF-OIR": "cjtf-oir",
        "the coalition": "cjtf-oir",
        "NASA": "nasa",
        "WHO": "who",
    }
    for alias, actor_id in cases.items():
        actor = lex.actor_by_alias(alias)
        assert actor is not None and actor.id == actor_id, alias
    assert lex.actor_by_alias("who") is None
    assert "coalition" in lex.actor("cjtf-oir").ambiguous
    assert [a.id for a in lex.actor_ancestors("usa-centcom")] == ["usa-military"]
    assert lex.actor("usa-joint-chiefs").parent == "usa-dod"
    assert lex.actor("usa-centcom").parent == "usa-military"
    assert [a.id for a in lex.actor_ancestors("quds-force")] == ["irgc"]


def test_actor_fields_are_valid(lex):
    iso3s = {n.iso3 for n in lex.nations}
    suffixes = {i.suffix for i in lex.institutions}
    ids = {a.id for a in lex.actors}
    keys: dict[str, str] = {}
    for a in lex.actors:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", a.id)
        assert a.actor_type in ACTOR_TYPES and a.sector in SECTORS
        assert a.country is None or a.country in iso3s
        assert a.wikidata is None or re.fullmatch(r"Q[1-9]\d*", a.wikidata)
        if a.parent:
            stem, _, suffix = a.parent.partition("-")
            assert a.parent in ids or (stem.upper() in iso3s and suffix in suffixes), a.id
        for form in a.forms:
            assert keys.setdefault(lookup_key(form), a.id) == a.id, form


# ------------------------------------------------------------------ institutions, titles, cues


def test_institutions_and_generated_ids(lex):
    for head, suffix in [
        ("troops", "military"),
        ("armed forces", "military"),
        ("government", "government"),
        ("administration", "government"),
    ]:
        assert lex.institution(head).suffix == suffix, head
    assert lex.institution("police").sector == "COP"
    assert lex.institution("lawmakers").sector == "LEG"
    foreign = lex.institution("foreign ministry")
    assert (foreign.suffix, foreign.role) == ("government", "foreign ministry")
    assert lex.nation_by_demonym("Iraqi").actor_id(lex.institution("army").suffix) == "irq-military"
    assert lex.org_head("Command").actor_type == "military"
    assert lex.org_head("Corp.").sector == "BUS"
    assert lex.org_head("University").sector == "EDU"
    assert lex.org_head("Party").sector == "PTY"


def test_titles(lex):
    assert lex.title("Gen.").honorific and lex.title("Gen.").sector == "MIL"
    assert lex.title("Lt. Gen.").title == "Lieutenant General"
    assert lex.title("Prime Minister").sector == "GOV"
    assert lex.title("prime minister").title == "Prime Minister"
    assert lex.title("spokesman").sector == "UNK"  # inherits the affiliation's sector
    assert lex.title("Mr.").honorific and not lex.title("Mr.").role
    assert lex.title("Major").title == "Major"
    assert lex.title("major") is None  # cased: the adjective is not a rank
    assert lex.title("Secretary of State").sector == "GOV"
    assert lex.title("Ayatollah").sector == "REL"


def test_cues(lex):
    forms = lex.cue_forms()
    for form in [
        "said",
        "says",
        "saying",
        "told",
        "added",
        "warned",
        "according to",
        "in a statement",
        "quoted as saying",
    ]:
        assert form in forms, form
    assert forms["told"].listener
    assert forms["according to"].kind == "according_to"
    assert forms["found"].kind == "finding" and forms["found"].weak
    assert forms["believes"].kind == "belief"


# ------------------------------------------------------------------ triggers


def test_every_trigger_has_valid_type_mode_and_cameo(lex):
    for t in lex.triggers:
        assert t.event_type in PLOVER_TYPES, t
        assert t.event_mode is None or t.event_mode in allowed_modes(t.event_type), t
        assert isinstance(t.cameo, str) and t.cameo in CAMEO_ROOTS, t
        assert t.forms and all(f == f.strip() and "  " not in f for f in t.forms), t
        for word in t.requires + t.excludes:
            assert not word.startswith("@") or word in CONTEXT_TAGS, (t, word)
    assert {t.event_type for t in lex.triggers} == set(PLOVER_TYPES)


def test_trigger_forms_cover_news_idioms(lex):
    forms = lex.trigger_forms()

    def kinds(form):
        return {(t.event_type, t.event_mode) for t in forms[form]}

    for form in [
        "withdraw",
        "withdrew",
        "withdrawn",
        "withdrawal",
        "drawing down",
        "drawdown",
        "drew down",
        "pulled out",
        "pullout",
        "redeployed",
        "departing",
        "wind down",
    ]:
        assert ("RETREAT", "withdraw") in kinds(form), form
    assert ("AGREE", None) in kinds("agreement")
    assert ("AGREE", "sign") in kinds("inked")
    assert ("CONSULT", "meet") in kinds("meet")
    assert ("ASSAULT", "aerial") in kinds("airstrike")
    assert ("COERCE", "arrest") in kinds("detained")
    assert ("MOBILIZE", "troops") in kinds("deployed")
    strike = {t.event_type for t in forms["strike"]}
    assert strike == {"ASSAULT", "PROTEST"}
    assert all(t.requires for t in forms["strike"])  # both senses need context
    leave = forms["left"]
    assert leave[0].requires and "@place" in leave[0].requires
    assert any(t.noun for t in forms["drawdown"])


# ------------------------------------------------------------------ sources and debris


def test_anonymous_sources(lex):
    sentence = (
        "A senior Iraqi security official, who spoke on condition of anonymity because he was "
        "not authorized to comment publicly, said the U.S. withdrawal began weeks ago."
    )
    assert lex.sources.anonymity_reason(sentence).reason == "not_authorized"
    found = [r.reason for r, _ in lex.sources.anonymity_reasons(sentence)]
    assert "condition_of_anonymity" in found
    for text, reason in [
        ("who requested anonymity to discuss the talks", "requested_anonymity"),
        ("who declined to be named", "declined_to_be_named"),
        ("who asked not to be identified", "asked_not_to_be_named"),
        ("speaking anonymously", "speaking_anonymously"),
        ("in line with briefing rules", "briefing_rules"),
        ("for fear of reprisals", "fear_of_reprisal"),
    ]:
        assert lex.sources.anonymity_reason(text).reason == reason, text
    assert lex.sources.anonymity_reason("The minister said on Wednesday.") is None
    assert lex.sources.noun("officials").form == "official"
    assert lex.sources.modifier("security").sector == "COP"
    assert lex.sources.modifier("high-ranking") is not None
    assert lex.sources.noun("people").qualified
    assert lex.sources.qualifier_at("familiar with the matter said") == "familiar with the matter"
    # a reason at the very start of a text, as quotes test it at a cue ("asked not to be …")
    assert lex.sources.opens_with_reason("asked not to be identified by name")
    assert not lex.sources.opens_with_reason("She said, asked not to be identified by name")
    assert not lex.sources.opens_with_reason("The minister said on Wednesday.")


def test_openers_gate_the_windows_of_a_table():
    """A token opens a window that may be a key; one that white space follows opens a longer
    window only when a key of several words opens with it."""
    gate = Openers.of(["according to", "said", "in a statement"])
    assert gate.admits("acc") and gate.admits("Said") and not gate.admits("wrote")
    assert gate.admits_word("said") and not gate.admits_word("acc")
    assert gate.admits_phrase("According") and gate.admits_phrase("in")
    assert not gate.admits_phrase("said")  # only "said" alone is a key
    for token in ("the", "The", "\n\n"):  # normalisation drops them: anything may follow
        assert gate.admits_word(token) and gate.admits_phrase(token)


def test_openers_judge_a_document_s_tokens_at_once_as_one_by_one():
    """``admitting`` and ``extending`` over the distinct tokens of a document (those that
    white space follows first) give what ``admits_word``, ``admits`` and ``admits_phrase``
    give token by token."""
    gate = Openers.of(["according to", "said", "in a statement"])
    spaced = ["said", "According", "in", "wrote", "the", "\n\n"]
    joined = ["acc", "said", "wrote", "The", ""]
    tokens = FoldedTokens([*map(folded_key, spaced)], [*map(folded_key, joined)])
    assert gate.admitting(tokens) == [
        *map(gate.admits_word, spaced),
        *map(gate.admits, joined),
    ]
    assert gate.extending(tokens) == [*map(gate.admits_phrase, spaced), *[True] * len(joined)]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("  The \u2018Islamic\u2019   State\n", "'Islamic' State"),
        ("Al\u2010Shabaab", "Al-Shabaab"),
        ("a\tb \u00a0c", "a b c"),
        ("one two", "one two"),
        ("\n\t ", ""),
    ],
)
def test_normalize_straightens_and_squeezes(text, key):
    assert normalize(text) == key


def test_debris_lines_and_no_false_positives_in_seed(lex):
    for line in [
        "RELATED",
        "ADVERTISEMENT",
        "Read more",
        "Share this",
        "Photo: AP",
        "(AP Photo/Hadi Mizban, File)",
        "Copyright 2025 The Associated Press. All rights reserved.",
        "___",
        "Click here to subscribe",
        "Subscribe to our newsletter",
    ]:
        assert lex.debris.is_debris(line), line
    body = SEED.read_text(encoding="utf-8")
    hits = [ln for ln in body.splitlines() if lex.debris.is_debris(ln)]
    assert hits == ["RELATED"]


# ------------------------------------------------------------------ broken files give clear errors


def _broken(tmp_path: Path, file: str, mutate) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    doc = yaml.safe_load((data / file).read_text(encoding="utf-8"))
    mutate(doc)
    (data / file).write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return data


def _actor(doc, actor_id):
    return next(a for a in doc["actors"] if a["id"] == actor_id)


def _trigger(doc, lemma):
    return next(t for t in doc["triggers"] if t["lemma"] == lemma)


def _actor_update(actor_id, **change):
    """A case that sets one field of an actor: the error names that actor and that field."""
    (field,) = change
    return ("actors.yaml", lambda d: _actor(d, actor_id).update(change), f"id={actor_id}", field)


def _trigger_update(lemma, **change):
    """A case that sets one field of a trigger: the error names that trigger and that field."""
    (field,) = change
    return ("triggers.yaml", lambda d: _trigger(d, lemma).update(change), f"lemma={lemma}", field)


BROKEN = [
    _actor_update("islamic-state", actor_type="terrorists"),
    _actor_update("reuters", sector="XYZ"),
    _actor_update("reuters", colour="blue"),
    _actor_update("usa-centcom", parent="usa-nowhere"),
    (
        "actors.yaml",
        lambda d: _actor(d, "reuters")["aliases"].append("ISIS"),
        "id=reuters",
        "aliases",
    ),
    _actor_update("reuters", country="XXX"),
    ("actors.yaml", lambda d: _actor(d, "afp").update(id="reuters"), "id=reuters", "id"),
    _actor_update("reuters", wikidata="130879"),
    _trigger_update("withdraw", event_mode="fly"),
    _trigger_update("withdraw", event_type="LEAVE"),
    _trigger_update("withdraw", cameo=8),
    _trigger_update("withdraw", cameo="21"),
    _trigger_update("leave", requires=["@planet"]),
    (
        "nations.yaml",
        lambda d: d["nations"][1].update(iso3=d["nations"][0]["iso3"]),
        "entry 2",
        "iso3",
    ),
    ("nations.yaml", lambda d: d["nations"][0]["demonyms"].append("Iraqi"), "entry 1", "demonyms"),
    ("titles.yaml", lambda d: d["titles"][0].update(honorific="yes"), "entry 1", "honorific"),
    ("cues.yaml", lambda d: d["cues"][0].update(kind="gossip"), "entry 1", "kind"),
    (
        "sources.yaml",
        lambda d: d["reasons"][0].update(pattern="(unclosed"),
        "reasons entry 1",
        "pattern",
    ),
    ("debris.yaml", lambda d: d["debris"].append({"kind": "marker"}), "entry", "text"),
    (
        "institutions.yaml",
        lambda d: d["national"][0].update(parent="nothing"),
        "national entry 1",
        "parent",
    ),
]


@pytest.mark.parametrize(("file", "mutate", "entry", "field"), BROKEN)
def test_broken_entry_names_file_entry_and_field(tmp_path, file, mutate, entry, field):
    data = _broken(tmp_path, file, mutate)
    with pytest.raises(LexiconError) as info:
        load_from(data)
    err = info.value
    message = str(err)
    assert err.file == file and message.startswith(file), message
    assert entry in message, message
    assert err.field == field and f"field '{field}'" in message, message


def _line(path: Path, after: str, key: str) -> int:
    """1-based line of the first ``key:`` at or after the line holding ``after``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, text in enumerate(lines) if after in text)
    return next(i for i in range(start, len(lines)) if lines[i].lstrip("- ").startswith(key)) + 1


def test_broken_entry_names_the_line(tmp_path):
    data = _broken(tmp_path, "actors.yaml", lambda d: _actor(d, "reuters").update(sector="XYZ"))
    with pytest.raises(LexiconError) as info:
        load_from(data)
    err = info.value
    assert isinstance(err, DatelineError)
    assert err.line == _line(data / "actors.yaml", "id: reuters", "sector:")
    assert str(err).startswith(f"actors.yaml:{err.line}: entry ")
    assert "(id=reuters): field 'sector': 'XYZ' is not one of" in str(err)
    assert str(data / "actors.yaml") in str(err)  # the hint says which file to edit


def test_broken_lexicon_is_a_clean_cli_error(tmp_path):
    """A bad lexicon entry reaches the user as one error line, not a traceback (exit 1)."""
    data = _broken(tmp_path, "triggers.yaml", lambda d: _trigger(d, "withdraw").update(cameo=8))
    code = (
        "import sys; from pathlib import Path; import dateline.lexicon; "
        "L = sys.modules['dateline.lexicon.load']; "
        f"L.DATA_DIR = Path({str(data)!r}); from dateline.cli import main; "
        f"sys.argv = ['dateline', 'extract', {str(SEED)!r}]; main()"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": src, "DATELINE_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300
    )
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr, out.stderr
    line = _line(data / "triggers.yaml", "lemma: withdraw", "cameo:")
    assert out.stderr.startswith(f"error: triggers.yaml:{line}: entry "), out.stderr
    assert "(lemma=withdraw, RETREAT): field 'cameo': expected a string, got 8" in out.stderr


def test_invalid_yaml_and_missing_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "cues.yaml").write_text("cues: [unclosed\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"^cues\.yaml:2:1: invalid YAML: did not find"):
        load_from(data)
    (data / "cues.yaml").unlink()
    with pytest.raises(LexiconError, match=r"^cues\.yaml: file not found"):
        load_from(data)
