#!/usr/bin/env bash
# Fuzzing the dataset loader (issue #6, "Broken files"). Builds without SwiftPM: swiftc compiles AlliesText, AlliesCore
# and AlliesGenerator (whose random number generators the mutator uses) into one module each (CAlliesData, the bundled
# dataset, CMappedFiles and CStemmer (libstemmer), through their own module maps and clang), then a driver with the
# mutator and the invariants that the tests use too (Tests/AlliesCoreTests/Mutator.swift, LoaderInvariants.swift).
#
#   Fuzz/run.sh                         100,000 structured inputs (release build), then the counts
#   Fuzz/run.sh --cases N --start K     another range of cases (each case number is one fixed input)
#   Fuzz/run.sh --stream S              another family of inputs from the same case numbers
#   Fuzz/run.sh --seed FILE             mutate FILE instead of the bundled dataset
#   Fuzz/run.sh --case K [--out FILE]   describe one case, its diagnostics and any broken invariant
#   Fuzz/run.sh --big [--size BYTES]    the 1 GB files: time and peak memory of each load, in a child process
#   Fuzz/run.sh --libfuzzer SECONDS     also a coverage-guided libFuzzer run under AddressSanitizer
#
# The build goes to $FUZZ_BUILD (default .build/fuzz). Exit status 0 when every invariant held.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$PATH:/opt/swift/usr/bin"
out=${FUZZ_BUILD:-$root/.build/fuzz}
mkdir -p "$out/cmod" "$out/shim" "$out/release" "$out/libfuzzer"

libfuzzer_seconds=0
driver_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --libfuzzer) libfuzzer_seconds=$2; shift 2 ;;
    *) driver_args+=("$1"); shift ;;
  esac
done

# The modules the driver needs, in build order; each folder's sources, found in its subfolders too.
modules=(AlliesText AlliesCore AlliesGenerator)
sources_of() { find "$root/Sources/$1" -name '*.swift' | sort; }
shared=("$root/Tests/AlliesCoreTests/Mutator.swift" "$root/Tests/AlliesCoreTests/LoaderInvariants.swift")

# Rebuilds $1 when it is missing or older than any of the other arguments.
stale() {
  local target=$1; shift
  [ -e "$target" ] || return 0
  for f in "$@"; do [ "$f" -nt "$target" ] && return 0; done
  return 1
}

cat > "$out/cmod/module.modulemap" <<EOF
module CAlliesData {
    header "$root/Sources/CAlliesData/include/CAlliesData.h"
    export *
}
module CMappedFiles {
    header "$root/Sources/CMappedFiles/include/CMappedFiles.h"
    export *
}
module CStemmer {
    header "$root/Sources/CStemmer/shim.h"
    link "stemmer"
    export *
}
EOF
cat > "$out/shim/module.modulemap" <<EOF
module LLVMFuzzerShim {
    header "$root/Fuzz/LLVMFuzzerShim.h"
    export *
}
EOF

if stale "$out/dataset.o" "$root/Sources/CAlliesData/dataset.c" "$root/Resources/allies.json"; then
  clang -O2 -c -I "$root/Resources" -I "$root/Sources/CAlliesData/include" "$root/Sources/CAlliesData/dataset.c" -o "$out/dataset.o"
fi
if stale "$out/guard.o" "$root/Sources/CMappedFiles/guard.c" "$root/Sources/CMappedFiles/include/CMappedFiles.h"; then
  clang -O2 -c -I "$root/Sources/CMappedFiles/include" "$root/Sources/CMappedFiles/guard.c" -o "$out/guard.o"
fi

# Each of `modules` as one module and one object, with the given extra flags, into directory $1.
build_core() {
  local dir=$1; shift
  local module sources before=()
  for module in "${modules[@]}"; do
    mapfile -t sources < <(sources_of "$module")
    # A module is rebuilt when its sources or a module it imports (one built before it) changed.
    if stale "$dir/$module.o" "${sources[@]}" "${before[@]}"; then
      echo "fuzz: compiling $module ($*) into $dir" >&2
      swiftc -swift-version 6 -wmo -parse-as-library -module-name "$module" "$@" \
        -emit-module -emit-module-path "$dir/$module.swiftmodule" -c -o "$dir/$module.o" \
        -I "$dir" -I "$out/cmod" "${sources[@]}"
    fi
    before+=("$dir/$module.o")
  done
}
objects=("${modules[@]/%/.o}")

build_core "$out/release" -O
if stale "$out/allies-fuzz" "${objects[@]/#/$out/release/}" "$root/Fuzz/main.swift" "${shared[@]}"; then
  swiftc -swift-version 5 -O -I "$out/release" -I "$out/cmod" "$root/Fuzz/main.swift" "${shared[@]}" \
    "${objects[@]/#/$out/release/}" "$out/dataset.o" "$out/guard.o" -lstemmer -o "$out/allies-fuzz"
fi

status=0
"$out/allies-fuzz" "${driver_args[@]}" || status=$?

if [ "$libfuzzer_seconds" != 0 ]; then
  build_core "$out/libfuzzer" -O -sanitize=fuzzer,address
  if stale "$out/allies-libfuzzer" "${objects[@]/#/$out/libfuzzer/}" "$root/Fuzz/libfuzzer.swift" "${shared[@]}"; then
    swiftc -swift-version 5 -O -sanitize=fuzzer,address -parse-as-library -I "$out/libfuzzer" -I "$out/cmod" -I "$out/shim" \
      "$root/Fuzz/libfuzzer.swift" "${shared[@]}" "${objects[@]/#/$out/libfuzzer/}" "$out/dataset.o" "$out/guard.o" -lstemmer -o "$out/allies-libfuzzer"
  fi
  # Seeds: the bundled dataset and 300 structured mutants of it (small sizes); new inputs go to the work corpus.
  if [ ! -d "$out/seeds" ]; then "$out/allies-fuzz" --corpus "$out/seeds" 300 >/dev/null; fi
  mkdir -p "$out/corpus" "$out/crashes"
  echo "fuzz: libFuzzer for $libfuzzer_seconds s (crashes go to $out/crashes/)" >&2
  # (Swift's backtracer, which reads memory ASan has poisoned, is turned off: ASan reports the crash itself.)
  SWIFT_BACKTRACE=enable=no "$out/allies-libfuzzer" -max_total_time="$libfuzzer_seconds" -max_len=1048576 -timeout=20 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$out/crashes/" "$out/corpus" "$out/seeds" 2> "$out/libfuzzer.log" || status=$?
  grep -E "^(stat::|#[0-9]+ *DONE|==[0-9]+==ERROR|SUMMARY)" "$out/libfuzzer.log" >&2 || true
  echo "fuzz: libFuzzer log in $out/libfuzzer.log; peak RSS and coverage are in its last lines" >&2
fi
exit $status
