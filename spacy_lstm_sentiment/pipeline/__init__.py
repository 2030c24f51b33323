"""The spaCy component `lstm_sentiment`: the factory and `LSTMSentiment`, its cfg, extension attributes,
span scores, scoped process settings, and loading a pipeline."""
