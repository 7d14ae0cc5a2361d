"""Slot extraction: identifiers, quantities, dates, reasons, yes/no answers, choices and products (with typos)."""

from __future__ import annotations

from datetime import date

import pytest

from agent.nlu.answers import detect_answer, resolve_choice
from agent.nlu.context import DialogueContext, ShownOption
from agent.nlu.dates import find_dates
from agent.nlu.extract import SlotExtractor
from agent.nlu.products import CatalogItem, ProductMatcher, VariantItem
from agent.nlu.reasons import find_reason

TODAY = date(2025, 6, 4)  # a Wednesday
CATALOG = [
    CatalogItem(
        id="p-salmon",
        name="Salmon Feast Kibble",
        aliases=("salmon kibble",),
        variants=(VariantItem(id="v-2kg", name="2 kg"), VariantItem(id="v-5kg", name="5 kg")),
    ),
    CatalogItem(id="p-wand", name="Whisker Wand Teaser", aliases=("feather wand",)),
    CatalogItem(id="p-tofu", name="Clumping Tofu Litter"),
]
OPTIONS = (
    ShownOption(id="a", label="Salmon Feast Kibble 2 kg"),
    ShownOption(id="b", label="Chicken Crunch 5 kg"),
    ShownOption(id="c", label="Duck Delight Pate"),
)


@pytest.fixture
def extractor() -> SlotExtractor:
    return SlotExtractor(CATALOG)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("where is my order PS-100234?", ["PS-100234"]),
        ("order ps100234 and #PS 100777 please", ["PS-100234", "PS-100777"]),
        ("how can I cancel purchase 00004587345?", ["00004587345"]),
        ("I need a refund for order 123456789", ["123456789"]),
        ("order #55555 never came", ["55555"]),
        ("my zip code is 94107", []),
        ("invoice 99887766 is wrong", []),
        ("call me on 415-555-0123", []),
        ("is 123456 my order?", ["123456"]),
        ("the bag was 12 dollars", []),
    ],
)
def test_order_numbers(extractor: SlotExtractor, text: str, expected: list[str]) -> None:
    assert extractor.extract(text, today=TODAY).order_numbers == expected


def test_order_prefix_restricts_to_the_shop(extractor: SlotExtractor) -> None:
    strict = SlotExtractor(order_prefix="PS")
    assert strict.extract("AB-123456 or PS-654321", today=TODAY).order_numbers == ["PS-654321"]
    spans = strict.order_spans("order PS-654321 please")
    assert [(s.start, s.end, s.text) for s in spans] == [(6, 15, "PS-654321")]


def test_contacts_and_postal_codes(extractor: SlotExtractor) -> None:
    slots = extractor.extract("email Jo.Doe@Example.com, phone (415) 555-0123 or +44 20 7946 0958", today=TODAY)
    assert slots.emails == ["jo.doe@example.com"]
    assert slots.phones == ["4155550123", "+442079460958"]
    assert extractor.extract("new address: 1 Main St, Springfield, zip 62704-1234", today=TODAY).postal_codes == [
        "62704-1234"
    ]
    assert extractor.extract("10 Downing St, London SW1A2AA", today=TODAY).postal_codes == ["SW1A 2AA"]
    assert extractor.extract("I live at 5 Bay St, Toronto ON M5J 2N8", today=TODAY).postal_codes == ["M5J 2N8"]
    assert extractor.extract("I bought 12345 treats", today=TODAY).postal_codes == []


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("I need 3 bags", 3),
        ("two of them please", 2),
        ("qty: 4", 4),
        ("x2", 2),
        ("add another bag", 1),
        ("a dozen cans", 12),
        ("the 2 kg bag", None),
        ("order PS-100234", None),
        ("I want a refund", None),
    ],
)
def test_quantities(extractor: SlotExtractor, text: str, quantity: int | None) -> None:
    assert extractor.extract(text, today=TODAY).quantity == quantity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("deliver tomorrow", [date(2025, 6, 5)]),
        ("it came yesterday", [date(2025, 6, 3)]),
        ("next Friday or June 12?", [date(2025, 6, 6), date(2025, 6, 12)]),
        ("ordered on 2025-05-28", [date(2025, 5, 28)]),
        ("on 5/30", [date(2025, 5, 30)]),
        ("the 3rd of July", [date(2025, 7, 3)]),
        ("two weeks ago", [date(2025, 5, 21)]),
        ("last monday", [date(2025, 6, 2)]),
        ("the box sat outside in the sun", []),
        ("Dec 30", [date(2024, 12, 30)]),
    ],
)
def test_dates(text: str, expected: list[date]) -> None:
    assert find_dates(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("the bag arrived torn", "damaged"),
        ("the fountain stopped working", "defective"),
        ("the harness is too small", "wrong_size"),
        ("you sent the wrong flavor", "wrong_item"),
        ("my cat won't eat it", "pet_refused"),
        ("I ordered it by mistake", "ordered_by_mistake"),
        ("I changed my mind", "changed_mind"),
        ("I was charged twice, ordered it twice", "duplicate_order"),
        ("found it cheaper elsewhere", "found_cheaper"),
        ("where is my order", None),
        ("东西坏了", "damaged"),
    ],
)
def test_reasons(text: str, reason: str | None) -> None:
    assert find_reason(text) == reason


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("yes please", "yes"),
        ("Yep", "yes"),
        ("ok go ahead", "yes"),
        ("nope", "no"),
        ("no thanks", "no"),
        ("don't do that", "no"),
        ("maybe later", "unsure"),
        ("好的", "yes"),
        ("不要", "no"),
        ("where is my order", None),
    ],
)
def test_answers(text: str, answer: str | None) -> None:
    assert detect_answer(text) == answer


