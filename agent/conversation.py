"""Running turns: one shopper message through the compiled graph, and reading a conversation back."""

from __future__ import annotations

from dataclasses import dataclass

from langchain_core.runnables import RunnableConfig
from langgraph.graph.state import CompiledStateGraph

from agent.context import AgentContext
from agent.graph import RECURSION_LIMIT
from agent.state import ChatMessage, ConversationState, Reply

CompiledGraph = CompiledStateGraph[ConversationState, AgentContext, ConversationState, ConversationState]


@dataclass(frozen=True)
class LeftOver:
    """A shopper line's turn as the checkpoint knows it (see `Conversations.left_over`)."""

    ran: bool  # the turn started and was checkpointed, finished or failed
    reply: Reply | None  # its reply, when it finished


class Conversations:
    """Runs turns on a graph compiled with a checkpointer; thread id = conversation id.

    Not safe for two concurrent turns of the same conversation: the caller serialises them.
    """

    def __init__(self, graph: CompiledGraph, context: AgentContext) -> None:
        if graph.checkpointer is None:
            raise ValueError("the conversation graph must be compiled with a checkpointer")
        self._graph = graph
        self._context = context

    @property
    def context(self) -> AgentContext:
        """The run context every turn gets."""
        return self._context

    @property
    def graph(self) -> CompiledGraph:
        """The compiled graph (for inspection: state, history)."""
        return self._graph

    @staticmethod
    def _config(conversation_id: str) -> RunnableConfig:
        return {"configurable": {"thread_id": conversation_id}, "recursion_limit": RECURSION_LIMIT}

    def send(
        self, conversation_id: str, text: str, customer_id: str | None = None, *, line_seq: int | None = None
    ) -> tuple[Reply, int]:
        """Run one turn for `text`; return the bot's reply (intent "silent" while a person has the conversation)
        and its turn number. `customer_id` is an identity the channel verified (a signed token), never the text's.
        `line_seq` is the channel's number for the shopper's line, checkpointed with the turn (`left_over`).
        """
        shopper: ChatMessage = {"role": "shopper", "text": text}
        # "exit" writes one checkpoint per turn instead of one per step: 2x faster, and a crash
        # mid-turn loses only that unanswered turn.
        result = self._graph.invoke(
            {"messages": [shopper], "signed_customer": customer_id, "line_seq": line_seq},
            self._config(conversation_id),
            context=self._context,
            durability="exit",
        )
        reply: Reply = result["reply"]
        return reply, int(result["turns"])

    def left_over(self, conversation_id: str, line_seq: int) -> LeftOver:
        """What became of the turn for the channel's line `line_seq` if the channel never posted its reply: it ran
        to the end (the process stopped before posting: here is its reply), it failed (the shopper was told so), or
        it never reached a checkpoint (the process stopped mid-turn)."""
        values = self._graph.get_state(self._config(conversation_id)).values or {}
        if values.get("replied_to") == line_seq:
            return LeftOver(ran=True, reply=values.get("reply"))
        return LeftOver(ran=values.get("line_seq") == line_seq, reply=None)

    def history(self, conversation_id: str) -> list[ChatMessage]:
        """The recent messages of a conversation ([] for one never seen)."""
        snapshot = self._graph.get_state(self._config(conversation_id))
        messages: list[ChatMessage] = (snapshot.values or {}).get("messages", [])
        return list(messages)
