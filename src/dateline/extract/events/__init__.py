"""Events: trigger words coded to PLOVER (with CAMEO roots), their actor, target, place, date
interval and status, and the quote or source that carries the claim.

``triggers`` finds the lexicon's trigger forms; ``reading`` says how the words of a sentence
relate (from the dependency parse where there is one, else from word windows); ``frames``
turns triggers into actions, the type coming from the governing verb ("eased the blockade" is
a concession); ``arguments`` finds who acts and who is acted on; ``status`` says whether it
happened; ``extract`` puts one document's events together.
"""

from dateline.extract.events.extract import Event, extract_events
from dateline.extract.events.triggers import triggers_in
from dateline.extract.events.words import WORDS, EventWords

__all__ = ["WORDS", "Event", "EventWords", "extract_events", "triggers_in"]
