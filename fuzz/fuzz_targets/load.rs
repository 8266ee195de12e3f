//! Bloc and scheme loading: any text gives the scheme, the bloc, or located problems.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thidua::model::{Covenant, Period};
use thidua::score;
use thidua::store::load::{self, Source};
use thidua_fuzz::{bloc_source, extreme_sheet, scheme_source};

/// A covenant that passed every check computes, with every cell at its largest value, without
/// leaving exact arithmetic: the limits of `docs/formats.md` hold for any scheme and bloc.
fn computes(covenant: &Covenant) {
    let sheet = extreme_sheet(covenant);
    for period in Period::ALL {
        score::compute(covenant, period, &sheet).expect("a valid covenant computes");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let src = Source::from_text("fuzz.ron", text);
    let _ = src.kind();
    // As a scheme, paired with the sample bloc.
    if let Ok(scheme) = load::parse_scheme(&src)
        && let Ok(bloc) = load::parse_bloc(bloc_source())
        && let Ok(covenant) = Covenant::new(bloc, scheme)
    {
        computes(&covenant);
    }
    // As a bloc, paired with the sample scheme.
    if let Ok(bloc) = load::parse_bloc(&src)
        && let Ok(scheme) = load::parse_scheme(scheme_source())
        && let Ok(covenant) = Covenant::new(bloc, scheme)
    {
        computes(&covenant);
    }
});
