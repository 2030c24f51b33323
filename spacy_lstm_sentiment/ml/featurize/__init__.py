"""On the host (numpy): docs -> hashed token rows, n-grams, static vectors, lexicon features and a packed,
padding-free layout (`features.featurize`), and the tables the featurizer reads."""
