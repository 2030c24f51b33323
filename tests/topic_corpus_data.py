"""A tiny generated corpus whose topics have different label mixes, for the topic-shift tests."""
from pathlib import Path
from typing import Dict, List, Tuple

import spacy
from spacy.tokens import DocBin

from conftest import LABELS, make_texts

# each topic's marker and the labels its texts take, in turn: airline mostly negative, cars neutral
TOPIC_MARKERS: Dict[str, Tuple[str, List[str]]] = {
    "airline": ("@united", ["negative", "negative", "neutral", "positive"]),
    "self_driving": ("self-driving car", ["neutral", "neutral", "neutral", "negative", "positive"]),
    "coachella": ("#coachella2015", ["positive", "positive", "neutral", "negative"]),
}
SPLIT_SIZES = {"train": 12, "dev": 4, "test": 6}


def write_topic_corpus(corpus_dir: Path, scale: int = 1) -> Dict[str, Dict[str, int]]:
    """CORPUS_DIR/{train,dev,test}.spacy: SPLIT_SIZES * scale docs per topic and split. Returns the counts."""
    nlp = spacy.blank("en")
    by_label = {label: [text for text, gold in make_texts(300, seed=1) if gold == label] for label in LABELS}
    counts: Dict[str, Dict[str, int]] = {}
    for split, size in SPLIT_SIZES.items():
        docs = []
        for topic, (marker, labels) in TOPIC_MARKERS.items():
            for i in range(size * scale):
                label = labels[i % len(labels)]
                doc = nlp.make_doc(f"{marker} {by_label[label][(i + len(docs)) % len(by_label[label])]}")
                doc.cats = {name: float(name == label) for name in LABELS}
                docs.append(doc)
            counts.setdefault(split, {})[topic] = size * scale
        corpus_dir.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(corpus_dir / f"{split}.spacy")
    return counts
