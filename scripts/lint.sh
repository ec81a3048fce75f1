#!/usr/bin/env bash
# The house style, checked: `swift format lint` with .swift-format (the formatter's layout), and no line of Swift
# longer than 120 characters (swift-format leaves long string literals and comments alone, so that is checked here).
# `swift format format --in-place --recursive Sources Tests Package.swift Fuzz` fixes the first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin"
files=$(git ls-files '*.swift')
swift format lint --strict --recursive Sources Tests Package.swift Fuzz
# Characters, not bytes: a line of Spanish text counts its accented letters once.
python3 - $files <<'PY'
import sys
bad = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if len(line) > 120:
                print(f"{path}:{number}: {len(line)} characters, more than 120", file=sys.stderr)
                bad += 1
if bad:
    print(f"lint: {bad} line(s) longer than 120 characters", file=sys.stderr)
    sys.exit(1)
PY
