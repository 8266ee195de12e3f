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

/// Every cell of `covenant` at the largest value its scale allows: the first level, met, the
/// maximum or cap of a free score, the most occurrences, the largest achieved value.
pub fn extreme_sheet(covenant: &Covenant) -> thidua::model::Sheet {
    use thidua::model::limits::{MAX_ACHIEVED, MAX_COUNT, MAX_POINTS};
    use thidua::model::scheme::{AdjustmentScale, Scale};
    use thidua::model::{Rule, Value};
    let mut sheet = covenant.empty_sheet();
    for u in 0..sheet.units() {
        for (i, item) in covenant.layout.items.iter().enumerate() {
            let value = match &item.rule {
                Rule::Criterion { scale, max } => match scale {
                    Scale::Levels(levels) => levels.first().map(|l| Value::Level(l.code.clone())),
                    Scale::MetOrNot => Some(Value::Met(true)),
                    Scale::Free { .. } => Some(Value::Points(*max)),
                    Scale::PerOccurrence { .. } => Some(Value::Count(MAX_COUNT)),
                    Scale::Target { .. } => Some(Value::Achieved(MAX_ACHIEVED)),
                },
                Rule::Adjustment { scale, cap } => match scale {
                    AdjustmentScale::Once(_) => Some(Value::Met(true)),
                    AdjustmentScale::PerOccurrence(_) => Some(Value::Count(MAX_COUNT)),
                    AdjustmentScale::Free { .. } => Some(Value::Points(cap.unwrap_or(MAX_POINTS))),
                },
                Rule::Veto => Some(Value::Met(false)),
            };
            sheet.set(u, i, value);
        }
    }
    sheet
}
