"""How far can models go on this corpus? Label agreement of near-duplicates, and ensembles.

    python scripts/accuracy_ceiling.py corpus training/model-best training/efficiency/model-best [--tfidf]

1. Near-duplicate agreement: test posts whose text, with retweet prefix, URLs, @mentions and
   punctuation removed, also occurs in train; how often their test label is the train label. This is
   the annotators' own agreement on (nearly) the same text, an upper bound no model beats on them.
2. Test macro-F1 of each pipeline, and of their equal-weight ensemble (mean of doc.cats).
3. With --tfidf (needs scikit-learn): TF-IDF word 1-2 + char 2-5 n-gram logistic regression, alone
   and averaged into the ensemble.
"""
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import numpy
import spacy
import typer
from spacy.tokens import DocBin


def load_split(corpus: Path, split: str, labels: Sequence[str]) -> Tuple[List[str], numpy.ndarray]:
    """Texts and gold label indices of one split's DocBin."""
    nlp = spacy.blank("en")
    docs = list(DocBin().from_disk(corpus / f"{split}.spacy").get_docs(nlp.vocab))
    gold = [labels.index(max(doc.cats, key=doc.cats.get)) for doc in docs]
    return [doc.text for doc in docs], numpy.asarray(gold)


def macro_f1(gold: numpy.ndarray, predicted: numpy.ndarray, n_labels: int) -> float:
    """Mean over labels of F1, as spaCy's textcat scorer reports for exclusive classes."""
    scores = []
    for label in range(n_labels):
        tp = numpy.sum((predicted == label) & (gold == label))
        precision = tp / max(numpy.sum(predicted == label), 1)
        recall = tp / max(numpy.sum(gold == label), 1)
        scores.append(0.0 if tp == 0 else 2 * precision * recall / (precision + recall))
    return float(numpy.mean(scores))


def content_key(text: str) -> str:
    """The text without retweet prefix, URLs, @mentions and punctuation, lower-cased."""
    text = re.sub(r"^rt @\w+:?", "", text.lower())
    text = re.sub(r"https?://\S+|@\w+", "", text)
    return re.sub(r"[^a-z0-9#]+", " ", text).strip()


def near_duplicate_agreement(
    train: Tuple[List[str], numpy.ndarray], test: Tuple[List[str], numpy.ndarray]
) -> Tuple[numpy.ndarray, float]:
    """Indices of test posts whose content key occurs in train, and how often their labels agree."""
    train_labels: Dict[str, Counter] = defaultdict(Counter)
    for text, label in zip(*train):
        train_labels[content_key(text)][label] += 1
    matches = [
        (i, train_labels[key].most_common(1)[0][0])
        for i, text in enumerate(test[0])
        if (key := content_key(text)) and key in train_labels
    ]
    indices = numpy.asarray([i for i, _ in matches], dtype=int)
    agree = sum(test[1][i] == train_label for i, train_label in matches)
    return indices, agree / max(len(matches), 1)


def tfidf_probabilities(train: Tuple[List[str], numpy.ndarray], texts: List[str], n_labels: int) -> numpy.ndarray:
    """Class probabilities (columns in label order) of a TF-IDF word 1-2 + char 2-5 logistic regression."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizers = [
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True),
    ]
    features = hstack([v.fit_transform(train[0]) for v in vectorizers]).tocsr()
    model = LogisticRegression(C=3.0, max_iter=2000).fit(features, train[1])
    probabilities = numpy.zeros((len(texts), n_labels))
    probabilities[:, model.classes_] = model.predict_proba(hstack([v.transform(texts) for v in vectorizers]).tocsr())
    return probabilities


def main(
    corpus: Path = typer.Argument(..., help="Folder with train.spacy and test.spacy"),
    pipelines: List[Path] = typer.Argument(..., help="Trained pipelines to score and ensemble"),
    tfidf: bool = typer.Option(False, "--tfidf", help="Add a TF-IDF logistic regression (scikit-learn)"),
    labels: str = typer.Option("negative,neutral,positive", help="Label order"),
) -> None:
    label_list = labels.split(",")
    train = load_split(corpus, "train", label_list)
    test_texts, test_gold = load_split(corpus, "test", label_list)
    duplicates, agreement = near_duplicate_agreement(train, (test_texts, test_gold))
    print(f"near-duplicates: {len(duplicates)} test posts also in train; same label {agreement:.3f}")
    probabilities = {}
    for path in pipelines:
        nlp = spacy.load(path)
        cats = [[doc.cats[label] for label in label_list] for doc in nlp.pipe(test_texts, batch_size=1024)]
        probabilities[str(path)] = numpy.asarray(cats)
    if tfidf:
        probabilities["tfidf+lr"] = tfidf_probabilities(train, test_texts, len(label_list))
    for name, probs in probabilities.items():
        predicted = probs.argmax(1)
        on_duplicates = numpy.mean(predicted[duplicates] == test_gold[duplicates]) if len(duplicates) else float("nan")
        print(
            f"{name}: test macro-F1 {macro_f1(test_gold, predicted, len(label_list)):.4f}, "
            f"accuracy {numpy.mean(predicted == test_gold):.3f}, on the near-duplicates {on_duplicates:.3f}"
        )
    if len(probabilities) > 1:
        mean = sum(probabilities.values()) / len(probabilities)
        score = macro_f1(test_gold, mean.argmax(1), len(label_list))
        print(f"ensemble of {len(probabilities)}: test macro-F1 {score:.4f}")


if __name__ == "__main__":
    typer.run(main)
