//! A progress bar on stderr for runs that take more than a second, only when stderr
//! is a terminal: CI logs and pipes never see it.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// How long a run goes before the bar appears.
const DELAY: Duration = Duration::from_secs(1);
const TICK: Duration = Duration::from_millis(100);
const WIDTH: usize = 30;

/// Counts finished items; shared by the worker threads.
pub struct Progress {
    pub done: AtomicUsize,
    total: usize,
    finished: Mutex<bool>,
    wake: Condvar,
}

pub fn enabled() -> bool {
    std::io::stderr().is_terminal()
}

impl Progress {
    fn line(&self, label: &str) -> String {
        let done = self.done.load(Ordering::Relaxed).min(self.total);
        let filled = (done * WIDTH).checked_div(self.total).unwrap_or(WIDTH);
        format!(
            "\r{label} [{}{}] {done}/{} files",
            "=".repeat(filled),
            " ".repeat(WIDTH - filled),
            self.total
        )
    }

    /// Draw until `finish` is called, starting after [`DELAY`].
    fn draw(&self, label: &str) {
        let mut finished = self.finished.lock().expect("no panics while holding");
        let mut wait = DELAY;
        let mut drawn = false;
        while !*finished {
            let (guard, timeout) = self
                .wake
                .wait_timeout(finished, wait)
                .expect("no panics while holding");
            finished = guard;
            if *finished {
                break;
            }
            if timeout.timed_out() {
                let mut err = std::io::stderr().lock();
                let _ = err.write_all(self.line(label).as_bytes());
                let _ = err.flush();
                drawn = true;
                wait = TICK;
            }
        }
        if drawn {
            let blank = " ".repeat(self.line(label).len());
            let _ = write!(std::io::stderr(), "\r{blank}\r");
        }
    }

    fn finish(&self) {
        *self.finished.lock().expect("no panics while holding") = true;
        self.wake.notify_all();
    }
}

/// Run `work` with a progress counter; when `show`, a bar labelled `label` is drawn
/// on stderr while it runs longer than a second.
pub fn run<R>(label: &str, total: usize, show: bool, work: impl FnOnce(&Progress) -> R) -> R {
    let progress = Progress {
        done: AtomicUsize::new(0),
        total,
        finished: Mutex::new(false),
        wake: Condvar::new(),
    };
    if !show {
        return work(&progress);
    }
    std::thread::scope(|s| {
        s.spawn(|| progress.draw(label));
        let r = work(&progress);
        progress.finish();
        r
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_shows_done_of_total() {
        let p = Progress {
            done: AtomicUsize::new(5),
            total: 10,
            finished: Mutex::new(false),
            wake: Condvar::new(),
        };
        let line = p.line("checking");
        assert!(line.contains("5/10 files"), "{line}");
        assert!(line.contains(&"=".repeat(15)), "{line}");
    }

    #[test]
    fn a_quick_run_returns_at_once() {
        let t = std::time::Instant::now();
        let r = run("x", 1, true, |p| {
            p.done.fetch_add(1, Ordering::Relaxed);
            7
        });
        assert_eq!(r, 7);
        assert!(t.elapsed() < DELAY);
    }
}
