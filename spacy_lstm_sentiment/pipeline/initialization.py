"""What `LSTMSentiment.initialize` settles before training: the weights to start from, the labels, the lexicon.

A component built with pretrained weights (`pretrained = "en_social"`, the factory's default) never
decides on its own whether `initialize` keeps them:

- ``from_pretrained = true`` keeps them, to fine-tune: the pretrained labels stay (data may use a
  subset of them), new labels get new output rows;
- ``from_pretrained = false`` starts a fresh model with the same settings, lexicon and word vectors;
- unset, labels added by hand with `add_label` that the pretrained model lacks ask for a fresh model
  with those labels (as spaCy's textcat does), said in a warning; without them it is an error that
  names both choices. `nlp.resume_training()` fine-tunes without `initialize` at all.
"""
import warnings
from typing import Any, Callable, Iterable, List, Optional

from spacy.language import Language
from spacy.training import Example

from ..labels import DEFAULT_LABELS
from ..ml.architecture import rebuild_model
from ..ml.featurize.lexicon_table import SentimentLexicon
from .pretrained import shipped_lexicon, shipped_word_vectors


def start_weights(component: Any, from_pretrained: Optional[bool]) -> None:
    """Keep the pretrained weights, or replace the model by a fresh one, as `from_pretrained` says."""
    source = component.pretrained
    if source is None:
        if from_pretrained:
            raise ValueError(
                f"{component.name} has no pretrained weights to keep (its pretrained setting is null): "
                "drop from_pretrained, or set pretrained to a model name or saved pipeline"
            )
        return
    added = [label for label in component.labels if label not in component.pretrained_labels]
    if from_pretrained is None and not added:
        raise ValueError(
            f"{component.name} holds the pretrained {source!r} weights: say whether initialize keeps them to "
            f"fine-tune ([initialize.components.{component.name}] from_pretrained = true, or call "
            "nlp.resume_training() instead of nlp.initialize()) or starts a fresh model (from_pretrained = false, "
            f"or pretrained = null in [components.{component.name}])"
        )
    if from_pretrained:
        return
    if from_pretrained is None:
        warnings.warn(
            f"{component.name}: the labels added with add_label ({', '.join(added)}) are not those of the "
            f"pretrained {source!r} model, so initialize starts a fresh model with them; set "
            "from_pretrained = true to fine-tune the pretrained model with them instead, or pretrained = null",
            UserWarning,
            stacklevel=3,
        )
    component.model = rebuild_model(component.model)
    component.cfg["labels"] = added
    component.pretrained = None


def initial_labels(
    component: Any, get_examples: Callable[[], Iterable[Example]], labels: Optional[Iterable[str]]
) -> List[str]:
    """`labels`, else the examples' cats (beside any the component has), else the component's own labels,
    else negative/neutral/positive."""
    if labels is not None:
        return list(labels)
    found = sorted({label for eg in get_examples() for label in eg.reference.cats})
    return found or list(component.labels) or list(DEFAULT_LABELS)


def initial_tables(component: Any, lexicon: Optional[SentimentLexicon], nlp: Optional[Language]) -> None:
    """Give a model that reads a lexicon the one given, else keep its own, else (English) en_social's; give
    a model that keeps word vectors of its own, and has none yet, en_social's when the vocab has no
    vectors to copy (English pipelines)."""
    model = component.model
    english = nlp is None or nlp.lang == "en"
    if lexicon is not None:
        model.set_lexicon(lexicon)
    elif model.uses_lexicon and model.lexicon is None:
        if not english:
            raise ValueError(
                f"{component.name}'s model reads a sentiment lexicon (use_lexicon = true) but none was given for "
                f"{nlp.lang!r}: set [initialize.components.{component.name}.lexicon] (see the README), or "
                "use_lexicon = false"
            )
        model.set_lexicon(shipped_lexicon())
    vocab_has_vectors = nlp is not None and nlp.vocab.vectors.shape[0] > 0
    wants_vectors = model.get_ref("featurizer").attrs["vectors_in_model"] and model.word_vectors is None
    if wants_vectors and not vocab_has_vectors and english:
        model.set_word_vectors(*shipped_word_vectors())
