"""Scoring trained pipelines beyond training: the evaluation report (per-label table, confusion matrix,
calibration) and the topic-shift measurement."""
