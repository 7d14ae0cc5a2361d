"""The folder's own answer threshold: how close near-miss questions come to its entries, plus a margin."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

# Questions no shop answers, in the words shops use (orders, returns, delivery, accounts, sizes, payments, food,
# care, animals): everyday errands and other businesses. How well they match a folder's entries is that folder's
# background level for tempting wrong answers: a large or wordy folder gives them nearer neighbours than a small,
# terse one, so a fixed threshold tuned on one shop answers too much (or too little) on another. Questions from
# far-away walks of life (the weather, the moon) are left out: they score near zero on every folder and say
# nothing about where the boundary lies.
PROBES: tuple[str, ...] = (
    "how do i cancel my gym membership", "how do i return a rental car", "my suitcase got lost at the airport",
    "how do i change my address on my driving licence", "reset the password of my email account",
    "how much does it cost to post a letter abroad", "how do i get my money back for a train ticket",
    "which payment apps work in europe", "how long does pizza delivery usually take",
    "what size suitcase is allowed in a plane cabin", "how often should i wash my bed sheets",
    "is food safe to eat after its expiry date", "how do i unsubscribe from a magazine", "how do i pay a parking fine",
    "what warranty comes with a new car", "how should i store fresh vegetables", "a healthy breakfast for kids",
    "where can i donate old clothes", "how long do elephants live", "why do birds fly south in winter",
    "how do i track a parcel i sent at the post office", "can i pay my rent with a credit card",
    "how do i order a replacement bank card", "what shoe size should i buy for hiking boots",
    "how do i delete my instagram account", "how long does a refund from the airline take",
    "do restaurants charge tax on tips", "how do i stop junk mail coming to my house",
    "how much should a teenager sleep", "what is the best food for a marathon runner",
    "how do i clean a wooden chopping board", "is it safe to swim after eating",
    "how do i send back a jury duty form", "how do i sign up for a library card",
    "what vaccines does my baby need", "how do horses sleep standing up",
    "can i bring my own bags to the supermarket", "how do i complain about a noisy neighbour",
    "what size tv fits my living room", "how long is the warranty on an iphone",
)
FLOOR, CAP = 0.3, 0.75  # whatever the background, never answer below FLOOR nor demand more than CAP


def answer_threshold(probe_confidences: Sequence[float], margin: float) -> float:
    """The median confidence of the probes' best hits plus `margin`, kept within [FLOOR, CAP]."""
    if not probe_confidences:
        return FLOOR
    return round(min(CAP, max(FLOOR, statistics.median(probe_confidences) + margin)), 4)
