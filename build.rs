//! Builds the gazetteer's name index from `geodata/places.tsv` at compile time, so the binary
//! embeds a ready index and needs no start-up work to search it.

#[path = "src/gazetteer/normalize.rs"]
#[allow(dead_code)]
mod normalize;

#[path = "src/gazetteer/index.rs"]
#[allow(dead_code)]
mod index;

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=geodata/places.tsv");
    println!("cargo::rerun-if-changed=geodata/geometries.tsv");
    println!("cargo::rerun-if-changed=src/gazetteer/index.rs");
    println!("cargo::rerun-if-changed=src/gazetteer/normalize.rs");
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        println!("cargo::error=OUT_DIR is not set");
        return;
    };
    let out = Path::new(&out_dir);
    // A checkout without the data still builds; the gazetteer then reports the missing file.
    let places = std::fs::read_to_string("geodata/places.tsv").unwrap_or_default();
    let (fst, postings) = match index::build_index(&places) {
        Ok(built) => built,
        Err(e) => {
            println!("cargo::error=geodata/places.tsv: {e}");
            return;
        }
    };
    let geometries = std::fs::read("geodata/geometries.tsv").unwrap_or_default();
    for (name, bytes) in [
        ("names.fst", fst),
        ("names.post", postings),
        ("places.tsv", places.into_bytes()),
        ("geometries.tsv", geometries),
    ] {
        if let Err(e) = std::fs::write(out.join(name), bytes) {
            println!("cargo::error=cannot write {name}: {e}");
        }
    }
}
