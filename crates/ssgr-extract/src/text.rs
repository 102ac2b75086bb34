//! Text utilities: sentences, name keys, word tests.

/// Byte ranges of the sentences of `text`, trimmed, none empty.
///
/// A sentence ends at `.`, `!` or `?` (optionally followed by a closing quote
/// or bracket) when white space and then an upper-case letter, digit, quote
/// or bullet follow, unless the word before is a known abbreviation or a
/// single letter (initials).
pub(crate) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    // Jumps from stop to stop (memchr), not byte by byte.
    while let Some(offset) = bytes.get(i..).and_then(|rest| memchr::memchr3(b'.', b'!', b'?', rest)) {
        i += offset;
        if ends_sentence(text, i) {
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b')' | b'\'') {
                end += 1;
            }
            push_trimmed(text, start, end, &mut out);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "prof", "no", "nos", "vol", "st", "art", "para", "cf", "fig",
    "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co",
    "vs",
];

fn ends_sentence(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    let mut next = i + 1;
    while next < bytes.len() && matches!(bytes[next], b'"' | b')' | b'\'') {
        next += 1;
    }
    let rest = &text[next..];
    let Some(after_space) = rest.strip_prefix(|c: char| c.is_whitespace()) else {
        return next >= bytes.len();
    };
    let Some(first) = after_space.trim_start().chars().next() else { return true };
    if !(first.is_uppercase() || first.is_ascii_digit() || matches!(first, '"' | '“' | '‘' | '(' | '•' | '-')) {
        return false;
    }
    if bytes[i] != b'.' {
        return true;
    }
    let before = &text[..i];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.'))
        .map_or(0, |(j, c)| j + c.len_utf8());
    let word = &before[word_start..];
    !(is_single_letter(word) || is_abbreviation(word))
}

/// Whether `word` in lower case is one alphabetic character (initials).
fn is_single_letter(word: &str) -> bool {
    let mut chars = word.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return false };
    // Lower case may take more than one character ("İ"): then it is no letter.
    let mut lower = c.to_lowercase();
    matches!((lower.next(), lower.next()), (Some(l), None) if l.is_alphabetic())
}

/// Whether `word` in lower case is one of [`ABBREVIATIONS`]. They are ASCII,
/// and lower case makes no non-ASCII character a letter of theirs (only the
/// Kelvin sign becomes "k", which none has): so an ASCII comparison, without
/// lowering a copy of the word at every full stop.
fn is_abbreviation(word: &str) -> bool {
    word.is_ascii() && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// The longest sentence, in bytes. Text with no sentence end for longer than
/// this (a table flattened into one line, a list without full stops) is cut
/// at a space, so that the work per sentence stays bounded.
pub(crate) const MAX_SENTENCE: usize = 2048;

fn push_trimmed(text: &str, mut start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    while end - start > MAX_SENTENCE {
        let mut cut = start + MAX_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[start..cut].rfind(' ').map_or(cut, |space| start + space + 1);
        let cut = if cut <= start { start + MAX_SENTENCE.min(end - start) } else { cut };
        let mut cut = cut;
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        push_one(text, start, cut, out);
        start = cut;
    }
    push_one(text, start, end, out);
}

fn push_one(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if start + lead < end - trail {
        out.push((start + lead, end - trail));
    }
}

/// A key that two spellings of one name share: lower case, accents and
/// punctuation dropped, "co-operation" = "cooperation", "organisation" =
/// "organization", "&" = "and".
pub(crate) fn name_key(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if c == '-' || c == '\'' || c == '’' || c == '.' {
            // "Co-operation" and "co operation" both join into one word.
        } else {
            if c == '&' {
                push_word(&mut words, &mut word);
                words.push("and".into());
            }
            push_word(&mut words, &mut word);
        }
    }
    push_word(&mut words, &mut word);
    words.join(" ")
}

fn push_word(words: &mut Vec<String>, word: &mut String) {
    if word.is_empty() {
        return;
    }
    let mut w = std::mem::take(word);
    // Each step copies the word: only a word it changes pays for it.
    if w.contains("is") {
        w = w.replace("isation", "ization").replace("ise", "ize");
    }
    // Decomposing ASCII gives it back unchanged, with no combining mark.
    words.push(if w.is_ascii() { w } else { fold_accents(&w) });
}

/// Removes combining accents: "prishtinë" -> "prishtine".
pub(crate) fn fold_accents(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfkd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect()
}

/// Whether `c` joins letters into one word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether the match `start..end` of `text` stands as whole words.
pub(crate) fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// Words that may stand inside a proper name without a capital.
pub(crate) const NAME_CONNECTORS: &[&str] =
    &["of", "for", "and", "the", "on", "in", "to", "de", "du", "des", "la", "&", "against", "at"];

/// Whether a word starts with an upper-case letter or is an acronym.
pub(crate) fn is_capitalised(word: &str) -> bool {
    // Tested on every word of a name run: only a non-ASCII first letter is
    // decoded (it is no ASCII digit, and ASCII upper case is `is_uppercase`).
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase() || b.is_ascii_digit(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn capitalised_words_start_upper_case_or_with_a_digit() {
        for word in ["OSCE", "osce", "2024", "Élan", "élan", "Ωmega", "ωmega", "’s", "-", "", "İstanbul", "ǅ", "Ⅻ"]
        {
            let expected = word.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            assert_eq!(is_capitalised(word), expected, "{word:?}");
        }
    }

    #[test]
    fn splits_at_sentence_ends_only() {
        assert_eq!(
            split("The OSCE acts, e.g. in Kosovo. It trains police. Mr. J. Smith wrote it."),
            ["The OSCE acts, e.g. in Kosovo.", "It trains police.", "Mr. J. Smith wrote it."]
        );
        assert_eq!(split("No end"), ["No end"]);
        assert_eq!(split("  "), Vec::<&str>::new());
        assert_eq!(split("Version 1.2 is out. Next"), ["Version 1.2 is out.", "Next"]);
        let long = "word ".repeat(1000);
        let parts = split(&long);
        assert!(parts.len() >= 3 && parts.iter().all(|p| p.len() <= MAX_SENTENCE && p.ends_with("word")));
    }

    #[test]
    fn name_keys_ignore_spelling_variants() {
        assert_eq!(name_key("Forum for Security Co-operation"), name_key("Forum for Security Cooperation"));
        assert_eq!(name_key("Organisation for Security"), name_key("Organization for  security"));
        assert_eq!(name_key("Prishtinë"), "prishtine");
        assert_eq!(name_key("A & B"), "a and b");
        assert_eq!(name_key("Organisation’s Franchise-Wise İSTANBUL Kraków ÉCOLE"), {
            // Each word as the key made it before its ASCII shortcuts.
            let word = |w: &str| fold_accents(&w.replace("isation", "ization").replace("ise", "ize"));
            ["organizations", "franchizewize", "i̇stanbul", "krakow", "ecole"].map(word).join(" ")
        });
    }
}
