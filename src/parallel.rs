//! Running independent jobs on all cores and getting their results back in job order,
//! which is what keeps every report and export deterministic however the threads are
//! scheduled. Used for loading files and for the per-file part of validation. Also the
//! one place big values are freed off the main thread.

use std::sync::Mutex;

/// How many threads to run `jobs` independent jobs on: one per core, never more than
/// there are jobs.
pub fn workers(jobs: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs)
}

/// Frees `value` on a thread of its own, which nobody waits for: freeing the half
/// million records of a big dataset takes about half a second, and a command that is done
/// with them need not spend it. A process that exits meanwhile hands all its memory back
/// at once; one that goes on has it freed in the background.
pub fn drop_in_background<T: Send + 'static>(value: T) {
    // Without a thread (none left to start), the value is freed here instead.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// Runs `job(state, i)` for `i` in `0..count` on up to all cores and returns the
/// results in order of `i` (see [`map_jobs`]).
pub fn map<S: Default, R: Send>(count: usize, job: impl Fn(&mut S, usize) -> R + Sync) -> Vec<R> {
    map_jobs((0..count).collect(), job)
}

/// Runs `job(state, j)` for every job `j` of `jobs` on up to all cores, each job moved to
/// the thread that takes it, and returns the results in the jobs' order. Each thread
/// starts from its own `S::default()`, which it reuses for every job it takes (buffers
/// that should be allocated once per thread).
pub fn map_jobs<J: Send, S: Default, R: Send>(
    jobs: Vec<J>,
    job: impl Fn(&mut S, J) -> R + Sync,
) -> Vec<R> {
    let count = jobs.len();
    let workers = workers(count);
    if workers <= 1 {
        let mut state = S::default();
        return jobs.into_iter().map(|j| job(&mut state, j)).collect();
    }
    // Threads take the next job as they finish one, so big and small jobs even out; each
    // result goes straight into its slot, so no result is ever held twice.
    let queue = Mutex::new(jobs.into_iter().enumerate());
    let next = || queue.lock().ok().and_then(|mut q| q.next());
    let slots: Vec<Mutex<Option<R>>> = (0..count).map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut state = S::default();
                while let Some((i, j)) = next() {
                    let result = job(&mut state, j);
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(result);
                    }
                }
            });
        }
    });
    // Every slot was filled: a job that panicked would have propagated out of `scope`.
    slots
        .into_iter()
        .filter_map(|slot| slot.into_inner().ok().flatten())
        .collect()
}

#[cfg(test)]
mod tests {
    /// Freed on another thread, but freed.
    #[test]
    fn background_drops_happen_elsewhere() {
        struct Tell(std::sync::mpsc::Sender<std::thread::ThreadId>);
        impl Drop for Tell {
            fn drop(&mut self) {
                let _ = self.0.send(std::thread::current().id());
            }
        }
        let (send, receive) = std::sync::mpsc::channel();
        super::drop_in_background(Tell(send));
        let dropped_on = receive
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("dropped");
        assert_ne!(dropped_on, std::thread::current().id());
    }

    #[test]
    fn results_come_back_in_job_order() {
        for count in [0, 1, 2, 3, 100] {
            let out = super::map(count, |calls: &mut usize, i| {
                *calls += 1;
                i * i
            });
            assert_eq!(out, (0..count).map(|i| i * i).collect::<Vec<_>>());
        }
    }
}
