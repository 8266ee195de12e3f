//! `thidua ward table --period P`: the city table from what the ward accepted, signed with the
//! ward's own key, as the next version in `tables/`.

use std::path::Path;

use crate::i18n::Lang;
use crate::model::Period;
use crate::store::records::now;
use crate::ward::table::issue::{self, Request};
use crate::ward::{Workspace, collect, table, words};

use super::{USAGE, errln, keygen, outln};

pub struct Options<'a> {
    pub period: Period,
    pub year: Option<i32>,
    pub date: Option<&'a str>,
    pub key: Option<&'a Path>,
    pub password_file: Option<&'a Path>,
}

pub fn run(lang: Lang, w: &Workspace, options: &Options) -> u8 {
    if let Some(year) = options.year.filter(|&y| y != w.ward.year) {
        errln!("{}", words::other_year(lang, year, w.ward.year));
        return USAGE;
    }
    let date = match super::output::document_date(lang, options.date) {
        Ok(d) => d,
        Err(code) => return code,
    };
    // Checked first, so that the table is made from the inbox as it is now.
    let collected = match collect::collect(w, now()) {
        Ok(c) => c,
        Err(e) => {
            errln!("{}", words::ward_error(lang, &e));
            return USAGE;
        }
    };
    let city = table::table(w, &collected, options.period);
    let (secret, public) = match keygen::unlock(lang, options.key, options.password_file) {
        Ok(pair) => pair,
        Err(code) => return code,
    };
    let request = Request {
        date,
        place: w.ward.place.clone(),
        signer: w.ward.signer.clone(),
    };
    match issue::issue(&w.dir, &city, request, &secret, &public) {
        Ok(files) => {
            let (finals, drafts, missing) = city.counts();
            outln!(
                "{}",
                words::table_written(lang, city.is_final(), finals, drafts, missing)
            );
            for f in files {
                outln!("  {}", f.display());
            }
            0
        }
        Err(e) => {
            errln!("{}", words::table_failed(lang, &e));
            USAGE
        }
    }
}
