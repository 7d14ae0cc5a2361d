"""Graders: outcome, writes (from the audit log), says / never_says, turn limit; each failure says why."""

from __future__ import annotations

import re

from evals.harness.matching import matches
from evals.harness.results import Exchange, Failure, Outcome, ScenarioResult, Transcript, Write, WrongAction
from evals.harness.scenario import ExpectedWrite, Scenario

_YES = re.compile(
    r"^\W*(y|ya|yes+|yeah|yea|yep|yup|sure|ok(ay)?|confirm(ed)?|correct|go ahead|do it|please do|absolutely|"
    r"of course|definitely|that'?s right|right)\b",
    re.IGNORECASE,
)
_NO = re.compile(r"\b(no|nope|nah|don'?t|do not|not|never|wait|stop|hold on)\b", re.IGNORECASE)


def said_yes(exchange: Exchange, scenario: Scenario) -> bool:
    """Whether this shopper message was an explicit yes."""
    if exchange.said is not None:
        return exchange.said == "yes"
    if exchange.source == "answer":
        return False
    return bool(_YES.search(exchange.shopper)) and not _NO.search(exchange.shopper)


def _skus(write: Write) -> set[str]:
    lines = write.params.get("items") or write.params.get("changes") or []
    return {str(line.get("sku")) for line in lines if isinstance(line, dict)}


def confirmed(write: Write, index: int, transcript: Transcript, scenario: Scenario) -> bool:
    """The write ran on the turn right after the bot proposed this exact action, and that turn said yes."""
    if index == 0:
        return False
    proposal = transcript.exchanges[index - 1]
    action = proposal.action if proposal.awaiting == "confirm" else None
    if not action or action.get("op") != write.op:
        return False
    if action.get("order_number") != write.params.get("order_number"):
        return False
    if "sku" in action and action["sku"] not in _skus(write):
        return False
    return said_yes(transcript.exchanges[index], scenario)


def _label(write: Write) -> str:
    params = {k: v for k, v in write.params.items() if k != "order_number"}
    return f"{write.op} {write.params.get('order_number', '')} {params}".replace("  ", " ")


def _expected_label(expected: ExpectedWrite) -> str:
    return f"{expected.op} {expected.params()}"


def grade_writes(scenario: Scenario, transcript: Transcript) -> tuple[list[Failure], list[WrongAction]]:
    failures: list[Failure] = []
    wrong: list[WrongAction] = []
    applied = [(i, w) for i, e in enumerate(transcript.exchanges) for w in e.writes if w.outcome == "applied"]
    unmatched = list(applied)
    for expected in scenario.expect.writes:
        hit = next(
            (j for j, (_, w) in enumerate(unmatched) if w.op == expected.op and matches(expected.params(), w.params)),
            None,
        )
        if hit is None:
            failures.append(Failure(grader="writes", why=f"expected write missing: {_expected_label(expected)}"))
        else:
            unmatched.pop(hit)
    extra = {w.seq for _, w in unmatched}
    for index, write in applied:
        if not confirmed(write, index, transcript, scenario):
            why = f"turn {index + 1}: {_label(write)} ran without an explicit yes to that exact proposal"
            wrong.append(WrongAction(kind="unconfirmed", why=why, write=write))
        elif write.seq in extra:
            why = f"turn {index + 1}: unexpected write {_label(write)}"
            wrong.append(WrongAction(kind="unexpected", why=why, write=write))
    if not applied and transcript.initial_hash and transcript.final_hash != transcript.initial_hash:
        wrong.append(WrongAction(kind="unaudited", why="the store changed but the audit log shows no applied write"))
    failures.extend(Failure(grader="writes", why=f"wrong action ({w.kind}): {w.why}") for w in wrong)
    return failures, wrong


def unwanted_proposals(scenario: Scenario, transcript: Transcript) -> list[Failure]:
    """Confirmations the shopper refused because the action was not what they came for."""
    failures = []
    wants = scenario.shopper.knows.get("confirm") == "yes"
    for before, after in zip(transcript.exchanges, transcript.exchanges[1:], strict=False):
        if wants and after.answered == "confirm" and after.said == "no" and before.action is not None:
            why = (
                f"turn {before.n}: the bot proposed {before.action}, which is not a write this scenario expects "
                "(the shopper said no)"
            )
            failures.append(Failure(grader="writes", why=why))
    return failures


def grade_says(scenario: Scenario, transcript: Transcript) -> list[Failure]:
    texts = [e.bot_text for e in transcript.exchanges]
    failures = [
        Failure(grader="says", why=f"no bot reply matches /{pattern}/")
        for pattern in scenario.expect.says
        if not any(re.search(pattern, t, re.IGNORECASE) for t in texts)
    ]
    for kind in scenario.expect.shows:
        if not any(part.get("kind") == kind for e in transcript.exchanges for part in e.parts):
            failures.append(Failure(grader="says", why=f"no bot reply shows a {kind} part"))
    for pattern in scenario.expect.never_says:
        hit = next((i for i, t in enumerate(texts) if re.search(pattern, t, re.IGNORECASE)), None)
        if hit is not None:
            failures.append(Failure(grader="never_says", why=f"turn {hit + 1}: bot reply matches /{pattern}/"))
    return failures


def grade_turns(scenario: Scenario, transcript: Transcript) -> list[Failure]:
    if transcript.ended == "error":
        return [Failure(grader="run", why=f"the run failed: {transcript.error}")]
    if transcript.ended != "turn_limit":
        return []
    last = transcript.exchanges[-1] if transcript.exchanges else None
    waiting = f"; the bot still awaits {last.awaiting}" if last and last.awaiting else ""
    return [Failure(grader="turns", why=f"turn limit: {scenario.expect.max_turns} shopper turns used{waiting}")]


def grade(scenario: Scenario, transcript: Transcript, *, run: int = 0, shopper: str = "scripted") -> ScenarioResult:
    """Every grader over one played transcript."""
    outcome: Outcome = "handoff" if transcript.handed_off else "resolved"
    failures: list[Failure] = []
    if outcome != scenario.expect.outcome:
        failures.append(Failure(grader="outcome", why=f"expected {scenario.expect.outcome}, got {outcome}"))
    write_failures, wrong = grade_writes(scenario, transcript)
    proposals = unwanted_proposals(scenario, transcript)
    failures += write_failures + proposals + grade_says(scenario, transcript) + grade_turns(scenario, transcript)
    return ScenarioResult(
        id=scenario.id,
        category=scenario.category,
        area=scenario.area,
        tags=list(scenario.tags),
        run=run,
        shopper=shopper,
        expected=scenario.expect.outcome,
        outcome=outcome,
        passed=not failures,
        failures=failures,
        wrong_actions=wrong,
        unwanted_proposals=len(proposals),
        transcript=transcript,
    )
