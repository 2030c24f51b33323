#!/usr/bin/env bash
# Create .venv with a CPU build of torch and this package (with test extras), on a fresh machine.
#   TORCH_SPEC   the torch requirement to install first (default: torch==2.13.0)
#   TORCH_INDEX  an extra pip --index-url for it, e.g. PyTorch's CPU wheel index (default: none)
# Installing torch before the package matters: an unpinned torch pulled in as a dependency is the
# CUDA build, several GB. For a GPU install see README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
TORCH_SPEC=${TORCH_SPEC:-torch==2.13.0}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ -n "${TORCH_INDEX:-}" ]; then
  .venv/bin/python -m pip install --quiet "$TORCH_SPEC" --index-url "$TORCH_INDEX"
else
  .venv/bin/python -m pip install --quiet "$TORCH_SPEC"
fi
.venv/bin/python -m pip install --quiet -e ".[test,project]"
.venv/bin/python -c "import torch, spacy, spacy_lstm_sentiment; print('ready: torch', torch.__version__, '| spaCy', spacy.__version__)"
