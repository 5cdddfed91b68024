#!/usr/bin/env bash
# Regenerate newsmap's offline geodata. The name index is derived from places.tsv by build.rs
# at compile time, so `cargo build` after this script picks up the new data.
# Needs: python3 + pip, npm (node), apt-get + dpkg-deb (Debian).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE/.."
python3 -m pip install --quiet shapely==2.0.6 pyshp==2.3.1
python3 "$HERE/build.py"
sha256sum geodata/*.tsv geodata/basemap/*.geojson
