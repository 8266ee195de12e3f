//! The keymap's table: for each context, its lines in the order the help lists them.

use ratatui::crossterm::event::KeyCode;

use crate::i18n::Ui;
use crate::i18n::compare::CompareText;

use super::ward::{WARD, WARD_PAPER};
use super::writing::{WRITING, WRITING_EDIT, WRITING_ELECTION, WRITING_MINUTES};
use super::{Action, Binding, Context, Does, Key};

pub(super) const fn b(keys: &'static [Key], action: Action, describe: Ui, hint: bool) -> Binding {
    Binding {
        keys,
        does: Does::One(action),
        describe,
        hint,
    }
}

/// A line whose keys each do their own action (the arrows).
pub(super) const fn each(
    keys: &'static [Key],
    actions: &'static [Action],
    describe: Ui,
    hint: bool,
) -> Binding {
    Binding {
        keys,
        does: Does::Each(actions),
        describe,
        hint,
    }
}

/// A line of typed characters: digits picking, starting an editor, or text.
pub(super) const fn typed(keys: &'static [Key], does: Does, describe: Ui, hint: bool) -> Binding {
    Binding {
        keys,
        does,
        describe,
        hint,
    }
}

use Key::{Code, Ctrl};
use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab,
    Up,
};

const MOVE: &[Binding] = &[
    each(
        &[Code(Up), Code(Down), Code(Left), Code(Right)],
        &[Action::Up, Action::Down, Action::Left, Action::Right],
        Ui::KeyMove,
        false,
    ),
    b(&[Code(Tab)], Action::NextColumn, Ui::KeyNextColumn, false),
    b(
        &[Code(BackTab)],
        Action::PrevColumn,
        Ui::KeyPrevColumn,
        false,
    ),
    b(&[Code(PageUp)], Action::PageUp, Ui::KeyPageUp, false),
    b(&[Code(PageDown)], Action::PageDown, Ui::KeyPageDown, false),
    b(&[Code(Home)], Action::Home, Ui::KeyHome, false),
    b(&[Code(End)], Action::End, Ui::KeyEnd, false),
];

const ENTER: &[Binding] = &[
    b(&[Code(Enter)], Action::Edit, Ui::KeyEdit, true),
    typed(
        &[Key::AllDigits],
        Does::EditWithChar,
        Ui::KeyEditWith,
        false,
    ),
    // Delete only, and it asks: an input method's Backspace lands here while navigating.
    b(&[Code(Delete)], Action::Clear, Ui::KeyClear, false),
    b(
        &[Code(KeyCode::Char('m'))],
        Action::NextMissing,
        Ui::KeyNextMissing,
        false,
    ),
    b(
        &[Code(KeyCode::Char('!'))],
        Action::NextUnexplained,
        Ui::KeyNextUnexplained,
        false,
    ),
    b(&[Code(KeyCode::Char('n'))], Action::Note, Ui::KeyNote, true),
    b(
        &[Ctrl('z'), Code(KeyCode::Char('u'))],
        Action::Undo,
        Ui::KeyUndo,
        true,
    ),
    b(&[Ctrl('y'), Ctrl('r')], Action::Redo, Ui::KeyRedo, false),
    b(
        &[Code(KeyCode::Char('a'))],
        Action::Accept,
        Ui::KeyAccept,
        false,
    ),
    b(
        &[Code(KeyCode::Char('h'))],
        Action::CellHistory,
        Ui::KeyHistory,
        false,
    ),
    b(
        &[Code(KeyCode::Char('i'))],
        Action::ImportSelf,
        Ui::KeyImportSelf,
        false,
    ),
];

const IMPORT_SELF: &[Binding] = &[
    typed(&[Key::Text], Does::Input, Ui::KeyType, false),
    b(&[Code(Tab)], Action::Complete, Ui::KeyComplete, true),
    b(&[Code(Enter)], Action::Confirm, Ui::KeyImportSelf, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyCancel, true),
];

