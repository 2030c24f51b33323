"""Turning an exception from a library into the one line a user reads."""


def one_line(err: BaseException) -> str:
    """The first non-empty line of the error's message, or its type name when it has none."""
    for line in str(err).splitlines():
        if line.strip():
            return line.strip()
    return type(err).__name__
