"""GPU: training on CUDA, CPU-trained weights scored on the GPU (and back), mixed precision.

thinc's device choice is process-global (`spacy.require_gpu()` swaps the current ops to CupyOps,
and PyTorchShim puts the torch module on `cuda:N` when the model is built), so every GPU-side step
runs in a subprocess and the rest of the suite stays on the CPU. `spacy.require_gpu()` needs CuPy
as well as CUDA-enabled torch.
"""
import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy
import pytest
import spacy
import torch

from conftest import LABELS

pytestmark = [
    pytest.mark.gpu,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA"),
    pytest.mark.skipif(importlib.util.find_spec("cupy") is None, reason="spacy.require_gpu() needs CuPy"),
]

TESTS_DIR = Path(__file__).resolve().parent
PROBE_TEXTS = ["great crew, thanks", "", "worst delayed flight", "when is the gate", " ".join(["so bad again"] * 200)]

PRELUDE = f"""
import json, sys
import numpy, spacy, torch
sys.path.insert(0, {str(TESTS_DIR)!r})
spacy.require_gpu()
from thinc.api import Adam, fix_random_seed, get_current_ops
from conftest import LABELS, SMALL_MODEL, make_examples, make_texts
PROBE_TEXTS = {PROBE_TEXTS!r}

def report(nlp, **extra):
    pipe = nlp.get_pipe("lstm_sentiment")
    net = pipe.model.net
    docs = list(nlp.pipe(PROBE_TEXTS))
    print(json.dumps({{
        "ops": type(get_current_ops()).__name__,
        "model_ops": type(pipe.model.ops).__name__,
        "devices": sorted({{p.device.type for p in net.parameters()}}),
        "scores": [[doc.cats[label] for label in pipe.labels] for doc in docs],
        **extra,
    }}))
"""


def run_on_gpu(body: str, timeout: int = 300) -> dict:
    code = PRELUDE + textwrap.dedent(body)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


TRAIN_ON_GPU = """
fix_random_seed(0)
nlp = spacy.blank("en")
nlp.add_pipe("lstm_sentiment", config={{"pretrained": None, "model": {{**SMALL_MODEL, **{overrides!r}}}}})
examples = make_examples(nlp, make_texts(30))
optimizer = nlp.initialize(lambda: examples, sgd=Adam(0.01))
losses = []
for _ in range(6):
    step = {{}}
    nlp.update(examples, sgd=optimizer, drop=0.1, losses=step)
    losses.append(step["lstm_sentiment"])
if {save_to!r}:
    nlp.to_disk({save_to!r})
report(nlp, losses=losses)
"""


def assert_on_cuda(info: dict):
    assert info["ops"] == "CupyOps" and info["model_ops"] == "CupyOps"
    assert info["devices"] == ["cuda"]


def assert_distributions(scores, atol=1e-5):
    scores = numpy.asarray(scores)
    assert numpy.isfinite(scores).all()
    numpy.testing.assert_allclose(scores.sum(axis=1), 1.0, atol=atol)


@pytest.mark.parametrize(
    "overrides",
    [
        {"rnn_type": "lstm"},
        {"rnn_type": "peephole", "pooling": "attention"},
        {"rnn_type": "gru", "ngram_sizes": [1, 2]},
    ],
    ids=["lstm", "peephole", "gru-ngrams"],
)
def test_training_steps_run_on_cuda(overrides):
    info = run_on_gpu(TRAIN_ON_GPU.format(overrides=overrides, save_to=None))
    assert_on_cuda(info)
    assert numpy.isfinite(info["losses"]).all()
    assert info["losses"][-1] < info["losses"][0]
    assert_distributions(info["scores"])


def test_cpu_trained_pipeline_scores_the_same_on_gpu(trained_nlp, trained_pipeline_dir):
    info = run_on_gpu(f"report(spacy.load({str(trained_pipeline_dir)!r}))")
    assert_on_cuda(info)
    cpu = [[doc.cats[label] for label in LABELS] for doc in trained_nlp.pipe(PROBE_TEXTS)]
    numpy.testing.assert_allclose(info["scores"], cpu, atol=1e-4)


def test_gpu_trained_pipeline_scores_the_same_on_cpu(tmp_path):
    info = run_on_gpu(TRAIN_ON_GPU.format(overrides={}, save_to=str(tmp_path / "gpu_model")))
    assert_on_cuda(info)
    loaded = spacy.load(tmp_path / "gpu_model")  # this process: CPU
    labels = loaded.get_pipe("lstm_sentiment").labels
    cpu = [[doc.cats[label] for label in labels] for doc in loaded.pipe(PROBE_TEXTS)]
    numpy.testing.assert_allclose(cpu, info["scores"], atol=1e-4)


@pytest.mark.parametrize("rnn_type", ["lstm", "peephole"])
def test_mixed_precision_training_on_gpu(rnn_type):
    overrides = {"rnn_type": rnn_type, "mixed_precision": True}
    info = run_on_gpu(TRAIN_ON_GPU.format(overrides=overrides, save_to=None))
    assert_on_cuda(info)
    assert numpy.isfinite(info["losses"]).all()
    assert_distributions(info["scores"], atol=1e-3)


def test_lexicon_blinding_and_explain_run_on_cuda(tmp_path):
    (tmp_path / "words.tsv").write_text("great\t3\nthanks\t2\nworst\t-3\ndelayed\t-2\n")
    body = f"""
    fix_random_seed(0)
    nlp = spacy.blank("en")
    model = {{**SMALL_MODEL, "use_lexicon": True, "blind_identity_terms": True, "ngram_sizes": [1, 2]}}
    nlp.add_pipe("lstm_sentiment", config={{"pretrained": None, "model": model}})
    lexicon = {{"@misc": "spacy-lstm-sentiment.lexicon.v1", "tsv": [{str(tmp_path / "words.tsv")!r}], "tsv_scale": 4.0}}
    nlp.config["initialize"]["components"]["lstm_sentiment"] = {{"lexicon": lexicon}}
    examples = make_examples(nlp, make_texts(30))
    optimizer = nlp.initialize(lambda: examples, sgd=Adam(0.01))
    for _ in range(4):
        nlp.update(examples, sgd=optimizer)
    from spacy_lstm_sentiment import explain
    from spacy_lstm_sentiment.explanations.explain_docs import ATTRIBUTION_TOTALS
    gaps = []
    for doc in explain(nlp, PROBE_TEXTS[:4], steps=64):
        totals = doc.user_data[ATTRIBUTION_TOTALS]
        for label in totals["logits"]:
            explained = totals["logits"][label] - totals["baseline"][label]
            gaps.append(abs(sum(t._.attribution[label] for t in doc) - explained))
    report(nlp, gap=max(gaps))
    """
    info = run_on_gpu(body)
    assert_on_cuda(info)
    assert_distributions(info["scores"])
    assert info["gap"] < 0.1
