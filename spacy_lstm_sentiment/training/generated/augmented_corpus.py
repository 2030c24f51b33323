"""`[corpora.train]` reader: the labelled corpus, counterfactual copies of its posts that name an
identity term (`counterfactual.identity_swaps`), and generated posts (`templates.generate_posts`)."""
import random
from typing import Callable, FrozenSet, Iterator, Sequence

from spacy.language import Language
from spacy.training import Corpus, Example
from spacy.util import registry

from ...labels import DEFAULT_LABELS
from .counterfactual import identity_swaps
from .templates import generate_posts, normal_form


@registry.readers("spacy-lstm-sentiment.AugmentedCorpus.v1")
def augmented_corpus(
    path: str,
    generated: int = 0,
    seed: int = 0,
    labels: Sequence[str] = DEFAULT_LABELS,
    identity_copies: int = 0,
    limit: int = 0,
) -> Callable[[Language], Iterator[Example]]:
    """The DocBin at `path` (as spacy.Corpus.v1 reads it); after each post that names an identity
    term, up to `identity_copies` copies with other terms and the same label; then `generated`
    posts made from our own templates. `seed` fixes both; spaCy shuffles everything each epoch.

    labels: the label set of the corpus; generated posts score 0 for labels they do not name.
    """
    corpus = Corpus(path, limit=limit)
    posts = generate_posts(generated, seed=seed, exclude=check_texts() if generated else frozenset())

    def read(nlp: Language) -> Iterator[Example]:
        rng = random.Random(seed)
        for example in corpus(nlp):
            yield example
            for text in identity_swaps(example.reference.text, rng, identity_copies):
                yield Example.from_dict(nlp.make_doc(text), {"cats": dict(example.reference.cats)})
        for text, distribution in posts:
            cats = {label: float(distribution.get(label, 0.0)) for label in labels}
            yield Example.from_dict(nlp.make_doc(text), {"cats": cats})

    return read


def check_texts() -> FrozenSet[str]:
    """The check suite's texts, in `normal_form`: generated training posts never repeat one, so the
    suite measures what a model learned, not what it was shown."""
    from ...check import all_texts

    return frozenset(normal_form(text) for text in all_texts())
