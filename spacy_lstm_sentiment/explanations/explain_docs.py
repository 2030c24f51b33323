"""`explain(nlp, texts_or_docs)`: score docs and attribute every token's share of each label's score."""
from typing import Any, Iterable, Iterator, List, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from ..pipeline.loading import lstm_sentiment_components
from ..pipeline.scoped import torch_thread_count
from ..pipeline.span_scores import sentences_of, stored_span_cats
from .attributions import attribute

ATTRIBUTION_TOTALS = ("lstm_sentiment", "attribution_totals")
"""`doc.user_data` key: {"logits": {...}, "baseline": {...}}, the centered logits the attributions explain."""


def explain(
    nlp: Language,
    texts_or_docs: Iterable[Union[str, Doc]],
    *,
    component: Optional[str] = None,
    batch_size: int = 64,
    steps: int = 16,
) -> Iterator[Doc]:
    """Yield scored docs, in order, whose tokens carry `token._.attribution`: {label: contribution of
    the token to that label's centered logit} (see `attributions`). Texts go through the whole pipeline;
    docs are scored by the component as they are. Opt-in and slower than scoring (`steps` forward and
    backward passes per batch): the default `nlp.pipe` path never computes attributions.

    component: the lstm_sentiment component's name (default: the first one in the pipeline).
    steps: integration steps of the RNN part (more: closer completeness, slower).
    """
    pipe = nlp.get_pipe(component or first_component(nlp))
    for batch in minibatch(texts_or_docs, size=batch_size):
        texts = iter(nlp.pipe([item for item in batch if isinstance(item, str)], batch_size=batch_size))
        docs = [next(texts) if isinstance(item, str) else item for item in batch]
        attribute_docs(pipe, docs, steps=steps, batch_size=batch_size)
        yield from docs


def attribute_docs(pipe: Any, docs: List[Doc], *, steps: int = 16, batch_size: int = 64) -> None:
    """Explain `docs` in place, as one batch, with the lstm_sentiment component `pipe`: docs it has not
    scored yet are scored first (in one batch), and so are the sentences of docs with sentence
    boundaries (`span._.cats`, which the page shows); then every token gets `token._.attribution` and
    each doc its totals (`ATTRIBUTION_TOTALS`)."""
    list(pipe.pipe([doc for doc in docs if not doc.cats], batch_size=batch_size))  # scores them in place
    unscored = [sent for sent in sentences_of(docs) if stored_span_cats(sent) is None]
    if unscored:
        pipe.score_spans(unscored)
    with torch_thread_count(pipe.torch_threads):
        result = attribute(pipe.model, docs, steps=steps)
    labels = list(pipe.labels)
    for index, doc in enumerate(docs):
        for token, row in zip(doc, result.tokens[index].tolist()):
            token._.attribution = dict(zip(labels, row))
        doc.user_data[ATTRIBUTION_TOTALS] = {
            "logits": dict(zip(labels, result.logits[index].tolist())),
            "baseline": dict(zip(labels, result.baseline[index].tolist())),
        }


def first_component(nlp: Language) -> str:
    names = lstm_sentiment_components(nlp)
    if not names:
        raise ValueError(f"the pipeline has no lstm_sentiment component (components: {', '.join(nlp.pipe_names)})")
    return names[0]
