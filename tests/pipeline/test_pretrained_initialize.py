"""What initialize, add_label, training and loading do with a component that holds pretrained weights."""
import warnings

import pytest
import spacy
import torch
from spacy.training import Example

from spacy_lstm_sentiment.errors import PretrainedError
from spacy_lstm_sentiment.pipeline.pretrained import SHIPPED_DIR

from conftest import LABELS, SMALL_MODEL, make_examples, make_texts

PROBE = "the crew was lovely but the food was awful"


def en_social(**config):
    nlp = spacy.blank("en")
    nlp.add_pipe("lstm_sentiment", config=config)
    return nlp


def weights(nlp):
    return {name: tensor.clone() for name, tensor in nlp.get_pipe("lstm_sentiment").model.net.state_dict().items()}


def same_weights(a, b):
    return a.keys() == b.keys() and all(torch.equal(a[name], b[name]) for name in a)


def test_initialize_refuses_to_guess_what_to_do_with_pretrained_weights():
    nlp = en_social()
    before = weights(nlp)
    with pytest.raises(ValueError, match="from_pretrained = true.*resume_training.*from_pretrained = false"):
        nlp.initialize(lambda: make_examples(nlp, make_texts(6)))
    assert same_weights(before, weights(nlp))


def test_from_pretrained_true_keeps_the_weights_and_training_then_changes_them():
    nlp = en_social()
    before, probe = weights(nlp), nlp(PROBE).cats
    nlp.config["initialize"]["components"]["lstm_sentiment"] = {"from_pretrained": True}
    examples = make_examples(nlp, make_texts(30))
    optimizer = nlp.initialize(lambda: examples)
    assert same_weights(before, weights(nlp)) and nlp(PROBE).cats == pytest.approx(probe, abs=1e-6)
    assert nlp.get_pipe("lstm_sentiment").model.lexicon is not None
    for _ in range(3):
        nlp.update(examples, sgd=optimizer)
    assert not same_weights(before, weights(nlp))


def test_resume_training_fine_tunes_without_initialize():
    nlp = en_social()
    before = weights(nlp)
    optimizer = nlp.resume_training()
    nlp.update(make_examples(nlp, make_texts(30)), sgd=optimizer)
    assert not same_weights(before, weights(nlp))
    assert list(nlp.get_pipe("lstm_sentiment").labels) == LABELS


def test_from_pretrained_false_starts_a_fresh_model_with_the_same_settings_and_lexicon():
    nlp = en_social()
    pipe = nlp.get_pipe("lstm_sentiment")
    before, settings, lexicon = weights(nlp), dict(pipe.model.attrs["settings"]), pipe.model.lexicon
    pipe.initialize(lambda: make_examples(nlp, make_texts(6)), nlp=nlp, from_pretrained=False)
    pipe = nlp.get_pipe("lstm_sentiment")
    assert pipe.pretrained is None and list(pipe.labels) == LABELS
    assert pipe.model.attrs["settings"] == settings and pipe.model.lexicon is lexicon
    after = weights(nlp)
    recurrent = [name for name in before if "weight_hh" in name]
    assert before.keys() == after.keys() and recurrent and not any(torch.equal(before[n], after[n]) for n in recurrent)


def test_labels_added_by_hand_give_a_fresh_model_with_those_labels_and_say_so():
    nlp = en_social()
    pipe = nlp.get_pipe("lstm_sentiment")
    stars = ["one_star", "five_stars"]
    for label in stars:
        pipe.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": {s: float(s == stars[i % 2]) for s in stars}})
        for i, (text, _) in enumerate(make_texts(10))
    ]
    with pytest.warns(UserWarning, match="fresh model"):
        nlp.initialize(lambda: examples)
    assert list(pipe.labels) == stars and pipe.pretrained is None
    assert set(nlp("whatever").cats) == set(stars)


def test_pretrained_null_trains_from_scratch_as_before():
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("lstm_sentiment", config={"pretrained": None, "model": SMALL_MODEL})
    assert pipe.pretrained is None and not pipe.labels
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing to warn about
        nlp.initialize(lambda: make_examples(nlp, make_texts(6)))
    assert list(pipe.labels) == LABELS


def test_other_model_settings_with_pretrained_weights_fail_on_use_not_on_load(tmp_path):
    nlp = en_social(model={"hidden_width": 16})
    pipe = nlp.get_pipe("lstm_sentiment")
    assert "hidden_width = 16 (pretrained: 40)" in pipe.pretrained_error
    with pytest.raises(PretrainedError, match="pretrained = null"):
        nlp("hello")
    with pytest.raises(PretrainedError):
        nlp.initialize()
    # a pipeline of its own (here: trained from scratch) loads whatever pretrained names, its weights are its own
    own = spacy.blank("en")
    own.add_pipe("lstm_sentiment", config={"pretrained": None, "model": {**SMALL_MODEL, "hidden_width": 16}})
    own.initialize(lambda: make_examples(own, make_texts(6)))
    own.to_disk(tmp_path / "own")
    reloaded = spacy.load(tmp_path / "own", config={"components": {"lstm_sentiment": {"pretrained": "en_social"}}})
    assert reloaded("hello").cats == pytest.approx(own("hello").cats, abs=1e-6)


def test_a_saved_pipeline_can_be_the_pretrained_model(tmp_path):
    base = en_social()
    optimizer = base.resume_training()
    base.update(make_examples(base, make_texts(30)), sgd=optimizer)
    base.to_disk(tmp_path / "tuned")
    nlp = en_social(pretrained=str(tmp_path / "tuned"))
    assert nlp(PROBE).cats == pytest.approx(base(PROBE).cats, abs=1e-6)


def test_an_unknown_pretrained_name_says_what_exists():
    nlp = en_social(pretrained="en_nonexistent")
    with pytest.raises(PretrainedError, match="en_social"):
        nlp("hello")
    assert (SHIPPED_DIR / "en_social").is_dir()
