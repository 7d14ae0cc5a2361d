"""shopclerk knowledge: merchant files, validation, indexing and search.

Public API (import from the modules; this package imports nothing heavy on its own):
- `knowledge.embeddings.Embedder`: the offline sentence embedder shared with the NLU.
- `knowledge.service.KnowledgeBase`: reload from files, `search()`, `issues()`, `status()`, guides, intent examples.
- `knowledge.watcher.KnowledgeWatcher`: hot reload, `start()` / `stop()`.
- `knowledge.intents.load_intent_examples`: intent examples without Chroma or the model.
- `knowledge.entries.ProductDoc`: catalog products given to `KnowledgeBase.set_products()` as plain data.
"""