const SCREENS: &[Binding] = &[
    b(&[Code(F(2))], Action::ShowGrid, Ui::KeyShowGrid, false),
    b(&[Code(F(3))], Action::ShowCard, Ui::KeyShowCard, false),
    b(
        &[Code(F(4))],
        Action::ShowRanking,
        Ui::KeyShowRanking,
        false,
    ),
    b(
        &[Code(F(5))],
        Action::ShowCompare,
        Ui::Compare(CompareText::KeyShow),
        false,
    ),
    b(&[Code(F(6))], Action::Writing, Ui::KeyWriting, false),
    b(&[Code(F(7))], Action::Votes, Ui::KeyVotes, false),
    b(&[Code(F(8))], Action::Freeze, Ui::KeyFreeze, false),
    b(
        &[Code(F(9)), Code(KeyCode::Char('s'))],
        Action::Sign,
        Ui::KeySign,
        true,
    ),
    b(&[Code(KeyCode::Char('j'))], Action::Log, Ui::KeyLog, false),
    b(
        &[Code(KeyCode::Char('w'))],
        Action::Projector,
        Ui::KeyProjector,
        false,
    ),
    b(
        &[Code(KeyCode::Char('r'))],
        Action::Room,
        Ui::KeyRoom,
        false,
    ),
];

const GENERAL: &[Binding] = &[
    b(
        &[Code(KeyCode::Char('l'))],
        Action::ToggleLang,
        Ui::KeyLang,
        false,
    ),
    b(
        &[Code(KeyCode::Char('o'))],
        Action::Sessions,
        Ui::KeySessions,
        false,
    ),
    b(
        &[Code(KeyCode::Char('?')), Code(F(1))],
        Action::Help,
        Ui::KeyHelp,
        true,
    ),
    b(
        &[Code(KeyCode::Char('q')), Ctrl('c')],
        Action::Quit,
        Ui::KeyQuit,
        true,
    ),
];

const GRID: &[Binding] = &[
    b(
        &[Code(KeyCode::Char(' '))],
        Action::Fold,
        Ui::KeyFold,
        false,
    ),
    b(
        &[Code(KeyCode::Char('p'))],
        Action::TogglePoints,
        Ui::KeyTogglePoints,
        false,
    ),
];

const ROOM_INFO: &[Binding] = &[
    b(
        &[Code(Esc), Code(Enter)],
        Action::Cancel,
        Ui::KeyClose,
        true,
    ),
    b(
        &[Code(KeyCode::Char('x'))],
        Action::StopRoom,
        Ui::KeyStopRoom,
        true,
    ),
];

const PROJECTOR: &[Binding] = &[
    b(
        &[Code(KeyCode::Char('w')), Code(Esc)],
        Action::Projector,
        Ui::KeyProjectorOff,
        true,
    ),
    b(
        &[Code(KeyCode::Char(' '))],
        Action::Pause,
        Ui::KeyPause,
        true,
    ),
    b(
        &[Code(KeyCode::Char('c'))],
        Action::WallTheme,
        Ui::KeyWallTheme,
        true,
    ),
];

/// How the screen ranks units still being scored.
const ROOM: &[Binding] = &[b(
    &[Code(KeyCode::Char('t'))],
    Action::RankPartial,
    Ui::KeyRankPartial,
    false,
)];

/// Last on the grid and the card: any other letter opens a level or met / not-met cell's
/// editor, storing nothing.
const LETTERS: &[Binding] = &[typed(
    &[Key::Text],
    Does::EditWithChar,
    Ui::KeyOpenWithLetter,
    false,
)];

const CARD: &[Binding] = &[
    b(
        &[Code(KeyCode::Char(']'))],
        Action::NextUnit,
        Ui::KeyNextUnit,
        true,
    ),
    b(
        &[Code(KeyCode::Char('['))],
        Action::PrevUnit,
        Ui::KeyPrevUnit,
        true,
    ),
];

const RANKING: &[Binding] = &[
    each(
        &[Code(Up), Code(Down)],
        &[Action::Up, Action::Down],
        Ui::KeyMoveUnit,
        true,
    ),
    b(&[Code(Enter)], Action::ShowCard, Ui::KeyOpenCard, true),
];

const CHOICE: &[Binding] = &[
    typed(&[Key::Digits], Does::PickDigit, Ui::KeyPick, true),
    each(
        &[Code(Up), Code(Down)],
        &[Action::Up, Action::Down],
        Ui::KeyChoose,
        true,
    ),
    b(&[Code(Enter)], Action::Confirm, Ui::KeyConfirm, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyCancel, true),
];

/// Keys of a met / not-met editor, on top of `CHOICE`.
pub const MET_KEYS: &[Binding] = &[
    b(
        &[
            Code(KeyCode::Char('đ')),
            Code(KeyCode::Char('d')),
            Code(KeyCode::Char('y')),
        ],
        Action::Met(true),
        Ui::KeyMet,
        true,
    ),
    b(
        &[Code(KeyCode::Char('k')), Code(KeyCode::Char('n'))],
        Action::Met(false),
        Ui::KeyNotMet,
        true,
    ),
];