@pytest.mark.parametrize(
    ("text", "option_id"),
    [
        ("the second one", "b"),
        ("2nd", "b"),
        ("option 3", "c"),
        ("the last one", "c"),
        ("the first", "a"),
        ("the duck one", "c"),
        ("I'll take the chiken crunch", "b"),
        ("第二个", "b"),
        ("3", "c"),
        ("that one", None),
        ("the pate", "c"),
        ("something else", None),
    ],
)
def test_choices_against_shown_options(text: str, option_id: str | None) -> None:
    choice = resolve_choice(text, DialogueContext(options=OPTIONS))
    assert (choice[1].id if choice else None) == option_id


def test_that_one_means_the_focus_or_the_only_option() -> None:
    focus = ShownOption(id="f", label="Whisker Wand Teaser")
    assert resolve_choice("that one", DialogueContext(focus=focus)) == (-1, focus)
    assert resolve_choice("this one please", DialogueContext(options=OPTIONS[:1])) == (0, OPTIONS[0])
    assert resolve_choice("the second one", None) is None
    assert resolve_choice("the fifth one", DialogueContext(options=OPTIONS)) is None


def test_products_match_names_aliases_typos_and_variants() -> None:
    matcher = ProductMatcher(CATALOG)
    found = matcher.find("do you have the salmon kibbel in 5kg?")
    assert [(m.product_id, m.variant_id) for m in found] == [("p-salmon", "v-5kg")]
    assert [m.product_id for m in matcher.find("is the fether wand safe")] == ["p-wand"]
    assert [m.product_id for m in matcher.find("compare whisker wand teaser and tofu litter")] == ["p-wand", "p-tofu"]
    assert matcher.find("where is my order") == []
    assert ProductMatcher([]).find("salmon kibble") == []


def test_extract_fills_choice_from_context(extractor: SlotExtractor) -> None:
    slots = extractor.extract("the second one", DialogueContext(options=OPTIONS, today=TODAY))
    assert slots.choice == OPTIONS[1]
    assert slots.choice_index == 1
    assert extractor.extract("hello", today=TODAY).is_empty()


def test_a_shared_brand_names_no_product_and_overlaps_keep_the_best() -> None:
    brand = [
        CatalogItem(id="large", name="Barkley's Puppy Large Breed Chicken", aliases=("large breed puppy food",)),
        CatalogItem(id="small", name="Barkley's Puppy Small Breed Chicken", aliases=("small breed puppy food",)),
        CatalogItem(id="joint", name="Barkley's Hip & Joint Chews", aliases=("joint chews", "hip and joint treats")),
        CatalogItem(id="wand", name="Whisker Wand Teaser"),
    ]
    matcher = ProductMatcher(brand)
    assert matcher.find("do you sell barkley's stuff") == []
    assert [m.product_id for m in matcher.find("is the large breed puppy food good")] == ["large"]
    assert [m.product_id for m in matcher.find("I want the brkley's puppy smal breed chicken")] == ["small"]
    assert [m.product_id for m in matcher.find("hip and joint treets for my old dog")] == ["joint"]
