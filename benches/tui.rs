//! Figures of the scoring screen on a generated bloc of 60 units × 200 criteria, fully
//! entered, drawn on a 200×60 test terminal: one key handled and the frame redrawn, for
//! navigation keys and for a confirmed entry (which writes and fsyncs the journal).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thidua::i18n::Lang;
use thidua::model::Period;
use thidua::model::scheme::Scale;
use thidua::model::{ItemKind, Rule};
use thidua::store::load_covenant;
use thidua::store::records::{Records, session_dir};
use thidua::synthetic;
use thidua::tui::app::{App, Column};

const UNITS: usize = 60;
const CRITERIA: usize = 200;
const PERIOD: Period = Period::YearEnd;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Writes the generated scheme and bloc as `blocs/gen.ron` and `scoring/gen.ron` under `root`
/// and opens the session's records with every cell entered.
fn open(root: &Path) -> App {
    let bloc_file = synthetic::write_files(root, UNITS, CRITERIA).expect("write files");
    let covenant = load_covenant(&bloc_file).expect("valid files").covenant;
    let dir = session_dir(&root.join("records"), &covenant.bloc.id, 2026, PERIOD)
        .expect("a safe session folder");
    let mut records = Records::open(&dir, &covenant, PERIOD).expect("open records");
    let sheet = synthetic::full_sheet(&covenant);
    records
        .apply(&synthetic::entries(&covenant, &sheet, PERIOD))
        .expect("enter every cell");
    App::new(Lang::Vi, covenant, PERIOD, 2026, Box::new(records)).expect("the session opens")
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(200, 60)).expect("test terminal")
}

/// The first criterion with a free score: a digit typed on it opens the number editor.
fn free_item(app: &App) -> usize {
    app.covenant
        .layout
        .items
        .iter()
        .position(|it| {
            it.kind == ItemKind::Criterion
                && matches!(
                    &it.rule,
                    Rule::Criterion {
                        scale: Scale::Free { .. },
                        ..
                    }
                )
        })
        .expect("a free-score criterion")
}

/// Navigation: Right and Down alternating, so the selection moves and the grid scrolls both
/// ways; at the last unit the direction turns (Left and Up) and back again at the first.
struct Walk {
    n: usize,
    back: bool,
}

impl Walk {
    fn next(&mut self, app: &App) -> KeyEvent {
        if app.unit + 1 == UNITS {
            self.back = true;
        } else if app.unit == 0 {
            self.back = false;
        }
        self.n += 1;
        key(match (self.back, self.n.is_multiple_of(2)) {
            (false, true) => KeyCode::Right,
            (false, false) => KeyCode::Down,
            (true, true) => KeyCode::Left,
            (true, false) => KeyCode::Up,
        })
    }
}

fn benches(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut app = open(tmp.path());
    let mut term = terminal();
    term.draw(|f| thidua::tui::view::draw(&app, f))
        .expect("draw");

    let mut walk = Walk { n: 0, back: false };
    c.bench_function("key + draw: navigation (Right/Down) 60x200, 200x60", |b| {
        b.iter(|| {
            app.key(walk.next(&app));
            term.draw(|f| thidua::tui::view::draw(black_box(&app), f))
                .expect("draw");
        })
    });

    // The parts on their own: the key alone, a full draw alone.
    c.bench_function("key alone: navigation", |b| {
        b.iter(|| app.key(walk.next(&app)))
    });
    c.bench_function("draw alone: grid 200x60", |b| {
        b.iter(|| {
            term.draw(|f| thidua::tui::view::draw(black_box(&app), f))
                .expect("draw");
        })
    });

    // A confirmed entry: with the number editor open on a free-score cell (a digit typed and
    // drawn, outside the clock), Enter parses, writes and fsyncs the journal, recomputes the
    // results and moves down; the frame is redrawn. Up (outside the clock) brings the
    // selection back, and the digit alternates so that every Enter stores a change.
    let item = free_item(&app);
    app.column = Column::Item(item);
    app.unit = 10;
    let mut digit = false;
    let mut prepare = |app: &mut App, term: &mut Terminal<TestBackend>| {
        digit = !digit;
        app.key(key(KeyCode::Char(if digit { '3' } else { '7' })));
        term.draw(|f| thidua::tui::view::draw(app, f))
            .expect("draw");
    };
    let mut samples = Vec::new();
    c.bench_function("key + draw: confirmed entry (Enter, journal fsync)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                prepare(&mut app, &mut term);
                let start = Instant::now();
                app.key(key(KeyCode::Enter));
                term.draw(|f| thidua::tui::view::draw(black_box(&app), f))
                    .expect("draw");
                let took = start.elapsed();
                total += took;
                samples.push(took);
                app.key(key(KeyCode::Up));
            }
            total
        })
    });
    assert!(app.cell(10, item).value.is_some(), "entries were stored");

    typing_a_long_note(c);

    // Criterion reports batches; an entry's own latency has a tail (every 1,000th entry also
    // writes the snapshot: temp file, fsync, rename, directory fsync), so print the spread of
    // single entries (warm-up included) and which ones took over 10 ms. (None were taken when
    // a filter left that bench out.)
    if samples.is_empty() {
        return;
    }
    let slow: Vec<String> = samples
        .iter()
        .enumerate()
        .filter(|(_, d)| d.as_millis() >= 10)
        .map(|(n, d)| format!("#{} {:.0} ms", n + 1, d.as_secs_f64() * 1e3))
        .collect();
    samples.sort();
    let pct = |p: f64| samples[((samples.len() - 1) as f64 * p) as usize].as_secs_f64() * 1e3;
    println!(
        "confirmed entry, {} single entries: median {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.1} ms; over 10 ms: {}",
        samples.len(),
        pct(0.5),
        pct(0.9),
        pct(0.99),
        pct(1.0),
        if slow.is_empty() {
            "none".to_string()
        } else {
            slow.join(", ")
        }
    );
}

/// A long note typed (not pasted) key by key: 20,000 characters of Vietnamese, as an input
/// method sends them (an accented letter now and then as a backspace and the letter again).
/// Every key must cost the same however long the note is: the whole note is timed.
fn typing_a_long_note(c: &mut Criterion) {
    let letters: Vec<char> = "Phường đã hoàn thành kế hoạch năm, có minh chứng kèm theo. "
        .chars()
        .collect();
    c.bench_function("typing a 20,000-character note, key by key", |b| {
        b.iter(|| {
            let mut field = thidua::tui::field::TextField::multiline("");
            for n in 0..20_000 {
                let c = letters[n % letters.len()];
                if n % 4 == 0 && !c.is_ascii() {
                    field.insert("a");
                    field.backspace();
                }
                field.insert(c.encode_utf8(&mut [0; 4]));
            }
            assert_eq!(field.text().chars().count(), 20_000);
            black_box(field)
        })
    });
}

criterion_group! {
    name = tui;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(4));
    targets = benches
}
criterion_main!(tui);
