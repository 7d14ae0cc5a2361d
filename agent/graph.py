"""The conversation graph: guard -> understand -> skill -> reply, compiled by the caller."""

from __future__ import annotations

from langgraph.graph import END, START, StateGraph

from agent.context import AgentContext
from agent.nodes.guard import blocked, guard
from agent.nodes.reply import reply
from agent.nodes.smalltalk import fallback, farewell, greet
from agent.nodes.understand import understand
from agent.routing import after_guard, choose_skill
from agent.state import ConversationState

# A turn visits at most ~6 nodes; anything near this limit is a routing loop, not a long turn.
RECURSION_LIMIT = 25


def build_graph() -> StateGraph[ConversationState, AgentContext, ConversationState, ConversationState]:
    """The uncompiled graph; callers compile it with their checkpointer."""
    graph = StateGraph(ConversationState, context_schema=AgentContext)
    graph.add_node("guard", guard)
    graph.add_node("blocked", blocked)
    graph.add_node("understand", understand)
    graph.add_node("greet", greet)
    graph.add_node("farewell", farewell)
    graph.add_node("fallback", fallback)
    graph.add_node("reply", reply)

    graph.add_edge(START, "guard")
    graph.add_conditional_edges("guard", after_guard, ["understand", "blocked"])
    graph.add_conditional_edges("understand", choose_skill, ["greet", "farewell", "fallback"])
    for skill in ("blocked", "greet", "farewell", "fallback"):
        graph.add_edge(skill, "reply")
    graph.add_edge("reply", END)
    return graph
