//! The keymap as data: for each context of the screen, the keys, the action they trigger and
//! the catalog entry that describes them. The help overlay and the hint bar are drawn from
//! this table, so they cannot drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Ui;

/// What a key asks for. The same action can mean different things in different contexts
/// (`Left` moves a cell in the grid and the cursor in a text field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// On the start screen: write the sample scheme's workbook, to set up a first bloc.
    NewSchemeBook,
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
    /// The report's written sections.
    Writing,
    /// Save what is written and stay.
    Save,
    /// Take the unit's self-score as the bloc's score (a cell, a unit, every unscored cell).
    Accept,
    ImportSelf,
    /// Completes the typed path.
    Complete,
    /// The selected cell's history.
    CellHistory,
    /// The session's change log.
    Log,
    /// In the change log: only the selected unit, only the selected criterion (toggles).
    OnlyUnit,
    OnlyItem,
    /// Write what the change log shows to a CSV file.
    Export,
    /// The grid's cells: points, or the entries as typed.
    TogglePoints,
    /// Rank the units with cells still to enter on their partial totals too, or not.
    RankPartial,
    /// Serve the live page (if not yet) and show its address.
    Room,
    /// Stop serving the live page.
    StopRoom,
    /// The projector view on or off.
    Projector,
    /// Hold the projector view as it stands, or follow the session again.
    Pause,
    /// The projector view's light or dark wall.
    WallTheme,
    /// The selection to the next cell still to enter.
    NextMissing,
    /// The selection to the next score that differs from the self-score without a reason.
    NextUnexplained,
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
    /// On the ward's screen: read the inbox again.
    Recheck,
    /// On the ward's screen: compare the selected bloc's report with its paper copy.
    PaperCheck,
    /// Not a key: time passing while a worker runs, so that the dialog can look for its answer.
    Tick,
}

/// Where the keys are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Grid,
    Card,
    Ranking,
    Compare,
    /// The editor of a level cell.
    Choice,
    /// The editor of a met / not-met cell, which also takes the keys for met and not met.
    Met,
    /// The editor of a number.
    Number,
    Note,
    Help,
    /// The signing dialog: confirm, then the passphrase.
    Sign,
    /// The signing dialog's number, date and recipients.
    SignDetails,
    /// The vote dialog.
    Votes,
    /// A question answered by a choice or Enter.
    Ask,
    /// A question answered in words (a reason).
    Reason,
    /// A cell's history or the change log.
    Log,
    /// The path of self-score files to import.
    ImportSelf,
    /// The list of the report's written sections.
    Writing,
    /// The editor of a written section.
    WritingEdit,
    /// The year-end election's form.
    WritingElection,
    /// The minutes' form: the attendance and the count records.
    WritingMinutes,
    /// The projector view, while navigating.
    Projector,
    /// The live page's address and code.
    RoomInfo,
    Start,
    /// The ward's screen: the blocs expected and where each stands.
    Ward,
    /// The ward's paper check: two groups of a report's digest.
    WardPaper,
}

/// A key as the keymap names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode),
    Ctrl(char),
    Alt(KeyCode),
    /// Any digit 1–9 (shown once in the help).
    Digits,
    /// Any digit 0–9.
    AllDigits,
    /// Any printable character (shown once in the help).
    Text,
}

/// One line of the keymap: keys, what each does, how the help describes them, and whether the
/// hint bar shows them.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    pub does: Does,
    pub describe: Ui,
    pub hint: bool,
}

/// What the keys of a line do.
#[derive(Debug, Clone)]
pub enum Does {
    /// Every key of the line, the same action.
    One(Action),
    /// Each key its own action, in the order of the keys (↑ ↓ ← →).
    Each(&'static [Action]),
    /// The digit typed picks that option: `Pick(d)`.
    PickDigit,
    /// The digit typed starts the cell's editor with it: `EditWith(c)`.
    EditWithChar,
    /// The character typed goes to the field: `Input(c)`.
    Input,
}

impl Binding {
    /// The action of the binding's `n`-th key, typed as `c` when it is a character.
    fn action(&self, n: usize, c: Option<char>) -> Option<Action> {
        match (&self.does, c) {
            (Does::One(a), _) => Some(a.clone()),
            (Does::Each(actions), _) => actions.get(n).cloned(),
            (Does::PickDigit, Some(c)) => c.to_digit(10).map(|d| Action::Pick(d as usize)),
            (Does::EditWithChar, Some(c)) => Some(Action::EditWith(c)),
            (Does::Input, Some(c)) => Some(Action::Input(c.to_string())),
            _ => None,
        }
    }

    /// Whether any key of the line does `action` (a typed character counts as any text).
    pub fn does(&self, action: &Action) -> bool {
        match (&self.does, action) {
            (Does::One(a), _) => a == action,
            (Does::Each(actions), _) => actions.contains(action),
            (Does::PickDigit, Action::Pick(_)) => true,
            (Does::EditWithChar, Action::EditWith(_)) => true,
            (Does::Input, Action::Input(_)) => true,
            _ => false,
        }
    }
}

mod table;
mod ward;
mod writing;
pub use table::{MET_KEYS, bindings};

/// What a letter does in a met / not-met editor (`đ`, `k`…), if anything.
pub fn met_key(c: char) -> Option<Action> {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    MET_KEYS.iter().find_map(|b| {
        let n = b.keys.iter().position(|k| matches(k, &key))?;
        b.action(n, Some(c))
    })
}

/// The action a key press asks for in a context, if any: the first line of the context's
/// table that lists the key says what it does. Nothing else decides.
pub fn resolve(context: Context, key: &KeyEvent) -> Option<Action> {
    let typed = match key.code {
        KeyCode::Char(c) => Some(c),
        _ => None,
    };
    bindings(context).into_iter().find_map(|b| {
        let n = b.keys.iter().position(|k| matches(k, key))?;
        b.action(n, typed)
    })
}

fn matches(k: &Key, key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match k {
        Key::Code(code) => !ctrl && !alt && same_key(code, &key.code),
        Key::Ctrl(c) => ctrl && key.code == KeyCode::Char(*c),
        Key::Alt(code) => alt && &key.code == code,
        Key::Digits => {
            !ctrl && !alt && matches!(key.code, KeyCode::Char(c) if ('1'..='9').contains(&c))
        }
        Key::AllDigits => {
            !ctrl && !alt && matches!(key.code, KeyCode::Char(c) if c.is_ascii_digit())
        }
        Key::Text => !ctrl && !alt && matches!(key.code, KeyCode::Char(_)),
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
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Delete => "Del".to_string(),
        KeyCode::Backspace => "Backspace".to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(' ') => lang.ui(Ui::SpaceKey).to_string(),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    match key {
        Key::Code(code) => code_name(code),
        Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Key::Alt(code) => format!("Alt-{}", code_name(code)),
        Key::Digits => "1…9".to_string(),
        Key::AllDigits => "0…9".to_string(),
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
