"""Console entry point: imports each command module so it registers on the app, then runs it."""
from . import benchmark, benchmark_scoring, corpus, score  # noqa: F401  (registration side effect)
from .app import app
from .topic_shift import topic_shift_command  # noqa: F401  (registration side effect)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
