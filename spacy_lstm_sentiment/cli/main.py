"""Console entry point: imports each command module so it registers on the app, then runs it."""
from . import (  # noqa: F401  (registration side effect)
    benchmark,
    benchmark_explain,
    benchmark_finetune,
    benchmark_scoring,
    check,
    corpus,
    explain,
    explain_errors,
    package,
    release,
    resources,
    score,
    topic_shift,
)
from .app import app


def main() -> None:
    app()


if __name__ == "__main__":
    main()
