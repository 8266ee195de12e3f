//! The keymap as data: for each context of the screen, the keys, the action they trigger and
//! the catalog entry that describes them. The help overlay and the hint bar are drawn from
//! this table, so they cannot drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Ui;
use crate::i18n::compare::CompareText;

/// What a key asks for. The same action can mean different things in different contexts
/// (`Left` moves a cell in the grid and the cursor in a text field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    NextColumn,
    PrevColumn,
    PageUp,
    PageDown,
    Home,
    End,
    /// Open the editor of the selected cell.
    Edit,
    /// Open the editor with this key already typed (a digit in the grid).
    EditWith(char),
    Clear,
    Note,
    Undo,
    Redo,
    Fold,
    ShowGrid,
    ShowCard,
    ShowRanking,
    ShowCompare,
    NextUnit,
    PrevUnit,
    ToggleLang,
    Help,
    Sessions,
    /// Open the dialog that signs the session's summary.
    Sign,
    /// Freeze the results, or reopen them with a reason.
    Freeze,
    /// Record the members' vote on the awards (year-end).
    Votes,
    /// Take the unit's self-score as the bloc's score (a cell, a unit, every unscored cell).
    Accept,
    /// The selected cell's history.
    CellHistory,
    /// The session's change log.
    Log,
    /// In the change log: only the selected unit, only the selected criterion (toggles).
    OnlyUnit,
    OnlyItem,
    /// Write what the change log shows to a CSV file.
    Export,
    Quit,
    Confirm,
    Cancel,
    /// Pick the n-th choice (1-based) of a level or met / not-met editor and confirm it.
    Pick(usize),
    Met(bool),
    NewLine,
    Backspace,
    Delete,
    /// Typed or pasted text.
    Input(String),
}

/// Where the keys are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Grid,
    Card,
    Ranking,
    Compare,
    /// The editor of a level or met / not-met cell.
    Choice,
    /// The editor of a number.
    Number,
    Note,
    Help,
    /// The signing dialog: confirm, then the passphrase.
    Sign,
    /// The vote dialog.
    Votes,
    /// A question answered by a choice or Enter.
    Ask,
    /// A question answered in words (a reason).
    Reason,
    /// A cell's history or the change log.
    Log,
    Start,
}

/// A key as the keymap names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode),
    Ctrl(char),
    Alt(KeyCode),
    /// Any digit 1–9 (shown once in the help).
    Digits,
    /// Any printable character (shown once in the help).
    Text,
}

/// One line of the keymap: keys, what they do, how the help describes them, and whether the
/// hint bar shows them.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub describe: Ui,
    pub hint: bool,
}

