// SPARQL syntax highlighting: a small tokenizer whose output is laid under
// a transparent textarea, so that editing stays the browser's own (undo,
// selection, accessibility) and only the colours are ours.

const KEYWORDS = new Set(
  ('base prefix select construct describe ask where from named order by asc desc limit offset distinct reduced ' +
    'optional union minus graph service silent filter bind values as group having not exists in a undef ' +
    'insert delete data with using load clear drop create add move copy to into default all true false')
    .split(' '),
);

const FUNCTIONS = new Set(
  ('str lang langmatches datatype bound iri uri bnode rand abs ceil floor round concat strlen ucase lcase ' +
    'encode_for_uri contains strstarts strends strbefore strafter year month day hours minutes seconds ' +
    'timezone tz now uuid struuid md5 sha1 sha256 sha384 sha512 coalesce if strlang strdt sameterm isiri ' +
    'isuri isblank isliteral isnumeric regex substr replace count sum min max avg sample group_concat ' +
    'triple subject predicate object istriple')
    .split(' '),
);

// Order matters: the first rule that matches at a position wins.
const RULES = [
  ['comment', /#[^\n]*/y],
  ['string', /"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?/y],
  ['iri', /<[^<>"{}|^`\\\s]*>/y],
  ['variable', /[?$][A-Za-z0-9_\u00C0-\uFFFF]+/y],
  ['langtag', /@[A-Za-z]+(?:-[A-Za-z0-9]+)*/y],
  ['number', /[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/y],
  ['pname', /(?:[A-Za-z][\w.-]*)?:(?:[\w\u00C0-\uFFFF%-]|\\.)*(?:\.?[\w\u00C0-\uFFFF%-])*/y],
  ['word', /[A-Za-z_][\w]*/y],
  ['space', /\s+/y],
  ['punct', /\^\^|&&|\|\||!=|<=|>=|[{}()[\].,;*=<>!+\-/^|]/y],
];

/** The tokens of a query: [kind, text] pairs that cover it exactly. */
export function tokenize(text) {
  const tokens = [];
  let at = 0;
  while (at < text.length) {
    let matched = false;
    for (const [kind, pattern] of RULES) {
      pattern.lastIndex = at;
      const m = pattern.exec(text);
      if (m && m[0].length > 0) {
        tokens.push([classify(kind, m[0]), m[0]]);
        at += m[0].length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      tokens.push(['other', text[at]]);
      at += 1;
    }
  }
  return tokens;
}

function classify(kind, text) {
  if (kind !== 'word') return kind;
  const lower = text.toLowerCase();
  if (KEYWORDS.has(lower)) return 'keyword';
  if (FUNCTIONS.has(lower)) return 'function';
  return 'other';
}

/** Escapes text for HTML. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** The query as HTML with one span per coloured token. */
export function highlight(text) {
  let html = '';
  for (const [kind, value] of tokenize(text)) {
    const escaped = escapeHtml(value);
    html += kind === 'space' || kind === 'other' ? escaped : `<span class="tok-${kind}">${escaped}</span>`;
  }
  // A final newline needs a character after it to take up a line.
  return html + '\n';
}
