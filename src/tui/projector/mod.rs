//! The projector view (`w`): the screen turned into a leaderboard a room reads from its back
//! rows, full screen in the terminal. Totals and ranks in big digits, names in plain text (the
//! big font has no Vietnamese letters), the unit and criterion being scored now, and a banner
//! saying whether the results are a draft or frozen. Space holds the view while the room
//! discusses; `c` switches between a dark and a light wall. The head keeps moving and entering
//! scores underneath: the entry in progress shows on the last line.

use crate::i18n::{Label, Msg, Ui};
use crate::model::Period;
use crate::room::standing;
use crate::tui::dialog::Seen;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Projector {
    pub theme: Theme,
    /// The board as it was when the head paused the view; the wall shows it until resumed.
    pub held: Option<Board>,
}

/// Projectors wash out differently: light text on black, or dark text on white.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Dark,
    Light,
}

impl Projector {
    pub fn new() -> Projector {
        Projector {
            theme: Theme::Dark,
            held: None,
        }
    }

    /// Space: hold `now` (the board as it stands), or follow the session again.
    pub fn toggle_pause(&mut self, now: Board) {
        self.held = match self.held {
            Some(_) => None,
            None => Some(now),
        };
    }

    pub fn toggle_theme(&mut self) {
        self.theme = match self.theme {
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::Dark,
        };
    }
}

impl Default for Projector {
    fn default() -> Self {
        Projector::new()
    }
}

/// What the wall shows, in the language of the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Board {
    /// "Khối thi đua số 8 · Tổng kết năm 2026".
    pub title: String,
    /// "DỰ THẢO" until the results are frozen, then when they were.
    pub banner: String,
    pub frozen: bool,
    /// The unit and criterion being scored now.
    pub now: String,
    /// One row a unit, in the ranking's order.
    pub rows: Vec<BoardRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardRow {
    pub rank: String,
    pub name: String,
    /// The total in digits; partial units carry the word below in `note`.
    pub total: String,
    pub band: String,
    /// "tạm" for a partial total; the failed conditions otherwise, if any.
    pub note: String,
    pub partial: bool,
    /// The unit being scored now.
    pub current: bool,
}

/// The board of the session as it stands: ranked as the screen ranks (`rank_partial`), with
/// the entry being typed, if any.
pub fn board(seen: &Seen, rank_partial: bool, typing: Option<String>) -> Board {
    let lang = seen.lang;
    let results = seen.results();
    let places = standing::places(results, rank_partial);
    let rows = standing::order(results, rank_partial)
        .into_iter()
        .map(|unit| {
            let shown = standing::shown(
                lang,
                seen.covenant,
                seen.period,
                results,
                unit,
                places[unit],
            );
            let r = &results.units[unit];
            let note = if shown.partial {
                lang.ui(Ui::PartialTotal).to_string()
            } else {
                r.failed_vetoes
                    .iter()
                    .map(|&i| format!("✗ {}", seen.covenant.layout.items[i].label))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            BoardRow {
                rank: shown.rank,
                name: seen.covenant.bloc.members[unit].short.clone(),
                total: lang.dec2(r.total),
                band: shown.band,
                note,
                partial: shown.partial,
                current: unit == seen.unit,
            }
        })
        .collect();
    let (banner, frozen) = match seen.records().frozen() {
        Some(f) => (
            lang.msg(&Msg::WallFrozenAt(
                f.at.format("%H:%M %d/%m/%Y").to_string(),
            )),
            true,
        ),
        None => (lang.ui(Ui::WallDraft).to_string(), false),
    };
    let period = lang.label(match seen.period {
        Period::MidYear => Label::MidYear,
        Period::YearEnd => Label::YearEnd,
    });
    // "Đang chấm: Thành Đông · I.1.4 → 97▏ · Quản lý, điều hành ngân sách…": the entry being
    // typed before the title, which a narrow wall cuts.
    let now = seen.selected_item().map_or_else(String::new, |item| {
        let it = &seen.covenant.layout.items[item];
        let code = match typing {
            Some(t) => format!("{} → {t}", it.label),
            None => it.label.clone(),
        };
        lang.msg(&Msg::WallNow {
            unit: seen.unit_name(seen.unit),
            item: format!("{code} · {}", it.title),
        })
    });
    Board {
        title: format!("{} · {period} {}", seen.covenant.bloc.name, seen.year),
        banner,
        frozen,
        now,
        rows,
    }
}
