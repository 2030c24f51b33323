"""The preprocessed corpus (train/dev/test DocBins) seen through its topics: counts, label mix, subsets."""
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Union

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from ..labels import top_label
from .split import SPLITS
from .topics import TOPICS, topic_of

PathLike = Union[str, Path]


@dataclass
class TopicCorpus:
    """The docs of each split, and the topic of each doc (same order)."""

    docs: Dict[str, List[Doc]]
    topics: Dict[str, List[str]]

    def select(self, split: str, keep: Callable[[str], bool]) -> List[Doc]:
        """The docs of `split` whose topic `keep` accepts."""
        topics = self.topics[split]
        return [doc for i, doc in enumerate(self.docs[split]) if keep(topics[i])]

    def largest_topic(self, split: str = "train") -> str:
        """The topic with the most docs in `split`."""
        return max(TOPICS, key=self.topics[split].count)


def load_topic_corpus(corpus_dir: PathLike) -> TopicCorpus:
    """Read CORPUS_DIR/{train,dev,test}.spacy and assign each doc its topic (`topics.topic_of`)."""
    vocab = Vocab()
    docs: Dict[str, List[Doc]] = {}
    for split in SPLITS:
        path = Path(corpus_dir) / f"{split}.spacy"
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found: run `preprocess` first")
        docs[split] = list(DocBin().from_disk(path).get_docs(vocab))
    return TopicCorpus(docs=docs, topics={split: [topic_of(doc.text) for doc in docs[split]] for split in SPLITS})


def label_counts(docs: Iterable[Doc]) -> Dict[str, int]:
    """Docs per gold label (top label of the gold doc.cats), in label order; docs without gold are left out."""
    counts: Dict[str, int] = {}
    for doc in docs:
        for label in doc.cats:
            counts.setdefault(label, 0)
        label = top_label(doc.cats)
        if label is not None:
            counts[label] += 1
    return counts


def label_mix(counts: Dict[str, int]) -> Dict[str, float]:
    """Each label's share of the counted docs (all 0.0 when there are none)."""
    total = sum(counts.values())
    return {label: (n / total if total else 0.0) for label, n in counts.items()}


def topic_table(corpus: TopicCorpus) -> Dict[str, Dict[str, Dict[str, object]]]:
    """Per split and topic: n_docs, label_counts and label_mix (topics with no docs are left out)."""
    table: Dict[str, Dict[str, Dict[str, object]]] = {}
    for split in SPLITS:
        table[split] = {}
        for topic in TOPICS:
            docs = corpus.select(split, lambda t, topic=topic: t == topic)
            if docs:
                counts = label_counts(docs)
                table[split][topic] = {"n_docs": len(docs), "label_counts": counts, "label_mix": label_mix(counts)}
    return table


def write_docs(docs: List[Doc], path: PathLike) -> Path:
    """Write docs (with their gold doc.cats) to a DocBin file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(attrs=["ORTH"], store_user_data=False, docs=docs).to_disk(path)  # as `preprocess` writes them
    return path
