"""shopclerk: the conversation brain (state, NLU, graph, nodes, tools, templates)."""
