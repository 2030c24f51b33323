"""`spacy-lstm-sentiment.SurrogateSafeTokenizer.v1`: spaCy's tokenizer, reading repaired text.

spaCy's own tokenizer raises `UnicodeEncodeError` on a lone surrogate (`nlp("hello \\ud83d world")`).
This one first repairs the text as batch scoring does (`text.repair.replace_surrogates`: split pairs
joined, lone surrogates U+FFFD), so `nlp(text).text` is the text `score` writes. In a config:

    [nlp.tokenizer]
    @tokenizers = "spacy-lstm-sentiment.SurrogateSafeTokenizer.v1"

or for a saved pipeline, `spacy.load(path, config={"nlp": {"tokenizer": {"@tokenizers": NAME}}})`.
It saves and loads as the tokenizer it wraps (the same `tokenizer` data), so a pipeline's saved
tokenizer loads into either.
"""
from typing import Any, Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from .repair import repair_surrogates

NAME = "spacy-lstm-sentiment.SurrogateSafeTokenizer.v1"


@registry.tokenizers(NAME)
def create_surrogate_safe_tokenizer() -> Callable[[Language], "SurrogateSafeTokenizer"]:
    """The language's default tokenizer (`spacy.Tokenizer.v1`), wrapped in a `SurrogateSafeTokenizer`."""
    make_default = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make_tokenizer(nlp: Language) -> "SurrogateSafeTokenizer":
        return SurrogateSafeTokenizer(make_default(nlp))

    return make_tokenizer


class SurrogateSafeTokenizer:
    """Repairs each text (`repair_surrogates`) before the wrapped tokenizer reads it; every other
    attribute (serialization, `score`, special cases, `memory_zone`, ...) is the wrapped tokenizer's."""

    def __init__(self, tokenizer: Any):
        object.__setattr__(self, "tokenizer", tokenizer)

    def __call__(self, text: str) -> Doc:
        return self.tokenizer(repair_surrogates(text))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        return self.tokenizer.pipe((repair_surrogates(text) for text in texts), batch_size=batch_size)

    def explain(self, text: str) -> list:
        return self.tokenizer.explain(repair_surrogates(text))

    def to_bytes(self, **kwargs) -> bytes:
        return self.tokenizer.to_bytes(**kwargs)

    def from_bytes(self, bytes_data: bytes, **kwargs) -> "SurrogateSafeTokenizer":
        self.tokenizer.from_bytes(bytes_data, **kwargs)
        return self

    def to_disk(self, path, **kwargs) -> None:
        self.tokenizer.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs) -> "SurrogateSafeTokenizer":
        self.tokenizer.from_disk(path, **kwargs)
        return self

    def __getattr__(self, name: str) -> Any:  # only for names the wrapper lacks
        if name == "tokenizer":  # not set yet (e.g. while unpickling)
            raise AttributeError(name)
        return getattr(self.tokenizer, name)

    def __setattr__(self, name: str, value: Any) -> None:  # nlp.tokenizer.infix_finditer = ... etc.
        setattr(self.tokenizer, name, value)

    def __reduce__(self):
        return type(self), (self.tokenizer,)
