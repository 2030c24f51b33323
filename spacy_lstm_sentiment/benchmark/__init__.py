"""Measurements: inference speed and accuracy against spaCy's blank tokenizer, training speed, batch-scoring
throughput of each backend, and the faithfulness of attributions (the `benchmark*` commands)."""
