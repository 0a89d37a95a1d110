//! The background validation: a thread that takes the latest [`Job`], waits until no
//! newer one arrives for the debounce delay, validates it, and sends the snapshot back
//! to the main loop. Jobs that arrive while it validates wait for the next round, so
//! typing never queues more than one validation.

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use super::server::Event;
use super::workspace::{DiskCache, Job, validate};

/// Starts the thread; it ends when the returned sender is dropped.
pub fn spawn(events: Sender<Event>, debounce: Duration) -> std::io::Result<Sender<Job>> {
    let (jobs, queue) = channel();
    std::thread::Builder::new()
        .name("actorgraph-validate".into())
        .spawn(move || run(&queue, &events, debounce))?;
    Ok(jobs)
}

fn run(queue: &Receiver<Job>, events: &Sender<Event>, debounce: Duration) {
    let mut cache = DiskCache::default();
    while let Ok(mut job) = queue.recv() {
        loop {
            match queue.recv_timeout(debounce) {
                Ok(newer) => job = newer,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        // A bug must not stop validation for the rest of the session: the next job runs
        // with a fresh cache.
        let run = std::panic::AssertUnwindSafe(|| validate(&job, &mut cache));
        let event = if let Ok(snapshot) = std::panic::catch_unwind(run) {
            Event::Validated(Box::new(snapshot))
        } else {
            cache = DiskCache::default();
            Event::Failed
        };
        if events.send(event).is_err() {
            return;
        }
    }
}
