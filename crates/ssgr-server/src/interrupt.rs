//! Stopping a query inside a sort or an aggregate.
//!
//! Oxigraph checks its cancellation token only when it reads the store. A
//! sort (`ORDER BY`) or a grouping first collects its input in memory and
//! then works on it without reading the store, so a cancelled query could
//! keep a core busy long after its client got the 503 (measured: an
//! `ORDER BY` over a large cross product ran 37 s past its deadline).
//!
//! The fix rewrites the query's algebra before evaluation so that the
//! evaluator calls a probe of ours once per row collected by a sort or a
//! grouping, and once per comparison in a sort. The probe returns nothing
//! (the row is unchanged) while the token is alive; once the token is
//! cancelled, it unwinds the evaluating thread with a private payload, which
//! [`catch`] turns back into a cancellation. `resume_unwind` skips the panic
//! hook, so nothing is printed. Everything the unwinding leaves behind (the
//! evaluator, its iterators, the store snapshot) is dropped on that thread;
//! nothing shared is written by a query, so there is no state to repair.
//!
//! Requires `panic = "unwind"` (the default; the workspace does not change it).

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

use oxigraph::model::{NamedNode, Term, Variable};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, SparqlEvaluator};
use spargebra::Query;
use spargebra::algebra::{Expression, Function, GraphPattern, OrderExpression};

/// The probe's name. A query may call it; it always returns nothing.
const PROBE: &str = "https://w3id.org/ssgr/internal#interrupt-probe";

/// The variable the probe is bound to in a collecting step: always unbound.
const PROBE_VARIABLE: &str = "__ssgr_interrupt_probe";

/// The payload of the unwinding; private, so no other panic is mistaken
/// for a cancellation.
struct Interrupted;

/// An evaluator that stops on `token`, including inside sorts and groups
/// of a query prepared with [`interruptible`].
pub(crate) fn evaluator(token: CancellationToken) -> SparqlEvaluator {
    let probe_token = token.clone();
    SparqlEvaluator::new().with_cancellation_token(token).with_custom_function(
        NamedNode::new_unchecked(PROBE),
        move |_: &[Term]| -> Option<Term> {
            if probe_token.is_cancelled() {
                resume_unwind(Box::new(Interrupted));
            }
            None
        },
    )
}

/// Runs `work` (an evaluation and the reading of its results), turning an
/// unwinding started by the probe into the error `cancelled` makes from
/// [`QueryEvaluationError::Cancelled`]. Any other panic keeps unwinding.
pub(crate) fn catch<T, E>(
    work: impl FnOnce() -> Result<T, E>,
    cancelled: impl FnOnce(QueryEvaluationError) -> E,
) -> Result<T, E> {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(result) => result,
        Err(payload) if payload.is::<Interrupted>() => Err(cancelled(QueryEvaluationError::Cancelled)),
        Err(payload) => resume_unwind(payload),
    }
}

/// Rewrites `query` so that its sorts and groups call the probe. The
/// answers are unchanged: the probe binds nothing and, inside an order
/// key, `COALESCE(probe(), key)` is `key`.
pub(crate) fn interruptible(query: &mut Query) {
    let pattern = match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern,
    };
    rewrite(pattern);
}

fn probe() -> Expression {
    Expression::FunctionCall(Function::Custom(NamedNode::new_unchecked(PROBE)), Vec::new())
}

/// `inner` with the probe called once per row it yields.
fn probed(inner: GraphPattern) -> GraphPattern {
    GraphPattern::Extend {
        inner: Box::new(inner),
        variable: Variable::new_unchecked(PROBE_VARIABLE),
        expression: probe(),
    }
}

fn probed_key(key: Expression) -> Expression {
    Expression::Coalesce(vec![probe(), key])
}

