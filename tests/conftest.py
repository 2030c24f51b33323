"""Shared fixtures: tiny self-made sentiment data and a small trained pipeline."""
import json
import random
from pathlib import Path
from typing import Callable, List, Optional, Sequence, Tuple

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training import Example
from thinc.api import fix_random_seed

LABELS = ["negative", "neutral", "positive"]
TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
DATA_DIR = TESTS_DIR / "data"

_POSITIVE = ["love", "great", "awesome", "happy", "thanks", "amazing", "best", "good"]
_NEGATIVE = ["hate", "awful", "delayed", "worst", "terrible", "lost", "rude", "bad"]
_NEUTRAL = ["when", "which", "gate", "schedule", "tomorrow", "flight", "number", "check"]
_FILLER = ["the", "my", "this", "service", "crew", "airline", "today", "again", "so", "is"]


def make_texts(n: int, seed: int = 0) -> List[Tuple[str, str]]:
    """Short tweet-like texts whose label follows from the sentiment words they contain."""
    rng = random.Random(seed)
    vocab = {"positive": _POSITIVE, "negative": _NEGATIVE, "neutral": _NEUTRAL}
    texts = []
    for i in range(n):
        label = LABELS[i % 3]
        words = rng.sample(_FILLER, 3) + rng.sample(vocab[label], 2)
        rng.shuffle(words)
        texts.append((" ".join(words), label))
    return texts


def make_examples(nlp: Language, texts: List[Tuple[str, str]]) -> List[Example]:
    return [
        Example.from_dict(nlp.make_doc(text), {"cats": {label: float(label == gold) for label in LABELS}})
        for text, gold in texts
    ]


def write_docbin(nlp: Language, texts: List[Tuple[str, str]], path: Path) -> None:
    """A DocBin of `texts` (as from `make_texts`) with one-hot gold cats, for `spacy train`."""
    db = DocBin()
    for text, gold in texts:
        doc = nlp.make_doc(text)
        doc.cats = {label: float(label == gold) for label in LABELS}
        db.add(doc)
    db.to_disk(path)


SMALL_MODEL = {
    "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
    "rows": [2000, 500, 500, 100],
    "embed_width": 16,
    "hidden_width": 16,
    "bidirectional": True,
    "include_static_vectors": False,
    "ngram_sizes": [],
    "ngram_rows": 262144,
    "use_lexicon": False,
    "blind_identity_terms": False,
    "vectors_in_model": 0,
}
"""A small model trained from scratch in tests: every setting the factory's default (en_social's) sets otherwise."""


def train_small_pipeline(
    n_steps: int = 40, seed: int = 0, prepare: Optional[Callable[[Language], None]] = None, **model_overrides
) -> Language:
    """A blank English pipeline with a small lstm_sentiment, trained on `make_texts(60)`; `prepare`
    runs before initialize (to add vectors to the vocab, give the model a lexicon, ...)."""
    fix_random_seed(seed)
    nlp = spacy.blank("en")
    nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": {**SMALL_MODEL, **model_overrides}})
    if prepare is not None:
        prepare(nlp)
    examples = make_examples(nlp, make_texts(60, seed=seed))
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(n_steps):
        nlp.update(examples, sgd=optimizer, drop=0.1)
    return nlp


@pytest.fixture(scope="session")
def trained_nlp() -> Language:
    return train_small_pipeline()


@pytest.fixture(scope="session")
def trained_pipeline_dir(trained_nlp: Language, tmp_path_factory) -> Path:
    """A saved pipeline (blank English + lstm_sentiment, labels negative/neutral/positive)."""
    path = tmp_path_factory.mktemp("pipeline") / "model"
    trained_nlp.to_disk(path)
    return path


def assert_same_scored_records(got: List[dict], want: List[dict], tolerance: float = 1e-6) -> None:
    """Same records in the same order with the same fields; scores equal up to float noise (a doc's
    scores can differ in the last bits when it is batched with other docs)."""
    assert len(got) == len(want)
    for a, b in zip(got, want):
        assert {k: v for k, v in a.items() if k != "scores"} == {k: v for k, v in b.items() if k != "scores"}
        assert (a.get("scores") is None) == (b.get("scores") is None)
        if a.get("scores") is not None:
            assert a["scores"] == pytest.approx(b["scores"], abs=tolerance)


def assert_cli_backend_matches_local(
    pipeline_dir: Path, tmp_path: Path, records: List[dict], backend_args: List[str], exit_code: int
) -> None:
    """`score` with `backend_args` writes the same records as a plain one-process `score`."""
    from typer.testing import CliRunner

    from spacy_lstm_sentiment.cli.main import app

    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    outputs = []
    for name, extra in (("local", []), ("backend", backend_args)):
        output = tmp_path / f"{name}.jsonl"
        result = CliRunner().invoke(app, ["score", str(pipeline_dir), str(source), str(output), "-q", *extra])
        assert result.exit_code == exit_code, result.output
        outputs.append([json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()])
    assert len(outputs[0]) == len(records)
    assert_same_scored_records(outputs[1], outputs[0])


POSITIVE_SCORES = {"negative": 0.1, "neutral": 0.2, "positive": 0.7}


def scored(record: dict, error: Optional[str] = None, scores: dict = POSITIVE_SCORES) -> dict:
    """`record` as scoring writes it: its fields, then sentiment and scores (None with an `error`), then error."""
    out = dict(record)
    if error:
        out.update(sentiment=None, scores=None, error=error)
    else:
        out.update(sentiment=max(scores, key=scores.get), scores=dict(scores), error=None)
    return out


def spacy_textcat_pipeline(labels: Sequence[str] = LABELS) -> Language:
    """A blank English pipeline with spaCy's own (untrained, initialized) textcat: a doc.cats writer that
    is not lstm_sentiment."""
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat")
    for label in labels:
        textcat.add_label(label)
    nlp.initialize()
    return nlp
