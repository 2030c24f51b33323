"""Experiments that score trained pipelines beyond the test split: topic shift."""
