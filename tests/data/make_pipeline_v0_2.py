"""Write tests/data/pipeline_v0_2 and its scores with the 0.2.0 code (main at f99b872), from the repo root:
`python tests/data/make_pipeline_v0_2.py`. A tiny pipeline with lexicon features, blinded identity terms and
n-grams, so that later layouts prove they load every table a 0.2 weights file holds."""
import json
import sys
import tempfile
from pathlib import Path

import spacy
from thinc.api import fix_random_seed

sys.path.insert(0, "tests")
from conftest import make_examples, make_texts  # noqa: E402

DATA = Path("tests/data")
MODEL = {
    "rows": [200, 50, 50, 20],
    "embed_width": 8,
    "hidden_width": 8,
    "use_lexicon": True,
    "blind_identity_terms": True,
    "ngram_sizes": [1, 2],
    "ngram_rows": 256,
}
TEXTS = [
    "I love this airline",
    "worst flight ever, so delayed",
    "",
    "   ",
    "what time is boarding?",
    "not bad at all",
    "the muslim crew was rude",
    "an Asian student and a Hindu teacher were great",
    "soooo good 😍",
    "GREAT!!! but the bag was lost",
    "😡😡",
    " ".join(["the crew was great but my bag was lost"] * 40),
]
lexicon_dir = Path(tempfile.mkdtemp()) / "lexicon"
lexicon_dir.mkdir(parents=True, exist_ok=True)
(lexicon_dir / "words.tsv").write_text(
    "love\t3.2\ngreat\t3.1\ngood\t1.9\nbad\t-2.5\nworst\t-3.1\nhate\t-2.7\nrude\t-2.0\n"
)
(lexicon_dir / "ranking.csv").write_text(
    "Emoji,Occurrences,Negative,Neutral,Positive\n😍,100,5,15,80\n😡,100,70,20,10\n"
)
fix_random_seed(0)
nlp = spacy.blank("en")
nlp.add_pipe("lstm_sentiment", config={"model": MODEL})
nlp.config["initialize"]["components"]["lstm_sentiment"] = {
    "lexicon": {
        "@misc": "spacy-lstm-sentiment.lexicon.v1",
        "vader": None,
        "vader_emoji": None,
        "emoji_ranking": str(lexicon_dir / "ranking.csv"),
        "tsv": [str(lexicon_dir / "words.tsv")],
        "tsv_scale": 4.0,
        "function_words": "en",
    }
}
texts = make_texts(60) + [("the muslim crew was rude", "negative"), ("the hindu crew was great", "positive")]
examples = make_examples(nlp, texts)
optimizer = nlp.initialize(lambda: examples)
for _ in range(30):
    nlp.update(examples, sgd=optimizer, drop=0.1)
# the lexicon's file paths must not be needed to load: drop them from the saved config
nlp.config["initialize"]["components"]["lstm_sentiment"] = {}
nlp.meta["version"] = "0.2.0"
out = DATA / "pipeline_v0_2"
nlp.to_disk(out)
loaded = spacy.load(out)
scores = [{k: float(v) for k, v in doc.cats.items()} for doc in loaded.pipe(TEXTS)]
direct = [{k: float(v) for k, v in doc.cats.items()} for doc in nlp.pipe(TEXTS)]
for a, b in zip(scores, direct):
    assert all(abs(a[k] - b[k]) < 1e-6 for k in a), (a, b)
(DATA / "pipeline_v0_2_scores.json").write_text(
    json.dumps({"texts": TEXTS, "scores": scores}, indent=1, ensure_ascii=False) + "\n", encoding="utf8"
)
print(scores[:3])
