"""shopclerk knowledge: merchant files, validation, indexing and search."""
