"""One module per file format: its reader, its writer and its partial-file scanner, and the `FORMAT`
that `io/registry.py` lists."""
