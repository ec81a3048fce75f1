#!/usr/bin/env bash
# Checks what building and testing Allies needs, and installs the Debian packages that are missing when it can
# (root with apt-get). Swift itself cannot come from apt: it must already be on the machine (Swift 6.x).
set -euo pipefail

need_swift() {
  if ! command -v swift >/dev/null 2>&1; then
    echo "allies: Swift 6 is not on PATH. Install the Swift 6 toolchain (https://www.swift.org/install/linux/) and retry." >&2
    exit 1
  fi
  local version
  version=$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9]*\)\..*/\1/p' | head -n 1)
  if [ -z "$version" ] || [ "$version" -lt 6 ]; then
    echo "allies: Swift 6 or later is needed; found: $(swift --version 2>&1 | head -n 1)" >&2
    exit 1
  fi
}

missing=()
[ -e /usr/include/ncursesw/curses.h ] || missing+=(libncurses-dev)
# Snowball's stemmers for search (the CStemmer module).
[ -e /usr/include/libstemmer.h ] || missing+=(libstemmer-dev)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
# `script` records what the explorer writes to a terminal in the hostile-strings tests.
command -v script >/dev/null 2>&1 || missing+=(bsdutils)
# Graphviz renders the DOT export in the tests.
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
for tool in "$@"; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "allies: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "allies: missing system packages: ${missing[*]}. Install them, e.g.: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
need_swift

# The network tests cross-check against networkx and validate FollowTheMoney entities with the real packages.
if ! python3 -c "import networkx, followthemoney" >/dev/null 2>&1; then
  echo "allies: installing the Python packages networkx and followthemoney" >&2
  python3 -m pip install -q networkx followthemoney >/dev/null || {
    echo "allies: could not install networkx and followthemoney with pip; install them for python3" >&2
    exit 1
  }
fi
