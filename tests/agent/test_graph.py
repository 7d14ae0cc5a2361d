"""The conversation graph: routing of greeting, goodbye, fallback and guarded input; checkpointed history."""

from __future__ import annotations

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from agent.context import AgentContext
from agent.conversation import Conversations
from agent.graph import build_graph
from agent.nlu.lexicon import LexiconUnderstander
from agent.replies import ReplyBook
from agent.routing import choose_skill
from agent.state import MAX_MESSAGES


@pytest.fixture
def conversations() -> Conversations:
    context = AgentContext(
        understander=LexiconUnderstander(), replies=ReplyBook.load("Test Pets"), max_message_chars=50
    )
    return Conversations(build_graph().compile(checkpointer=InMemorySaver()), context)


@pytest.mark.parametrize("text", ["hi", "Hello!", "good morning", "hey", "你好"])
def test_greetings_get_the_greeting(conversations: Conversations, text: str) -> None:
    reply, seq = conversations.send("c-greet", text)
    assert reply["intent"] == "greeting"
    assert "Test Pets" in reply["text"]
    assert seq == 1
    assert reply["parts"][0]["kind"] == "quick_replies"


def test_chinese_greeting_is_answered_in_chinese(conversations: Conversations) -> None:
    reply, _ = conversations.send("c-zh", "您好")
    assert "客服" in reply["text"]


def test_goodbye_and_fallback(conversations: Conversations) -> None:
    assert conversations.send("c1", "bye!")[0]["intent"] == "goodbye"
    assert conversations.send("c1", "can my hamster eat grapes")[0]["intent"] == "fallback"
    assert conversations.send("c1", "hi, where is my order?")[0]["intent"] == "fallback"


def test_empty_and_oversized_messages_are_refused_politely(conversations: Conversations) -> None:
    reply, _ = conversations.send("c2", "   ")
    assert reply["intent"] == "blocked:empty"
    reply, _ = conversations.send("c2", "x" * 51)
    assert reply["intent"] == "blocked:too_long"
    assert "50" in reply["text"]


def test_history_is_kept_per_conversation_and_bounded(conversations: Conversations) -> None:
    conversations.send("a", "hello")
    conversations.send("b", "bye")
    assert [m["role"] for m in conversations.history("a")] == ["shopper", "bot"]
    assert conversations.history("b")[0]["text"] == "bye"
    assert conversations.history("never-seen") == []
    for i in range(MAX_MESSAGES):
        _, seq = conversations.send("long", f"message {i}")
    assert seq == MAX_MESSAGES
    history = conversations.history("long")
    assert len(history) == MAX_MESSAGES
    assert history[-2]["text"] == f"message {MAX_MESSAGES - 1}"


def test_routing_is_a_fixed_set() -> None:
    assert choose_skill({"intent": "greeting"}) == "greet"
    assert choose_skill({"intent": "goodbye"}) == "farewell"
    assert choose_skill({"intent": "anything else"}) == "fallback"
    assert choose_skill({}) == "fallback"


def test_a_graph_without_checkpointer_is_refused() -> None:
    context = AgentContext(understander=LexiconUnderstander(), replies=ReplyBook.load("X"))
    with pytest.raises(ValueError, match="checkpointer"):
        Conversations(build_graph().compile(), context)
