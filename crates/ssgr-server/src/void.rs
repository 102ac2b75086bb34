//! `GET /.well-known/void`: the dataset's VoID and DCAT description
//! (`ssgrid:graph/void`), in any RDF format the client accepts, naming this
//! server as the SPARQL endpoint.

use axum::extract::State;
use axum::http::{HeaderMap, Uri, header};
use axum::response::Response;
use oxigraph::model::Triple;

use crate::error::ServerError;
use crate::graph_body;
use crate::guarded;
use crate::negotiation::{GRAPH, negotiate};
use crate::state::AppState;

/// `GET /.well-known/void`.
pub(crate) async fn void(State(state): State<AppState>, headers: HeaderMap, uri: Uri) -> Result<Response, ServerError> {
    let formats: Vec<String> = form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
        .filter(|(name, _)| name == "format")
        .map(|(_, value)| value.into_owned())
        .collect();
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let format = negotiate(GRAPH, accept, &formats, "the dataset description")?;
    let base = match &state.config().public_url {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None => {
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("localhost");
            format!("http://{host}")
        }
    };
    let stored =
        guarded::blocking(&state, |store, _token| ssgr_store::stored_void(store).map_err(ServerError::internal))
            .await?;
    if stored.is_empty() {
        return Err(ServerError::NotFound(
            "the store holds no dataset description; it is made by `ssgr build` and refreshed after writes".into(),
        ));
    }
    let triples = served(stored, &base);
    graph_body::respond(&triples, format, &[("void", ssgr_vocab::void::NS), ("dcat", ssgr_vocab::dcat::NS)])
}

/// The stored description with this server as its endpoint and dump, in
/// place of wherever it was built or served before.
fn served(stored: Vec<Triple>, base: &str) -> Vec<Triple> {
    let mut triples: Vec<Triple> = stored.into_iter().filter(|t| !ssgr_store::is_endpoint_triple(t)).collect();
    triples.extend(ssgr_store::endpoint_triples(base));
    triples
}

#[cfg(test)]
mod tests {
    use oxigraph::model::{NamedNode, Term};
    use ssgr_vocab::void;

    use super::*;

    #[test]
    fn the_served_endpoint_replaces_the_stored_one() {
        let mut stored = ssgr_store::endpoint_triples("http://old.example");
        stored.push(Triple::new(
            ssgr_vocab::ssgrid::VOID_DATASET,
            void::TRIPLES,
            Term::from(oxigraph::model::Literal::from(3)),
        ));
        let triples = served(stored, "https://new.example");
        let endpoints: Vec<&Term> =
            triples.iter().filter(|t| t.predicate == void::SPARQL_ENDPOINT).map(|t| &t.object).collect();
        assert_eq!(endpoints, [&Term::from(NamedNode::new_unchecked("https://new.example/sparql"))]);
        assert!(triples.iter().any(|t| t.predicate == void::TRIPLES));
        assert!(!triples.iter().any(|t| t.object.to_string().contains("old.example")));
    }
}
