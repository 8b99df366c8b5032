"""The warm worker (engine/warm.py) and the faster model load it runs: the early start's guess,
the worker's protocol (results in order, errors raised, a dead worker reported), spaCy's
command line left out of the worker, the parser's bare tokenizer, and what the disk cache now
keeps (the lexicon's openers, the packed gazetteer rows, the phrase gate)."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from dateline.engine import EngineOptions
from dateline.engine.warm import WarmExtractor, chosen, early, likely

POOLED = EngineOptions(jobs=2)


def package_with_seeds(tmp_path: Path) -> tuple[Path, Path]:
    out, seeds = tmp_path / "pkg", tmp_path / "pkg" / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "old.txt").write_text("date 2026-01-01\n\nAn old story.\n", encoding="utf-8")
    (out / "datapackage.json").write_text("{}", encoding="utf-8")
    return seeds, out


def age(path: Path, seconds: int) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


def test_a_seed_written_after_the_package_was_published_makes_a_worker_likely(tmp_path):
    seeds, out = package_with_seeds(tmp_path)
    age(seeds / "old.txt", 60)
    assert not likely(seeds, out, POOLED)  # every seed older than the descriptor
    (seeds / "new.txt").write_text("date 2026-01-02\n\nA new story.\n", encoding="utf-8")
    assert likely(seeds, out, POOLED)
    assert not likely(seeds, out, EngineOptions(jobs=1))  # extracts in the build process
    assert not likely(seeds, out, EngineOptions(jobs=2, cache=False))
    assert not likely(seeds, out, EngineOptions(engine="dask", jobs=2))
    (out / "datapackage.json").unlink()
    assert not likely(seeds, out, POOLED)  # never published: a first build uses the pool
    assert not likely(tmp_path / "missing", out, POOLED)


def test_an_early_worker_is_stopped_when_the_seeds_show_it_unneeded(tmp_path):
    seeds, out = package_with_seeds(tmp_path)
    age(out / "datapackage.json", 60)  # published before the seed was written
    with early(seeds, out, POOLED) as worker:
        assert worker is not None and worker.alive()
        assert chosen(worker, want=False) is None
        assert not worker.alive()
    assert chosen(None, want=False) is None


def test_the_worker_returns_results_in_order_and_raises_what_the_work_raises():
    worker = WarmExtractor()
    try:
        assert list(worker.run(str.upper, ["a", "b", "c"], POOLED)) == ["A", "B", "C"]
    finally:
        worker.stop()
    assert not worker.alive()  # stopped once its articles are done
    worker = WarmExtractor()
    with pytest.raises(ValueError, match="invalid literal"):
        list(worker.run(int, ["1", "x"], POOLED))
    assert not worker.alive()


def test_the_warm_up_article_is_skipped_when_articles_are_waiting(monkeypatch):
    """The worker extracts its warm-up article only while no request waits: a waiting article
    reads, as the first extraction, what the warm-up would have read."""
    import dateline.extract.checked as checked
    from dateline.engine.warm import warm_up

    seen: list[str] = []
    monkeypatch.setattr(checked, "extract_seed", lambda article: seen.append(article.doc_id))
    warm_up(lambda: True)
    assert seen == []
    warm_up(lambda: False)
    assert seen == ["warm-up"]


def test_a_pipe_is_readable_once_a_request_is_written():
    from dateline.engine.warm import readable

    read, write = os.pipe()
    with os.fdopen(read, "rb") as reader, os.fdopen(write, "wb") as writer:
        assert not readable(reader)
        writer.write(b"x")
        writer.flush()
        assert readable(reader)


def test_a_worker_that_dies_fails_the_build_and_never_hangs_it():
    worker = WarmExtractor()
    with pytest.raises(BrokenProcessPool, match="exit code 3"):
        list(worker.run(os._exit, [3], POOLED))


def test_many_articles_go_to_the_pool_and_none_stop_the_worker():
    worker = WarmExtractor()
    assert list(worker.run(str.upper, [], POOLED)) == []
    assert not worker.alive()
    worker = WarmExtractor()
    items = [str(i) for i in range(40)]
    assert list(worker.run(str.strip, items, EngineOptions(jobs=1))) == items
    assert not worker.alive()


def test_the_worker_imports_spacy_without_its_command_line_which_still_loads_when_asked():
    code = (
        "import sys\n"
        "from dateline.engine.warm import defer_spacy_cli\n"
        "defer_spacy_cli()\n"
        "import spacy\n"
        "assert spacy.blank('en')('Dr. Smith left.')[1].text == 'Smith'\n"
        "assert 'spacy.cli' not in sys.modules and 'typer' not in sys.modules\n"
        "assert spacy.__version__ in str(spacy.info())\n"
        "assert 'spacy.cli' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300)


def test_the_worker_defers_langcodes_and_finds_entry_points_by_group():
    code = (
        "import sys\n"
        "from dateline.engine.warm import defer_module, index_entry_points\n"
        "import catalogue\n"
        "every = catalogue.AVAILABLE_ENTRY_POINTS\n"
        "defer_module('langcodes')\n"
        "index_entry_points()\n"
        "grouped = catalogue.AVAILABLE_ENTRY_POINTS\n"
        "for group in every.groups:\n"
        "    assert list(grouped.select(group=group)) == list(every.select(group=group))\n"
        "assert list(grouped.select(group='no such group')) == []\n"
        "import spacy\n"
        "assert spacy.blank('en')('Dr. Smith left.')[1].text == 'Smith'\n"
        "assert spacy.registry.tokenizers.get('spacy.Tokenizer.v1') is not None\n"
        "assert type(sys.modules['langcodes']).__name__ == 'Deferred'\n"
        "assert spacy.util.find_matching_language('nb') == 'nb'\n"  # read: imported now
        "assert spacy.util.langcodes.tag_is_valid('en')\n"
        "assert type(sys.modules['langcodes']).__name__ == 'module'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300)


def test_the_parser_reads_docs_the_same_with_its_bare_tokenizer():
    """The parser is loaded with a tokenizer without rules: it never tokenizes, and its tags
    and trees are those of the same model loaded with spaCy's English tokenizer."""
    import spacy
    from spacy.tokens import Doc

    from dateline.extract.syntax import MODEL_DIR, load_parser

    bare = load_parser()
    assert not bare.tokenizer.rules
    english = spacy.load(MODEL_DIR, exclude=["tokenizer"])
    assert english.tokenizer.rules
    sentence = "The U.S. envoy didn't say what Gen. Ortiz 's aides would do next , she said ."
    words = sentence.split(" ")
    ours, theirs = (nlp(Doc(nlp.vocab, words=words)) for nlp in (bare, english))
    assert [(t.tag_, t.pos_, t.dep_, t.head.i) for t in ours] == [
        (t.tag_, t.pos_, t.dep_, t.head.i) for t in theirs
    ]