/// Cursor and deletion keys of every text field.
const TEXT_EDITING: &[Binding] = &[
    each(
        &[Code(Left), Code(Right)],
        &[Action::Left, Action::Right],
        Ui::KeyCursor,
        false,
    ),
    b(&[Code(Home)], Action::Home, Ui::KeyLineStart, false),
    b(&[Code(End)], Action::End, Ui::KeyLineEnd, false),
    b(
        &[Code(Backspace)],
        Action::Backspace,
        Ui::KeyBackspace,
        false,
    ),
    b(&[Code(Delete)], Action::Delete, Ui::KeyDelete, false),
];

const NUMBER: &[Binding] = &[
    typed(&[Key::Text], Does::Input, Ui::KeyType, false),
    b(&[Code(Enter)], Action::Confirm, Ui::KeyConfirm, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyCancel, true),
];

const NOTE: &[Binding] = &[
    typed(&[Key::Text], Does::Input, Ui::KeyType, false),
    b(&[Code(Enter)], Action::Confirm, Ui::KeySaveNote, true),
    b(
        &[Key::Alt(Enter), Ctrl('j')],
        Action::NewLine,
        Ui::KeyNewLine,
        true,
    ),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyCancel, true),
];

const SIGN_DETAILS: &[Binding] = &[
    typed(&[Key::Text], Does::Input, Ui::KeyType, false),
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
    b(
        &[Key::Alt(Enter), Ctrl('j')],
        Action::NewLine,
        Ui::KeyNewRecipient,
        false,
    ),
    b(&[Code(Enter)], Action::Confirm, Ui::KeyContinue, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyCancel, true),
];

const HELP: &[Binding] = &[
    typed(&[Key::Text], Does::Input, Ui::KeyFilter, true),
    b(
        &[Code(Esc), Code(F(1))],
        Action::Cancel,
        Ui::KeyCloseHelp,
        true,
    ),
];

const SIGN: &[Binding] = &[
    b(&[Code(Enter)], Action::Confirm, Ui::KeyContinue, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyCancel, true),
    typed(&[Key::Text], Does::Input, Ui::KeyType, false),
    b(
        &[Code(Backspace)],
        Action::Backspace,
        Ui::KeyBackspace,
        false,
    ),
];

const ASK: &[Binding] = &[
    typed(&[Key::Digits], Does::PickDigit, Ui::KeyPickChoice, true),
    each(
        &[Code(Up), Code(Down)],
        &[Action::Up, Action::Down],
        Ui::KeyChoose,
        true,
    ),
    b(&[Code(Enter)], Action::Confirm, Ui::KeyContinue, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyCancel, true),
];

const REASON: &[Binding] = &[
    typed(&[Key::Text], Does::Input, Ui::KeyType, false),
    b(&[Code(Enter)], Action::Confirm, Ui::KeyConfirm, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyCancel, true),
];

const VOTES: &[Binding] = &[
    each(
        &[Code(Up), Code(Down)],
        &[Action::Up, Action::Down],
        Ui::KeyVoteField,
        true,
    ),
    b(&[Code(Tab)], Action::NextColumn, Ui::KeyVoteField, false),
    b(
        &[Code(BackTab)],
        Action::PrevColumn,
        Ui::KeyVoteField,
        false,
    ),
    each(
        &[Code(Left), Code(Right)],
        &[Action::Left, Action::Right],
        Ui::KeyVoteAward,
        true,
    ),
    b(&[Code(PageUp)], Action::PageUp, Ui::KeyVoteAward, false),
    b(&[Code(PageDown)], Action::PageDown, Ui::KeyVoteAward, false),
    typed(&[Key::AllDigits], Does::Input, Ui::KeyVoteDigits, false),
    b(
        &[Code(Backspace)],
        Action::Backspace,
        Ui::KeyBackspace,
        false,
    ),
    b(&[Code(Enter)], Action::Confirm, Ui::KeyVoteRecord, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyClose, true),
];

