//! The scoring screen: a ratatui application in the Elm way. `app` holds the state and its
//! update function, `keymap` the keys as data, `view` the drawing, `start` the choice of a
//! session; this module runs the terminal and the loop.

pub mod app;
mod cell_keys;
pub mod compare;
pub mod dialog;
pub mod display;
pub mod editor;
pub mod field;
pub mod history;
pub mod import_self;
pub mod keymap;
mod navigation;
pub mod path;
pub mod projector;
pub mod prompt;
pub mod room_info;
mod room_link;
pub mod sign;
pub mod start;
pub mod status;
pub mod view;
pub mod votes;
pub mod ward;
pub mod widgets;
pub mod wrap;
pub mod writing;

use std::io::{IsTerminal, stdout};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::i18n::{Lang, Msg};
use crate::model::Period;
use crate::store::load_covenant;
use crate::store::records::{Records, session_dir};

use app::App;
use keymap::Action;
use start::{Choice, Start};
use status::Said;

/// Which session to open, as the command line gave it.
pub struct SessionTarget {
    pub bloc_file: PathBuf,
    pub period: Period,
    pub year: Option<i32>,
    pub data: Option<PathBuf>,
}

/// The records folder of the open session, for the message after a crash.
static OPEN_RECORDS: Mutex<Option<(Lang, PathBuf)>> = Mutex::new(None);

/// Opens a session: the covenant loaded and the records locked; why not, in no language yet.
pub fn open_session(lang: Lang, target: &SessionTarget) -> Result<(App, Vec<Msg>), Said> {
    let loaded = load_covenant(&target.bloc_file).map_err(|e| Said::Load {
        file: target.bloc_file.clone(),
        error: std::rc::Rc::new(e),
        first_line_only: false,
    })?;
    let covenant = loaded.covenant.clone();
    let year = target.year.unwrap_or(covenant.bloc.year);
    let data = crate::store::paths::data_dir(&target.bloc_file, target.data.as_deref());
    let dir = session_dir(&data, &covenant.bloc.id, year, target.period)
        .map_err(|e| Said::Msg(Msg::UnsafeName(e.0)))?;
    let records = Records::open(&dir, &covenant, target.period).map_err(Said::from)?;
    let notices: Vec<Msg> = records.notices.clone();
    let mut app = App::new(lang, covenant, target.period, year, Box::new(records))
        .map_err(|o| Said::Msg(Msg::overflow(&loaded.covenant, &o)))?;
    app.records_dir = dir;
    if target.period == Period::YearEnd
        && let Ok(mid_year) = session_dir(&data, &app.covenant.bloc.id, year, Period::MidYear)
    {
        app.compare = compare::Compare::read(&app.covenant, &mid_year);
    }
    app.signing = Some(sign::Signing {
        loaded,
        key: crate::report::keys::default_secret_key_path().ok(),
        out_dir: crate::store::paths::summaries_dir(&data),
    });
    app.blocs_dir = target
        .bloc_file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    Ok((app, notices))
}

/// Where the run starts.
pub enum Launch {
    /// `thidua` alone: the start screen, or straight into the only bloc.
    Start { blocs: PathBuf },
    /// `thidua score …`.
    Session(SessionTarget),
}

/// The live page asked for on the command line (`--room`, `--room-addr`).
#[derive(Debug, Clone, Copy, Default)]
pub struct RoomLaunch {
    /// Serve it as soon as a session opens.
    pub serve: bool,
    /// Where; the laptop's LAN address when not given.
    pub addr: Option<std::net::SocketAddr>,
}

/// Runs the scoring screen; returns the exit code.
pub fn run(lang: Lang, launch: Launch, mouse: bool, room: RoomLaunch) -> u8 {
    if !std::io::stdin().is_terminal() || !stdout().is_terminal() {
        eprintln!("{}", lang.msg(&Msg::NeedsTerminal));
        return crate::exit::USAGE;
    }
    // Open the first session before taking over the terminal, so that a refusal (a lock, a
    // broken file) prints as plain text.
    let mut first = match launch {
        Launch::Session(target) => match open_session(lang, &target) {
            Ok(opened) => Screen::Session(Box::new(opened.0), opened.1),
            Err(said) => {
                eprintln!("{}", said.text(lang));
                return crate::exit::USAGE;
            }
        },
        Launch::Start { blocs } => start_screen(lang, &blocs, true),
    };
    install_hooks();
    let mut terminal = ratatui::init();
    let _ = execute!(stdout(), EnableBracketedPaste);
    if mouse {
        let _ = execute!(stdout(), EnableMouseCapture);
    }
    let result = run_screens(&mut terminal, &mut first, room);
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
    *OPEN_RECORDS.lock().unwrap_or_else(|e| e.into_inner()) = None;
    exit_code(result)
}

/// 0 for a screen closed by the user; the error said and a usage failure otherwise.
fn exit_code(result: std::io::Result<()>) -> u8 {
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{e}");
            crate::exit::USAGE
        }
    }
}

