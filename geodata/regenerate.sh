#!/usr/bin/env bash
# Regenerate newsmap's offline geodata, then the Rust name index.
# Needs: python3 + pip, npm (node), apt-get + dpkg-deb (Debian), cargo.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE/.."
python3 -m pip install --quiet shapely==2.0.6 pyshp==2.3.1
python3 "$HERE/build.py"
cargo run --release --example build_name_index
