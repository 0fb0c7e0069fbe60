#!/usr/bin/env bash
# CI step for the offline bundles (issue 16), called from .ci/run:
#  1. build every bundle (4 platforms x 4 Pythons) and prove each wheel set complete
#     (pip --dry-run --no-index for the target platform + a marker-aware walk of Requires-Dist);
#  2. install the Linux bundle for this machine's Python with the network unreachable
#     (unshare -n; without permission for it: said so, and installed with --no-index only),
#     with no pip configuration (no find-links or index of this machine can help), into a
#     fresh venv under a fresh HOME named "Åsa Öberg" (a space, Swedish letters), then start
#     `sipmote demo` in tmux and read the screen.
# Measured on 2 shared cores: ~1.5 min at light load, ~5 min at load average 14 (pip's
# downloads and resolver wait for the CPU); the offline install itself 22-26 s.
# Usage: .ci/bundle/ci_check.sh [PYTHON]   (PYTHON builds the bundles; default .venv/bin/python)
set -euo pipefail
cd "$(dirname "$0")/../.."
PY="${1:-.venv/bin/python}"
WORK=$(mktemp -d)
trap 'tmux -L sipmote-bundle kill-server >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

t0=$(date +%s)
"$PY" .ci/bundle/build.py "$WORK/out" --check
t1=$(date +%s)
echo "bundle: built and checked every bundle in $((t1 - t0)) s"

pyver=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
bundle=$(ls -d "$WORK"/out/sipmote-*-linux_x86_64-py"$pyver")
echo "bundle: installing $(basename "$bundle") ($(du -sh "$bundle" | cut -f1)) offline"

cat > "$WORK/offline.sh" <<'INNER'
set -euo pipefail
bundle="$1"; work="$2"
# a user name with a space and Swedish letters, as on many school laptops
export HOME="$work/Åsa Öberg" PIP_CONFIG_FILE=/dev/null
export SIPMOTE_BIN="$HOME/.local/bin"
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL
mkdir -p "$HOME"
s=$(date +%s.%N)
sh "$bundle/installera.sh" "$HOME/sipmote program"
e=$(date +%s.%N)
echo "bundle: offline install took $(python3 -c "print(round($e - $s, 1))") s"
export SIPMOTE_HOME="$HOME/data"
tmux -L sipmote-bundle new-session -d -x 120 -y 35 "\"\$SIPMOTE_BIN/sipmote\" demo; sleep 30"
for _ in $(seq 1 60); do
  screen=$(tmux -L sipmote-bundle capture-pane -p 2>/dev/null || true)
  if grep -q "LYSSNA" <<<"$screen" && grep -q "Elsa Lindqvist" <<<"$screen"; then
    echo "bundle: sipmote demo runs from the offline install:"; head -3 <<<"$screen"
    tmux -L sipmote-bundle send-keys C-q
    exit 0
  fi
  sleep 0.5
done
echo "bundle: sipmote demo did not show the meeting in 30 s; the screen:"; echo "$screen"
exit 1
INNER

if ! command -v tmux >/dev/null 2>&1; then
  echo "bundle: SKIP the offline install: tmux is not installed"; exit 0
fi
if unshare -n true 2>/dev/null; then
  unshare -n bash "$WORK/offline.sh" "$bundle" "$WORK"
  echo "bundle: (installed and started in a network namespace with no network)"
else
  echo "bundle: SKIP network isolation: 'unshare -n' is not permitted here (needs root or user"
  echo "        namespaces); installing with --no-index and no pip configuration instead"
  bash "$WORK/offline.sh" "$bundle" "$WORK"
fi
echo "bundle: step took $(( $(date +%s) - t0 )) s"