/// Runs the ward's screen on `workspace`; returns the exit code.
pub fn run_ward(lang: Lang, workspace: crate::ward::Workspace) -> u8 {
    if !std::io::stdin().is_terminal() || !stdout().is_terminal() {
        eprintln!("{}", lang.msg(&Msg::NeedsTerminal));
        return crate::exit::USAGE;
    }
    install_hooks();
    let mut terminal = ratatui::init();
    let mut screen = ward::WardScreen::open(lang, workspace, crate::store::records::now);
    let result = (|| -> std::io::Result<()> {
        while !screen.quit {
            terminal.draw(|f| screen.draw(f))?;
            if let Event::Key(key) = event::read()? {
                screen.key(key);
            }
        }
        Ok(())
    })();
    ratatui::restore();
    exit_code(result)
}

enum Screen {
    Start(Start),
    /// An open session and what opening it found (a torn line set aside, …).
    Session(Box<App>, Vec<Msg>),
}

/// The start screen for the blocs in `blocs`; with a single bloc, straight into its session.
fn start_screen(lang: Lang, blocs: &Path, allow_direct: bool) -> Screen {
    let (choices, problems) = start::discover(blocs, None);
    let mut start = Start::new(lang, choices, problems);
    start.folder = Some(blocs.parent().unwrap_or(Path::new(".")).to_path_buf());
    let single_bloc = start
        .choices
        .iter()
        .all(|c| c.bloc_file == start.choices[0].bloc_file);
    if allow_direct && !start.choices.is_empty() && single_bloc && start.problems.is_empty() {
        let choice = start.choices[start.selected].clone();
        match open_choice(lang, &choice) {
            Ok((app, notices)) => return Screen::Session(Box::new(app), notices),
            Err(message) => start.problems.push(message),
        }
    }
    Screen::Start(start)
}

fn open_choice(lang: Lang, choice: &Choice) -> Result<(App, Vec<Msg>), Said> {
    open_session(
        lang,
        &SessionTarget {
            bloc_file: choice.bloc_file.clone(),
            period: choice.period,
            year: Some(choice.year),
            data: None,
        },
    )
}

fn run_screens(
    terminal: &mut DefaultTerminal,
    screen: &mut Screen,
    room: RoomLaunch,
) -> std::io::Result<()> {
    loop {
        match screen {
            Screen::Start(start) => {
                run_start(terminal, start)?;
                if start.quit {
                    return Ok(());
                }
                if let Some(choice) = start.open.take() {
                    match open_choice(start.lang, &choice) {
                        Ok((app, notices)) => *screen = Screen::Session(Box::new(app), notices),
                        Err(message) => start.problems = vec![message],
                    }
                }
            }
            Screen::Session(app, notices) => {
                if !notices.is_empty() {
                    app.status = Some(app::Status::Error(app::Said::Msgs(notices.clone())));
                }
                remember_records(app);
                app.room_addr = room.addr;
                if room.serve && app.room.is_none() {
                    app.start_room();
                }
                run_session(terminal, app)?;
                if app.quit {
                    return Ok(());
                }
                let (lang, blocs) = (app.lang, app.blocs_dir.clone());
                // The session is dropped here, releasing its lock.
                *screen = start_screen(lang, &blocs, false);
            }
        }
    }
}

fn remember_records(app: &App) {
    *OPEN_RECORDS.lock().unwrap_or_else(|e| e.into_inner()) =
        Some((app.lang, app.records_dir.clone()));
}

fn run_start(terminal: &mut DefaultTerminal, start: &mut Start) -> std::io::Result<()> {
    loop {
        terminal.draw(|f| start.draw(f))?;
        if let Event::Key(key) = event::read()? {
            start.key(key);
        }
        if start.quit || start.open.is_some() {
            return Ok(());
        }
    }
}

/// How often the screen looks for a worker's answer and draws its progress.
const WORKER_TICK: Duration = Duration::from_millis(80);

fn run_session(terminal: &mut DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    loop {
        terminal.draw(|f| view::draw(app, f))?;
        // While a worker runs, the screen is drawn again every tick, showing its progress.
        if app.busy() && !event::poll(WORKER_TICK)? {
            app.tick();
            continue;
        }
        // An input method's burst (a backspace and the new letter) arrives as several events:
        // handle all that are waiting, then draw once.
        handle(app, event::read()?);
        while !app.quit && !app.to_sessions && event::poll(Duration::ZERO)? {
            handle(app, event::read()?);
        }
        if app.quit || app.to_sessions {
            return Ok(());
        }
        // The phones follow each change and each move of the selection.
        app.publish_room();
    }
}

fn handle(app: &mut App, event: Event) {
    match event {
        Event::Key(key) => app.key(key),
        Event::Paste(text) => app.paste(&text),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => app.click(mouse.column, mouse.row),
            MouseEventKind::ScrollUp => app.update(Action::Up),
            MouseEventKind::ScrollDown => app.update(Action::Down),
            _ => {}
        },
        _ => {}
    }
}

/// color-eyre's hooks first, then a line in the user's language saying where the records are;
/// `ratatui::init` adds the terminal's restoration in front of both.
fn install_hooks() {
    let _ = color_eyre::install();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
        previous(info);
        if let Some((lang, dir)) = OPEN_RECORDS.lock().ok().and_then(|guard| guard.clone()) {
            eprintln!(
                "\n{}",
                lang.msg(&Msg::Crashed {
                    dir: dir.display().to_string()
                })
            );
        }
    }));
}
