"""The folder's own answer threshold: how close generic off-topic questions come to its entries, plus a margin."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

# Questions no shop answers, from many walks of life. How well they match a folder's entries is that folder's
# background level: a large or wordy folder gives every question a nearer neighbour than a small, terse one, so
# a fixed threshold tuned on one shop answers too much (or too little) on another.
PROBES: tuple[str, ...] = (
    "who painted the mona lisa", "how far is the moon from earth", "what is the square root of 144",
    "best hiking trails in colorado", "how do i change a flat tire", "what's the score of the football game",
    "recipe for vegetable lasagna", "how do i learn to play guitar", "what time is it in tokyo",
    "how do i set up a wifi router", "who is the president of france", "how do i get rid of a cold",
    "what's a good workout for beginners", "how to write a cover letter", "when does summer start",
    "what does photosynthesis mean", "how do i install python on windows", "book a hotel room in paris",
    "which smartphone has the best camera", "how do i paint a bedroom wall", "how tall is mount everest",
    "what's the plot of hamlet", "how do i make cold brew coffee", "which bus goes to the airport",
    "how do i file my income taxes", "tips for a job interview", "how do i unclog a drain",
    "what language do they speak in brazil", "how long should i boil an egg", "what is the speed of light",
    "how to grow tomatoes on a balcony", "who wrote pride and prejudice", "how do i convert celsius to fahrenheit",
    "what are the symptoms of the flu", "what is bitcoin trading at today", "how do i start meditating",
    "where can i watch the new star wars movie", "how do i knit a scarf", "is it going to snow this weekend",
    "what is the meaning of life",
)
FLOOR, CAP = 0.3, 0.7  # whatever the background, never answer below FLOOR nor demand more than CAP


def answer_threshold(probe_confidences: Sequence[float], margin: float) -> float:
    """The median confidence of the probes' best hits plus `margin`, kept within [FLOOR, CAP]."""
    if not probe_confidences:
        return FLOOR
    return round(min(CAP, max(FLOOR, statistics.median(probe_confidences) + margin)), 4)
