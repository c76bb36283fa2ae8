//! A progress bar (indicatif) on stderr for runs that take more than a second,
//! only when stderr is a terminal: CI logs and pipes never see it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::mpsc;
use std::time::Duration;

/// How long a run goes before the bar appears: a quick run never flickers.
const DELAY: Duration = Duration::from_secs(1);
/// Redraws per second.
const RATE: u8 = 10;

/// Counts finished items; shared by the worker threads.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// One more item done.
    pub fn advance(&self) {
        self.bar.inc(1);
    }
}

pub fn enabled() -> bool {
    std::io::stderr().is_terminal()
}

fn style() -> ProgressStyle {
    ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} files")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

/// Run `work` with a progress counter; when `show`, a bar labelled `label` is drawn
/// on stderr while it runs longer than a second, and cleared when it is done.
pub fn run<R>(label: &str, total: usize, show: bool, work: impl FnOnce(&Progress) -> R) -> R {
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden())
        .with_style(style())
        .with_message(label.to_string());
    let progress = Progress { bar: bar.clone() };
    if !show {
        return work(&progress);
    }
    let (done, finished) = mpsc::channel::<()>();
    std::thread::scope(|s| {
        s.spawn(move || {
            if finished.recv_timeout(DELAY) == Err(mpsc::RecvTimeoutError::Timeout) {
                bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(RATE));
                bar.enable_steady_tick(Duration::from_millis(1000 / u64::from(RATE)));
                let _ = finished.recv();
            }
            bar.finish_and_clear();
        });
        let r = work(&progress);
        let _ = done.send(());
        r
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counter_counts_every_item() {
        let n = run("x", 10, false, |p| {
            (0..10).for_each(|_| p.advance());
            p.bar.position()
        });
        assert_eq!(n, 10);
    }

    #[test]
    fn a_quick_run_returns_at_once() {
        let t = std::time::Instant::now();
        let r = run("x", 1, true, |p| {
            p.advance();
            7
        });
        assert_eq!(r, 7);
        assert!(t.elapsed() < DELAY);
    }
}
