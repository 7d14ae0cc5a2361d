"""The conversation graph: guard -> understand -> skill -> (second intent) -> reply, compiled by the caller."""

from __future__ import annotations

from langgraph.graph import END, START, StateGraph

from agent.context import AgentContext
from agent.nodes.after_sales import after_sales
from agent.nodes.answer import answer
from agent.nodes.confirm import decline, execute
from agent.nodes.guard import blocked, guard, silent
from agent.nodes.handoff import handoff
from agent.nodes.products import compare, product_facts
from agent.nodes.recommend import recommend
from agent.nodes.reply import next_intent, reply
from agent.nodes.smalltalk import fallback, smalltalk
from agent.nodes.understand import understand
from agent.routing import after_guard, after_skill, choose_skill
from agent.state import ConversationState

# A turn visits at most ~10 nodes (two intents); anything near this limit is a routing loop.
RECURSION_LIMIT = 25

SKILLS = (
    "smalltalk", "answer", "product_facts", "compare", "recommend", "after_sales", "execute", "decline", "handoff",
    "fallback",
)  # fmt: skip


def build_graph() -> StateGraph[ConversationState, AgentContext, ConversationState, ConversationState]:
    """The uncompiled graph; callers compile it with their checkpointer."""
    graph = StateGraph(ConversationState, context_schema=AgentContext)
    graph.add_node("guard", guard)
    graph.add_node("blocked", blocked)
    graph.add_node("silent", silent)
    graph.add_node("understand", understand)
    graph.add_node("smalltalk", smalltalk)
    graph.add_node("answer", answer)
    graph.add_node("product_facts", product_facts)
    graph.add_node("compare", compare)
    graph.add_node("recommend", recommend)
    graph.add_node("after_sales", after_sales)
    graph.add_node("execute", execute)
    graph.add_node("decline", decline)
    graph.add_node("handoff", handoff)
    graph.add_node("fallback", fallback)
    graph.add_node("next_intent", next_intent)
    graph.add_node("reply", reply)

    graph.add_edge(START, "guard")
    graph.add_conditional_edges("guard", after_guard, ["understand", "blocked", "silent"])
    graph.add_conditional_edges("understand", choose_skill, list(SKILLS))
    graph.add_conditional_edges("next_intent", choose_skill, list(SKILLS))
    for name in SKILLS:
        graph.add_conditional_edges(name, after_skill, ["next_intent", "reply"])
    graph.add_edge("blocked", "reply")
    graph.add_edge("silent", "reply")
    graph.add_edge("reply", END)
    return graph
