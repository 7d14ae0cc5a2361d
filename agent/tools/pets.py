"""The words for the species the shop serves and the life stage a pet's age means: one place for both."""

from __future__ import annotations

import re

# Word (singular) -> species, and which words already say the pet is young.
SPECIES_WORDS: dict[str, str] = {
    "cat": "cat", "kitten": "cat", "kitty": "cat", "dog": "dog", "puppy": "dog", "pup": "dog",
}  # fmt: skip
YOUNG_WORDS = frozenset({"kitten", "puppy", "pup"})
YOUNG_WORD_OF = {"cat": "kitten", "dog": "puppy"}
# Months from which a pet counts as senior (the demo catalog's senior foods: cats 11+, dogs 7+).
_SENIOR_MONTHS = {"cat": 132, "dog": 84}
_YOUNG_MONTHS = 12

_PLURALS = {"kitty": "kitties", "puppy": "puppies"}
PET = re.compile(
    r"\b(" + "|".join(f"{w}s?|{_PLURALS[w]}" if w in _PLURALS else f"{w}s?" for w in SPECIES_WORDS) + r")\b", re.I
)


def stage_of_months(species: str, months: int) -> str:
    """'young', 'adult' or 'senior' for a pet of that species and age."""
    if months < _YOUNG_MONTHS:
        return "young"
    return "senior" if months >= _SENIOR_MONTHS.get(species, 10_000) else "adult"


def said_species(text: str) -> tuple[str | None, bool]:
    """The species the words name (in the order of SPECIES_WORDS), and whether the word says the pet is young."""
    for word, species in SPECIES_WORDS.items():
        forms = f"{word}s?|{_PLURALS[word]}" if word in _PLURALS else f"{word}s?"
        if re.search(rf"\b({forms})\b", text, re.I):
            return species, word in YOUNG_WORDS
    return None, False
