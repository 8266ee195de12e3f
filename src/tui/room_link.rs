//! The screen's side of what the room sees: serving the live page, handing it what changed
//! (the session's change feed and the selection), and the projector view's board.

use super::app::App;

impl App {
    /// The keys of the room: points or entries, ranking partial totals, the live page and the
    /// projector view.
    pub(super) fn room_key(&mut self, action: super::keymap::Action) {
        use super::keymap::Action;
        match action {
            Action::TogglePoints => {
                self.show_points = !self.show_points;
                self.say(if self.show_points {
                    crate::i18n::Ui::ShowingPoints
                } else {
                    crate::i18n::Ui::ShowingEntries
                });
            }
            Action::RankPartial => {
                self.rank_partial = !self.rank_partial;
                // The ranking's rows move; the selection stays on its unit.
                if self.screen == super::app::Screen::Ranking {
                    self.show(super::app::Screen::Ranking);
                }
                self.say(if self.rank_partial {
                    crate::i18n::Ui::RankingPartial
                } else {
                    crate::i18n::Ui::RankingComplete
                });
            }
            Action::Room => {
                if self.room.is_none() {
                    self.start_room();
                }
                if self.room.is_some() {
                    self.mode = super::app::Mode::RoomInfo;
                }
            }
            Action::Projector => {
                self.projector = match self.projector {
                    Some(_) => None,
                    None => {
                        // The room reads points, not counts as typed.
                        self.show_points = true;
                        Some(super::projector::Projector::new())
                    }
                }
            }
            Action::Pause => {
                let now = self.board();
                if let Some(p) = &mut self.projector {
                    p.toggle_pause(now);
                }
            }
            Action::WallTheme => {
                if let Some(p) = &mut self.projector {
                    p.toggle_theme();
                }
            }
            _ => {}
        }
    }

    /// Starts serving the live page, or says why it cannot be.
    pub fn start_room(&mut self) {
        let addrs = crate::room::address::candidates(self.room_addr);
        let meeting = crate::room::view::Meeting {
            covenant: std::sync::Arc::new(self.covenant.clone()),
            period: self.period,
            year: self.year,
        };
        match crate::room::Room::start(&addrs, meeting, self.room_inputs(None)) {
            Ok(room) => {
                self.room = Some(room);
                self.room_feed = Some(self.follow_session());
                self.room_published = None;
            }
            Err(e) => {
                self.status = Some(super::status::Status::error(
                    crate::i18n::Msg::RoomNotStarted(e.to_string()),
                ))
            }
        }
    }

    /// What the live page shows now.
    pub fn room_view(&self) -> crate::room::RoomView {
        let meeting = crate::room::view::Meeting {
            covenant: std::sync::Arc::new(self.covenant.clone()),
            period: self.period,
            year: self.year,
        };
        crate::room::view::room_view(&meeting, &self.room_inputs(None))
    }

    /// The page's inputs now: the results an announcement carried, else a copy of the
    /// session's.
    fn room_inputs(&self, results: Option<crate::score::Results>) -> crate::room::view::Inputs {
        crate::room::view::Inputs {
            lang: self.lang,
            results: results.unwrap_or_else(|| self.results().clone()),
            frozen: self.records().frozen().cloned(),
            unit: self.unit,
            item: self.selected_item(),
            rank_partial: self.rank_partial,
        }
    }

    /// Sends the page what it shows now, when it is served and something it shows may have
    /// changed: a change the session announced on its feed, the selection, the language or how
    /// partial units rank.
    pub fn publish_room(&mut self) {
        if self.room.is_none() {
            return;
        }
        // The latest announcement's results are already the page's own copy.
        let announced = self
            .room_feed
            .as_ref()
            .and_then(|feed| feed.try_iter().last())
            .map(|a| a.results);
        let state = (
            self.unit,
            self.selected_item(),
            self.lang,
            self.rank_partial,
        );
        if announced.is_none() && self.room_published == Some(state) {
            return;
        }
        self.room_published = Some(state);
        if let Some(room) = &self.room {
            room.publish(self.room_inputs(announced));
        }
    }

    /// What the projector view shows now, with the entry being typed.
    pub fn board(&self) -> super::projector::Board {
        let typing = match &self.mode {
            super::app::Mode::Edit(editor) => Some(match &editor.kind {
                super::editor::EditorKind::Number(field) => format!("{}▏", field.text()),
                super::editor::EditorKind::Choice {
                    options, selected, ..
                } => options[*selected].1.clone(),
            }),
            _ => None,
        };
        super::projector::board(&self.seen(), self.rank_partial, typing)
    }
}
