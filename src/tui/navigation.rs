//! Moving about the screens: the grid's columns and folded sections, the card's rows, the
//! ranking's rows, and the selection kept in sight.

use crate::i18n::compare::CompareMsg;
use crate::model::Period;
use crate::model::layout::ItemKind;

use super::app::{App, Column, Jump, Mode, Screen, Section};
use super::compare::{self, MidYear};
use super::keymap::Action;
use super::status::{Said, Status};

impl App {
    /// A mouse click (with `--mouse`) selects the grid cell under it.
    pub fn click(&mut self, x: u16, y: u16) {
        if self.scroll.too_small.get() || self.mode != Mode::Navigate || self.screen != Screen::Grid
        {
            return;
        }
        let column = self
            .scroll
            .hit_columns
            .borrow()
            .iter()
            .find(|(from, to, _)| (*from..*to).contains(&x))
            .map(|(_, _, c)| *c);
        let unit = self
            .scroll
            .hit_rows
            .borrow()
            .iter()
            .find(|(row, _)| *row == y)
            .map(|(_, u)| *u);
        if let (Some(c), Some(u)) = (column, unit) {
            self.column = c;
            self.unit = u;
        }
    }

    /// The section an item's column belongs to.
    pub fn section_of(&self, item: usize) -> Section {
        let layout = &self.covenant.layout;
        let it = &layout.items[item];
        match it.kind {
            ItemKind::Bonus => Section::Bonus,
            ItemKind::Penalty => Section::Penalty,
            ItemKind::Veto => Section::Vetoes,
            ItemKind::Criterion => {
                let mut g = it.group.expect("a criterion is in a group");
                while let Some(p) = layout.groups[g].parent {
                    g = p;
                }
                Section::Group(g)
            }
        }
    }

    pub(super) fn build_columns(&self) -> Vec<Column> {
        let layout = &self.covenant.layout;
        let mut sections: Vec<Section> = layout.top_groups().map(Section::Group).collect();
        sections.extend([Section::Bonus, Section::Penalty, Section::Vetoes]);
        let mut columns = Vec::new();
        for section in sections {
            let items: Vec<usize> = self
                .card_items
                .iter()
                .copied()
                .filter(|i| self.section_of(*i) == section)
                .collect();
            if items.is_empty() {
                continue;
            }
            if !self.folded.contains(&section) {
                columns.extend(items.into_iter().map(Column::Item));
            }
            columns.push(Column::Sum(section));
        }
        columns
    }

    pub(super) fn show(&mut self, screen: Screen) {
        if screen == Screen::Card && self.selected_item().is_none() {
            // The card has no subtotal rows: land on the section's first item.
            if let Column::Sum(section) = self.column
                && let Some(i) = self
                    .card_items
                    .iter()
                    .find(|i| self.section_of(**i) == section)
            {
                self.column = Column::Item(*i);
            }
        }
        if screen == Screen::Grid {
            self.column = self.visible(self.column);
        }
        if screen == Screen::Ranking {
            self.ranking_row = self
                .ranking_order()
                .iter()
                .position(|u| *u == self.unit)
                .unwrap_or(0);
        }
        self.screen = screen;
    }

    /// The grid column showing `column`: the item, or its section's subtotal when folded.
    pub(super) fn visible(&self, column: Column) -> Column {
        match column {
            Column::Item(i) if self.folded.contains(&self.section_of(i)) => {
                Column::Sum(self.section_of(i))
            }
            other => other,
        }
    }

    pub(super) fn units(&self) -> usize {
        self.covenant.bloc.members.len()
    }

    pub(super) fn grid(&mut self, action: Action) {
        let at = self
            .columns
            .iter()
            .position(|c| *c == self.column)
            .unwrap_or(0);
        let last = self.columns.len().saturating_sub(1);
        let page = self.scroll.page.get().max(1);
        match action {
            Action::Up => self.unit = self.unit.saturating_sub(1),
            Action::Down => self.unit = (self.unit + 1).min(self.units() - 1),
            Action::PageUp => self.unit = self.unit.saturating_sub(page),
            Action::PageDown => self.unit = (self.unit + page).min(self.units() - 1),
            Action::Left | Action::PrevColumn => self.column = self.columns[at.saturating_sub(1)],
            Action::Right | Action::NextColumn => self.column = self.columns[(at + 1).min(last)],
            Action::Home => self.column = self.columns[0],
            Action::End => self.column = self.columns[last],
            Action::Fold => self.fold(),
            Action::Edit if self.selected_item().is_none() => self.fold(),
            other => self.cell_action(other),
        }
    }

    fn fold(&mut self) {
        let section = match self.column {
            Column::Item(i) => self.section_of(i),
            Column::Sum(s) => s,
        };
        if !self.folded.remove(&section) {
            self.folded.insert(section);
        }
        self.columns = self.build_columns();
        self.column = Column::Sum(section);
    }

