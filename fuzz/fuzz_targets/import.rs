//! The CSV importer and the self-score readers (CSV, RON, the filled .xlsx form): any bytes
//! give the values or every problem, for both reviews.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thidua::cli::read_csv;
use thidua::model::Period;
use thidua::selfscore::{self, Format, Session};
use thidua_fuzz::covenant;

fuzz_target!(|data: &[u8]| {
    let covenant = covenant();
    for period in Period::ALL {
        let _ = read_csv(covenant, period, data);
        let session = Session {
            covenant,
            year: covenant.bloc.year,
            period,
        };
        for format in [Format::Csv, Format::Ron, Format::Xlsx] {
            let _ = selfscore::read(format, &session, data);
        }
    }
});
