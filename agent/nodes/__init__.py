"""Graph nodes: guard, understand, the skills, and reply."""