    pub(super) fn card(&mut self, action: Action) {
        let at = self
            .selected_item()
            .and_then(|i| self.card_items.iter().position(|c| *c == i))
            .unwrap_or(0);
        let last = self.card_items.len().saturating_sub(1);
        let page = self.scroll.page.get().max(1);
        let row = match action {
            Action::Up => at.saturating_sub(1),
            Action::Down | Action::NextColumn => (at + 1).min(last),
            Action::PrevColumn => at.saturating_sub(1),
            Action::PageUp => at.saturating_sub(page),
            Action::PageDown => (at + page).min(last),
            Action::Home => 0,
            Action::End => last,
            Action::Left | Action::PrevUnit => {
                self.unit = self.unit.checked_sub(1).unwrap_or(self.units() - 1);
                at
            }
            Action::Right | Action::NextUnit => {
                self.unit = (self.unit + 1) % self.units();
                at
            }
            other => {
                self.column = Column::Item(self.card_items[at]);
                return self.cell_action(other);
            }
        };
        self.column = Column::Item(self.card_items[row]);
    }

    pub(super) fn ranking(&mut self, action: Action) {
        let order = self.ranking_order();
        let last = order.len().saturating_sub(1);
        match action {
            Action::Up => self.ranking_row = self.ranking_row.saturating_sub(1),
            Action::Down => self.ranking_row = (self.ranking_row + 1).min(last),
            Action::Home => self.ranking_row = 0,
            Action::End => self.ranking_row = last,
            _ => {}
        }
        self.unit = order[self.ranking_row];
    }

    /// After an entry: the next unit in the grid, the next criterion on the card.
    pub(super) fn advance(&mut self) {
        match self.screen {
            Screen::Grid => self.unit = (self.unit + 1).min(self.units() - 1),
            Screen::Card => self.card(Action::Down),
            Screen::Ranking | Screen::Compare => {}
        }
    }

    /// Puts the selection on a cell, so an undone change is in sight.
    pub(super) fn select(&mut self, unit: usize, item: usize) {
        self.unit = unit;
        self.column = self.visible(Column::Item(item));
        if self.screen == Screen::Card {
            self.column = Column::Item(item);
        }
    }

    /// `m` / `!`: the selection to the next cell still to enter, or the next score differing
    /// from the self-score without a reason, after the selected one: down the column in the
    /// grid (the order the meeting scores in), along the unit on the card; round to the first.
    /// A folded section opens to show it.
    pub(super) fn jump(&mut self, to: Jump) {
        let targets = match to {
            Jump::Missing => self.results().missing.clone(),
            Jump::Unexplained => self.records().unexplained(),
        };
        let row = |item: usize| self.card_items.iter().position(|i| *i == item);
        let order = |unit: usize, row: usize| match self.screen {
            Screen::Card => (unit, row),
            _ => (row, unit),
        };
        let here_row = match self.column {
            Column::Item(i) => row(i).unwrap_or(0),
            // On a subtotal: after the section's items.
            Column::Sum(section) => self
                .card_items
                .iter()
                .rposition(|&i| self.section_of(i) == section)
                .unwrap_or(0),
        };
        let here = order(self.unit, here_row);
        let keyed = targets
            .iter()
            .filter_map(|&(u, i)| row(i).map(|r| (order(u, r), (u, i))));
        let next = keyed
            .clone()
            .filter(|(key, _)| *key > here)
            .min()
            .or_else(|| keyed.min());
        let Some((_, (unit, item))) = next else {
            self.status = Some(Status::info(match to {
                Jump::Missing => crate::i18n::Ui::NoMissingCell,
                Jump::Unexplained => crate::i18n::Ui::NoUnexplainedCell,
            }));
            return;
        };
        if self.folded.remove(&self.section_of(item)) {
            self.columns = self.build_columns();
        }
        self.unit = unit;
        self.column = Column::Item(item);
    }

    /// F5: the comparison at year-end; at mid-year, why there is none.
    pub(super) fn show_compare(&mut self) {
        if self.period != Period::YearEnd {
            self.status = Some(Status::Info(Said::Compare(CompareMsg::NoEarlierPeriod)));
            return;
        }
        // Another copy may have let the mid-year go since the session opened.
        if matches!(self.compare.mid_year, MidYear::Unavailable(_))
            && let Some(dir) = self.compare.dir.clone()
        {
            self.compare.mid_year = compare::load(&self.covenant, &dir);
        }
        self.screen = Screen::Compare;
    }

    /// Moving through the units in the year-end order; Enter (the card) is the keymap's.
    pub(super) fn compare_keys(&mut self, action: Action) {
        let order = &self.results().order;
        let at = order.iter().position(|u| *u == self.unit).unwrap_or(0);
        let last = order.len().saturating_sub(1);
        let to = match action {
            Action::Up => at.saturating_sub(1),
            Action::Down => (at + 1).min(last),
            Action::Home => 0,
            Action::End => last,
            _ => return,
        };
        self.unit = order[to];
    }
}
