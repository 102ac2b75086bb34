//! The entity page: server-rendered HTML, no script, every text escaped.

use std::fmt::Write;

use oxigraph::model::Term;

use super::describe::{Description, EVIDENCE_LIMIT, LinkKind, Statement};
use super::evidence::Evidence;
use super::labels::compact;
use super::{ALTERNATES, alternate_url, page_url};

const CSS: &str = include_str!("page.css");

/// Text safe inside an element or a quoted attribute.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page of a described entity.
pub(crate) fn page(d: &Description) -> String {
    let title = d.entity.display();
    let page = page_url(d.iri.as_str());
    let mut head = String::new();
    for (name, media_type, suffix) in &ALTERNATES[1..] {
        let _ = writeln!(
            head,
            r#"<link rel="alternate" type="{media_type}" href="{}" title="{name}">"#,
            escape(&alternate_url(&page, suffix))
        );
    }
    let mut body = String::new();
    let _ = writeln!(body, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(body, r#"<p class="iri"><code>{}</code></p>"#, escape(d.iri.as_str()));
    classes(&mut body, d);
    links(&mut body, d);
    outgoing(&mut body, d);
    incoming(&mut body, d);
    evidence(&mut body, d);
    formats(&mut body, &page);
    document(&title, &head, &body)
}

/// The page for an IRI the graph does not mention, with entities whose
/// names look like what was asked.
pub(crate) fn not_found(iri: &str, suggestions: &[(String, Option<String>)]) -> String {
    let mut body = String::from("<h1>Not in the graph</h1>\n");
    let _ = writeln!(
        body,
        r#"<p>No statement of the graph mentions <code>{}</code>. Check the address, or look for the entity from the <a href="/">start page</a>.</p>"#,
        escape(iri)
    );
    if !suggestions.is_empty() {
        body.push_str("<h2>Perhaps one of these</h2>\n<ul>\n");
        for (candidate, label) in suggestions {
            let text = label.clone().unwrap_or_else(|| compact(candidate));
            let _ = writeln!(body, r#"<li><a href="{}">{}</a></li>"#, escape(&page_url(candidate)), escape(&text));
        }
        body.push_str("</ul>\n");
    }
    document("Not in the graph", "", &body)
}

fn document(title: &str, head: &str, body: &str) -> String {
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{} · ssgr</title>
{head}<style>{CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header><nav aria-label="Site"><a href="/">ssgr: the SSG/R knowledge graph</a> <a href="/sparql">SPARQL endpoint</a></nav></header>
<main id="main">
{body}</main>
</body>
</html>
"##,
        escape(title)
    )
}

/// A link to the page of a term, or its text when it has no page.
fn value_html(term: &Term, label: Option<&str>) -> String {
    match term {
        Term::NamedNode(n) => {
            let text = label.map_or_else(|| compact(n.as_str()), str::to_owned);
            format!(
                r#"<a href="{}" title="{}">{}</a>"#,
                escape(&page_url(n.as_str())),
                escape(n.as_str()),
                escape(&text)
            )
        }
        Term::Literal(l) => {
            let lang = l.language().map(|tag| format!(r#" lang="{}""#, escape(tag))).unwrap_or_default();
            format!("<span{lang}>{}</span>", escape(l.value()))
        }
        other => format!("<code>{}</code>", escape(&other.to_string())),
    }
}

fn classes(out: &mut String, d: &Description) {
    if d.classes.is_empty() {
        return;
    }
    out.push_str("<section aria-labelledby=\"classes\">\n<h2 id=\"classes\">Classes</h2>\n<ul class=\"inline\">\n");
    for class in &d.classes {
        let _ = writeln!(out, "<li>{}</li>", value_html(&class.term, class.label.as_deref()));
    }
    out.push_str("</ul>\n</section>\n");
}

fn links(out: &mut String, d: &Description) {
    if d.links.is_empty() {
        return;
    }
    out.push_str("<section aria-labelledby=\"links\">\n<h2 id=\"links\">Elsewhere</h2>\n<ul>\n");
    for link in &d.links {
        let source = match link.kind {
            LinkKind::Wikidata => "Wikidata".to_owned(),
            LinkKind::GeoNames => "GeoNames".to_owned(),
            LinkKind::Other => link.iri.as_str().split('/').nth(2).unwrap_or("elsewhere").to_owned(),
        };
        let iri = escape(link.iri.as_str());
        let from: Vec<String> = link
            .sources
            .iter()
            .map(|s| {
                if is_web(s.as_str()) {
                    format!(r#"<a href="{0}" rel="external">{0}</a>"#, escape(s.as_str()))
                } else {
                    format!("<code>{}</code>", escape(s.as_str()))
                }
            })
            .collect();
        let from = if from.is_empty() { String::new() } else { format!(" (source: {})", from.join(", ")) };
        // Only web links are links: an IRI such as `javascript:...` in the
        // data is shown as text, never made clickable.
        let target = if is_web(link.iri.as_str()) {
            format!(r#"<a href="{iri}" rel="external">{iri}</a>"#)
        } else {
            format!("<code>{iri}</code>")
        };
        let _ = writeln!(out, r#"<li>{}: {target}{from}</li>"#, escape(&source));
    }
    out.push_str("</ul>\n</section>\n");
}

/// Whether an IRI may be a link on the page: http and https only.
fn is_web(iri: &str) -> bool {
    let lower = iri.get(..8).unwrap_or(iri).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn more(out: &mut String, shown: usize, total: usize) {
    if total > shown {
        let _ = writeln!(out, "<p class=\"more\">{} more not listed.</p>", total - shown);
    }
}

fn outgoing(out: &mut String, d: &Description) {
    out.push_str("<section aria-labelledby=\"outgoing\">\n<h2 id=\"outgoing\">Relations</h2>\n");
    if d.outgoing.is_empty() {
        out.push_str("<p>The graph states nothing more of it.</p>\n</section>\n");
        return;
    }
    let caption = format!("What the graph says of {}", d.entity.display());
    table(out, &caption, "Values", &d.outgoing, |s| value_html(&s.value.term, s.value.label.as_deref()));
    more(out, d.outgoing.len(), d.outgoing_total);
    out.push_str("</section>\n");
}

fn incoming(out: &mut String, d: &Description) {
    out.push_str("<section aria-labelledby=\"incoming\">\n<h2 id=\"incoming\">Pointing here</h2>\n");
    if d.incoming.is_empty() {
        out.push_str("<p>No other entity points to it.</p>\n");
    } else {
        let caption = format!("Statements whose value is {}", d.entity.display());
        table(out, &caption, "Subjects", &d.incoming, |s| value_html(&s.subject.term, s.subject.label.as_deref()));
        more(out, d.incoming.len(), d.incoming_total);
    }
    if d.evidence_records > 0 {
        let _ = writeln!(out, "<p>{} evidence records point here as well.</p>", d.evidence_records);
    }
    out.push_str("</section>\n");
}

/// A table of statements with one row per property (they come sorted by
/// property) and the other ends of its statements as a list.
fn table(out: &mut String, caption: &str, head: &str, rows: &[Statement], other: impl Fn(&Statement) -> String) {
    let _ = writeln!(
        out,
        "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">Property</th><th scope=\"col\">{head}</th></tr></thead>\n<tbody>",
        escape(caption)
    );
    for group in rows.chunk_by(|a, b| a.property.term == b.property.term) {
        let property = &group[0].property;
        let _ =
            write!(out, r#"<tr><th scope="row">{}</th><td>"#, value_html(&property.term, property.label.as_deref()));
        if let [one] = group {
            out.push_str(&other(one));
        } else {
            out.push_str("<ul class=\"values\">");
            for statement in group {
                let _ = write!(out, "<li>{}</li>", other(statement));
            }
            out.push_str("</ul>");
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn evidence(out: &mut String, d: &Description) {
    out.push_str("<section aria-labelledby=\"evidence\">\n<h2 id=\"evidence\">Evidence</h2>\n");
    if d.evidence.is_empty() {
        out.push_str("<p>No statement shown here was extracted from a document; they come from reference data or inference.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(
        out,
        "<p>Where each extracted statement was read{}.</p>\n<ol class=\"evidence\">",
        if d.evidence_total > EVIDENCE_LIMIT { format!(" (the first {EVIDENCE_LIMIT})") } else { String::new() }
    );
    for item in &d.evidence {
        evidence_item(out, item, &d.names);
    }
    out.push_str("</ol>\n");
    more(out, d.evidence.len(), d.evidence_total);
    out.push_str("</section>\n");
}

fn evidence_item(out: &mut String, e: &Evidence, names: &[String]) {
    let s = &e.statement;
    let _ = writeln!(
        out,
        "<li>\n<p class=\"statement\">{} <span class=\"property\">{}</span> {}</p>",
        value_html(&s.subject.term, s.subject.label.as_deref()),
        escape(&s.property.display()),
        value_html(&s.value.term, s.value.label.as_deref()),
    );
    if let Some(sentence) = &e.sentence {
        let _ = writeln!(out, "<blockquote>{}</blockquote>", highlight(sentence, names));
    }
    let mut source = Vec::new();
    if let Some(doc) = &e.document {
        source.push(format!("in {}", value_html(&doc.term, doc.label.as_deref())));
    }
    if let (Some(begin), Some(end)) = (e.begin, e.end) {
        source.push(format!("characters {begin}–{end}"));
    }
    if let Some(rule) = &e.rule {
        source.push(format!("rule <code>{}</code>", escape(rule)));
    }
    let _ = writeln!(out, "<p class=\"source\">{}</p>\n</li>", source.join(", "));
}

/// The sentence, escaped, with the entity's names marked. `names` is
/// longest first, so "OSCE Mission" wins over "OSCE"; a name counts only
/// as a whole word.
pub(crate) fn highlight(sentence: &str, names: &[String]) -> String {
    let mut out = String::with_capacity(sentence.len() + 16);
    let mut i = 0;
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    while i < sentence.len() {
        let rest = &sentence[i..];
        let before = sentence[..i].chars().next_back();
        let found = names.iter().find(|n| {
            !n.is_empty()
                && rest.starts_with(n.as_str())
                && boundary(before)
                && boundary(rest[n.len()..].chars().next())
        });
        if let Some(name) = found {
            let _ = write!(out, "<mark>{}</mark>", escape(name));
            i += name.len();
        } else if let Some(c) = rest.chars().next() {
            out.push_str(&escape(c.encode_utf8(&mut [0; 4])));
            i += c.len_utf8();
        }
    }
    out
}

fn formats(out: &mut String, page: &str) {
    out.push_str("<nav aria-label=\"Other formats\" class=\"formats\"><h2>This description as data</h2>\n<ul class=\"inline\">\n");
    for (name, media_type, suffix) in &ALTERNATES[1..] {
        let _ = writeln!(
            out,
            r#"<li><a href="{}" type="{media_type}">{name}</a></li>"#,
            escape(&alternate_url(page, suffix))
        );
    }
    out.push_str("</ul>\n</nav>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn marks_whole_names_longest_first() {
        let names = vec!["OSCE Mission".to_owned(), "OSCE".to_owned()];
        assert_eq!(
            highlight("The OSCE Mission & the OSCE, not OSCEs.", &names),
            "The <mark>OSCE Mission</mark> &amp; the <mark>OSCE</mark>, not OSCEs."
        );
        assert_eq!(highlight("<b>é</b>", &[]), "&lt;b&gt;é&lt;/b&gt;");
    }
}
