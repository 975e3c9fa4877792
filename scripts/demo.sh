#!/usr/bin/env bash
# Set up .venv and show who said what in the bundled sample article.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/saidwho analyze samples/reuters-2024-04-08-gaza-truce-talks.txt --format table