const LOG: &[Binding] = &[
    each(
        &[Code(Up), Code(Down)],
        &[Action::Up, Action::Down],
        Ui::KeyScroll,
        false,
    ),
    b(&[Code(PageUp)], Action::PageUp, Ui::KeyPageUp, false),
    b(&[Code(PageDown)], Action::PageDown, Ui::KeyPageDown, false),
    b(&[Code(Home)], Action::Home, Ui::KeyNewest, false),
    b(&[Code(End)], Action::End, Ui::KeyOldest, false),
    b(
        &[Code(KeyCode::Char('u'))],
        Action::OnlyUnit,
        Ui::KeyOnlyUnit,
        true,
    ),
    b(
        &[Code(KeyCode::Char('c'))],
        Action::OnlyItem,
        Ui::KeyOnlyItem,
        true,
    ),
    b(
        &[Code(KeyCode::Char('x'))],
        Action::Export,
        Ui::KeyExport,
        true,
    ),
    b(
        &[Code(KeyCode::Char('?')), Code(F(1))],
        Action::Help,
        Ui::KeyHelp,
        false,
    ),
    b(
        &[Code(Esc), Code(KeyCode::Char('q'))],
        Action::Cancel,
        Ui::KeyCloseHelp,
        true,
    ),
];

const START: &[Binding] = &[
    each(
        &[Code(Up), Code(Down)],
        &[Action::Up, Action::Down],
        Ui::KeyChooseSession,
        true,
    ),
    b(&[Code(Enter)], Action::Confirm, Ui::KeyOpenSession, true),
    b(
        &[Code(KeyCode::Char('n'))],
        Action::NewSchemeBook,
        Ui::KeyNewSchemeBook,
        true,
    ),
    b(
        &[Code(KeyCode::Char('l'))],
        Action::ToggleLang,
        Ui::KeyLang,
        true,
    ),
    b(
        &[Code(KeyCode::Char('q')), Code(Esc), Ctrl('c')],
        Action::Quit,
        Ui::KeyQuit,
        true,
    ),
];

/// Every binding of a context, in the order the help lists them.
/// Ctrl-C quits from anywhere, a dialog or a field included (the screens list it with `q`).
const QUIT_ANYWHERE: &[Binding] = &[b(&[Ctrl('c')], Action::Quit, Ui::KeyQuit, false)];

pub fn bindings(context: Context) -> Vec<&'static Binding> {
    let groups: &[&[Binding]] = match context {
        Context::Grid => &[MOVE, ENTER, GRID, ROOM, SCREENS, GENERAL, LETTERS],
        Context::Card => &[MOVE, ENTER, CARD, ROOM, SCREENS, GENERAL, LETTERS],
        Context::Ranking => &[RANKING, ROOM, SCREENS, GENERAL],
        // The wall's own keys first; the head keeps moving and entering underneath.
        Context::RoomInfo => &[ROOM_INFO, QUIT_ANYWHERE],
        Context::Projector => &[PROJECTOR, MOVE, ENTER, ROOM, SCREENS, GENERAL, LETTERS],
        // The same keys as the ranking: a unit chosen in the year-end order, its card.
        Context::Compare => &[RANKING, SCREENS, GENERAL],
        Context::Choice => &[CHOICE, QUIT_ANYWHERE],
        Context::Met => &[CHOICE, MET_KEYS, QUIT_ANYWHERE],
        Context::Number => &[NUMBER, TEXT_EDITING, QUIT_ANYWHERE],
        Context::Note => &[NOTE, TEXT_EDITING, QUIT_ANYWHERE],
        Context::Help => &[HELP, QUIT_ANYWHERE],
        Context::Sign => &[SIGN, QUIT_ANYWHERE],
        Context::SignDetails => &[SIGN_DETAILS, TEXT_EDITING, QUIT_ANYWHERE],
        Context::Votes => &[VOTES, QUIT_ANYWHERE],
        Context::Ask => &[ASK, QUIT_ANYWHERE],
        Context::Reason => &[REASON, TEXT_EDITING, QUIT_ANYWHERE],
        Context::Log => &[LOG, QUIT_ANYWHERE],
        Context::ImportSelf => &[IMPORT_SELF, TEXT_EDITING, QUIT_ANYWHERE],
        Context::Writing => &[WRITING, QUIT_ANYWHERE],
        Context::WritingEdit => &[WRITING_EDIT, TEXT_EDITING, QUIT_ANYWHERE],
        Context::WritingElection => &[WRITING_ELECTION, QUIT_ANYWHERE],
        Context::WritingMinutes => &[WRITING_MINUTES, TEXT_EDITING, QUIT_ANYWHERE],
        Context::Start => &[START],
        Context::Ward => &[WARD],
        Context::WardPaper => &[WARD_PAPER, TEXT_EDITING, QUIT_ANYWHERE],
    };
    groups.iter().flat_map(|g| g.iter()).collect()
}
