//! The live page: its HTML for the sample session (snapshot), with no note or reason in it; the
//! security headers; a wrong token, another path and a write refused; the event stream sends the
//! view, then each change, and ends when the room is dropped. Everything binds to 127.0.0.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use ratatui::crossterm::event::KeyCode;
use thidua::i18n::Lang;
use thidua::model::Period;
use thidua::tui::app::App;

mod screen;

use screen::{Sample, press, select, type_text};

/// Where the screen serves its page: on 127.0.0.1, a port the system gives.
struct Served {
    addr: SocketAddr,
    /// "/t/<token>".
    path: String,
}

fn serve(app: &mut App) -> Served {
    app.room_addr = Some("127.0.0.1:0".parse().unwrap());
    app.update(thidua::tui::keymap::Action::Room);
    let room = app.room.as_ref().expect("the page is served");
    assert!(room.addr.ip().is_loopback());
    let path = room
        .url
        .split_once(&room.addr.to_string())
        .map(|(_, path)| path.to_string())
        .unwrap();
    Served {
        addr: room.addr,
        path,
    }
}

fn connect(room: &Served) -> TcpStream {
    let stream = TcpStream::connect(room.addr).unwrap();
    // A guard against a hang, not a timing target.
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
}

/// One whole request and response: (status, headers in lower case, body).
fn request(room: &Served, method: &str, path: &str) -> (u16, String, String) {
    let mut stream = connect(room);
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: thidua\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_lowercase(), body.to_string())
}

/// A sample session with a note and a reason typed on a cell: neither may reach the page.
fn with_private_words() -> Sample {
    let mut s = Sample::new(Period::MidYear, Lang::Vi);
    let app = &mut s.app;
    select(app, "thanh-dong", "I.1.2");
    press(app, KeyCode::Char('n'));
    type_text(app, "GHI-CHU-RIENG");
    press(app, KeyCode::Enter);
    s
}

#[test]
fn the_page_shows_the_ranking_and_no_note() {
    let s = with_private_words();
    let view = s.app.room_view();
    let html = thidua::room::page::page(&view, "/t/TOKEN");
    assert!(!html.contains("GHI-CHU-RIENG"));
    assert!(html.contains("<html lang=\"vi\">"));
    insta::assert_snapshot!("room-page-vi", html.replace("><", ">\n<"));
    let json = serde_json::to_string(&view).unwrap();
    assert!(!json.contains("GHI-CHU-RIENG"));
}

#[test]
fn the_server_answers_only_its_token_and_only_reads() {
    let mut s = with_private_words();
    let room = serve(&mut s.app);
    let path = room.path.clone();
    let (status, head, body) = request(&room, "GET", &path);
    assert_eq!(status, 200, "{head}");
    for header in [
        "x-frame-options: deny",
        "x-content-type-options: nosniff",
        "referrer-policy: no-referrer",
        "content-security-policy: default-src 'none'",
    ] {
        assert!(head.contains(header), "{header} in {head}");
    }
    assert!(body.contains("Thành Đông") && !body.contains("GHI-CHU-RIENG"));
    for asset in ["/page.js", "/page.css"] {
        let (status, head, _) = request(&room, "GET", &format!("{path}{asset}"));
        assert_eq!(status, 200, "{asset}: {head}");
    }
    // One character off, another path, no token: nothing.
    let mut wrong = path.clone();
    let last = wrong.pop().unwrap();
    wrong.push(if last == 'A' { 'B' } else { 'A' });
    assert_eq!(request(&room, "GET", &wrong).0, 404);
    assert_eq!(request(&room, "GET", "/").0, 404);
    assert_eq!(request(&room, "GET", "/t/").0, 404);
    assert_eq!(
        request(&room, "GET", &format!("{path}/../../etc/passwd")).0,
        404
    );
    // No route writes.
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let (status, _, _) = request(&room, method, &path);
        assert!((400..500).contains(&status), "{method}: {status}");
    }
}

/// The next `data:` line of an event stream.
fn next_event(reader: &mut BufReader<TcpStream>) -> Option<serde_json::Value> {
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if let Some(data) = line.trim_end().strip_prefix("data: ") {
            return serde_json::from_str(data).ok();
        }
    }
}

#[test]
fn the_stream_sends_each_change_and_ends_with_the_room() {
    let mut s = Sample::new(Period::MidYear, Lang::Vi);
    let room = serve(&mut s.app);
    let mut stream = connect(&room);
    write!(
        stream,
        "GET {}/events HTTP/1.1\r\nHost: thidua\r\n\r\n",
        room.path
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let first = next_event(&mut reader).expect("the view now");
    assert_eq!(first["units"][0]["name"], "Thành Đông");
    assert!(first["now"].as_str().unwrap().contains("Thành Đông"));
    // The head moves down and enters a value; each arrives as the whole view, as the screen
    // publishes after each key.
    let app = &mut s.app;
    press(app, KeyCode::Esc);
    press(app, KeyCode::Down);
    app.publish_room();
    let moved = next_event(&mut reader).expect("the move");
    assert!(
        moved["now"].as_str().unwrap().contains("Hải Dương"),
        "{moved}"
    );
    select(app, "thanh-dong", "I.1.2");
    type_text(app, "1");
    press(app, KeyCode::Enter);
    app.publish_room();
    let entered = next_event(&mut reader).expect("the entry");
    assert_ne!(entered["units"][0]["name"], "Thành Đông", "{entered}");
    // Stopping the page (`x` in its box) ends the stream.
    app.publish_room();
    press(app, KeyCode::Char('r'));
    press(app, KeyCode::Char('x'));
    assert!(app.room.is_none());
    assert!(next_event(&mut reader).is_none());
}
