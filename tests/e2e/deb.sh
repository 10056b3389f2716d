#!/usr/bin/env bash
# The Debian package, end to end: a binary-only build (-DSELDON_LINT_TESTS=OFF
# with Catch2 made unfindable, so no test dependency is needed) from the
# pinned tree-sitter tarballs with `npm` made to fail (no network), CPack's
# .deb, its declared dependencies resolved by apt (`apt-get install
# --simulate`), its contents (binary, man page, completions, licences), and
# the unpacked binary (`dpkg -x`) run on fixtures/demo-repo.  Slow (one Release
# build): a step of .ci/run, not a ctest.
#   tests/e2e/deb.sh SOURCE_DIR [BUILD_DIR] [VENDOR_DIR]
set -euo pipefail
fail() { echo "deb: FAIL: $*" >&2; exit 1; }
[ $# -ge 1 ] || { echo "usage: $0 SOURCE_DIR [BUILD_DIR] [VENDOR_DIR]" >&2; exit 2; }
src=$(cd "$1" && pwd)
build=${2:-$src/build-deb}
mkdir -p "$build" && build=$(cd "$build" && pwd)  # apt-get takes a .deb by ./ or / path
vendor=${3:-$src/build/vendor}
bash "$src/scripts/vendor-tree-sitter.sh" "$vendor"
vendor=$(cd "$vendor" && pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/stubs"
printf '#!/bin/sh\necho "npm must not run: the build has the vendored tarballs" >&2\nexit 99\n' >"$tmp/stubs/npm"
chmod +x "$tmp/stubs/npm"

rm -rf "$build"
PATH="$tmp/stubs:$PATH" cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DSELDON_LINT_TESTS=OFF -DCMAKE_DISABLE_FIND_PACKAGE_Catch2=ON -DSELDON_LINT_WERROR=ON \
  -DSELDON_LINT_VENDOR_DIR="$vendor" -DSELDON_LINT_TS_DIR="$build/tree-sitter" >"$tmp/configure.log" 2>&1 ||
  { cat "$tmp/configure.log" >&2; fail "configure (tests off, vendored tarballs, no npm)"; }
cmake --build "$build" -j"$(nproc)" >"$tmp/build.log" 2>&1 || { tail -30 "$tmp/build.log" >&2; fail "build"; }
[ ! -e "$build/tests" ] || fail "SELDON_LINT_TESTS=OFF still built tests/"
(cd "$build" && cpack -G DEB >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log" >&2; fail "cpack"; }

version=$(sed -nE 's/^project\(seldon-lint VERSION ([0-9.]+).*/\1/p' "$src/CMakeLists.txt")
arch=$(dpkg --print-architecture)
deb="$build/seldon-lint_${version}_${arch}.deb"
[ -f "$deb" ] || fail "no $deb: $(ls "$build"/*.deb 2>/dev/null)"

# Declared runtime dependencies, and apt can resolve them.
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libyaml-cpp0.7 libfmt9 libstdc++6 libc6; do
  [[ $depends == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done
# The allocator, when the build linked it (libmimalloc-dev installed).
if ldd "$build/seldon-lint" | grep -q libmimalloc; then
  [[ $depends == *libmimalloc2.0* ]] || fail "Depends lacks libmimalloc2.0: $depends"
fi
apt-get install --simulate "$deb" >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; fail "apt-get install --simulate"; }
grep -q "^Inst seldon-lint\|seldon-lint is already the newest" "$tmp/apt.log" ||
  { cat "$tmp/apt.log" >&2; fail "apt-get --simulate did not plan to install seldon-lint"; }

# Contents.
dpkg-deb -c "$deb" >"$tmp/contents"
for path in ./usr/bin/seldon-lint ./usr/share/man/man1/seldon-lint.1.gz \
  ./usr/share/bash-completion/completions/seldon-lint ./usr/share/zsh/vendor-completions/_seldon-lint \
  ./usr/share/fish/vendor_completions.d/seldon-lint.fish ./usr/share/doc/seldon-lint/LICENSE \
  ./usr/share/doc/seldon-lint/THIRD_PARTY_NOTICES.md ./usr/share/doc/seldon-lint/CHANGELOG.md \
  ./usr/share/doc/seldon-lint/licenses/tree-sitter-hcl.LICENSE; do
  grep -q " $path\$" "$tmp/contents" || fail "the package lacks $path"
done

# The unpacked binary works on the demo repository.
dpkg -x "$deb" "$tmp/root"
bin="$tmp/root/usr/bin/seldon-lint"
"$bin" --version | grep -Eq "^seldon-lint $version \(commit [0-9a-f]+.*, Release build\)$" ||
  fail "--version: $("$bin" --version)"
rc=0
(cd "$src" && "$bin" --no-color fixtures/demo-repo) >"$tmp/demo" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || { cat "$tmp/demo" >&2; fail "demo-repo: exit $rc, expected 1"; }
for id in SL101 SL302 SL401; do grep -q "\[$id " "$tmp/demo" || fail "demo-repo: no $id"; done
gzip -dc "$tmp/root/usr/share/man/man1/seldon-lint.1.gz" | grep -q "^\.TH SELDON-LINT 1" || fail "man page"
echo "deb: ok ($(basename "$deb"), $(du -k "$deb" | cut -f1) KiB; Depends: $depends)"