fn rewrite(pattern: &mut GraphPattern) {
    match pattern {
        GraphPattern::OrderBy { inner, expression } => {
            rewrite(inner);
            replace_with(inner, probed);
            for key in expression.iter_mut() {
                match key {
                    OrderExpression::Asc(e) | OrderExpression::Desc(e) => {
                        *e = probed_key(std::mem::replace(e, Expression::Literal("".into())));
                    }
                }
            }
        }
        GraphPattern::Group { inner, .. } => {
            rewrite(inner);
            replace_with(inner, probed);
        }
        GraphPattern::Join { left, right }
        | GraphPattern::LeftJoin { left, right, .. }
        | GraphPattern::Lateral { left, right }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => {
            rewrite(left);
            rewrite(right);
        }
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Graph { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Service { inner, .. } => rewrite(inner),
        GraphPattern::Bgp { .. } | GraphPattern::Path { .. } | GraphPattern::Values { .. } => {}
    }
}

/// Replaces a boxed pattern by `f` of itself.
fn replace_with(slot: &mut Box<GraphPattern>, f: impl FnOnce(GraphPattern) -> GraphPattern) {
    let taken = std::mem::replace(slot.as_mut(), GraphPattern::Bgp { patterns: Vec::new() });
    **slot = f(taken);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use oxigraph::sparql::QueryResults;
    use oxigraph::store::Store;
    use spargebra::SparqlParser;

    use super::*;

    fn store() -> Store {
        let store = Store::new().unwrap();
        let data = (0..40).map(|i| format!("<http://e/{i}> <http://e/p> \"{}\" .\n", 40 - i)).collect::<String>();
        store.load_from_reader(oxigraph::io::RdfFormat::NTriples, data.as_bytes()).unwrap();
        store
    }

    fn rows(query: &str, rewritten: bool) -> Vec<String> {
        let mut parsed = SparqlParser::new().parse_query(query).unwrap();
        if rewritten {
            interruptible(&mut parsed);
        }
        let QueryResults::Solutions(solutions) =
            evaluator(CancellationToken::new()).for_query(parsed).on_store(&store()).execute().unwrap()
        else {
            panic!("not a SELECT");
        };
        assert!(
            !solutions.variables().iter().any(|v| v.as_str() == PROBE_VARIABLE),
            "the probe's variable is not projected"
        );
        solutions.map(|s| format!("{:?}", s.unwrap().iter().collect::<Vec<_>>())).collect()
    }

    #[test]
    fn the_rewrite_keeps_the_answers() {
        for query in [
            "SELECT * { ?s ?p ?o } ORDER BY DESC(?o) ?s",
            "SELECT ?o (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?o ORDER BY ?n ?o",
            "SELECT ?s { { SELECT ?s { ?s ?p ?o } ORDER BY ?o LIMIT 5 } } ORDER BY ?s",
            "SELECT (SAMPLE(?s) AS ?x) { ?s ?p ?o }",
        ] {
            assert_eq!(rows(query, true), rows(query, false), "{query}");
        }
    }

    #[test]
    fn a_cancelled_sort_stops_inside_the_sort() {
        // VALUES only: the evaluator never reads the store once started, so
        // only the probe sees the token (the integration test
        // `a_timeout_stops_sorts_and_groups_that_read_no_store` shows the
        // sort running on without it).
        let values = (0..2000).map(|i| i.to_string()).collect::<Vec<_>>().join(" ");
        let text = format!("SELECT * {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} }} ORDER BY ?b ?a");
        let mut query = SparqlParser::new().parse_query(&text).unwrap();
        interruptible(&mut query);
        let token = CancellationToken::new();
        let canceller = token.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            canceller.cancel();
        });
        let result: Result<usize, QueryEvaluationError> = catch(
            || {
                let QueryResults::Solutions(solutions) =
                    evaluator(token).for_query(query).on_store(&store()).execute()?
                else {
                    return Ok(0);
                };
                solutions.map(|s| s.map(|_| 1)).sum()
            },
            |e| e,
        );
        assert!(matches!(result, Err(QueryEvaluationError::Cancelled)), "{result:?}");
    }

    #[test]
    fn other_panics_keep_unwinding() {
        let outcome = catch_unwind(|| catch::<(), QueryEvaluationError>(|| panic!("not ours"), |e| e));
        assert!(outcome.is_err());
    }
}
