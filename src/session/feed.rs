//! The change feed: each change the session accepts is announced, with the results it leaves,
//! to every view that follows the session (the screen now, the room's page later).

use std::sync::mpsc::{Receiver, Sender, channel};

use crate::score::Results;

use super::Changed;

/// One accepted change and the results after it.
#[derive(Debug, Clone)]
pub struct Announcement {
    pub changed: Changed,
    pub results: Results,
}

#[derive(Debug, Default)]
pub struct Feed {
    followers: Vec<Sender<Announcement>>,
}

impl Feed {
    pub fn follow(&mut self) -> Receiver<Announcement> {
        let (tx, rx) = channel();
        self.followers.push(tx);
        rx
    }

    /// Sends the announcement to each follower; one that has gone away is forgotten.
    pub fn announce(&mut self, changed: &Changed, results: &Results) {
        if self.followers.is_empty() {
            return;
        }
        let announcement = Announcement {
            changed: changed.clone(),
            results: results.clone(),
        };
        self.followers
            .retain(|f| f.send(announcement.clone()).is_ok());
    }
}
