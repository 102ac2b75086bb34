//! Dates in the forms documents write them: `07/06/2020`, `7.6.2020`,
//! `7 June 2020`, `June 7, 2020`, `2020-06-07`, with an optional time
//! `12:00` or `12:00 pm`.

use std::sync::LazyLock;

use crate::pattern::Pattern;

/// Which field of a numeric date is the day, decided per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayOrder {
    /// `dd/mm/yyyy`, the European order and the default.
    DayFirst,
    /// `mm/dd/yyyy`.
    MonthFirst,
}

/// A calendar date, with a time of day where one was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Date {
    pub(crate) year: u16,
    pub(crate) month: u8,
    pub(crate) day: u8,
    pub(crate) time: Option<(u8, u8)>,
}

impl Date {
    /// `xsd:date` lexical form.
    pub(crate) fn to_xsd_date(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `xsd:dateTime` lexical form; midnight where no time was written.
    pub(crate) fn to_xsd_date_time(self) -> String {
        let (h, m) = self.time.unwrap_or((0, 0));
        format!("{}T{:02}:{:02}:00", self.to_xsd_date(), h, m)
    }
}

static NUMERIC: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b(?:,?\s+(\d{1,2}):(\d{2})(?:\s*([AaPp])\.?[Mm]\.?)?)?")
});

static ISO: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::fixed(r"\b(\d{4})-(\d{2})-(\d{2})\b(?:[T ](\d{2}):(\d{2}))?"));

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";

static WRITTEN: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(&format!(
        r"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTHS})\.?,?\s+(\d{{4}})|({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s+(\d{{4}}))\b"
    ))
});

/// Decides the order of numeric dates from the document: where a first field
/// is over 12 it must be the day; where a second is, the month comes first.
pub(crate) fn day_order(text: &str) -> DayOrder {
    let (mut day_first, mut month_first) = (0, 0);
    for c in NUMERIC.captures_iter(text) {
        let a: u32 = c[1].parse().unwrap_or(0);
        let b: u32 = c[2].parse().unwrap_or(0);
        if a > 12 && b <= 12 {
            day_first += 1;
        } else if b > 12 && a <= 12 {
            month_first += 1;
        }
    }
    if month_first > day_first { DayOrder::MonthFirst } else { DayOrder::DayFirst }
}

/// Every date in `text`, with its byte range, in order.
pub(crate) fn find_dates(text: &str, order: DayOrder) -> Vec<(usize, usize, Date)> {
    let mut out = Vec::new();
    for c in NUMERIC.captures_iter(text) {
        let (a, b) = (num(&c, 1), num(&c, 2));
        let (day, month) = match order {
            DayOrder::DayFirst => (a, b),
            DayOrder::MonthFirst => (b, a),
        };
        let time = time_of(num(&c, 4), num(&c, 5), c.get(6).map(|m| m.as_str()), c.get(4).is_some());
        if let Some(d) = make(num(&c, 3), month, day, time) {
            let whole = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
            out.push((whole.0, whole.1, d));
        }
    }
    for c in ISO.captures_iter(text) {
        let time = time_of(num(&c, 4), num(&c, 5), None, c.get(4).is_some());
        if let Some(d) = make(num(&c, 1), num(&c, 2), num(&c, 3), time) {
            let whole = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
            out.push((whole.0, whole.1, d));
        }
    }
    for c in WRITTEN.captures_iter(text) {
        let (day, month, year) = if c.get(1).is_some() {
            (num(&c, 1), month_number(&c[2]), num(&c, 3))
        } else {
            (num(&c, 5), month_number(&c[4]), num(&c, 6))
        };
        if let Some(d) = make(year, month, day, None) {
            let whole = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
            out.push((whole.0, whole.1, d));
        }
    }
    out.sort_by_key(|(s, _, _)| *s);
    out
}

fn num(c: &regex::Captures<'_>, i: usize) -> u32 {
    c.get(i).and_then(|m| m.as_str().parse().ok()).unwrap_or(0)
}

fn time_of(hour: u32, minute: u32, meridiem: Option<&str>, present: bool) -> Option<(u8, u8)> {
    if !present || minute > 59 {
        return None;
    }
    let hour = match meridiem.map(|m| m.to_ascii_lowercase()) {
        Some(m) if m == "p" && hour < 12 => hour + 12,
        Some(m) if m == "a" && hour == 12 => 0,
        _ => hour,
    };
    (hour < 24).then(|| (u8::try_from(hour).unwrap_or(0), u8::try_from(minute).unwrap_or(0)))
}

fn month_number(name: &str) -> u32 {
    let lower = name.to_ascii_lowercase();
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .iter()
        .position(|m| lower.starts_with(m))
        .map_or(0, |i| u32::try_from(i).unwrap_or(0) + 1)
}

fn make(year: u32, month: u32, day: u32, time: Option<(u8, u8)>) -> Option<Date> {
    const DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let max_day = *DAYS.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    if !(1000..=2999).contains(&year) || day == 0 || day > max_day || (month == 2 && day == 29 && !leap) {
        return None;
    }
    Some(Date { year: u16::try_from(year).ok()?, month: u8::try_from(month).ok()?, day: u8::try_from(day).ok()?, time })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str, order: DayOrder) -> Option<String> {
        find_dates(text, order).first().map(|(_, _, d)| d.to_xsd_date_time())
    }

    #[test]
    fn numeric_dates_follow_the_document_order() {
        assert_eq!(day_order("from 30/01/2015 to 03/04/2015"), DayOrder::DayFirst);
        assert_eq!(day_order("from 01/30/2015"), DayOrder::MonthFirst);
        assert_eq!(first("Deadline: 05/12/2019 12:00", DayOrder::DayFirst).as_deref(), Some("2019-12-05T12:00:00"));
        assert_eq!(first("05/12/2019", DayOrder::MonthFirst).as_deref(), Some("2019-05-12T00:00:00"));
    }

    #[test]
    fn times_and_written_forms() {
        assert_eq!(first("12/04/2018 12:00 pm", DayOrder::DayFirst).as_deref(), Some("2018-04-12T12:00:00"));
        assert_eq!(first("12/04/2018 3:30 PM", DayOrder::DayFirst).as_deref(), Some("2018-04-12T15:30:00"));
        assert_eq!(first("on 7 June 2020.", DayOrder::DayFirst).as_deref(), Some("2020-06-07T00:00:00"));
        assert_eq!(first("on June 7, 2020.", DayOrder::DayFirst).as_deref(), Some("2020-06-07T00:00:00"));
        assert_eq!(first("31/02/2020", DayOrder::DayFirst), None);
    }
}
