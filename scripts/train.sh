#!/usr/bin/env bash
# Trains the Rasa model only when training data, domain or config changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/.."
fingerprint=$(find config.yml domain nlu_data stories -type f -name '*.yml' -print0 | sort -z \
  | xargs -0 sha256sum | sha256sum | cut -c1-16)
if [ -f models/joinus.tar.gz ] && [ "$(cat models/.fingerprint 2>/dev/null)" = "$fingerprint" ]; then
  exit 0
fi
echo "Training the Rasa model (data changed; a few minutes on 2 cores) ..."
mkdir -p models
start=$(date +%s)
# Progress per component and epoch instead of a silent wait (scripts/train_progress.py).
PYTHONWARNINGS=ignore RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 .venv-rasa/bin/rasa train \
  --config config.yml --domain domain --data nlu_data stories \
  --out models --fixed-model-name joinus 2>&1 | .venv-rasa/bin/python scripts/train_progress.py
echo "$fingerprint" > models/.fingerprint
wall=$(( $(date +%s) - start ))
# CPU seconds of everything this script waited for (user + system of `rasa train` and the rest):
# the figure that stays meaningful when other work shares the machine. `make bench` prints it.
# (`times` must run in this shell: in a pipe or $(...) it reports a subshell's children, 0 s.)
times > models/.times
cpu=$(awk 'NR == 2 { split($1, u, "m"); split($2, s, "m"); printf "%.0f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' models/.times)
rm -f models/.times
echo "wall=$wall cpu=$cpu date=$(date -u +%Y-%m-%dT%H:%MZ) load=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' /) cores=$(nproc)" > models/.train-stats
echo "Model trained in $wall s ($cpu s of CPU)."
