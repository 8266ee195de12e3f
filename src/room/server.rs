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
use super::view::RoomView;

/// The most phones following at once; one more is told to come back later.
pub const MAX_FOLLOWERS: usize = 500;
/// The most connections held at once: the followers and some pages loading.
pub const MAX_CONNECTIONS: usize = MAX_FOLLOWERS + 64;

/// The running page.
pub struct Room {
    /// What to type or scan on a phone: `http://192.168.1.5:8765/t/<token>`.
    pub url: String,
    pub addr: SocketAddr,
    views: watch::Sender<RoomView>,
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
    followers: Arc<Semaphore>,
}

impl Room {
    /// Serves `view` on the first of `addrs` that can be listened on.
    pub fn start(addrs: &[SocketAddr], view: RoomView) -> Result<Room, RoomError> {
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
        let (views, receiver) = watch::channel(view);
        let shared = Arc::new(Shared {
            token: token.clone(),
            views: receiver,
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
            views,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Sends `view` to every phone, if it differs from what they have.
    pub fn publish(&self, view: RoomView) {
        self.views.send_if_modified(|current| {
            if *current == view {
                return false;
            }
            *current = view;
            true
        });
    }
}

impl Drop for Room {
    fn drop(&mut self) {
        // Closing the channel ends every stream; then the server stops and its thread ends.
        let (closed, _) = watch::channel(self.views.borrow().clone());
        drop(std::mem::replace(&mut self.views, closed));
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
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
    if !same_token(&token, &shared.token) {
        return refused();
    }
    guarded(
        (
            [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
            page::JS,
        )
            .into_response(),
    )
}

async fn style(State(shared): State<Arc<Shared>>, Path(token): Path<String>) -> Response {
    if !same_token(&token, &shared.token) {
        return refused();
    }
    guarded(
        (
            [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
            page::CSS,
        )
            .into_response(),
    )
}

/// The view now, then the view after each change, as JSON events.
async fn events(State(shared): State<Arc<Shared>>, Path(token): Path<String>) -> Response {
    if !same_token(&token, &shared.token) {
        return refused();
    }
    let Ok(permit) = shared.followers.clone().try_acquire_owned() else {
        return guarded(StatusCode::SERVICE_UNAVAILABLE.into_response());
    };
    let stream = WatchStream::new(shared.views.clone()).map(move |view| {
        // Held by the stream: a follower's place is freed when its phone goes.
        let _place = &permit;
        let json = serde_json::to_string(&view).unwrap_or_default();
        Ok::<_, Infallible>(Event::default().data(json))
    });
    guarded(
        Sse::new(stream)
            .keep_alive(KeepAlive::default())
            .into_response(),
    )
}
