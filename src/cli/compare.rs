//! `thidua results BLOC --period year-end --compare mid-year`: each unit's mid-year total,
//! band and rank beside the year-end ones, and the change, as a table, CSV or RON.

use rust_decimal::Decimal;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::i18n::compare::{CompareMsg, CompareText, places, signed};
use crate::i18n::{Label, Lang};
use crate::model::{Covenant, Period};
use crate::score::Results;
use crate::score::compare::{Comparison, Review, Standing, compare};
use crate::store::records::session_dir;

use super::results::Format;
use super::table::{Align, Table};
use super::{OpenRecords, SessionArgs, USAGE, data_dir, load, open_records};
use super::{errln, out};

pub fn run(lang: Lang, session: &SessionArgs, earlier: Period, format: Format) -> u8 {
    if session.period != Period::YearEnd || earlier != Period::MidYear {
        errln!("{}", CompareMsg::OnlyYearEndWithMidYear.text(lang));
        return USAGE;
    }
    let (loaded, bloc_file) = match load(lang, session) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let covenant = &loaded.covenant;
    let year = session.year.unwrap_or(covenant.bloc.year);
    // Looked for first: opening records creates their folder, and a comparison must not
    // leave an empty mid-year session behind.
    let data = data_dir(&bloc_file, session.data.as_deref());
    let mid_dir = match session_dir(&data, &covenant.bloc.id, year, Period::MidYear) {
        Ok(dir) => dir,
        Err(e) => {
            errln!("{}", lang.msg(&crate::i18n::Msg::UnsafeName(e.0)));
            return USAGE;
        }
    };
    if !mid_dir.is_dir() {
        errln!(
            "{}",
            CompareMsg::MidYearMissing {
                year,
                path: mid_dir.display().to_string()
            }
            .text(lang)
        );
        return USAGE;
    }
    let mid_session = SessionArgs {
        bloc: session.bloc.clone(),
        period: Period::MidYear,
        year: Some(year),
        data: session.data.clone(),
    };
    let mid = match results_of(lang, &mid_session, &bloc_file, covenant) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let end = match results_of(lang, session, &bloc_file, covenant) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let cmp = compare(covenant, &mid, &end);
    if cmp.mid_year.empty() {
        errln!("{}", CompareMsg::MidYearEmpty { year }.text(lang));
    }
    let out = match format {
        Format::Table => table(lang, covenant, year, &cmp),
        Format::Csv => csv(covenant, &cmp),
        Format::Ron => {
            ron::ser::to_string_pretty(
                &export(covenant, year, &cmp),
                ron::ser::PrettyConfig::default(),
            )
            .expect("comparison serialises")
                + "\n"
        }
    };
    out!("{out}");
    0
}

/// A session's results; its records are closed (and their lock let go) on return.
fn results_of(
    lang: Lang,
    session: &SessionArgs,
    bloc_file: &std::path::Path,
    covenant: &Covenant,
) -> Result<Results, u8> {
    let OpenRecords { records, .. } =
        open_records(lang, session, bloc_file, covenant, super::Access::Read)?;
    super::computed(lang, covenant, crate::session::results(&records))
}

fn rank_text(lang: Lang, s: &Standing) -> String {
    if s.tied {
        format!("{} ({})", s.rank, lang.label(Label::Tied))
    } else {
        s.rank.to_string()
    }
}

/// Total, band and rank of one period; "Chưa chấm" where the unit has nothing entered. A
/// total with cells still to be entered is marked `*`.
fn standing_cells(lang: Lang, c: &Covenant, period: Period, s: Option<&Standing>) -> [String; 3] {
    match s {
        Some(s) => [
            format!(
                "{}{} ({} %)",
                lang.dec2(s.total),
                if s.complete() { "" } else { "*" },
                lang.dec(s.share)
            ),
            c.scheme.band_label(period, s.band).to_string(),
            rank_text(lang, s),
        ],
        None => [
            CompareText::NotScored.text(lang).to_string(),
            String::new(),
            String::new(),
        ],
    }
}

