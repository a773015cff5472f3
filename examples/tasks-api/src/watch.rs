//! The periodic checks of a PostgreSQL-backed instance: its clock against the database's (the
//! offset within half a round trip), and how far the change feed's watermark trails. One
//! statement every interval, never one per request.

use std::sync::{Arc, Weak};
use std::time::Duration;

use crate::state::AppState;
use crate::store::{DatabaseClock, StoreError};

/// Measures once now (so an instance whose clock is off never writes), then every `interval`
/// until the app is dropped. Nothing on SQLite, which shares this machine's clock.
pub(crate) async fn start(state: &Arc<AppState>, interval: Duration) {
    if check(state).await.is_none() {
        return;
    }
    let weak: Weak<AppState> = Arc::downgrade(state);
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        ticks.tick().await; // the first tick is immediate: measured already
        loop {
            ticks.tick().await;
            let Some(state) = weak.upgrade() else { return };
            check(&state).await;
        }
    });
}

/// One measurement, recorded in the gate and the metrics. A database that cannot be asked
/// leaves the last verdict as it was (its writes fail on their own).
pub(crate) async fn check(state: &AppState) -> Option<Result<DatabaseClock, StoreError>> {
    let reading = state.store.database_clock(&*state.clock).await?;
    match &reading {
        Ok(clock) => {
            state
                .gate
                .record_offset(clock.offset_micros, clock.uncertainty_micros);
            state
                .metrics
                .record_database_clock(clock, state.gate.skewed());
        }
        Err(e) => tracing::warn!(error = %e, "cannot measure the clock against the database"),
    }
    Some(reading)
}
