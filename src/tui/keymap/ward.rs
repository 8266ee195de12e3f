//! The keys of the ward's screen: the blocs expected, checking the inbox again, and the paper
//! check's field.

use ratatui::crossterm::event::KeyCode;

use crate::i18n::Ui;
use crate::i18n::ward::WardText;

use super::table::{b, each, typed};
use super::{Action, Binding, Does, Key};
use Key::{Code, Ctrl};
use KeyCode::{Down, Enter, Esc, F, Up};

pub(super) const WARD: &[Binding] = &[
    each(
        &[Code(Up), Code(Down)],
        &[Action::Up, Action::Down],
        Ui::Ward(WardText::KeyChooseBloc),
        true,
    ),
    b(
        &[Code(KeyCode::Char('p'))],
        Action::PaperCheck,
        Ui::Ward(WardText::KeyPaper),
        true,
    ),
    b(
        &[Code(KeyCode::Char('r')), Code(F(5))],
        Action::Recheck,
        Ui::Ward(WardText::KeyRecheck),
        true,
    ),
    b(
        &[Code(KeyCode::Char('l'))],
        Action::ToggleLang,
        Ui::KeyLang,
        true,
    ),
    b(
        &[Code(KeyCode::Char('?')), Code(F(1))],
        Action::Help,
        Ui::Ward(WardText::KeyHelp),
        true,
    ),
    b(
        &[Code(KeyCode::Char('q')), Code(Esc), Ctrl('c')],
        Action::Quit,
        Ui::KeyQuit,
        true,
    ),
];

pub(super) const WARD_PAPER: &[Binding] = &[
    typed(&[Key::Text], Does::Input, Ui::KeyType, false),
    b(
        &[Code(Enter)],
        Action::Confirm,
        Ui::Ward(WardText::KeyConfirmPaper),
        true,
    ),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyCancel, true),
];
