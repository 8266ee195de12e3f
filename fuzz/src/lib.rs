//! What the fuzz targets share: the sample bloc and scheme, loaded once.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use thidua::model::Covenant;
use thidua::store::load::{self, Source};

/// The repository's top folder.
pub fn top() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The sample bloc (Khối thi đua số 8) with its scheme, validated.
pub fn covenant() -> &'static Covenant {
    static COVENANT: OnceLock<Covenant> = OnceLock::new();
    COVENANT.get_or_init(|| {
        load::load_covenant(&top().join("blocs/khoi-8.ron"))
            .expect("the sample bloc loads")
            .covenant
    })
}

/// The sample bloc's source text, for pairing with a fuzzed scheme.
pub fn bloc_source() -> &'static Source {
    static SOURCE: OnceLock<Source> = OnceLock::new();
    SOURCE.get_or_init(|| load::read_source(&top().join("blocs/khoi-8.ron")).expect("readable"))
}

/// The sample scheme's source text, for pairing with a fuzzed bloc.
pub fn scheme_source() -> &'static Source {
    static SOURCE: OnceLock<Source> = OnceLock::new();
    SOURCE.get_or_init(|| {
        load::read_source(&top().join("scoring/khoi-phuong-2026.ron")).expect("readable")
    })
}
