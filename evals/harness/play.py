"""Playing one scenario: a fresh store, a new conversation, shopper and bot taking turns until it ends."""

from __future__ import annotations

import time

from connectors.orders.write_models import AuditRecord
from evals.harness.channels import BotReply, Channel, ChannelError
from evals.harness.fixtures import Fixtures
from evals.harness.llm_shopper import ShopperError
from evals.harness.results import Ended, Exchange, Transcript, Write
from evals.harness.scenario import Scenario
from evals.harness.shopper import Shopper


def _write(record: AuditRecord) -> Write:
    return Write(
        seq=record.seq,
        op=record.operation,
        actor=record.actor,
        params=record.params,
        outcome=record.outcome,
        error_code=record.error_code,
    )


def play(scenario: Scenario, channel: Channel, fixtures: Fixtures, shopper: Shopper) -> Transcript:
    """Run the conversation; it ends when the shopper has nothing left to say, at a hand-off, or at `max_turns`.

    Every exchange records the audit-log entries its turn produced, so graders can tell which message led to
    which write.
    """
    started = time.perf_counter()
    initial = fixtures.reset(scenario)
    store = fixtures.store
    last_seq = max((r.seq for r in store.audit_log()), default=0)
    exchanges: list[Exchange] = []
    ended: Ended = "done"
    error: str | None = None
    reply: BotReply | None = None
    session = None
    try:
        session = channel.open(scenario.shopper.customer)
        while True:
            if reply is not None and reply.handoff:
                ended = "handoff"
                break
            utterance = shopper.next(reply)
            if utterance is None:
                break
            if len(exchanges) >= scenario.expect.max_turns:
                ended = "turn_limit"
                break
            sent = time.perf_counter()
            reply = session.send(utterance.text)
            latency_ms = (time.perf_counter() - sent) * 1000
            records = store.audit_log(since_seq=last_seq)
            last_seq = max((r.seq for r in records), default=last_seq)
            exchanges.append(
                Exchange(
                    n=len(exchanges) + 1,
                    shopper=utterance.text,
                    source=utterance.source,
                    answered=utterance.answered,
                    answer_key=utterance.answer_key,
                    said=utterance.said,
                    bot_text=reply.text,
                    bot_intent=reply.intent,
                    parts=reply.parts,
                    awaiting=reply.awaiting,
                    action=reply.action,
                    handoff=reply.handoff,
                    latency_ms=round(latency_ms, 3),
                    writes=[_write(r) for r in records],
                )
            )
    except (ChannelError, ShopperError) as exc:
        ended, error = "error", str(exc)
    finally:
        if session is not None:
            session.close()
    return Transcript(
        conversation_id=session.conversation_id if session is not None else "",
        exchanges=exchanges,
        ended=ended,
        error=error,
        initial_hash=initial,
        final_hash=store.state_hash(),
        seconds=round(time.perf_counter() - started, 3),
    )
