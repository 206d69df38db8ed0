#!/usr/bin/env bash
# Installs the Debian packages given as arguments, only those missing, only as root or with sudo.
# Otherwise prints the one command the user must run. Never fails the build on a non-Debian system
# where the packages may come under other names; the tests then say what is missing.
set -u
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Not a Debian system: make sure these (or their equivalents) are installed: ${missing[*]}"
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "Missing system packages. Please run:"
  echo "  sudo apt-get install -y ${missing[*]}"
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null || true
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
  echo "apt-get could not install: ${missing[*]}"; exit 1; }
