#!/usr/bin/env bash
# Set up .venv with the test and training extras and run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test,train
exec .venv/bin/python -m pytest "$@"
