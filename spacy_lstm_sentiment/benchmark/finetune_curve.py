"""Does fine-tuning a pretrained model on a few labelled posts of a new topic pay off?

For a topic held out of the base model's training (the `topic-shift` machinery trains such a base),
fine-tune the base on N of the topic's training posts (`configs/finetune.cfg`), for several N, and
score the topic's test posts against (a) the base model as it is and (b) a model trained from scratch
on those N posts alone; run the behavioural suite on the base and on each fine-tuned model, so that
what fine-tuning forgets shows too. The samples are nested (the 300 include the 100), drawn with a seed.
"""
import random
from pathlib import Path
from typing import Any, Callable, Dict, List, Sequence, Union

from spacy.language import Language

from ..check import run_checks
from ..corpus.topic_splits import load_topic_corpus, write_docs
from ..evaluation.eval_report import build_report
from ..evaluation.topic_shift_experiments import score_summary
from ..evaluation.training_run import TrainingSettings, train_or_reuse
from ..pipeline.loading import load_pipeline, resolve_model

PathLike = Union[str, Path]
DEV_POSTS = 200
"""Posts of the topic's dev split both kinds of training select their checkpoint on."""
SCRATCH_OVERRIDES = ("--corpora.train.generated", "0", "--corpora.train.identity_copies", "0")
"""A model trained on the N posts alone: no generated posts, no identity-term copies."""


def _scores(nlp: Language, test: Path, with_check: bool) -> Dict[str, Any]:
    summary = score_summary(build_report(nlp, test))
    scores = {"macro_f1": summary["macro_f1"], "accuracy": summary["accuracy"], "ece": summary["ece"]}
    if with_check:
        scores["check"] = run_checks(nlp).summary()["mean_failure_rate"]
    return scores


def run_finetune_curve(
    corpus_dir: PathLike,
    base: PathLike,
    topic: str,
    *,
    finetune_config: PathLike,
    scratch_config: PathLike,
    output_dir: PathLike,
    sizes: Sequence[int] = (100, 300, 1000),
    seed: int = 0,
    gpu_id: int = -1,
    force: bool = False,
    log: Callable[[str], None] = lambda message: None,
) -> Dict[str, Any]:
    """The table of the module docstring, as a JSON-ready dict."""
    corpus = load_topic_corpus(corpus_dir)
    rng = random.Random(seed)
    posts = {split: corpus.select(split, lambda t: t == topic) for split in ("train", "dev", "test")}
    for split, docs in posts.items():
        if not docs:
            raise ValueError(f"no {split} posts of topic {topic!r} in {corpus_dir}")
    for docs in posts.values():
        rng.shuffle(docs)  # the DocBins are not in random order
    folder = Path(output_dir)
    dev = write_docs(posts["dev"][:DEV_POSTS], folder / "dev.spacy")
    test = write_docs(posts["test"], folder / "test.spacy")
    stats = Path(corpus_dir) / "stats.json"
    stats_path = stats if stats.is_file() else None
    base_path = resolve_model(base)
    finetuning = TrainingSettings(finetune_config, stats_path, gpu_id, ("--paths.base", base_path))
    scratch = TrainingSettings(scratch_config, stats_path, gpu_id, SCRATCH_OVERRIDES)
    log(f"scoring the base model {base} on {len(posts['test'])} test posts of {topic}")
    base_scores = _scores(load_pipeline(base_path), test, with_check=True)
    rows: List[Dict[str, Any]] = []
    for n in sizes:
        if n > len(posts["train"]):
            raise ValueError(f"only {len(posts['train'])} training posts of {topic}, not {n}")
        train = write_docs(posts["train"][:n], folder / f"train_{n}.spacy")
        tuned = train_or_reuse(finetuning, folder / f"finetuned_{n}", train, dev, force=force, log=log)
        alone = train_or_reuse(scratch, folder / f"scratch_{n}", train, dev, force=force, log=log)
        rows.append(
            {
                "n_posts": n,
                "finetuned": _scores(load_pipeline(tuned.model), test, with_check=True),
                "scratch": _scores(load_pipeline(alone.model), test, with_check=False),
                "finetune_seconds": tuned.seconds,
            }
        )
        tuned_f1, alone_f1 = rows[-1]["finetuned"]["macro_f1"], rows[-1]["scratch"]["macro_f1"]
        log(f"{n} posts: fine-tuned {tuned_f1:.3f}, trained on them alone {alone_f1:.3f}")
    return {
        "topic": topic,
        "base": {"model": str(base), **base_scores},
        "n_test_posts": len(posts["test"]),
        "n_dev_posts": min(DEV_POSTS, len(posts["dev"])),
        "seed": seed,
        "finetune_config": str(finetune_config),
        "scratch_config": str(scratch_config),
        "rows": rows,
    }


def finetune_markdown(results: Dict[str, Any], command: str) -> str:
    """The results as a Markdown section."""
    lines = [
        f"Topic held out of the base model's training: **{results['topic']}** "
        f"({results['n_test_posts']:,} test posts; checkpoints chosen on {results['n_dev_posts']} of its dev posts). "
        "Macro-F1 on the topic's test posts; `check`: mean failure rate of the behavioural suite.",
        "",
        "| labelled posts of the topic | base, not fine-tuned | fine-tuned from the base | trained on those posts "
        "alone | check: base → fine-tuned |",
        "|---:|---:|---:|---:|---|",
    ]
    base = results["base"]
    for row in results["rows"]:
        lines.append(
            f"| {row['n_posts']:,} | {base['macro_f1']:.3f} | **{row['finetuned']['macro_f1']:.3f}** "
            f"| {row['scratch']['macro_f1']:.3f} | {100 * base['check']:.1f}% → "
            f"{100 * row['finetuned']['check']:.1f}% |"
        )
    lines += ["", f"Reproduce: `{command}`"]
    return "\n".join(lines) + "\n"
