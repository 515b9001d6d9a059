#!/usr/bin/env bash
# `cmake --install` puts the binary, its man page and the export script in
# place, and CPack makes a .deb that holds them and names its library
# dependencies. Usage: test_install.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/prefix" >/dev/null
for f in bin/guardrail bin/guardrail-export-aws share/man/man1/guardrail.1 share/doc/guardrail/README.md; do
  [ -e "$work/prefix/$f" ] || fail "cmake --install did not install $f"
done
"$work/prefix/bin/guardrail" --version | grep -q '^guardrail ' || fail "the installed binary does not run"
# The man page renders, with its sections, and without roff warnings.
page=$(MANWIDTH=80 man --warnings -l "$work/prefix/share/man/man1/guardrail.1" 2>"$work/man.err")
[ ! -s "$work/man.err" ] || fail "man reports: $(cat "$work/man.err")"
for section in SYNOPSIS "SCAN OPTIONS" SUPPRESSIONS "EXIT STATUS"; do
  grep -q "^$section" <<<"$page" || fail "the man page has no $section section"
done
# Every scan option the binary knows is in the man page.
for option in $("$build/guardrail" scan --help | grep -oE '^  --[a-z-]+' | tr -d ' ' | grep -v -- '--help'); do
  grep -qF -- "${option//-/\\-}" "$work/prefix/share/man/man1/guardrail.1" || fail "the man page does not document $option"
done

(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg" >/dev/null) || fail "cpack failed"
deb=$(ls "$work"/pkg/guardrail_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "cpack made no guardrail_*.deb"
contents=$(dpkg-deb --contents "$deb")
grep -q '\./usr/bin/guardrail$' <<<"$contents" || fail "the .deb holds no usr/bin/guardrail"
grep -q 'usr/share/man/man1/guardrail.1' <<<"$contents" || fail "the .deb holds no man page"
depends=$(dpkg-deb -f "$deb" Depends)
if readelf -d "$build/guardrail" | grep -q NEEDED; then
  # Dynamic (GUARDRAIL_STATIC=OFF): the libraries it loads are dependencies.
  grep -q 'libyaml' <<<"$depends" || fail "the .deb does not depend on libyaml: $depends"
  grep -q 're2' <<<"$depends" || fail "the .deb does not depend on re2: $depends"
else
  # Static: it loads nothing, so it needs no library package, and runs alone.
  grep -qE 'libyaml|re2' <<<"$depends" && fail "a static binary's .deb depends on libraries: $depends"
  env -i "$work/prefix/bin/guardrail" --version >/dev/null || fail "the static binary does not run alone"
fi
echo "ok: installed $(ls "$work/prefix/bin" | tr '\n' ' ')and packaged $(basename "$deb") (Depends: $depends)"