pub fn table(lang: Lang, c: &Covenant, year: i32, cmp: &Comparison) -> String {
    let period_columns =
        [Label::Total, Label::Band, Label::Rank].map(|l| lang.label(l).to_string());
    let mut head = vec![lang.label(Label::Unit).to_string()];
    head.extend(period_columns.clone());
    head.extend(period_columns);
    head.push(lang.label(Label::Total).to_string());
    head.push(lang.label(Label::Rank).to_string());
    let align = vec![
        Align::Left,
        Align::Right,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Left,
    ];
    let rows: Vec<Vec<String>> = cmp
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![c.bloc.members[r.unit].short.clone()];
            row.extend(standing_cells(
                lang,
                c,
                Period::MidYear,
                r.mid_year.as_ref(),
            ));
            row.extend(standing_cells(
                lang,
                c,
                Period::YearEnd,
                r.year_end.as_ref(),
            ));
            match r.change {
                Some(ch) => {
                    row.push(signed(lang, ch.total));
                    row.push(places(ch.places));
                }
                None => row.extend(["—".to_string(), "—".to_string()]),
            }
            row
        })
        .collect();
    let incomplete = cmp
        .rows
        .iter()
        .flat_map(|r| [&r.mid_year, &r.year_end])
        .any(|s| s.as_ref().is_some_and(|s| !s.complete()));
    let mut table = Table { head, align, rows };
    // A line above the headings names the period of each group of columns (first column,
    // columns spanned); a group narrower than its name is widened at its band column.
    let out_of = |period, max| CompareMsg::PeriodOutOf { period, max }.text(lang);
    let groups = [
        (1, 3, out_of(Period::MidYear, cmp.mid_year.max)),
        (4, 3, out_of(Period::YearEnd, cmp.year_end.max)),
        (7, 2, CompareText::Change.text(lang).to_string()),
    ];
    for (first, span, label) in &groups {
        let widths = table.widths();
        let spanned = widths[*first..first + span].iter().sum::<usize>() + 2 * (span - 1);
        if label.width() > spanned && *span == 3 {
            let band = first + 1;
            let wider = widths[band] + label.width() - spanned;
            let head = &mut table.head[band];
            head.push_str(&" ".repeat(wider - head.width()));
        }
    }
    let widths = table.widths();
    let start = |column: usize| widths[..column].iter().sum::<usize>() + 2 * column;
    let mut group_line = String::new();
    for (first, _, label) in &groups {
        let pad = start(*first).saturating_sub(group_line.width()).max(1);
        group_line.push_str(&" ".repeat(pad));
        group_line.push_str(label);
    }
    let mut out = format!(
        "{} · {}\n\n",
        CompareMsg::Heading {
            bloc: c.bloc.name.clone(),
            year
        }
        .text(lang),
        CompareMsg::Progress {
            mid_year: cmp.mid_year,
            year_end: cmp.year_end
        }
        .text(lang)
    );
    out.push_str(&group_line);
    out.push('\n');
    out.push_str(&table.render());
    if incomplete {
        out.push_str(&format!("\n{}\n", CompareText::IncompleteNote.text(lang)));
    }
    out
}

fn csv(c: &Covenant, cmp: &Comparison) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head = vec!["unit".to_string(), "short".into()];
    for period in ["mid_year", "year_end"] {
        for field in ["total", "share", "band", "rank", "tied", "missing"] {
            head.push(format!("{period}_{field}"));
        }
    }
    head.extend(["change_total", "change_places"].map(String::from));
    w.write_record(&head).expect("in memory");
    for r in &cmp.rows {
        let m = &c.bloc.members[r.unit];
        let mut row = vec![m.id.clone(), m.short.clone()];
        for (period, s) in [
            (Period::MidYear, &r.mid_year),
            (Period::YearEnd, &r.year_end),
        ] {
            match s {
                Some(s) => row.extend([
                    s.total.to_string(),
                    s.share.to_string(),
                    c.scheme.band_id(period, s.band).to_string(),
                    s.rank.to_string(),
                    s.tied.to_string(),
                    s.missing.to_string(),
                ]),
                // Nothing entered: empty fields, never a 0 that reads as a score.
                None => row.extend(std::iter::repeat_n(String::new(), 6)),
            }
        }
        match r.change {
            Some(ch) => row.extend([ch.total.to_string(), ch.places.to_string()]),
            None => row.extend([String::new(), String::new()]),
        }
        w.write_record(&row).expect("in memory");
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("utf-8 in, utf-8 out")
}

/// The comparison with ids in place of indices.
#[derive(Debug, Serialize)]
pub struct Export {
    pub bloc: String,
    pub scheme: String,
    pub scheme_version: String,
    pub year: i32,
    pub mid_year: ReviewExport,
    pub year_end: ReviewExport,
    /// In the year-end ranking order.
    pub units: Vec<UnitExport>,
}

#[derive(Debug, Serialize)]
pub struct ReviewExport {
    pub entered: usize,
    pub needed: usize,
    pub max: Decimal,
}

#[derive(Debug, Serialize)]
pub struct UnitExport {
    pub unit: String,
    /// `None` where the unit has nothing entered in the period.
    pub mid_year: Option<StandingExport>,
    pub year_end: Option<StandingExport>,
    pub change: Option<ChangeExport>,
}

#[derive(Debug, Serialize)]
pub struct StandingExport {
    pub total: Decimal,
    /// Percent of the period's maximum.
    pub share: Decimal,
    pub band: String,
    pub rank: usize,
    pub tied: bool,
    pub missing: usize,
}

#[derive(Debug, Serialize)]
pub struct ChangeExport {
    pub total: Decimal,
    /// Places gained (negative: lost).
    pub places: i64,
}

fn review(r: &Review) -> ReviewExport {
    ReviewExport {
        entered: r.entered,
        needed: r.needed,
        max: r.max,
    }
}

pub fn export(c: &Covenant, year: i32, cmp: &Comparison) -> Export {
    let standing = |period: Period, s: &Option<Standing>| {
        s.as_ref().map(|s| StandingExport {
            total: s.total,
            share: s.share,
            band: c.scheme.band_id(period, s.band).to_string(),
            rank: s.rank,
            tied: s.tied,
            missing: s.missing,
        })
    };
    Export {
        bloc: c.bloc.id.clone(),
        scheme: c.scheme.id.clone(),
        scheme_version: c.scheme.version.clone(),
        year,
        mid_year: review(&cmp.mid_year),
        year_end: review(&cmp.year_end),
        units: cmp
            .rows
            .iter()
            .map(|r| UnitExport {
                unit: c.bloc.members[r.unit].id.clone(),
                mid_year: standing(Period::MidYear, &r.mid_year),
                year_end: standing(Period::YearEnd, &r.year_end),
                change: r.change.map(|ch| ChangeExport {
                    total: ch.total,
                    places: ch.places,
                }),
            })
            .collect(),
    }
}
