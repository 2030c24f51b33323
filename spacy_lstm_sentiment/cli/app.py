"""The Typer application that every command module registers itself on."""
import typer

app = typer.Typer(
    name="spacy-lstm-sentiment",
    help="Prepare corpora, score text and benchmark the lstm_sentiment spaCy component.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
