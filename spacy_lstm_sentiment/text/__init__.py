"""Text handling shared by training and scoring: surrogate repair, normalisation (and the record of it a
pipeline keeps), the surrogate-safe tokenizer, English spelling helpers."""
