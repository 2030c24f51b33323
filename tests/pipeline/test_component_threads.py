"""`torch_threads`: the component runs its torch work with that many threads and changes nothing else."""
import pytest
import torch

from conftest import make_examples, make_texts, train_small_pipeline


@pytest.fixture
def process_threads():
    """The process runs with 2 torch threads for the test; restored afterwards."""
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    yield 2
    torch.set_num_threads(before)


def recording(function, seen):
    def wrapper(*args, **kwargs):
        seen.append(torch.get_num_threads())
        return function(*args, **kwargs)

    return wrapper


def test_building_and_running_the_component_leaves_the_process_thread_count(process_threads):
    nlp = train_small_pipeline(n_steps=2)
    assert torch.get_num_threads() == process_threads
    nlp("what a great flight")
    list(nlp.pipe(["so delayed", "thanks"]))
    assert torch.get_num_threads() == process_threads


def test_predict_and_update_run_with_the_components_thread_count(process_threads, monkeypatch):
    nlp = train_small_pipeline(n_steps=1)
    pipe = nlp.get_pipe("lstm_sentiment")
    assert pipe.torch_threads == 1
    seen = []
    monkeypatch.setattr(pipe.model, "predict", recording(pipe.model.predict, seen))
    monkeypatch.setattr(pipe.model, "begin_update", recording(pipe.model.begin_update, seen))
    nlp("what a great flight")
    nlp.update(make_examples(nlp, make_texts(3)), sgd=nlp.resume_training())
    assert seen == [1, 1]
    assert torch.get_num_threads() == process_threads


def test_null_torch_threads_leaves_torch_alone(process_threads, monkeypatch):
    nlp = train_small_pipeline(n_steps=1)
    pipe = nlp.get_pipe("lstm_sentiment")
    pipe.torch_threads = None
    seen = []
    monkeypatch.setattr(pipe.model, "predict", recording(pipe.model.predict, seen))
    nlp("fine")
    assert seen == [process_threads]


def test_torch_threads_must_be_positive():
    import spacy

    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="torch_threads"):
        nlp.add_pipe("lstm_sentiment", config={"torch_threads": 0})
