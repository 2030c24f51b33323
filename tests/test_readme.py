"""The README's examples must really run: the first prints what the README says it prints, the training one learns."""
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def python_blocks():
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf8"), flags=re.S)


def test_the_opening_example_prints_what_the_readme_shows(capsys):
    text = README.read_text(encoding="utf8")
    opening = python_blocks()[0]
    assert 'nlp.add_pipe("lstm_sentiment")' in opening and "pretrained" not in opening  # the one-line use
    after = text.split(opening, 1)[1]
    shown = after.split("prints", 1)[1].split("```\n", 2)[1].strip()  # the block after "prints"
    exec(compile(opening, str(README), "exec"), {})
    assert capsys.readouterr().out.strip() == shown


def test_the_training_example_runs_and_learns(capsys):
    examples = [block for block in python_blocks() if '"pretrained": None' in block and "nlp.update" in block]
    assert len(examples) == 1
    namespace: dict = {}
    exec(compile(examples[0], str(README), "exec"), namespace)
    doc = namespace["doc"]
    assert doc._.sentiment == "positive"
    assert abs(sum(doc.cats.values()) - 1.0) < 1e-5
    assert capsys.readouterr().out.startswith("positive")
    assert namespace["nlp"].get_pipe("lstm_sentiment").pretrained is None
