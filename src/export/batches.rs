//! Rendering a long list of records on all cores while keeping the output byte for byte
//! what one thread would write: records are cut into fixed batches, worker threads render
//! whole batches into buffers, and the calling thread writes the buffers in batch order.
//! Used by the GraphML, GEXF, JSON and DOT exports, whose per-record work (escaping,
//! quoting, JSON lists) is most of an export's time on big datasets.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Records per batch: large enough that a batch costs far more than passing it between
/// threads, small enough that the buffers waiting to be written stay a few megabytes.
const BATCH: usize = 512;

/// Writes `render(i, item, buffer)` for every item, in order, to `out`. The first error,
/// in item order, of a render or of a write is returned.
pub fn write_in_order<T: Sync>(
    items: &[T],
    out: &mut dyn Write,
    render: impl Fn(usize, &T, &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let batches = items.len().div_ceil(BATCH);
    let workers = crate::parallel::workers(batches);
    if workers <= 1 {
        let mut buffer = Vec::new();
        for (i, item) in items.iter().enumerate() {
            buffer.clear();
            render(i, item, &mut buffer)?;
            out.write_all(&buffer)?;
        }
        return Ok(());
    }
    let next = AtomicUsize::new(0);
    let (send, receive) = mpsc::sync_channel::<(usize, io::Result<Vec<u8>>)>(workers * 2);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let (next, render) = (&next, &render);
            scope.spawn(move || {
                loop {
                    let b = next.fetch_add(1, Ordering::Relaxed);
                    if b >= batches {
                        break;
                    }
                    let start = b * BATCH;
                    let mut buffer = Vec::new();
                    let rendered = items
                        .iter()
                        .enumerate()
                        .skip(start)
                        .take(BATCH)
                        .try_for_each(|(i, item)| render(i, item, &mut buffer))
                        .map(|()| buffer);
                    // The receiver only goes away on a write error; stop then.
                    if send.send((b, rendered)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        // The receiver must be gone before the scope joins the workers, or a worker
        // blocked on a full channel after a write error would wait for ever.
        let receive = receive;
        let written = write_batches(&receive, batches, out);
        drop(receive);
        written
    })
}

/// Writes the batches arriving on `receive` in batch order. On a write error it returns
/// at once; dropping the receiver then stops the workers.
fn write_batches(
    receive: &mpsc::Receiver<(usize, io::Result<Vec<u8>>)>,
    batches: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut waiting = BTreeMap::new();
    let mut written = 0;
    while written < batches {
        let Ok((b, rendered)) = receive.recv() else {
            return Err(io::Error::other("a rendering thread stopped early"));
        };
        waiting.insert(b, rendered);
        while let Some(rendered) = waiting.remove(&written) {
            out.write_all(&rendered?)?;
            written += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_is_in_order_whatever_the_batch_count() {
        for n in [0, 1, BATCH - 1, BATCH, BATCH + 1, 5 * BATCH + 7] {
            let items: Vec<usize> = (0..n).collect();
            let mut out = Vec::new();
            let rendered = write_in_order(&items, &mut out, |i, item, buf| {
                assert_eq!(i, *item);
                writeln!(buf, "{item}")
            });
            assert!(rendered.is_ok());
            let expected = items.iter().fold(String::new(), |mut s, i| {
                s.push_str(&i.to_string());
                s.push('\n');
                s
            });
            assert_eq!(String::from_utf8(out).ok(), Some(expected), "n = {n}");
        }
    }

    #[test]
    fn a_write_error_stops_the_workers_and_is_returned() {
        let items: Vec<usize> = (0..20 * BATCH).collect();
        let mut out = io::BufWriter::with_capacity(16, FailAfter(3));
        let result = write_in_order(&items, &mut out, |_, _, buf| {
            buf.push(b'x');
            Ok(())
        });
        assert!(result.is_err());
    }

    #[test]
    fn a_render_error_is_returned() {
        let items: Vec<usize> = (0..20 * BATCH).collect();
        let result = write_in_order(&items, &mut io::sink(), |i, _, _| {
            if i == 7 * BATCH + 3 {
                Err(io::Error::other("cannot render"))
            } else {
                Ok(())
            }
        });
        assert_eq!(
            result.map_err(|e| e.to_string()),
            Err("cannot render".into())
        );
    }

    struct FailAfter(usize);

    impl Write for FailAfter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.0 == 0 {
                return Err(io::Error::other("disk full"));
            }
            self.0 -= 1;
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
}
