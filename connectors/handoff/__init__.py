"""The human hand-off queue: conversations given to a person, with a summary, until released."""