def test_the_cached_lexicon_keeps_its_openers_as_built_fresh():
    from dateline.lexicon import load, load_from
    from dateline.lexicon.load import DATA_DIR

    cached, fresh = load(), load_from(DATA_DIR)
    assert "name_openers" in cached.__dict__  # read from the cache, not built on first use
    for name in ("name_openers", "cue_openers", "trigger_openers", "title_openers"):
        a, b = getattr(cached, name), getattr(fresh, name)
        assert (a.prefixes, a.words, a.phrases) == (b.prefixes, b.words, b.phrases)
        assert a.stems == b.stems


def test_the_cached_phrase_gate_is_the_gate_built_over_the_packaged_tables():
    from dateline.extract.phrases import build_gate, packaged_gate
    from dateline.extract.resources import Resources
    from dateline.gazetteer import load as load_gazetteer
    from dateline.lexicon import load as load_lexicon

    gate, built = packaged_gate(), build_gate(load_lexicon(), load_gazetteer())
    assert (gate.keys, gate.stems) == (built.keys, built.stems)
    res = Resources.default()
    assert (res.phrase_gate.keys, res.phrase_gate.stems) == (built.keys, built.stems)
    assert res.without_parser().phrase_gate is res.phrase_gate  # same tables, same gate


def test_a_gazetteer_row_is_kept_packed_and_read_back_whole():
    from dateline.gazetteer import load
    from dateline.gazetteer.store import pack

    gaz = load()
    place = gaz.by_id("geonames:95446")
    assert place is not None and place.name == "Erbil" and "Irbil" in place.aliases
    with pytest.raises(ValueError, match="holds a tab"):
        pack("curated:x", ("curated:x", "A\tB"))
