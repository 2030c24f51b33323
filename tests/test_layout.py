"""The package's layout: parts that import in one declared direction, a small root, one name per module,
every exception class in errors.py, no oversized module."""
import ast
import re
from pathlib import Path
from typing import Dict, Set

from conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "spacy_lstm_sentiment"
ORDER = [
    "errors", "labels",  # the root's two modules
    "text", "resources", "ml", "lexicon", "io", "pipeline", "corpus", "scoring", "evaluation",
    "explanations", "check", "training", "benchmark", "cli",
]
"""Every part of the package, lowest first: a part imports only parts before it (docs/architecture.md)."""
MAX_LINES = 300


def modules():
    return sorted(path for path in PACKAGE.rglob("*.py"))


def part_imports() -> Dict[str, Set[str]]:
    """{part: the other parts it imports} (any import anywhere in its modules, lazy ones included)."""
    graph: Dict[str, Set[str]] = {}
    for path in modules():
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[0] in ("__init__", "__main__"):
            continue
        package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
        if parts[-1] == "__init__":
            package = parts[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf8"))):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - node.level + 1] if node.level > 1 else package
                if node.module:
                    targets = [(base + node.module.split("."))[0]] if base or node.module else []
                else:
                    targets = [base[0]] if base else [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("spacy_lstm_sentiment."):
                targets = [node.module.split(".")[1]]
            elif isinstance(node, ast.Import):
                targets = [a.name.split(".")[1] for a in node.names if a.name.startswith("spacy_lstm_sentiment.")]
            graph.setdefault(parts[0], set()).update(t for t in targets if t != parts[0])
    return graph


def test_the_parts_import_in_one_declared_direction():
    graph = part_imports()
    assert set(graph) <= set(ORDER), f"parts missing from ORDER: {sorted(set(graph) - set(ORDER))}"
    wrong = [
        f"{part} imports {other}" for part, others in graph.items() for other in others
        if ORDER.index(other) > ORDER.index(part)
    ]
    assert not wrong, wrong
    both_ways = [(a, b) for a in graph for b in graph[a] if a in graph.get(b, set())]
    assert not both_ways


def test_the_package_root_holds_almost_nothing():
    root = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert root == ["__init__.py", "__main__.py", "errors.py", "labels.py"]
    folders = sorted(path.parent.name for path in PACKAGE.glob("*/__init__.py"))
    assert folders == sorted(ORDER[2:])


def test_no_two_modules_share_a_name():
    """A traceback's file name says which module it is."""
    seen: Dict[str, Path] = {}
    for path in modules():
        if path.name in ("__init__.py", "__main__.py"):
            continue
        assert path.name not in seen, f"{path.relative_to(PACKAGE)} and {seen[path.name].relative_to(PACKAGE)}"
        seen[path.name] = path


def test_every_exception_class_is_in_errors_py():
    elsewhere = []
    for path in modules():
        if path.name == "errors.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf8"))):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(base, ast.Name) and (base.id.endswith(("Error", "Exception")) or base.id == "Warning")
                for base in node.bases
            ):
                elsewhere.append(f"{path.relative_to(PACKAGE)}: {node.name}")
    assert not elsewhere, elsewhere


def test_no_module_is_longer_than_a_screenful_or_five():
    lengths = {path.relative_to(PACKAGE): len(path.read_text(encoding="utf8").splitlines()) for path in modules()}
    assert not {path: n for path, n in lengths.items() if n > MAX_LINES}


def test_each_part_of_the_package_has_its_tests_folder():
    folders = {path.name for path in (REPO_ROOT / "tests").iterdir() if path.is_dir() and path.name != "data"}
    assert folders <= set(ORDER[2:])
    missing = set(ORDER[2:]) - folders - {"resources", "cli"}  # the CLI is tested with the part each command runs
    assert not missing, missing


def test_the_readme_layout_names_every_part_and_only_modules_that_exist():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf8")
    block = readme[readme.index("## Layout") :]
    block = block[block.index("```") + 3 : block.index("```", block.index("```") + 3)]
    for part in ORDER[2:]:
        assert f"\n  {part}/" in block, part
    for folder in ("featurize/", "nn/", "formats/", "suites/", "wordlists/", "generated/"):
        assert folder in block, folder
    names = {path.name for path in modules()}
    named = set(re.findall(r"\b([a-z_]+\.py)\b", block)) - {"setup.py"}
    scripts = {path.name for path in (REPO_ROOT / "scripts").glob("*.py")}
    assert named - names - scripts == set()
