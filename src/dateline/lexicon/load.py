"""Load and validate the curated lexicon files in ``data/``.

Every check raises :class:`LexiconError` with the file, the line, the entry and the field at
fault, so a contributor who edits a YAML file is told exactly what to fix. Files are parsed with
libyaml (``yaml.CSafeLoader``) when PyYAML has it, which is several times faster than the
pure-Python loader; line numbers are looked up only when an error is raised.
"""

from __future__ import annotations

import builtins
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from dateline import cache
from dateline.errors import DatelineError

from . import model as _model_module
from .model import (
    ACTOR_TYPES,
    CAMEO_ROOTS,
    CONTEXT_TAGS,
    CUE_KINDS,
    DEBRIS_KINDS,
    NATION_STATUSES,
    PLOVER_TYPES,
    SECTORS,
    AnonymityReason,
    Cue,
    DebrisRule,
    DebrisRules,
    Institution,
    KnownActor,
    Lexicon,
    Nation,
    OrgHead,
    SourceRules,
    SourceTerm,
    Title,
    Trigger,
    allowed_modes,
    line_key,
    lookup_key,
    normalize,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

FILES = (
    "nations.yaml",
    "actors.yaml",
    "institutions.yaml",
    "titles.yaml",
    "cues.yaml",
    "triggers.yaml",
    "sources.yaml",
    "debris.yaml",
)

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ISO2 = re.compile(r"^[A-Z]{2}$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_CAMEO = re.compile(r"^[0-9]{2}$")

try:  # libyaml, bundled with the PyYAML wheels; the pure-Python loader is 5-10x slower
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

#: Where a problem sits inside a YAML document: mapping keys and list indexes from the root.
At = tuple[str | int, ...]


class LexiconError(DatelineError, ValueError):
    """A lexicon file is malformed; the message names file, line, entry and field.

    ``at`` is the path of the faulty node inside the document (``("actors", 4, "sector")``);
    :func:`load_from` turns it into ``line`` by re-reading the file, only when there is an error.
    """

    def __init__(
        self,
        file: str,
        entry: str | None,
        field: str | None,
        problem: str,
        *,
        line: int | None = None,
        at: At | None = None,
    ):
        self.entry = entry
        self.field = field
        self.problem = problem
        self.at = at
        what = ""
        if entry is not None:
            what += f"{entry}: "
        if field is not None:
            what += f"field '{field}': "
        super().__init__(what + problem, file=file, line=line)


# --------------------------------------------------------------------------------------------
# Field readers
# --------------------------------------------------------------------------------------------


class _Entry:
    """One mapping in a lexicon file, with typed accessors that report precise errors."""

    def __init__(
        self,
        file: str,
        label: str,
        data: Any,
        required: set[str],
        optional: set[str],
        at: At = (),
    ):
        self.file = file
        self.label = label
        self.at = at
        if not isinstance(data, dict):
            raise self.fail(None, f"expected a mapping, got {type(data).__name__}")
        self.data = data
        unknown = sorted(set(map(str, data)) - required - optional)
        if unknown:
            allowed = ", ".join(sorted(required | optional))
            raise self.fail(unknown[0], f"unknown key (allowed: {allowed})")
        for key in sorted(required):
            if key not in data:
                raise self.fail(key, "missing required key")

    def fail(self, field: str | None, problem: str) -> LexiconError:
        at = self.at if field is None else (*self.at, field)
        return LexiconError(self.file, self.label, field, problem, at=at)

    def str(self, key: str, *, null: bool = False, default: Any = None) -> Any:
        value = self.data.get(key, default)
        if value is None and (null or key not in self.data):
            return value
        if not isinstance(value, str):
            hint = ""
            if key == "cameo" and isinstance(value, int):
                hint = ' (write CAMEO codes as quoted strings, e.g. "07")'
            raise self.fail(key, f"expected a string, got {value!r}{hint}")
        if not value.strip() or value != value.strip():
            raise self.fail(key, f"empty or padded string {value!r}")
        return value

    def bool(self, key: builtins.str, default: builtins.bool = False) -> builtins.bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {value!r}")
        return value

    def int(self, key: builtins.str, default: builtins.int) -> builtins.int:
        value = self.data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise self.fail(key, f"expected a positive integer, got {value!r}")
        return value

    def strs(
        self,
        key: builtins.str,
        *,
        nonempty: builtins.bool = False,
        same: Callable[[builtins.str], builtins.str] = lookup_key,
    ) -> tuple[builtins.str, ...]:
        value = self.data.get(key, [])
        if value is None:
            value = []
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list, got {type(value).__name__}")
        seen: set[str] = set()
        for item in value:
            if not isinstance(item, str) or not item.strip() or item != item.strip():
                raise self.fail(key, f"expected non-empty strings, got {item!r}")
            k = same(item)
            if k in seen:
                raise self.fail(key, f"{item!r} is listed twice")
            seen.add(k)
        if nonempty and not value:
            raise self.fail(key, "must not be empty")
        return tuple(value)

    def enum(
        self, key: builtins.str, allowed: Iterable[builtins.str], *, null: builtins.bool = False
    ) -> Any:
        value = self.str(key, null=null)
        if value is None and null:
            return None
        allowed = tuple(allowed)
        if value not in allowed:
            raise self.fail(key, f"{value!r} is not one of: {', '.join(allowed)}")
        return value

    def regex(self, key: builtins.str, flags: builtins.int = 0) -> re.Pattern[builtins.str]:
        pattern = self.str(key)
        try:
            return re.compile(pattern, flags)
        except re.error as exc:
            raise self.fail(key, f"invalid regular expression: {exc}") from None


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(path.name, None, None, f"file not found: {path}") from None
    try:
        return yaml.load(text, Loader=_Loader)  # a safe loader (C or Python)
    except yaml.YAMLError as exc:
        raise _yaml_error(path.name, exc) from None


def _yaml_error(file: str, exc: yaml.YAMLError) -> LexiconError:
    """A parse error with the line and column where the parser gave up."""
    if not isinstance(exc, yaml.MarkedYAMLError) or exc.problem_mark is None:
        return LexiconError(file, None, None, f"invalid YAML: {exc}")
    problem = f"invalid YAML: {exc.problem}"
    if exc.context and exc.context_mark is not None:
        cm = exc.context_mark
        problem += f" ({exc.context} at line {cm.line + 1}, column {cm.column + 1})"
    err = LexiconError(file, None, None, problem, line=exc.problem_mark.line + 1)
    err.column = exc.problem_mark.column + 1
    return err


def _line_of(path: Path, at: At) -> int | None:
    """1-based line of the node at ``at`` in the YAML file (the deepest one that exists)."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)
        line = node.start_mark.line if node is not None else None
        for step in at:
            if isinstance(node, yaml.MappingNode):
                pair = next((kv for kv in node.value if kv[0].value == step), None)
                if pair is None:
                    break
                line, node = pair[0].start_mark.line, pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    break
                node = node.value[step]
                line = node.start_mark.line
            else:
                break
        return None if line is None else line + 1
    except Exception:  # locating is a courtesy: never hide the real error behind another one
        return None


def _top(file: str, doc: Any, keys: dict[str, type]) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise LexiconError(file, None, None, "the file must be a mapping of " + ", ".join(keys))
    unknown = sorted(set(map(str, doc)) - set(keys))
    if unknown:
        raise LexiconError(
            file,
            None,
            unknown[0],
            f"unknown top-level key (allowed: {', '.join(keys)})",
            at=(unknown[0],),
        )
    out = {}
    for key, typ in keys.items():
        if key not in doc:
            raise LexiconError(file, None, key, "missing top-level key", at=())
        if not isinstance(doc[key], typ):
            raise LexiconError(file, None, key, f"expected a {typ.__name__}", at=(key,))
        out[key] = doc[key]
    return out


def _list_file(path: Path, key: str) -> tuple[str, list[Any]]:
    """A file holding one top-level list ``key``: its name and the list."""
    file = path.name
    return file, _top(file, _read(path), {key: list})[key]


def _entries(
    file: str,
    items: list[Any],
    required: set[str],
    optional: set[str],
    *,
    prefix: str = "entry",
    describe: Callable[[dict[Any, Any]], str | None] = lambda raw: None,
    at: At = (),
) -> Iterator[_Entry]:
    """Each item of a list as an :class:`_Entry` labelled ``<prefix> <n> (<describe(item)>)``;
    ``at`` is where the list sits in the document (its top-level key)."""
    for i, raw in enumerate(items):
        label = f"{prefix} {i + 1}"
        detail = describe(raw) if isinstance(raw, dict) else None
        if detail is not None:
            label += f" ({detail})"
        yield _Entry(file, label, raw, required, optional, (*at, i))


class _Registry:
    """Detects one surface form claimed by two different entries."""

    def __init__(self, file: str, what: str, key: Callable[[str], str] = lookup_key):
        self.file, self.what, self.key = file, what, key
        self.owner: dict[str, tuple[str, str]] = {}

    def add(self, entry: _Entry, field: str, form: str, owner: str) -> None:
        k = self.key(form)
        prev = self.owner.get(k)
        if prev is not None and prev[0] != owner:
            raise entry.fail(field, f"{self.what} {form!r} already belongs to {prev[1]}")
        self.owner[k] = (owner, entry.label)


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def load_nations(path: Path) -> tuple[Nation, ...]:
    file, items = _list_file(path, "nations")
    regs = {
        f: _Registry(file, f.rstrip("s") if f != "people" else "people noun")
        for f in ("names", "demonyms", "people", "capitals")
    }
    seen: dict[str, str] = {}
    out = []
    for e in _entries(
        file,
        items,
        {"iso3", "iso2", "name", "status", "names"},
        {"demonyms", "people", "capitals", "ambiguous"},
        describe=lambda raw: f"iso3={raw['iso3']}" if isinstance(raw.get("iso3"), str) else None,
        at=("nations",),
    ):
        iso3, iso2 = e.str("iso3"), e.str("iso2")
        if not _ISO3.match(iso3):
            raise e.fail("iso3", f"{iso3!r} is not three capital letters")
        if not _ISO2.match(iso2):
            raise e.fail("iso2", f"{iso2!r} is not two capital letters")
        if iso3 in seen:
            raise e.fail("iso3", f"duplicate iso3 {iso3} (also {seen[iso3]})")
        seen[iso3] = e.label
        name = e.str("name")
        names = e.strs("names", nonempty=True)
        if name not in names:
            raise e.fail("names", f"must include the name {name!r}")
        nation = Nation(
            iso3=iso3,
            iso2=iso2,
            name=name,
            status=e.enum("status", NATION_STATUSES),
            names=names,
            demonyms=e.strs("demonyms"),
            people=e.strs("people"),
            capitals=e.strs("capitals"),
            ambiguous=e.strs("ambiguous"),
        )
        all_forms = {
            lookup_key(f) for f in nation.names + nation.demonyms + nation.people + nation.capitals
        }
        for form in nation.ambiguous:
            if lookup_key(form) not in all_forms:
                raise e.fail("ambiguous", f"{form!r} is not one of this nation's forms")
        for field, reg in regs.items():
            for form in getattr(nation, field):
                reg.add(e, field, form, iso3)
        out.append(nation)
    return tuple(out)


def load_institutions(path: Path) -> tuple[tuple[Institution, ...], tuple[OrgHead, ...]]:
    file = path.name
    doc = _top(file, _read(path), {"national": list, "name_heads": list})
    heads = _Registry(file, "head", lambda s: normalize(s).casefold())
    national = []
    for e in _entries(
        file,
        doc["national"],
        {"suffix", "name", "actor_type", "sector", "heads"},
        {"parent", "role"},
        prefix="national entry",
        describe=lambda raw: f"suffix={raw.get('suffix')}, role={raw.get('role')}",
        at=("national",),
    ):
        suffix = e.str("suffix")
        if not _ID.match(suffix):
            raise e.fail("suffix", f"{suffix!r} must be lower case letters, digits and hyphens")
        name = e.str("name")
        if "{country}" not in name and "{demonym}" not in name:
            raise e.fail("name", "must contain the placeholder {demonym} or {country}")
        inst = Institution(
            suffix=suffix,
            name=name,
            actor_type=e.enum("actor_type", ACTOR_TYPES),
            sector=e.enum("sector", SECTORS),
            heads=e.strs("heads", nonempty=True),
            parent=e.str("parent", null=True),
            role=e.str("role", null=True),
        )
        for h in inst.heads:
            heads.add(e, "heads", h, f"{suffix}/{inst.role}")
        national.append((e, inst))
    suffixes = {inst.suffix for _, inst in national}
    for e, inst in national:
        if inst.parent is not None and inst.parent not in suffixes:
            raise e.fail("parent", f"unknown suffix {inst.parent!r} (known: {sorted(suffixes)})")
        if inst.parent == inst.suffix:
            raise e.fail("parent", "an institution cannot be its own parent")
    words = _Registry(file, "name head", lambda s: normalize(s).casefold().rstrip("."))
    org = []
    for e in _entries(
        file,
        doc["name_heads"],
        {"word", "actor_type", "sector"},
        {"forms"},
        prefix="name_heads entry",
        describe=lambda raw: f"word={raw.get('word')}",
        at=("name_heads",),
    ):
        head = OrgHead(
            word=e.str("word"),
            actor_type=e.enum("actor_type", ACTOR_TYPES),
            sector=e.enum("sector", SECTORS),
            forms=e.strs("forms"),
        )
        for f in (head.word, *head.forms):
            words.add(e, "word" if f == head.word else "forms", f, head.word)
        org.append(head)
    return tuple(inst for _, inst in national), tuple(org)


def load_actors(
    path: Path, nations: tuple[Nation, ...], institutions: tuple[Institution, ...]
) -> tuple[KnownActor, ...]:
    file, items = _list_file(path, "actors")
    iso3s = {n.iso3 for n in nations}
    suffix_type = {i.suffix: i.actor_type for i in institutions}
    aliases = _Registry(file, "alias")
    entries: list[tuple[_Entry, KnownActor]] = []
    ids: dict[str, str] = {}
    for e in _entries(
        file,
        items,
        {"id", "name", "actor_type", "sector"},
        {"country", "wikidata", "aliases", "parent", "role", "ambiguous"},
        describe=lambda raw: f"id={raw['id']}" if isinstance(raw.get("id"), str) else None,
        at=("actors",),
    ):
        actor_id = e.str("id")
        if not _ID.match(actor_id):
            raise e.fail("id", f"{actor_id!r} must be lower case letters, digits and hyphens")
        if actor_id in ids:
            raise e.fail("id", f"duplicate id {actor_id!r} (also {ids[actor_id]})")
        ids[actor_id] = e.label
        country = e.str("country", null=True)
        if country is not None and country not in iso3s:
            raise e.fail("country", f"{country!r} is not an iso3 code in nations.yaml")
        qid = e.str("wikidata", null=True)
        if qid is not None and not _QID.match(qid):
            raise e.fail("wikidata", f"{qid!r} is not a Wikidata QID like Q1065")
        actor = KnownActor(
            id=actor_id,
            name=e.str("name"),
            actor_type=e.enum("actor_type", ACTOR_TYPES),
            sector=e.enum("sector", SECTORS),
            country=country,
            wikidata=qid,
            aliases=e.strs("aliases"),
            parent=e.str("parent", null=True),
            role=e.str("role", null=True),
            ambiguous=e.strs("ambiguous"),
        )
        forms = [lookup_key(f) for f in actor.forms]
        if len(set(forms)) != len(forms):
            raise e.fail("aliases", "an alias repeats the name or another alias")
        for form in actor.ambiguous:
            if lookup_key(form) not in forms:
                raise e.fail("ambiguous", f"{form!r} is not the name or an alias of this actor")
        # an id of the generated form <iso3>-<suffix> extends the generated national actor
        stem, _, suffix = actor_id.partition("-")
        if stem.upper() in iso3s and suffix in suffix_type:
            if country != stem.upper():
                raise e.fail(
                    "country", f"generated actor {actor_id} must have country {stem.upper()}"
                )
            if actor.actor_type != suffix_type[suffix]:
                raise e.fail(
                    "actor_type",
                    f"generated actor {actor_id} must have actor_type {suffix_type[suffix]!r}",
                )
        for f in actor.forms:
            aliases.add(e, "name" if f == actor.name else "aliases", f, actor_id)
        entries.append((e, actor))
    for e, actor in entries:
        if actor.parent is None:
            continue
        if actor.parent == actor.id:
            raise e.fail("parent", "an actor cannot be its own parent")
        stem, _, suffix = actor.parent.partition("-")
        generated = stem.upper() in iso3s and suffix in suffix_type
        if actor.parent not in ids and not generated:
            raise e.fail(
                "parent",
                f"unknown actor {actor.parent!r}: not an id in {file} nor a generated "
                "<iso3>-<suffix> id (suffixes from institutions.yaml)",
            )
    by_id = {a.id: a for _, a in entries}
    for e, actor in entries:
        seen = {actor.id}
        current = actor
        while current.parent in by_id:
            if current.parent in seen:
                raise e.fail("parent", f"parent chain of {actor.id} loops")
            seen.add(current.parent)
            current = by_id[current.parent]
    return tuple(a for _, a in entries)


def load_titles(path: Path) -> tuple[Title, ...]:
    file, items = _list_file(path, "titles")
    exact = _Registry(file, "title form", lambda s: normalize(s))
    folded = _Registry(file, "title form (case-insensitive)", lambda s: normalize(s).casefold())
    out, names = [], set()
    for e in _entries(
        file,
        items,
        {"title", "sector", "forms"},
        {"honorific", "role", "cased"},
        describe=lambda raw: f"title={raw.get('title')}",
        at=("titles",),
    ):
        t = Title(
            title=e.str("title"),
            forms=e.strs("forms", nonempty=True, same=normalize),
            sector=e.enum("sector", SECTORS),
            honorific=e.bool("honorific"),
            role=e.bool("role", True),
            cased=e.bool("cased"),
        )
        if t.title in names:
            raise e.fail("title", f"duplicate title {t.title!r}")
        names.add(t.title)
        for f in t.forms:
            exact.add(e, "forms", f, t.title)
            if not t.cased:
                folded.add(e, "forms", f, t.title)
        out.append(t)
    return tuple(out)


def _forms_ok(e: _Entry, field: str, forms: Iterable[str]) -> None:
    for f in forms:
        if f != " ".join(f.split()):
            raise e.fail(field, f"{f!r} must be written with single spaces")


def load_cues(path: Path) -> tuple[Cue, ...]:
    file, items = _list_file(path, "cues")
    reg = _Registry(file, "cue form", lambda s: normalize(s).casefold())
    out, lemmas = [], set()
    for e in _entries(
        file,
        items,
        {"lemma", "kind", "forms"},
        {"listener", "weak", "phrase"},
        describe=lambda raw: f"lemma={raw.get('lemma')}",
        at=("cues",),
    ):
        cue = Cue(
            lemma=e.str("lemma"),
            forms=e.strs("forms", nonempty=True),
            kind=e.enum("kind", CUE_KINDS),
            listener=e.bool("listener"),
            weak=e.bool("weak"),
            phrase=e.bool("phrase"),
        )
        if (cue.lemma, cue.kind) in lemmas:
            raise e.fail("lemma", f"duplicate cue {cue.lemma!r} of kind {cue.kind}")
        lemmas.add((cue.lemma, cue.kind))
        _forms_ok(e, "forms", cue.forms)
        for f in cue.forms:
            reg.add(e, "forms", f, f"{cue.lemma}/{cue.kind}")
        out.append(cue)
    return tuple(out)


def _context(e: _Entry, field: str) -> tuple[str, ...]:
    values = e.strs(field)
    for v in values:
        if v.startswith("@") and v not in CONTEXT_TAGS:
            raise e.fail(field, f"unknown tag {v!r} (known: {', '.join(CONTEXT_TAGS)})")
    return values


def load_triggers(path: Path) -> tuple[Trigger, ...]:
    file, items = _list_file(path, "triggers")
    out: list[Trigger] = []
    keys: dict[tuple[str, str, str | None], str] = {}
    for e in _entries(
        file,
        items,
        {"lemma", "event_type", "cameo", "forms"},
        {"event_mode", "noun", "requires", "excludes", "window"},
        describe=lambda raw: f"lemma={raw.get('lemma')}, {raw.get('event_type')}",
        at=("triggers",),
    ):
        event_type = e.enum("event_type", PLOVER_TYPES)
        mode = e.str("event_mode", null=True)
        if mode is not None and mode not in allowed_modes(event_type):
            modes = ", ".join(allowed_modes(event_type)) or "none (use null)"
            raise e.fail("event_mode", f"{mode!r} is not a mode of {event_type} (allowed: {modes})")
        cameo = e.str("cameo")
        if not _CAMEO.match(cameo) or cameo not in CAMEO_ROOTS:
            raise e.fail("cameo", f"{cameo!r} is not a CAMEO root code '01'..'20'")
        trig = Trigger(
            lemma=e.str("lemma"),
            forms=e.strs("forms", nonempty=True),
            event_type=event_type,
            cameo=cameo,
            event_mode=mode,
            noun=e.bool("noun"),
            requires=_context(e, "requires"),
            excludes=_context(e, "excludes"),
            window=e.int("window", 8),
        )
        _forms_ok(e, "forms", trig.forms)
        if trig.key in keys:
            raise e.fail("lemma", f"duplicate trigger {trig.key} (also {keys[trig.key]})")
        keys[trig.key] = e.label
        out.append(trig)
    return tuple(out)


def load_sources(path: Path) -> SourceRules:
    file = path.name
    doc = _top(
        file,
        _read(path),
        {
            "demonym_modifiers": bool,
            "actor_modifiers": bool,
            "determiners": list,
            "qualifiers": list,
            "nouns": list,
            "modifiers": list,
            "reasons": list,
        },
    )
    top = _Entry(
        file,
        "top level",
        {k: doc[k] for k in ("determiners", "qualifiers")},
        set(),
        {"determiners", "qualifiers"},
    )  # at=(): a field of the top level is a top-level key

    def terms(key: str) -> tuple[SourceTerm, ...]:
        reg = _Registry(file, key.rstrip("s"), lambda s: normalize(s).casefold())
        out = []
        for e in _entries(
            file,
            doc[key],
            {"form", "sector"},
            {"forms", "qualified"},
            prefix=f"{key} entry",
            describe=lambda raw: f"form={raw.get('form')}",
            at=(key,),
        ):
            term = SourceTerm(
                form=e.str("form"),
                sector=e.enum("sector", SECTORS),
                forms=e.strs("forms"),
                qualified=e.bool("qualified"),
            )
            for f in (term.form, *term.forms):
                reg.add(e, "form" if f == term.form else "forms", f, term.form)
            out.append(term)
        return tuple(out)

    reasons = []
    for e in _entries(
        file, doc["reasons"], {"reason", "pattern"}, set(), prefix="reasons entry", at=("reasons",)
    ):
        reason = e.str("reason")
        if not re.match(r"^[a-z][a-z_]*$", reason):
            raise e.fail("reason", f"{reason!r} must be a snake_case label")
        reasons.append(
            AnonymityReason(reason=reason, pattern=e.str("pattern"), regex=e.regex("pattern", re.I))
        )
    return SourceRules(
        determiners=frozenset(top.strs("determiners", nonempty=True)),
        qualifiers=top.strs("qualifiers"),
        nouns=terms("nouns"),
        modifiers=terms("modifiers"),
        demonym_modifiers=doc["demonym_modifiers"],
        actor_modifiers=doc["actor_modifiers"],
        reasons=tuple(reasons),
    )


def load_debris(path: Path) -> DebrisRules:
    file, items = _list_file(path, "debris")
    rules, exact = [], set()
    for e in _entries(file, items, {"kind"}, {"text", "pattern", "case_sensitive"}, at=("debris",)):
        kind = e.enum("kind", DEBRIS_KINDS)
        has_text, has_pattern = "text" in e.data, "pattern" in e.data
        if has_text == has_pattern:
            raise e.fail("text", "give exactly one of 'text' or 'pattern'")
        if has_text:
            text = e.str("text")
            key = line_key(text)
            if key in exact:
                raise e.fail("text", f"duplicate debris line {text!r}")
            exact.add(key)
            rules.append(DebrisRule(kind=kind, text=text))
        else:
            flags = 0 if e.bool("case_sensitive") else re.I
            rules.append(
                DebrisRule(
                    kind=kind,
                    pattern=e.str("pattern"),
                    regex=e.regex("pattern", flags),
                    case_sensitive=e.bool("case_sensitive"),
                )
            )
    return DebrisRules(rules=tuple(rules), exact=frozenset(exact))


# --------------------------------------------------------------------------------------------
# Whole lexicon
# --------------------------------------------------------------------------------------------


def _index(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for form, value in pairs:
        out.setdefault(lookup_key(form), value)
    return out


def load_from(data_dir: Path | str) -> Lexicon:
    """Load and validate every lexicon file in ``data_dir`` (not cached).

    A :class:`LexiconError` names the line of the faulty entry or field when it can.
    """
    d = Path(data_dir)
    try:
        return _load_from(d)
    except LexiconError as err:
        path = d / str(err.file)
        if err.line is None and err.at is not None:
            err.line = _line_of(path, err.at)
        if path.is_file():
            err.hint = err.hint or f"edit {path}"
        raise


def _load_from(d: Path) -> Lexicon:
    nations = load_nations(d / "nations.yaml")
    institutions, org_heads = load_institutions(d / "institutions.yaml")
    actors = load_actors(d / "actors.yaml", nations, institutions)
    titles = load_titles(d / "titles.yaml")
    cues = load_cues(d / "cues.yaml")
    triggers = load_triggers(d / "triggers.yaml")
    sources = load_sources(d / "sources.yaml")
    debris = load_debris(d / "debris.yaml")

    title_forms: dict[str, Title] = {}
    for t in titles:  # exact forms first, then case-insensitive keys for uncased titles
        for f in t.forms:
            title_forms.setdefault(normalize(f), t)
    for t in titles:
        if not t.cased:
            for f in t.forms:
                title_forms.setdefault(normalize(f).casefold(), t)
    trigger_forms: dict[str, list[Trigger]] = {}
    for trig in triggers:
        for f in trig.forms:
            trigger_forms.setdefault(normalize(f).casefold(), []).append(trig)

    return Lexicon(
        nations=nations,
        actors=actors,
        institutions=institutions,
        org_heads=org_heads,
        titles=titles,
        cues=cues,
        triggers=triggers,
        sources=sources,
        debris=debris,
        _nations_by_iso3={n.iso3: n for n in nations},
        _nation_names=_index((f, n) for n in nations for f in n.names),
        _nation_demonyms=_index((f, n) for n in nations for f in n.demonyms),
        _nation_people=_index((f, n) for n in nations for f in n.people),
        _nation_capitals=_index((f, n) for n in nations for f in n.capitals),
        _actors_by_id={a.id: a for a in actors},
        _actor_aliases=_index((f, a) for a in actors for f in a.forms),
        _institution_heads={
            normalize(h).casefold(): inst for inst in institutions for h in inst.heads
        },
        _org_heads={
            normalize(f).casefold().rstrip("."): h for h in org_heads for f in (h.word, *h.forms)
        },
        _title_forms=title_forms,
        _cue_forms={normalize(f).casefold(): c for c in cues for f in c.forms},
        _trigger_forms={k: tuple(v) for k, v in trigger_forms.items()},
    )


def sources(data_dir: Path | str | None = None) -> list[Path]:
    """What a loaded lexicon depends on: its files (in ``data_dir``, by default the packaged
    ones) and the code that reads them."""
    d = Path(DATA_DIR if data_dir is None else data_dir)
    return [*(d / f for f in FILES), Path(__file__), Path(_model_module.__file__ or "")]


def with_openers(lex: Lexicon) -> Lexicon:
    """``lex`` with every table's :class:`~dateline.lexicon.model.Openers` computed (they are
    cached properties: a pure function of the tables, kept with them in the disk cache, so a
    fresh process reads them instead of building their prefix sets again)."""
    for name, attr in vars(Lexicon).items():
        if isinstance(attr, functools.cached_property):
            getattr(lex, name)
    return lex


@functools.cache
def load(data_dir: Path | str | None = None) -> Lexicon:
    """The lexicon shipped with the package (or in ``data_dir``), loaded once per process.

    Parsing and checking take about half a second, so the result is kept in the disk cache
    (see :mod:`dateline.cache`), keyed by the lexicon files and the code that reads them,
    with its openers (:func:`with_openers`)."""
    d = Path(DATA_DIR if data_dir is None else data_dir)
    return cache.cached("lexicon", sources(d), lambda: with_openers(load_from(d)))
