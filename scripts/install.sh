#!/usr/bin/env bash
# Installs a Drydock release: downloads it (or takes a local archive), verifies its SHA-256, installs the
# binary and its shell completions.
#
#   scripts/install.sh --version 0.1.0 --sha256 HEX            download from the release location
#   scripts/install.sh --from dist/drydock-0.1.0-linux-x86_64.tar.gz [--sha256 HEX | --checksums FILE]
#   options: --prefix DIR (default /usr/local, or ~/.local when not root)   --base-url URL
#
# Without --sha256 the checksum is looked up in the release's checksums file (downloaded beside the archive, or
# --checksums FILE); an archive whose digest does not match is never installed. Exit codes: 0 installed,
# 1 download or checksum failure, 2 usage error.
set -euo pipefail

version="" sha256="" from="" checksums="" prefix=""
base_url="${DRYDOCK_RELEASE_URL:-https://github.com/drydock-scanner/drydock/releases/download}"
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --version) version="${2:?--version needs a value}"; shift 2 ;;
        --sha256) sha256="${2:?--sha256 needs a value}"; shift 2 ;;
        --from) from="${2:?--from needs a path}"; shift 2 ;;
        --checksums) checksums="${2:?--checksums needs a path}"; shift 2 ;;
        --prefix) prefix="${2:?--prefix needs a directory}"; shift 2 ;;
        --base-url) base_url="${2:?--base-url needs a URL}"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "install.sh: unknown argument '$1'" >&2; usage ;;
    esac
done
if [ -z "$prefix" ]; then
    if [ "$(id -u)" = 0 ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi
fi
case "$(uname -m)" in
    x86_64|amd64) arch=x86_64 ;;
    aarch64|arm64) arch=aarch64 ;;
    *) echo "install.sh: no Drydock release for $(uname -m)" >&2; exit 1 ;;
esac

# Downloads $1 to $2 with curl, or wget when there is no curl.
fetch() {
    if command -v curl >/dev/null; then
        curl -fsSL --retry 3 -o "$2" "$1"
    elif command -v wget >/dev/null; then
        wget -q --tries=3 -O "$2" "$1"
    else
        echo "install.sh: downloading needs curl or wget, and this machine has neither" \
            "(Debian/Ubuntu: apt-get install curl; or download the archive yourself and use --from)" >&2
        return 1
    fi
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -n "$from" ]; then
    [ -f "$from" ] || { echo "install.sh: $from: no such file" >&2; exit 2; }
    archive="$from"
    name="$(basename "$from")"
    if [ -z "$checksums" ] && [ -z "$sha256" ]; then
        candidate="$(dirname "$from")/${name%%-linux-*}-checksums.txt"
        [ -f "$candidate" ] && checksums="$candidate"
    fi
else
    [ -n "$version" ] || { echo "install.sh: give --version (or --from a local archive)" >&2; exit 2; }
    name="drydock-$version-linux-$arch.tar.gz"
    archive="$work/$name"
    echo "downloading $base_url/v$version/$name"
    fetch "$base_url/v$version/$name" "$archive" || {
        echo "install.sh: cannot download $base_url/v$version/$name" >&2; exit 1; }
    if [ -z "$sha256" ] && [ -z "$checksums" ]; then
        checksums="$work/checksums.txt"
        fetch "$base_url/v$version/drydock-$version-checksums.txt" "$checksums" || {
            echo "install.sh: cannot download the checksums file; give --sha256" >&2; exit 1; }
    fi
fi

if [ -z "$sha256" ]; then
    [ -n "$checksums" ] || { echo "install.sh: no checksum: give --sha256 or --checksums FILE" >&2; exit 2; }
    sha256="$(awk -v n="$name" '$2 == n || $2 == "*" n { print $1 }' "$checksums")"
    [ -n "$sha256" ] || { echo "install.sh: $checksums has no line for $name" >&2; exit 1; }
fi
actual="$(sha256sum "$archive" | cut -d' ' -f1)"
if [ "$actual" != "$sha256" ]; then
    echo "install.sh: checksum mismatch for $name: expected $sha256, got $actual — not installed" >&2
    exit 1
fi

tar -xzf "$archive" -C "$work"
[ -x "$work/drydock" ] || { echo "install.sh: $name holds no drydock binary" >&2; exit 1; }
install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
    "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 0755 "$work/drydock" "$prefix/bin/drydock"
[ -f "$work/drydock.1" ] && install -m 0644 "$work/drydock.1" "$prefix/share/man/man1/drydock.1"
[ -f "$work/completions/drydock.bash" ] &&
    install -m 0644 "$work/completions/drydock.bash" "$prefix/share/bash-completion/completions/drydock"
[ -f "$work/completions/_drydock" ] && install -m 0644 "$work/completions/_drydock" "$prefix/share/zsh/site-functions/_drydock"
[ -f "$work/completions/drydock.fish" ] &&
    install -m 0644 "$work/completions/drydock.fish" "$prefix/share/fish/vendor_completions.d/drydock.fish"
missing="$( (ldd "$prefix/bin/drydock" 2>/dev/null || true) | awk '/not found/ { print $1 }' | tr '\n' ' ')"
if [ -n "$missing" ]; then
    echo "install.sh: drydock needs these shared libraries, which are missing: $missing" >&2
    echo "install.sh: on Debian/Ubuntu: apt-get install libsqlite3-0 zlib1g liblzma5 libbz2-1.0 libxml2" >&2
    exit 1
fi
echo "installed $("$prefix/bin/drydock" --version | head -1) to $prefix/bin/drydock"
