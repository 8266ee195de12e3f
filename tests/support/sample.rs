//! The sample bloc's results: the scoresheet of a period (`tests/data/khoi-8-*.csv`) computed
//! by the engine.
#![allow(dead_code)]

use thidua::model::{Covenant, Period, value};
use thidua::score::{self, Results};

pub fn results(covenant: &Covenant, period: Period) -> Results {
    let file = match period {
        Period::MidYear => "tests/data/khoi-8-mid-year.csv",
        Period::YearEnd => "tests/data/khoi-8-year-end.csv",
    };
    let mut sheet = covenant.empty_sheet();
    for row in csv::Reader::from_path(file).unwrap().records() {
        let row = row.unwrap();
        let unit = covenant.unit_index(&row[0]).expect("unit");
        let item = covenant.layout.index_of(&row[1]).expect("item");
        let v = value::parse(&covenant.layout.items[item], &row[2]).expect("value");
        sheet.set(unit, item, Some(v));
    }
    score::compute(covenant, period, &sheet).expect("the engine computes")
}
