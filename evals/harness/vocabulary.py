"""The one vocabulary shared by the bot's `awaiting` names and a scenario's `knows` keys, with how each is said."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Awaited:
    """One thing the bot may wait for: which `knows` keys answer it (first present wins) and how it is said."""

    name: str
    answered_by: tuple[str, ...]
    phrasings: tuple[str, ...] = ("{value}",)
    meaning: str = ""


# Explicit registry. The bot's `awaiting` part names one of these; a scenario's `knows` uses the same words.
# `{value}` is the scenario's `knows` value, said as written (scenarios write values as a shopper would).
VOCABULARY: tuple[Awaited, ...] = (
    Awaited("email", ("email",), ("it's {value}", "{value}", "my email is {value}"), "account email address"),
    Awaited(
        "order_id",
        ("order_id", "postal_code"),
        ("it's {value}", "{value}", "the order number is {value}"),
        "order number (PS-123456); when unknown, the bot also accepts the account's ZIP code",
    ),
    Awaited("postal_code", ("postal_code",), ("my zip is {value}", "{value}"), "ZIP code of the default address"),
    Awaited("phone", ("phone",), ("my number is {value}", "{value}"), "phone number on the account"),
    Awaited("name", ("name",), ("{value}", "my name is {value}"), "the shopper's full name"),
    Awaited("reason", ("reason",), ("{value}",), "why they cancel, return or exchange, in their words"),
    Awaited("items", ("items",), ("{value}", "{value} please"), "which item of the order, as they would name it"),
    Awaited("variant", ("variant",), ("{value}", "{value} please"), "which other size/flavour/colour they want"),
    Awaited("quantity", ("quantity",), ("{value}",), "how many units"),
    Awaited("address", ("address",), ("{value}", "the new address is {value}"), "street, city, state ZIP"),
    Awaited("product", ("product",), ("{value}", "I mean {value}"), "which product they mean"),
    Awaited("species", ("species",), ("{value}",), "which pet it is for (and its age)"),
    Awaited("confirm", ("confirm",), ("{value}",), "yes or no to the exact action the bot proposes"),
)

BY_NAME: dict[str, Awaited] = {entry.name: entry for entry in VOCABULARY}
KNOWS_KEYS: frozenset[str] = frozenset(key for entry in VOCABULARY for key in entry.answered_by)

YES_PHRASES = ("yes please", "yes, go ahead", "yep, do it", "yes")
NO_PHRASES = ("no, don't do that", "no thanks", "no")
NOT_WHAT_I_ASKED = ("no, that's not what I asked for", "no, that's not right")
DONT_KNOW = ("sorry, I don't know that", "no idea, sorry", "I don't have that, sorry")
NOT_SURE = ("hmm, I'm not sure", "not sure yet")


def pick(options: tuple[str, ...], *seed: object) -> str:
    """A stable choice among phrasings: the same scenario says the same words in every run and process."""
    digest = hashlib.sha256(":".join(str(s) for s in seed).encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def answer(awaited: str, knows: dict[str, str], *seed: object) -> tuple[str, str | None]:
    """What a shopper who knows `knows` says when the bot awaits `awaited`: (text, the key answered or None)."""
    entry = BY_NAME.get(awaited)
    if entry is None:
        return pick(DONT_KNOW, awaited, *seed), None
    for key in entry.answered_by:
        if key in knows:
            phrasings = BY_NAME[key].phrasings if key != entry.name and key in BY_NAME else entry.phrasings
            return pick(phrasings, awaited, key, *seed).format(value=knows[key]), key
    return pick(DONT_KNOW, awaited, *seed), None


def describe() -> str:
    """The vocabulary as Markdown lines (for reports and docs)."""
    return "\n".join(
        f"- `{entry.name}` <- knows `{'` or `'.join(entry.answered_by)}`: {entry.meaning}" for entry in VOCABULARY
    )
