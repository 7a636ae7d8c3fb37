//! The progress line on stderr while a strategy searches, and the note when the wall clock
//! ended a search.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use reliefroute::strategies::Progress;
use reliefroute::Budget;

/// `budget` with a progress line on stderr labelled `label` (when stderr is a terminal and
/// not `quiet`), showing the gap to `bks` when known. The returned watch clears the line and
/// tells whether the wall clock ended the search.
pub fn watch(mut budget: Budget, quiet: bool, label: String, bks: Option<f64>) -> (Budget, Watch) {
    let clock = Arc::new(AtomicBool::new(false));
    let bar = ProgressBar::with_draw_target(Some(1000), ProgressDrawTarget::stderr());
    let bar = (!quiet && !bar.is_hidden()).then_some(bar);
    let watch = Watch {
        bar: bar.clone(),
        clock: Arc::clone(&clock),
    };
    let Some(bar) = bar else {
        budget.progress = Some(Arc::new(move |p: &Progress| {
            clock.fetch_or(p.stopped_by_clock, Ordering::Relaxed);
        }));
        return (budget, watch);
    };
    bar.set_style(
        ProgressStyle::with_template("{prefix} [{bar:20}] {elapsed:>4} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix(label);
    let shown = bar.clone();
    budget.progress = Some(Arc::new(move |p: &Progress| {
        clock.fetch_or(p.stopped_by_clock, Ordering::Relaxed);
        shown.set_position((p.done.clamp(0.0, 1.0) * 1000.0) as u64);
        let gap = bks
            .filter(|b| *b > 0.0)
            .map(|b| format!(", gap {:.2}%", (p.distance / b - 1.0) * 100.0))
            .unwrap_or_default();
        shown.set_message(format!(
            "best {:.1} with {} couriers, {} unassigned{gap}",
            p.distance, p.couriers, p.unassigned
        ));
    }));
    (budget, watch)
}

/// What a progress line leaves behind: the bar to clear, and whether the clock stopped the
/// search.
pub struct Watch {
    bar: Option<ProgressBar>,
    clock: Arc<AtomicBool>,
}

impl Watch {
    /// Clears the progress line; if the wall clock ended the search, says so on stderr.
    pub fn finish(self, what: &str) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
        if self.clock.load(Ordering::Relaxed) {
            eprintln!(
                "note: {what}: the wall clock ended the search before its work budget, so \
                 another run may give another plan; --reproducible makes it machine-independent"
            );
        }
    }
}
