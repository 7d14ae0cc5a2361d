"""Species words and life stages, read the same way by recommendations, product picks and dialogue cues."""

from __future__ import annotations

import pytest

from agent.tools.pets import PET, said_species, stage_of_months


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("something for our two puppies", ("dog", True)),
        ("a bed for my old dog", ("dog", False)),
        ("the kitties love fish", ("cat", False)),
        ("a new toy for the kitten", ("cat", True)),
        ("a toy for the budgie", (None, False)),
    ],
)
def test_the_species_and_youth_a_message_names(text: str, expected: tuple[str | None, bool]) -> None:
    assert said_species(text) == expected
    assert bool(PET.search(text)) == (expected[0] is not None)


def test_life_stage_depends_on_the_species() -> None:
    assert stage_of_months("cat", 6) == "young"
    assert stage_of_months("dog", 90) == "senior" and stage_of_months("cat", 90) == "adult"
    assert stage_of_months("hamster", 200) == "adult"
