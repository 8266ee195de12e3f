//! The page's content: plain words and figures in the screen's language, built from the
//! session's results, sent whole to every phone on each change. Notes, reasons and self-score
//! evidence are never part of it.

use serde::Serialize;

use crate::i18n::{Label, Lang, Msg, Ui};
use crate::model::{Covenant, Period};
use crate::score::Results;
use crate::store::records::Frozen;

use super::standing;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoomView {
    /// The page's language, for the browser ("vi", "en").
    pub lang: &'static str,
    pub title: String,
    /// "DỰ THẢO" until the results are frozen, then when they were.
    pub banner: String,
    pub frozen: bool,
    /// The unit and criterion being scored now.
    pub now: String,
    pub words: Words,
    /// The top groups' codes, in the order of each unit's `groups`.
    pub groups: Vec<String>,
    /// One entry a unit, in the ranking's order.
    pub units: Vec<UnitLine>,
}

/// The labels the page prints, in its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Words {
    pub rank: String,
    pub total: String,
    pub bonus: String,
    pub penalty: String,
    pub partial: String,
    pub waiting: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitLine {
    pub rank: String,
    pub name: String,
    pub total: String,
    pub partial: bool,
    pub band: String,
    /// Subtotals of the top groups.
    pub groups: Vec<String>,
    pub bonus: String,
    pub penalty: String,
    /// The unit being scored now.
    pub current: bool,
}

/// The session the room follows: the bloc and its period, which stay, beside `Inputs`, which
/// change.
pub struct Meeting {
    pub covenant: std::sync::Arc<Covenant>,
    pub period: Period,
    pub year: i32,
}

/// What the page shows at a moment, as the screen hands it over: owned, so that the page's
/// thread builds the words and figures, not the screen's.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub lang: Lang,
    pub results: Results,
    pub frozen: Option<Frozen>,
    /// The selected unit and item.
    pub unit: usize,
    pub item: Option<usize>,
    pub rank_partial: bool,
}

pub fn room_view(meeting: &Meeting, inputs: &Inputs) -> RoomView {
    let seen = Seen {
        lang: inputs.lang,
        covenant: &meeting.covenant,
        period: meeting.period,
        year: meeting.year,
        results: &inputs.results,
        frozen: inputs.frozen.as_ref(),
        unit: inputs.unit,
        item: inputs.item,
        rank_partial: inputs.rank_partial,
    };
    view_of(&seen)
}

struct Seen<'a> {
    lang: Lang,
    covenant: &'a Covenant,
    period: Period,
    year: i32,
    results: &'a Results,
    frozen: Option<&'a Frozen>,
    unit: usize,
    item: Option<usize>,
    rank_partial: bool,
}

fn view_of(seen: &Seen) -> RoomView {
    let lang = seen.lang;
    let layout = &seen.covenant.layout;
    let top: Vec<usize> = layout.top_groups().collect();
    let places = standing::places(seen.results, seen.rank_partial);
    let units = standing::order(seen.results, seen.rank_partial)
        .into_iter()
        .map(|u| {
            let shown =
                standing::shown(lang, seen.covenant, seen.period, seen.results, u, places[u]);
            let r = &seen.results.units[u];
            UnitLine {
                rank: shown.rank,
                name: seen.covenant.bloc.members[u].short.clone(),
                total: lang.dec2(r.total),
                partial: shown.partial,
                band: shown.band,
                groups: top.iter().map(|&g| lang.dec(r.groups[g])).collect(),
                bonus: lang.dec(r.bonus),
                penalty: lang.dec(r.penalty),
                current: u == seen.unit,
            }
        })
        .collect();
    let (banner, frozen) = match seen.frozen {
        Some(f) => (
            lang.msg(&Msg::WallFrozenAt(
                f.at.format("%H:%M %d/%m/%Y").to_string(),
            )),
            true,
        ),
        None => (lang.ui(Ui::WallDraft).to_string(), false),
    };
    let now = seen.item.map_or_else(String::new, |i| {
        let it = &layout.items[i];
        lang.msg(&Msg::WallNow {
            unit: seen.covenant.bloc.members[seen.unit].short.clone(),
            item: format!("{} · {}", it.label, it.title),
        })
    });
    let period = lang.label(match seen.period {
        Period::MidYear => Label::MidYear,
        Period::YearEnd => Label::YearEnd,
    });
    RoomView {
        lang: match lang {
            Lang::Vi => "vi",
            Lang::En => "en",
        },
        title: format!("{} · {period} {}", seen.covenant.bloc.name, seen.year),
        banner,
        frozen,
        now,
        words: Words {
            rank: lang.label(Label::Rank).to_string(),
            total: lang.label(Label::Total).to_string(),
            bonus: lang.label(Label::Bonus).to_string(),
            penalty: lang.label(Label::Penalty).to_string(),
            partial: lang.ui(Ui::PartialTotal).to_string(),
            waiting: lang.ui(Ui::RoomWaiting).to_string(),
        },
        groups: top
            .iter()
            .map(|&g| layout.groups[g].label.clone())
            .collect(),
        units,
    }
}