const fn b(keys: &'static [Key], action: Action, describe: Ui, hint: bool) -> Binding {
    Binding {
        keys,
        action,
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
    b(
        &[Code(Up), Code(Down), Code(Left), Code(Right)],
        Action::Up,
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
    b(
        &[Key::Digits],
        Action::EditWith('1'),
        Ui::KeyEditWith,
        false,
    ),
    b(
        &[Code(Delete), Code(Backspace)],
        Action::Clear,
        Ui::KeyClear,
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
    b(&[Code(F(7))], Action::Votes, Ui::KeyVotes, false),
    b(&[Code(F(8))], Action::Freeze, Ui::KeyFreeze, false),
    b(
        &[Code(F(9)), Code(KeyCode::Char('s'))],
        Action::Sign,
        Ui::KeySign,
        true,
    ),
    b(&[Code(KeyCode::Char('j'))], Action::Log, Ui::KeyLog, false),
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

const GRID: &[Binding] = &[b(
    &[Code(KeyCode::Char(' '))],
    Action::Fold,
    Ui::KeyFold,
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
    b(&[Code(Up), Code(Down)], Action::Up, Ui::KeyMoveUnit, true),
    b(&[Code(Enter)], Action::ShowCard, Ui::KeyOpenCard, true),
];

const CHOICE: &[Binding] = &[
    b(&[Key::Digits], Action::Pick(1), Ui::KeyPick, true),
    b(&[Code(Up), Code(Down)], Action::Up, Ui::KeyChoose, true),
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
    b(
        &[Code(Left), Code(Right)],
        Action::Left,
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
    b(
        &[Key::Text],
        Action::Input(String::new()),
        Ui::KeyType,
        false,
    ),
    b(&[Code(Enter)], Action::Confirm, Ui::KeyConfirm, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyCancel, true),
];

const NOTE: &[Binding] = &[
    b(
        &[Key::Text],
        Action::Input(String::new()),
        Ui::KeyType,
        false,
    ),
    b(&[Code(Enter)], Action::Confirm, Ui::KeySaveNote, true),
    b(
        &[Key::Alt(Enter), Ctrl('j')],
        Action::NewLine,
        Ui::KeyNewLine,
        true,
    ),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyCancel, true),
];

const HELP: &[Binding] = &[
    b(
        &[Key::Text],
        Action::Input(String::new()),
        Ui::KeyFilter,
        true,
    ),
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
    b(
        &[Key::Text],
        Action::Input(String::new()),
        Ui::KeyType,
        false,
    ),
    b(
        &[Code(Backspace)],
        Action::Backspace,
        Ui::KeyBackspace,
        false,
    ),
];

const ASK: &[Binding] = &[
    b(&[Key::Digits], Action::Pick(1), Ui::KeyPickChoice, true),
    b(&[Code(Up), Code(Down)], Action::Up, Ui::KeyChoose, true),
    b(&[Code(Enter)], Action::Confirm, Ui::KeyContinue, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyCancel, true),
];

const REASON: &[Binding] = &[
    b(
        &[Key::Text],
        Action::Input(String::new()),
        Ui::KeyType,
        false,
    ),
    b(&[Code(Enter)], Action::Confirm, Ui::KeyConfirm, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyCancel, true),
];

const VOTES: &[Binding] = &[
    b(
        &[Code(Up), Code(Down)],
        Action::Down,
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
    b(
        &[Code(Left), Code(Right)],
        Action::Right,
        Ui::KeyVoteAward,
        true,
    ),
    b(&[Code(PageUp)], Action::PageUp, Ui::KeyVoteAward, false),
    b(&[Code(PageDown)], Action::PageDown, Ui::KeyVoteAward, false),
    b(
        &[Code(KeyCode::Char('0')), Key::Digits],
        Action::Input(String::new()),
        Ui::KeyVoteDigits,
        false,
    ),
    b(
        &[Code(Backspace)],
        Action::Backspace,
        Ui::KeyBackspace,
        false,
    ),
    b(&[Code(Enter)], Action::Confirm, Ui::KeyVoteRecord, true),
    b(&[Code(Esc)], Action::Cancel, Ui::KeyVoteClose, true),
];

const LOG: &[Binding] = &[
    b(&[Code(Up), Code(Down)], Action::Up, Ui::KeyScroll, false),
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
    b(
        &[Code(Up), Code(Down)],
        Action::Up,
        Ui::KeyChooseSession,
        true,
    ),
    b(&[Code(Enter)], Action::Confirm, Ui::KeyOpenSession, true),
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
pub fn bindings(context: Context) -> Vec<&'static Binding> {
    let groups: &[&[Binding]] = match context {
        Context::Grid => &[MOVE, ENTER, GRID, SCREENS, GENERAL],
        Context::Card => &[MOVE, ENTER, CARD, SCREENS, GENERAL],
        Context::Ranking => &[RANKING, SCREENS, GENERAL],
        // The same keys as the ranking: a unit chosen in the year-end order, its card.
        Context::Compare => &[RANKING, SCREENS, GENERAL],
        Context::Choice => &[CHOICE, MET_KEYS],
        Context::Number => &[NUMBER, TEXT_EDITING],
        Context::Note => &[NOTE, TEXT_EDITING],
        Context::Help => &[HELP],
        Context::Sign => &[SIGN],
        Context::Votes => &[VOTES],
        Context::Ask => &[ASK],
        Context::Reason => &[REASON, TEXT_EDITING],
        Context::Log => &[LOG],
        Context::Start => &[START],
    };
    groups.iter().flat_map(|g| g.iter()).collect()
}

/// The action a key press asks for in a context, if any.
///
/// Keys listed together on one line of the keymap (the four arrows) share a description but
/// each has its own action; `resolve` works that out here rather than in the table.
pub fn resolve(context: Context, key: &KeyEvent, met_keys: bool) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let text_context = matches!(
        context,
        Context::Number
            | Context::Note
            | Context::Help
            | Context::Sign
            | Context::Reason
            | Context::Votes
    );
    // Keys that always mean the same, whatever the table says.
    let direct = match key.code {
        KeyCode::Up => Some(Action::Up),
        KeyCode::Down => Some(Action::Down),
        KeyCode::Left => Some(Action::Left),
        KeyCode::Right => Some(Action::Right),
        _ => None,
    };
    if let Some(a) = direct {
        return Some(a);
    }
    if let KeyCode::Char(c) = key.code
        && !ctrl
        && !alt
    {
        if text_context {
            return Some(Action::Input(c.to_string()));
        }
        if matches!(context, Context::Choice | Context::Ask)
            && let Some(d) = c.to_digit(10).filter(|d| *d > 0)
        {
            return Some(Action::Pick(d as usize));
        }
        if matches!(context, Context::Grid | Context::Card) && c.is_ascii_digit() {
            return Some(Action::EditWith(c));
        }
    }
    let mut tables = bindings(context);
    if context == Context::Choice && !met_keys {
        tables.retain(|b| !matches!(b.action, Action::Met(_)));
    }
    tables
        .into_iter()
        .find(|b| b.keys.iter().any(|k| matches(k, key)))
        .map(|b| b.action.clone())
}

fn matches(k: &Key, key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match k {
        Key::Code(code) => !ctrl && !alt && same_key(code, &key.code),
        Key::Ctrl(c) => ctrl && key.code == KeyCode::Char(*c),
        Key::Alt(code) => alt && &key.code == code,
        Key::Digits | Key::Text => false,
    }
}

/// Letters match in either case (a user with Caps Lock on still quits with Q).
fn same_key(a: &KeyCode, b: &KeyCode) -> bool {
    match (a, b) {
        (KeyCode::Char(x), KeyCode::Char(y)) => x.to_lowercase().eq(y.to_lowercase()),
        _ => a == b,
    }
}

/// The name of a key as the help and the hint bar print it.
pub fn key_name(key: &Key, lang: crate::i18n::Lang) -> String {
    let code_name = |code: &KeyCode| match code {
        Up => "↑".to_string(),
        Down => "↓".to_string(),
        Left => "←".to_string(),
        Right => "→".to_string(),
        Tab => "Tab".to_string(),
        BackTab => "Shift-Tab".to_string(),
        PageUp => "PgUp".to_string(),
        PageDown => "PgDn".to_string(),
        Home => "Home".to_string(),
        End => "End".to_string(),
        Enter => "Enter".to_string(),
        Esc => "Esc".to_string(),
        Delete => "Del".to_string(),
        Backspace => "Backspace".to_string(),
        F(n) => format!("F{n}"),
        KeyCode::Char(' ') => lang.ui(Ui::SpaceKey).to_string(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    match key {
        Key::Code(code) => code_name(code),
        Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Key::Alt(code) => format!("Alt-{}", code_name(code)),
        Key::Digits => "1…9".to_string(),
        Key::Text => lang.ui(Ui::AnyTextKey).to_string(),
    }
}

/// The keys of a binding joined for display ("Ctrl-Z / u"). The four arrows print as "↑↓←→".
pub fn keys_label(binding: &Binding, lang: crate::i18n::Lang) -> String {
    let names: Vec<String> = binding.keys.iter().map(|k| key_name(k, lang)).collect();
    if names
        .iter()
        .all(|n| ["↑", "↓", "←", "→"].contains(&n.as_str()))
    {
        names.concat()
    } else {
        names.join(" / ")
    }
}
