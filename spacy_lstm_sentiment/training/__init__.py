"""What `spacy train` uses from the package: the `[training.before_to_disk]` callbacks and the
generated-posts corpus reader (`generated/`)."""
