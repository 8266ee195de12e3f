//! The keys of the report's written sections: the list, a section's editor, the minutes' form
//! and the year-end election's form.

use ratatui::crossterm::event::KeyCode;

use crate::i18n::Ui;

use super::table::{b, each, typed};
use super::{Action, Binding, Does, Key};
use Key::{Code, Ctrl};
use KeyCode::{BackTab, Backspace, Down, Enter, Esc, Left, PageDown, PageUp, Right, Tab, Up};

pub(super) const WRITING: &[Binding] = &[
    each(
        &[Code(Up), Code(Down)],
        &[Action::Up, Action::Down],
        Ui::KeyChooseSection,
        true,
    ),
    b(&[Code(Enter)], Action::Confirm, Ui::KeyWriteSection, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyClose, true),
];

pub(super) const WRITING_EDIT: &[Binding] = &[
    typed(&[Key::Text], Does::Input, Ui::KeyType, false),
    b(&[Code(Enter)], Action::NewLine, Ui::KeyNewLine, false),
    each(
        &[Code(Up), Code(Down)],
        &[Action::Up, Action::Down],
        Ui::KeyRows,
        false,
    ),
    b(&[Code(PageUp)], Action::PageUp, Ui::KeyPageUp, false),
    b(&[Code(PageDown)], Action::PageDown, Ui::KeyPageDown, false),
    b(&[Ctrl('s')], Action::Save, Ui::KeySave, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeySaveClose, true),
];

pub(super) const WRITING_MINUTES: &[Binding] = &[
    typed(&[Key::Text], Does::Input, Ui::KeyType, false),
    b(
        &[Code(Tab), Code(Enter)],
        Action::NextColumn,
        Ui::KeyNextField,
        true,
    ),
    b(
        &[Code(BackTab)],
        Action::PrevColumn,
        Ui::KeyPrevField,
        false,
    ),
    each(
        &[Code(Up), Code(Down)],
        &[Action::Up, Action::Down],
        Ui::KeyRows,
        false,
    ),
    b(
        &[Key::Alt(Enter), Ctrl('j')],
        Action::NewLine,
        Ui::KeyAddPerson,
        true,
    ),
    b(&[Ctrl('s')], Action::Save, Ui::KeySave, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeySaveClose, true),
];

pub(super) const WRITING_ELECTION: &[Binding] = &[
    each(
        &[Code(Left), Code(Right)],
        &[Action::Left, Action::Right],
        Ui::KeyChooseUnit,
        true,
    ),
    b(
        &[Code(Tab), Code(Down)],
        Action::NextColumn,
        Ui::KeyNextField,
        true,
    ),
    b(
        &[Code(BackTab), Code(Up)],
        Action::PrevColumn,
        Ui::KeyPrevField,
        false,
    ),
    typed(&[Key::Text], Does::Input, Ui::KeyType, false),
    b(
        &[Code(Backspace)],
        Action::Backspace,
        Ui::KeyBackspace,
        false,
    ),
    b(&[Code(Enter)], Action::Confirm, Ui::KeySave, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyBack, true),
];
