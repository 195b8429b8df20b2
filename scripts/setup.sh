#!/usr/bin/env bash
# Creates the two environments when missing or out of date:
#   .venv       Python 3.11: our code (bot, actions), python-telegram-bot, SQLAlchemy 2, APScheduler
#   .venv-rasa  Python 3.10: the Rasa 3.6 engine (its pins need 3.8-3.10 and conflict with ours)
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {  # $1 = major.minor
  local want=$1 candidate
  for candidate in \
    "$(command -v pyenv >/dev/null 2>&1 && pyenv prefix "$want" 2>/dev/null | head -n1)/bin/python" \
    "$HOME"/.pyenv/versions/"$want".*/bin/python \
    "$(command -v "python$want" 2>/dev/null || true)"; do
    if [ -x "$candidate" ] && "$candidate" -c "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$want'.split('.'))))" 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

need_python() {  # $1 = version, $2 = why
  find_python "$1" || {
    echo "ERROR: Python $1 is needed ($2) but was not found." >&2
    echo "       Install it, e.g. 'pyenv install $1' (then rerun), or your OS package 'python$1' with venv support." >&2
    exit 1
  }
}

stamp() { cat "$@" | sha256sum | cut -c1-16; }

# --- Debian packages: headless Chromium for the console's browser tests (Playwright drives
# Debian's build; no browser download), and the DejaVu font the campaign posters embed ---------
debian_packages=()
[ -x /usr/bin/chromium ] || debian_packages+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || debian_packages+=(fonts-dejavu-core)
install_debian() {
  echo "Installing ${debian_packages[*]} (Debian packages) ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${debian_packages[@]}" >/dev/null
  echo "✓ installed"
}
apt_pid=""
if [ ${#debian_packages[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    # Beside the two pip installs (about 20 s of a fresh setup otherwise spent before them).
    ( set -euo pipefail; install_debian ) > >(sed -u 's/^/[apt]        /') 2> >(sed -u 's/^/[apt]        /' >&2) &
    apt_pid=$!
  else
    echo "NOTE: ${debian_packages[*]} missing (apt-get as root needed): browser tests will be skipped." >&2
  fi
fi
# pip's own output, shortened to one line per package it fetches or installs: a fresh setup takes
# minutes and should show that it is moving (pip's exit status still counts, via pipefail).
pip_progress() {
  "$@" --progress-bar off 2>&1 | { grep --line-buffered -E '^(Collecting|Installing collected|Successfully installed|ERROR)' \
    | sed -u -E 's/^Collecting ([^ ]+).*/  · \1/; s/^Installing collected.*/  … unpacking and installing/; s/^Successfully installed.*/  ✓ installed/' || true; }
}
# pip: no check for a newer pip on every call (a network round trip per venv step).
export PIP_DISABLE_PIP_VERSION_CHECK=1

# --- our environment (Python 3.11) ------------------------------------------------------------
setup_app() {
  local py311
  py311=$(need_python 3.11 "for the bot and the action server")
  echo "Setting up .venv (Python 3.11) ..."
  rm -rf .venv
  "$py311" -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
  pip_progress .venv/bin/pip install -c requirements/app.lock -e ".[dev]"
  touch ".venv/.stamp-$app_stamp"
}

# --- the Rasa engine (Python 3.10) ------------------------------------------------------------
setup_rasa() {
  local py310
  py310=$(need_python 3.10 "Rasa 3.6 runs on Python 3.8-3.10 only")
  echo "Setting up .venv-rasa (Python 3.10, Rasa 3.6 with TensorFlow; a few minutes) ..."
  rm -rf .venv-rasa
  "$py310" -m venv .venv-rasa
  .venv-rasa/bin/pip install --quiet --upgrade pip
  pip_progress .venv-rasa/bin/pip install -r requirements/rasa.txt -c requirements/rasa.lock
  touch ".venv-rasa/.stamp-$rasa_stamp"
}

# The two environments are independent: they install side by side (downloads and unpacking
# overlap; one slow wheel no longer holds up the other), each line tagged with its venv; errors
# stay on stderr.
app_stamp=$(stamp pyproject.toml requirements/app.lock)
rasa_stamp=$(stamp requirements/rasa.txt requirements/rasa.lock)
pids=()
names=()
started=$(date +%s)
if [ ! -f ".venv/.stamp-$app_stamp" ]; then
  ( set -euo pipefail; setup_app ) > >(sed -u 's/^/[.venv]      /') 2> >(sed -u 's/^/[.venv]      /' >&2) &
  pids+=($!); names+=(.venv)
fi
if [ ! -f ".venv-rasa/.stamp-$rasa_stamp" ]; then
  ( set -euo pipefail; setup_rasa ) > >(sed -u 's/^/[.venv-rasa] /') 2> >(sed -u 's/^/[.venv-rasa] /' >&2) &
  pids+=($!); names+=(.venv-rasa)
fi
failed=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    echo "ERROR: setting up ${names[$i]} failed (see the lines above)." >&2
    failed=1
  fi
done
if [ -n "$apt_pid" ] && ! wait "$apt_pid"; then
  # Only the browser tests and the poster font need these: they skip or fall back, say so.
  echo "NOTE: installing ${debian_packages[*]} failed: browser tests will be skipped." >&2
fi
[ "$failed" = 0 ] || exit 1
if [ ${#pids[@]} -gt 0 ]; then
  sleep 0.1  # let the tagging sed print its last lines first
  echo "Environments ready in $(( $(date +%s) - started )) s."
fi
