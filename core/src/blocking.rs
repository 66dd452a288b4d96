//! Search work is CPU-bound (tantivy, the facet pass, clustering): it runs on the blocking
//! pool, never on the async workers that accept connections and serve other pages, and at
//! most [`CONCURRENT_SEARCHES`] at once. A request that cannot start within [`WAIT`] gets a
//! "busy, try again" answer instead of joining an ever-growing queue.

use std::time::Duration;

use crate::error::AppError;
use crate::state::Core;

pub use crate::state::CONCURRENT_SEARCHES;
/// Longest wait for a free slot.
pub const WAIT: Duration = Duration::from_secs(5);

/// Runs `job` on the blocking pool while holding one search slot.
pub async fn off_the_workers<T: Send + 'static>(
    state: &Core,
    job: impl FnOnce(&Core) -> T + Send + 'static,
) -> Result<T, AppError> {
    let permit = tokio::time::timeout(WAIT, state.search_permits.clone().acquire_owned())
        .await
        .map_err(|_| AppError::TooManyRequests("err-busy".into()))?
        .map_err(|e| AppError::Internal(anyhow::anyhow!("search semaphore closed: {e}")))?;
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let out = job(&state);
        drop(permit);
        out
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("search task failed: {e}")))
}
