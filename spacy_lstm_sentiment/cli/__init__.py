"""Command-line interface (`spacy-lstm-sentiment`, also `python -m spacy_lstm_sentiment`)."""
