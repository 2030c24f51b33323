"""The `spacy-lstm-sentiment.AugmentedCorpus.v1` reader: the labelled corpus, counterfactual identity-term
copies and generated posts from our own templates (kept apart from the check suite's)."""
