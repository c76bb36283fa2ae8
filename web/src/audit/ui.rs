//! The audit page's reactive state.

use super::route::View;
use super::state::{Audit, Kept};
use leptos::prelude::*;
use std::sync::Arc;

/// What the input side is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Idle,
    /// Reading the named input.
    Reading(String),
    Analysing {
        done: usize,
        total: usize,
        bytes_done: usize,
        bytes_total: usize,
        workers: usize,
    },
    /// The last run finished: `total` files, `bytes` bytes, in `ms`.
    Done {
        total: usize,
        bytes: usize,
        ms: f64,
    },
}

impl Phase {
    pub fn busy(&self) -> bool {
        matches!(self, Phase::Reading(_) | Phase::Analysing { .. })
    }
}

#[derive(Clone, Copy)]
pub struct Ui {
    pub phase: RwSignal<Phase>,
    /// A bad input's message.
    pub error: RwSignal<Option<String>>,
    /// Something worth knowing that is not an error.
    pub note: RwSignal<Option<String>>,
    pub audit: RwSignal<Option<Arc<Audit>>>,
    pub view: RwSignal<View>,
    /// Safe fixes are being computed.
    pub fixing: RwSignal<bool>,
    /// The reports the progress view follows, in time order.
    pub series: RwSignal<Vec<Arc<Kept>>>,
}

impl Ui {
    pub fn new(view: View) -> Ui {
        Ui {
            phase: RwSignal::new(Phase::Idle),
            error: RwSignal::new(None),
            note: RwSignal::new(None),
            audit: RwSignal::new(None),
            view: RwSignal::new(view),
            fixing: RwSignal::new(false),
            series: RwSignal::new(Vec::new()),
        }
    }
}
