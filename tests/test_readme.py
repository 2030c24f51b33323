"""The README's usage example must really run."""
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_usage_example_runs_and_learns(capsys):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf8"), flags=re.S)
    examples = [block for block in blocks if 'nlp.add_pipe("lstm_sentiment")' in block]
    assert len(examples) == 1
    namespace: dict = {}
    exec(compile(examples[0], str(README), "exec"), namespace)
    doc = namespace["doc"]
    assert doc._.sentiment == "positive"
    assert abs(sum(doc.cats.values()) - 1.0) < 1e-5
    assert capsys.readouterr().out.startswith("positive")
