//! The live page's server, inside the scoring process: a thread with its own small runtime
//! serving GET routes only, under a random per-meeting token, from the latest `RoomView` the
//! screen publishes. Each phone follows by server-sent events. Dropping the `Room` ends every
//! stream and stops the server: the page lives as long as the session is open.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::thread::JoinHandle;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{Semaphore, oneshot, watch};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::WatchStream;

use super::page;
use super::view::{Inputs, Meeting, RoomView, room_view};

/// The most phones following at once; one more is told to come back later.
pub const MAX_FOLLOWERS: usize = 500;
/// The most connections held at once: the followers and some pages loading.
pub const MAX_CONNECTIONS: usize = MAX_FOLLOWERS + 64;

/// The running page.
pub struct Room {
    /// What to type or scan on a phone: `http://192.168.1.5:8765/t/<token>`.
    pub url: String,
    pub addr: SocketAddr,
    inputs: watch::Sender<Inputs>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

#[derive(Debug, thiserror::Error)]
pub enum RoomError {
    #[error("cannot listen on {addr}: {error}")]
    Bind {
        addr: SocketAddr,
        error: std::io::Error,
    },
    #[error("cannot start the page: {0}")]
    Start(std::io::Error),
}

struct Shared {
    token: String,
    views: watch::Receiver<RoomView>,
    /// Each view as the events carry it, serialised once for every phone.
    events: watch::Receiver<Arc<str>>,
    followers: Arc<Semaphore>,
}

impl Room {
    /// Serves `meeting` as `first` shows it, on the first of `addrs` that can be listened on.
    pub fn start(addrs: &[SocketAddr], meeting: Meeting, first: Inputs) -> Result<Room, RoomError> {
        let mut last = None;
        let listener = addrs
            .iter()
            .find_map(|addr| match std::net::TcpListener::bind(addr) {
                Ok(l) => Some(l),
                Err(error) => {
                    last = Some(RoomError::Bind { addr: *addr, error });
                    None
                }
            });
        let listener = match (listener, last) {
            (Some(l), _) => l,
            (None, Some(e)) => return Err(e),
            (None, None) => {
                return Err(RoomError::Start(std::io::Error::other(
                    "no address to listen on",
                )));
            }
        };
        listener.set_nonblocking(true).map_err(RoomError::Start)?;
        let addr = listener.local_addr().map_err(RoomError::Start)?;
        let token = token().map_err(RoomError::Start)?;
        let view = room_view(&meeting, &first);
        let (inputs, inputs_out) = watch::channel(first);
        let (events_in, events) = watch::channel(json(&view));
        let (views, receiver) = watch::channel(view);
        let shared = Arc::new(Shared {
            token: token.clone(),
            views: receiver.clone(),
            events,
            followers: Arc::new(Semaphore::new(MAX_FOLLOWERS)),
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(RoomError::Start)?;
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("room".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    tokio::spawn(build(meeting, inputs_out, views));
                    tokio::spawn(serialise(receiver, events_in));
                    let listener = super::listener::Limited::new(listener, MAX_CONNECTIONS);
                    let _ = axum::serve(listener, router(shared))
                        .with_graceful_shutdown(async {
                            let _ = stopped.await;
                        })
                        .await;
                });
            })
            .map_err(RoomError::Start)?;
        Ok(Room {
            url: format!("http://{addr}/t/{token}"),
            addr,
            inputs,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Hands the page what it shows now; its thread builds the words and figures and sends them
    /// to every phone if they differ from what the phones have.
    pub fn publish(&self, now: Inputs) {
        let _ = self.inputs.send(now);
    }
}

impl Drop for Room {
    fn drop(&mut self) {
        // Closing the inputs ends the views, then the events and every stream; then the server
        // stops and its thread ends.
        let (closed, _) = watch::channel(self.inputs.borrow().clone());
        drop(std::mem::replace(&mut self.inputs, closed));
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn json(view: &RoomView) -> Arc<str> {
    Arc::from(serde_json::to_string(view).unwrap_or_default())
}

/// Each new moment's view, when it differs from the last; ends, closing the views, with the
/// inputs.
async fn build(
    meeting: Meeting,
    mut inputs: watch::Receiver<Inputs>,
    views: watch::Sender<RoomView>,
) {
    while inputs.changed().await.is_ok() {
        let view = room_view(&meeting, &inputs.borrow_and_update());
        views.send_if_modified(|current| {
            if *current == view {
                return false;
            }
            *current = view;
            true
        });
    }
}

/// Each new view, serialised once for the events; ends (closing the events) with the views.
async fn serialise(mut views: watch::Receiver<RoomView>, events: watch::Sender<Arc<str>>) {
    while views.changed().await.is_ok() {
        let text = json(&views.borrow_and_update());
        let _ = events.send(text);
    }
}

/// 132 random bits in 22 URL-safe characters: short enough for a small code to scan, far
/// beyond guessing.
fn token() -> std::io::Result<String> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bytes = [0u8; 22];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 63)]))
        .collect())
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/t/{token}", get(page_route))
        .route("/t/{token}/events", get(events))
        .route("/t/{token}/page.js", get(script))
        .route("/t/{token}/page.css", get(style))
        .fallback(|| async { StatusCode::NOT_FOUND })
        .with_state(shared)
}

/// Compares every byte, whatever the first difference, so that timing tells nothing.
fn same_token(given: &str, token: &str) -> bool {
    let (a, b) = (given.as_bytes(), token.as_bytes());
    let mut differ = a.len() ^ b.len();
    for (i, byte) in b.iter().enumerate() {
        differ |= usize::from(a.get(i).copied().unwrap_or(0) ^ byte);
    }
    differ == 0
}

/// A response with the headers every route sends: not framed, not sniffed, not cached, the
/// token never sent on as a referrer, and nothing loaded but this page's own routes.
fn guarded(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
             frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

fn refused() -> Response {
    guarded(StatusCode::NOT_FOUND.into_response())
}

async fn page_route(State(shared): State<Arc<Shared>>, Path(token): Path<String>) -> Response {
    if !same_token(&token, &shared.token) {
        return refused();
    }
    let view = shared.views.borrow().clone();
    let html = page::page(&view, &format!("/t/{}", shared.token));
    guarded(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response())
}

async fn script(State(shared): State<Arc<Shared>>, Path(token): Path<String>) -> Response {
    asset(&shared, &token, "text/javascript; charset=utf-8", page::JS)
}

async fn style(State(shared): State<Arc<Shared>>, Path(token): Path<String>) -> Response {
    asset(&shared, &token, "text/css; charset=utf-8", page::CSS)
}

/// The page's script or style, compiled into the program: no file is served from disk.
fn asset(shared: &Shared, token: &str, kind: &'static str, body: &'static str) -> Response {
    if !same_token(token, &shared.token) {
        return refused();
    }
    guarded(([(header::CONTENT_TYPE, kind)], body).into_response())
}

/// The view now, then the view after each change, as JSON events.
async fn events(State(shared): State<Arc<Shared>>, Path(token): Path<String>) -> Response {
    if !same_token(&token, &shared.token) {
        return refused();
    }
    let Ok(permit) = shared.followers.clone().try_acquire_owned() else {
        return guarded(StatusCode::SERVICE_UNAVAILABLE.into_response());
    };
    let stream = WatchStream::new(shared.events.clone()).map(move |json| {
        // Held by the stream: a follower's place is freed when its phone goes.
        let _place = &permit;
        Ok::<_, Infallible>(Event::default().data(&*json))
    });
    guarded(
        Sse::new(stream)
            .keep_alive(KeepAlive::default())
            .into_response(),
    )
}
