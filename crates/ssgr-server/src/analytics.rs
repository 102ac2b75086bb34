//! `/api/analytics/...`: the network analytics of `ssgr-analytics` as JSON.
//!
//! Each route takes flat query parameters (`projection`, `class`, `topic`,
//! `country`, `document`, and its own: `limit`, `from`/`to`, `entity`/`hops`,
//! `actor`), runs the analysis on a blocking thread, and answers JSON.
//! Unknown entities are 404, ambiguous names and bad parameters 400.

use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use ssgr_analytics::report::{CentralityRequest, CommunityRequest, NeighbourRequest, PathRequest, SimilarRequest};
use ssgr_analytics::{AnalyticsError, Filter, Projection};

use crate::error::ServerError;
use crate::guarded;
use crate::state::AppState;

/// The parameters every analytics route reads.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    projection: Option<Projection>,
    #[serde(default)]
    class: Vec<String>,
    topic: Option<String>,
    country: Option<String>,
    document: Option<String>,
    show: Option<String>,
    limit: Option<usize>,
    from: Option<String>,
    to: Option<String>,
    entity: Option<String>,
    hops: Option<usize>,
    actor: Option<String>,
}

impl Params {
    fn filter(&self) -> Filter {
        Filter {
            class: self.class.clone(),
            topic: self.topic.clone(),
            country: self.country.clone(),
            document: self.document.clone(),
        }
    }

    fn required(value: &Option<String>, name: &str) -> Result<String, ServerError> {
        value.clone().ok_or_else(|| ServerError::BadRequest(format!("the parameter `{name}` is required")))
    }
}

/// An analytics error as the client sees it: unknown names 404, bad
/// parameters 400, the rest the server's own failure.
pub(crate) fn analytics_error(error: AnalyticsError) -> ServerError {
    match error {
        AnalyticsError::UnknownEntity(name) => ServerError::NotFound(format!("no entity is called {name:?}")),
        e @ (AnalyticsError::AmbiguousName { .. }
        | AnalyticsError::NotInProjection { .. }
        | AnalyticsError::InvalidParameter(_)) => ServerError::BadRequest(e.to_string()),
        other => ServerError::internal(other),
    }
}

/// Runs an analysis under the query rules (slot, deadline, metrics) and
/// answers its JSON. The analyses do not check the token: a timeout answers
/// 503 at the deadline and the slot is held until the analysis ends.
async fn answer<T: serde::Serialize + Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&ssgr_store::Store) -> Result<T, AnalyticsError> + Send + 'static,
) -> Result<Response, ServerError> {
    let result = guarded::blocking(state, move |store, _token| work(store).map_err(analytics_error)).await?;
    Ok(Json(result).into_response())
}

/// `GET /api/analytics/centrality`.
pub(crate) async fn centrality(
    State(state): State<AppState>,
    Query(p): Query<Params>,
) -> Result<Response, ServerError> {
    let request = CentralityRequest {
        projection: p.projection.unwrap_or_default(),
        filter: p.filter(),
        show: p.show.clone(),
        limit: p.limit.or(Some(50)),
        ..CentralityRequest::default()
    };
    answer(&state, move |store| ssgr_analytics::centrality(store, &request)).await
}

/// `GET /api/analytics/communities`.
pub(crate) async fn communities(
    State(state): State<AppState>,
    Query(p): Query<Params>,
) -> Result<Response, ServerError> {
    let request = CommunityRequest {
        projection: p.projection.unwrap_or_default(),
        filter: p.filter(),
        ..CommunityRequest::default()
    };
    answer(&state, move |store| ssgr_analytics::communities(store, &request)).await
}

/// `GET /api/analytics/path?from=…&to=…`.
pub(crate) async fn path(State(state): State<AppState>, Query(p): Query<Params>) -> Result<Response, ServerError> {
    let request = PathRequest {
        from: Params::required(&p.from, "from")?,
        to: Params::required(&p.to, "to")?,
        projection: p.projection.unwrap_or(Projection::Entity),
        filter: p.filter(),
    };
    answer(&state, move |store| ssgr_analytics::path(store, &request)).await
}

/// `GET /api/analytics/neighbours?entity=…&hops=…`.
pub(crate) async fn neighbours(
    State(state): State<AppState>,
    Query(p): Query<Params>,
) -> Result<Response, ServerError> {
    let request = NeighbourRequest {
        entity: Params::required(&p.entity, "entity")?,
        hops: p.hops.unwrap_or(1).min(6),
        projection: p.projection.unwrap_or(Projection::Entity),
        filter: p.filter(),
    };
    answer(&state, move |store| ssgr_analytics::neighbours(store, &request)).await
}

/// `GET /api/analytics/similar?actor=…`.
pub(crate) async fn similar(State(state): State<AppState>, Query(p): Query<Params>) -> Result<Response, ServerError> {
    let request = SimilarRequest {
        actor: Params::required(&p.actor, "actor")?,
        limit: p.limit.unwrap_or(10),
        filter: p.filter(),
    };
    answer(&state, move |store| ssgr_analytics::similar(store, &request)).await
}
