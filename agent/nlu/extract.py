"""The slot extractor: every deterministic extractor run over one message, into one `Slots`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from agent.nlu.answers import detect_answer, resolve_choice
from agent.nlu.context import DialogueContext
from agent.nlu.dates import find_dates
from agent.nlu.patterns import (
    find_emails,
    find_order_spans,
    find_phones,
    find_postal_codes,
    find_quantity,
)
from agent.nlu.products import CatalogItem, ProductMatcher
from agent.nlu.reasons import find_reason
from agent.nlu.slots import Slots, Span


class SlotExtractor:
    """Extracts slots with regexes and fuzzy matching; catalog names and the order prefix come in as data."""

    def __init__(self, catalog: Sequence[CatalogItem] = (), *, order_prefix: str | None = None) -> None:
        self.products = ProductMatcher(catalog)
        self.order_prefix = order_prefix

    def order_spans(self, text: str) -> list[Span]:
        """Order numbers with their offsets (what `extract` reports as `order_numbers`)."""
        emails = find_emails(text)
        orders = find_order_spans(text, self.order_prefix)
        return [o for o in orders if not any(e.start <= o.start < e.end for e in emails)]

    def extract(self, text: str, context: DialogueContext | None = None, *, today: date | None = None) -> Slots:
        """All slots of `text`; `context` resolves choices, `today` (or `context.today`) resolves dates."""
        reference = today or (context.today if context and context.today else None) or date.today()
        emails = find_emails(text)
        orders = self.order_spans(text)
        taken: list[Span] = [*emails, *orders]
        phones = find_phones(text, taken)
        taken += phones
        # "80202" alone is a ZIP code when the bot just asked for one (or for an order number or ZIP code).
        asked = context is not None and context.expecting in ("postal_code", "order_number")
        postal = find_postal_codes(text, taken, asked=asked)
        taken += postal
        choice = resolve_choice(text, context)
        date_text = _blank(text, taken)
        return Slots(
            order_numbers=[s.value for s in orders],
            emails=[s.value for s in emails],
            phones=[s.value for s in phones],
            postal_codes=[s.value for s in postal],
            products=self.products.find(text),
            quantity=find_quantity(text, taken),
            reason=find_reason(text),
            dates=find_dates(date_text, reference),
            answer=detect_answer(text),
            choice=choice[1] if choice else None,
            choice_index=choice[0] if choice and choice[0] >= 0 else None,
        )


def _blank(text: str, spans: list[Span]) -> str:
    """The text with identifier spans blanked, so '06/12' inside a phone number is not read as a date."""
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)
