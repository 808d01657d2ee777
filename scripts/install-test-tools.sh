#!/usr/bin/env bash
# Installs the scanners and the browser the tests run for real, from Debian's packages (run as
# root; .ci/run calls it). Everything else the tests need comes from `npm ci`.
#
# - bandit: bookworm's `bandit` package is 1.6.2, which on Python 3.8+ silently skips its string
#   checks (B105, B608: it visits ast.Str, which Python no longer produces). Paved Path refuses
#   bandit older than 1.7.0 for that reason, so this also fetches the `python3-bandit` package of
#   the next Debian release (trixie, 1.7.10, pure Python) and unpacks it into .tools/ with a
#   `bandit` wrapper in .tools/bin, run by bookworm's Python on bookworm's own libraries
#   (stevedore, PyYAML, rich). Nothing outside .tools/ changes except the apt packages.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "error: scripts/install-test-tools.sh installs Debian packages and must run as root (sudo bash $0)." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# chromium: the report.html tests drive it with puppeteer-core (/usr/bin/chromium).
apt-get install -y -qq --no-install-recommends bandit python3-rich chromium >/dev/null

tools="$PWD/.tools"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$tools/bin"
echo "deb http://deb.debian.org/debian trixie main" >"$work/sources.list"
apt_private=(-o "Dir::Etc::sourcelist=$work/sources.list" -o "Dir::Etc::sourceparts=-"
  -o "Dir::State::Lists=$work/lists" -o "APT::Get::List-Cleanup=0" -o "APT::Sandbox::User=root")
apt-get "${apt_private[@]}" update -qq
(cd "$work" && apt-get "${apt_private[@]}" download python3-bandit/trixie >/dev/null)
rm -rf "$tools/bandit"
dpkg-deb -x "$work"/python3-bandit_*.deb "$tools/bandit"
cat >"$tools/bin/bandit" <<WRAPPER
#!/bin/sh
# bandit from Debian trixie's python3-bandit, unpacked by scripts/install-test-tools.sh.
PYTHONPATH="$tools/bandit/usr/lib/python3/dist-packages\${PYTHONPATH:+:\$PYTHONPATH}" exec /usr/bin/python3 -m bandit "\$@"
WRAPPER
chmod +x "$tools/bin/bandit"
"$tools/bin/bandit" --version | head -1
