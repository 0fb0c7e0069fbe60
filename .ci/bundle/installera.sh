#!/bin/sh
# Installerar sipmote @VERSION@ utan nätverk (macOS, Linux), för Python @PYTHON@.
#
#   sh installera.sh [MAPP]
#
# MAPP är var programmet hamnar (standard: ~/.local/share/sipmote-program på Linux,
# ~/Library/Application Support/sipmote-program på macOS). Dina planer ligger inte
# där utan i sipmotes datamapp; en ny installation rör dem inte.
# Kommandot "sipmote" läggs i ~/.local/bin. Miljövariabler: PYTHON (vilken python),
# SIPMOTE_BIN (i stället för ~/.local/bin), SIPMOTE_NO_SHORTCUT=1 (ingen genväg).
set -eu

WANT="@PYTHON@"
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
WHEELS="$HERE/wheels"

say() { printf '%s\n' "$*"; }
fail() { printf 'sipmote: %s\n' "$*" >&2; exit 1; }

# Python @PYTHON@: the wheels in this folder are built for that version only
PY=""
for cand in ${PYTHON:-} "python$WANT" python3 python; do
  if command -v "$cand" >/dev/null 2>&1 &&
     "$cand" -c "import sys; sys.exit(0 if '%d.%d' % sys.version_info[:2] == '$WANT' else 1)" 2>/dev/null; then
    PY=$(command -v "$cand"); break
  fi
done
[ -n "$PY" ] || fail "Python $WANT hittades inte. Det här paketet är byggt för Python $WANT; installera den eller hämta paketet för den Python du har (python3 --version)."

case "$(uname -s)" in
  Darwin) DEFAULT_DIR="$HOME/Library/Application Support/sipmote-program" ;;
  *) DEFAULT_DIR="${XDG_DATA_HOME:-$HOME/.local/share}/sipmote-program" ;;
esac
DIR="${1:-$DEFAULT_DIR}"
VENV="$DIR/venv"

say "Installerar sipmote i $DIR (med $PY) …"
rm -rf "$VENV.new"
"$PY" -m venv "$VENV.new" || fail "kunde inte skapa en virtuell miljö med $PY (på Debian/Ubuntu: paketet python3-venv)."
"$VENV.new/bin/python" -m pip install --quiet --no-index --find-links "$WHEELS" --disable-pip-version-check sipmote \
  || fail "installationen misslyckades; ingenting är ändrat."
"$VENV.new/bin/python" -m sipmote --help >/dev/null || fail "sipmote startar inte efter installationen; ingenting är ändrat."
rm -rf "$VENV"
mv "$VENV.new" "$VENV"
# the venv was built beside the old one, so a failed update leaves the old one working; the
# command below runs "python -m sipmote" rather than the venv's own scripts, whose first line
# still names the temporary folder

BIN="${SIPMOTE_BIN:-$HOME/.local/bin}"
mkdir -p "$BIN"
rm -f "$BIN/sipmote"
printf '#!/bin/sh\nexec "%s" -m sipmote "$@"\n' "$VENV/bin/python" > "$BIN/sipmote"
chmod 755 "$BIN/sipmote"
say "Kommandot finns nu: $BIN/sipmote"
case ":$PATH:" in
  *":$BIN:"*) ;;
  *) say "Obs: $BIN finns inte i din PATH. Lägg till raden  export PATH=\"$BIN:\$PATH\"  i ~/.profile (eller ~/.zprofile på macOS), eller starta med $BIN/sipmote." ;;
esac

if [ "${SIPMOTE_NO_SHORTCUT:-}" != "1" ]; then
  case "$(uname -s)" in
    Darwin)  # a .command file opens Terminal when double-clicked in Finder
      if [ -d "$HOME/Desktop" ]; then
        printf '#!/bin/sh\nexec "%s"\n' "$BIN/sipmote" > "$HOME/Desktop/sipmote.command"
        chmod 755 "$HOME/Desktop/sipmote.command"
        say "Genväg på skrivbordet: sipmote.command (dubbelklicka)."
      fi ;;
    *)
      APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
      mkdir -p "$APPS"
      cat > "$APPS/sipmote.desktop" <<EOF
[Desktop Entry]
Type=Application
Name=sipmote
Comment=SIP-möten i terminalen
Exec="$BIN/sipmote"
Terminal=true
Categories=Office;
EOF
      say "sipmote finns nu också i programmenyn." ;;
  esac
fi
say "Klart. Prova:  sipmote demo"
