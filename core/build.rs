//! Finds every `locales/*.ftl` file and embeds it, so adding a locale (say Kazakh, `kk.ftl`)
//! is a data-only change: drop the file in and rebuild.

use std::{env, fs, path::PathBuf};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets this"));
    let dir = manifest.join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut locales: Vec<(String, PathBuf)> = fs::read_dir(&dir)
        .expect("core/locales must exist")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .map(|p| {
            println!("cargo:rerun-if-changed={}", p.display());
            let code = p
                .file_stem()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            (code, p)
        })
        .collect();
    locales.sort();
    let mut out = String::from(
        "/// Every embedded locale: (code, Fluent source), sorted by code.\n\
         pub static LOCALE_SOURCES: &[(&str, &str)] = &[\n",
    );
    for (code, path) in &locales {
        out.push_str(&format!(
            "    ({code:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = PathBuf::from(env::var("OUT_DIR").expect("cargo sets this")).join("locales.rs");
    fs::write(dest, out).expect("write locales.rs");
}
