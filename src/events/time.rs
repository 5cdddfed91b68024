//! Temporal expressions: found in the text and resolved against the published date (TimeML values).
//!
//! The tagger is rule-based: the text is cut into word and punctuation tokens, and at each token the
//! longest matching pattern wins (absolute dates, weekdays, "last week", durations, clock times, sets).
//! Deictic expressions ("Monday", "last week", "three days ago") are resolved against the published date;
//! the tense of the clause decides whether a bare weekday or month is the last one or the coming one.
//! Anaphoric ones ("the next day", "two days later", "the previous year", "the same period last year")
//! are resolved, as TimeML does, against the reference time: the date mentioned last before them, else
//! the published date.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// TimeML TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeType {
    Date,
    Time,
    Duration,
    Set,
}

/// How precise a resolved date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
    Decade,
}

/// One temporal expression in the text. Offsets are UTF-8 byte offsets, end exclusive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeExpr {
    /// First byte of the expression in the text.
    pub start: usize,
    /// Byte after the expression.
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: TimeType,
    /// TimeML value (`2020-03-02`, `2020-W09`, `2020-02`, `2020`, `P1W`, `PAST_REF`...); None when it
    /// cannot be resolved (e.g. a relative date with no published date).
    pub value: Option<String>,
    /// The calendar days the value covers (first, last), for DATE values that name days, weeks, months, years.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<(NaiveDate, NaiveDate)>,
    /// How precise `range` is (a day, a week, a month...); None when `range` is None.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
}

impl TimeExpr {
    /// The calendar days this expression covers and how precise it is, for placing an event in time.
    /// None for durations, sets and unresolved or vague (`PAST_REF`) expressions.
    pub fn date_range(&self) -> Option<((NaiveDate, NaiveDate), Precision)> {
        Some((self.range?, self.precision?))
    }
}

/// The days a TimeML date value covers and its precision: `2020-03-02` (and `2020-03-02T20:29`, `...TMO`),
/// `2020-W09`, `2020-W09-WE`, `2020-02`, `2020-Q1`, `2020-SP`, `2020`, `199` (a decade).
///
/// ```
/// use chrono::NaiveDate;
/// use newsmap::events::time::{value_range, Precision};
/// let ((first, last), p) = value_range("2020-W09").unwrap();
/// assert_eq!((first, last), (NaiveDate::from_ymd_opt(2020, 2, 24).unwrap(), NaiveDate::from_ymd_opt(2020, 3, 1).unwrap()));
/// assert_eq!(p, Precision::Week);
/// ```
pub fn value_range(value: &str) -> Option<((NaiveDate, NaiveDate), Precision)> {
    let date_part = value.split('T').next().unwrap_or(value);
    let parts: Vec<&str> = date_part.split('-').collect();
    let num = |s: &str| -> Option<i32> {
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            None
        } else {
            s.parse().ok()
        }
    };
    let year = num(parts.first()?)?;
    let ylen = parts.first()?.len();
    if ylen == 3 && parts.len() == 1 {
        let first = NaiveDate::from_ymd_opt(year * 10, 1, 1)?;
        let last = NaiveDate::from_ymd_opt(year * 10 + 9, 12, 31)?;
        return Some(((first, last), Precision::Decade));
    }
    if ylen != 4 {
        return None;
    }
    match parts.len() {
        1 => Some((
            (
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
            ),
            Precision::Year,
        )),
        _ => {
            let second = parts[1];
            if let Some(w) = second.strip_prefix('W') {
                let week = u32::try_from(num(w)?).ok()?;
                let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
                if parts.get(2) == Some(&"WE") {
                    return Some((
                        (monday + Duration::days(5), monday + Duration::days(6)),
                        Precision::Week,
                    ));
                }
                return Some(((monday, monday + Duration::days(6)), Precision::Week));
            }
            if let Some(q) = second.strip_prefix('Q') {
                let q = u32::try_from(num(q)?)
                    .ok()
                    .filter(|q| (1..=4).contains(q))?;
                let first = NaiveDate::from_ymd_opt(year, 3 * q - 2, 1)?;
                let last = month_last(year, 3 * q)?;
                return Some(((first, last), Precision::Month));
            }
            let season = match second {
                "SP" => Some((3, 5)),
                "SU" => Some((6, 8)),
                "FA" => Some((9, 11)),
                "WI" => Some((12, 14)),
                _ => None,
            };
            if let Some((a, b)) = season {
                let first = NaiveDate::from_ymd_opt(year, a, 1)?;
                let last = if b > 12 {
                    month_last(year + 1, b - 12)?
                } else {
                    month_last(year, b)?
                };
                return Some(((first, last), Precision::Month));
            }
            let month = u32::try_from(num(second)?).ok()?;
            if parts.len() == 2 {
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                return Some(((first, month_last(year, month)?), Precision::Month));
            }
            let day = u32::try_from(num(parts[2])?).ok()?;
            let d = NaiveDate::from_ymd_opt(year, month, day)?;
            Some(((d, d), Precision::Day))
        }
    }
}

fn month_last(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

// ---------------------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    /// Lowercase text (stored inline when short).
    low: compact_str::CompactString,
    /// No whitespace between this token and the previous one.
    joined: bool,
    capital: bool,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut last_end = usize::MAX;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII fast paths: spaces, and words of ASCII letters and digits.
        let (c, len) = if b.is_ascii() {
            (char::from(b), 1)
        } else {
            match text.get(i..).and_then(|r| r.chars().next()) {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let start = i;
        let mut end = i + len;
        if c.is_alphanumeric() {
            while end < bytes.len() {
                if bytes[end].is_ascii_alphanumeric() {
                    end += 1;
                    continue;
                }
                if bytes[end].is_ascii() {
                    break;
                }
                match text.get(end..).and_then(|r| r.chars().next()) {
                    Some(d) if d.is_alphanumeric() => end += d.len_utf8(),
                    _ => break,
                }
            }
        }
        let s = &text[start..end];
        toks.push(Tok {
            start,
            end,
            low: if s.len() > 40 {
                compact_str::CompactString::default()
            } else if s.is_ascii() {
                let mut low = compact_str::CompactString::from(s);
                low.make_ascii_lowercase();
                low
            } else {
                compact_str::CompactString::from(s.to_lowercase())
            },
            joined: last_end == start,
            capital: c.is_uppercase(),
        });
        last_end = end;
        i = end;
    }
    toks
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary

use crate::article::MONTHS;

fn month_name(w: &str) -> Option<u32> {
    MONTHS
        .iter()
        .position(|m| *m == w)
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn month_abbr(w: &str) -> Option<u32> {
    if w == "sept" {
        return Some(9);
    }
    if w.len() == 3 && w != "may" {
        return MONTHS
            .iter()
            .position(|m| m.starts_with(w))
            .and_then(|i| u32::try_from(i + 1).ok());
    }
    None
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn day_part(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" => "NI",
        _ => return None,
    })
}

/// Duration units: (TimeML designator, is a clock unit, multiplier).
fn unit(w: &str) -> Option<(&'static str, bool, f64)> {
    let singular = w.strip_suffix('s').unwrap_or(w);
    Some(match singular {
        "second" => ("S", true, 1.0),
        "minute" => ("M", true, 1.0),
        "hour" => ("H", true, 1.0),
        "day" => ("D", false, 1.0),
        "week" => ("W", false, 1.0),
        "fortnight" => ("W", false, 2.0),
        "month" => ("M", false, 1.0),
        "year" => ("Y", false, 1.0),
        "decade" => ("Y", false, 10.0),
        "century" | "centurie" => ("Y", false, 100.0),
        "quarter" => ("Q", false, 1.0),
        _ => return None,
    })
}

fn small_number(w: &str) -> Option<f64> {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = ONES.iter().position(|x| *x == w) {
        return Some(i as f64);
    }
    if let Some(i) = TENS.iter().position(|x| *x == w) {
        return Some((i as f64 + 2.0) * 10.0);
    }
    match w {
        "a" | "an" | "single" => Some(1.0),
        "dozen" => Some(12.0),
        "hundred" => Some(100.0),
        _ => None,
    }
}

fn digits(w: &str) -> Option<i64> {
    if w.is_empty() || w.len() > 9 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// A day of the month: "3", "03", "3rd".
fn day_of_month(w: &str) -> Option<u32> {
    let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if !matches!(&w[d.len()..], "" | "st" | "nd" | "rd" | "th") || d.len() > 2 {
        return None;
    }
    digits(d)
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| (1..=31).contains(n))
}

fn plausible_year(n: i64) -> Option<i32> {
    if (1000..=2199).contains(&n) {
        i32::try_from(n).ok()
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------------------
// Matching

/// What a pattern found, before it is turned into a TimeML value.
#[derive(Debug, Clone)]
enum Sem {
    Day(i32, u32, u32),
    /// Month and day without a year: the year comes from the published date and the tense.
    MonthDay(u32, u32, Rel),
    Month(i32, u32),
    /// A month of the published year plus an offset ("October of next year").
    MonthOfYear(u32, i32),
    /// The nth week (0-based; -1 the last) of a month without a year.
    WeekOfMonth(u32, i32),
    /// A month name without a year.
    BareMonth(u32, Rel),
    Year(i32),
    Decade(i32),
    Quarter(Option<i32>, u32, i64),
    Season(&'static str, i64),
    /// Days after the published date.
    RelDay(i64),
    /// Days after the reference time: the last day mentioned, else the published date ("the next day",
    /// "two days later"). TimeML anchors these anaphoric expressions to the story's time, not to the
    /// publication.
    RefDay(i64),
    /// Weeks, months, years after the reference time's week, month, year ("the previous year",
    /// "a month later", "the entire year").
    RefWeek(i64),
    RefMonth(i64),
    RefYear(i64),
    /// The period of the reference time, a number of years back ("the same month a year ago",
    /// "the same period last year"); the unit is None for "period" (the reference's own precision).
    Same(Option<Unit>, i32),
    Weekday(Weekday, Rel),
    /// Weeks after the published week; the flag is the weekend.
    RelWeek(i64, bool),
    RelMonth(i64),
    RelYear(i64),
    /// A part of the month (early, mid, late, end...): the month comes from context.
    ContextMonth,
    /// "the day", "the same day": the last day mentioned, else the published date.
    ContextDay,
    Ref(&'static str),
    Duration(String),
    Set(String),
}

/// A calendar unit an anaphoric expression names.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

fn calendar_unit(w: &str) -> Option<Unit> {
    Some(match w {
        "day" | "session" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        _ => return None,
    })
}

/// How a bare weekday or month relates to the published date.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Rel {
    /// By tense.
    Tense,
    /// Forced past ("since Sunday", "last Friday").
    Past,
    /// Forced future ("next Friday").
    Next,
    /// In the published week or year ("this Friday").
    This,
}

/// A narrowing of a month or year: early (first third), mid, late, end, start.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Early,
    Mid,
    Late,
}

#[derive(Debug, Clone)]
struct Found {
    /// Token index after the match.
    end: usize,
    kind: TimeType,
    sem: Sem,
    part: Option<Part>,
    /// A time of day: "T20:29", "TMO".
    clock: Option<String>,
}

impl Found {
    fn new(end: usize, kind: TimeType, sem: Sem) -> Found {
        Found {
            end,
            kind,
            sem,
            part: None,
            clock: None,
        }
    }
}

struct Ctx<'a> {
    text: &'a str,
    toks: Vec<Tok>,
}

impl Ctx<'_> {
    fn w(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.low.as_str())
    }

    fn joined(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.joined)
    }

    fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.capital)
    }

    /// A number at token i (digits, words, "twenty-five", "two and a half"): value (None for "several") and
    /// the token after it.
    fn number(&self, i: usize) -> Option<(Option<f64>, usize)> {
        let w = self.w(i);
        if matches!(
            w,
            "several" | "few" | "many" | "some" | "dozens" | "hundreds" | "couple"
        ) {
            let mut end = i + 1;
            if self.w(end) == "of" && w != "several" && w != "few" && w != "many" && w != "some" {
                end += 1;
            }
            return Some((None, end));
        }
        if w == "a" && matches!(self.w(i + 1), "few" | "couple") {
            let end = if self.w(i + 2) == "of" { i + 3 } else { i + 2 };
            return Some((None, end));
        }
        let (mut value, mut end) = if let Some(n) = digits(w) {
            if w.len() > 6 {
                return None;
            }
            // "2.5" tokenizes as 2 . 5
            if self.w(i + 1) == "."
                && self.joined(i + 1)
                && self.joined(i + 2)
                && let Some(frac) = digits(self.w(i + 2))
            {
                let s = format!("{n}.{frac}");
                return s.parse().ok().map(|v| (Some(v), i + 3));
            }
            (n as f64, i + 1)
        } else {
            let v = small_number(w)?;
            let mut end = i + 1;
            let mut v = v;
            // twenty-five / twenty five
            if (20.0..100.0).contains(&v) {
                let k = if self.w(end) == "-" { end + 1 } else { end };
                if let Some(u) = small_number(self.w(k)).filter(|u| *u >= 1.0 && *u < 10.0)
                    && !matches!(self.w(k), "a" | "an")
                {
                    v += u;
                    end = k + 1;
                }
            }
            if w == "a" && self.w(end) == "dozen" {
                v = 12.0;
                end += 1;
            }
            (v, end)
        };
        // "two and a half"
        if self.w(end) == "and" && self.w(end + 1) == "a" && self.w(end + 2) == "half" {
            value += 0.5;
            end += 3;
        }
        Some((Some(value), end))
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn duration_value(n: Option<f64>, (designator, clock, mult): (&str, bool, f64)) -> String {
    let t = if clock { "T" } else { "" };
    match n {
        Some(v) => format!("P{t}{}{designator}", fmt_num(v * mult)),
        None if mult > 1.0 => format!("P{t}X{}", if mult >= 100.0 { "CE" } else { "DE" }),
        None => format!("P{t}X{designator}"),
    }
}

/// Try every pattern at token i; the longest match wins.
fn match_at(cx: &Ctx, i: usize) -> Option<Found> {
    const PATTERNS: [fn(&Ctx, usize) -> Option<Found>; 7] = [
        absolute_date,
        relative,
        weekday_expr,
        duration,
        clock_time,
        set_expr,
        part_of,
    ];
    let mut best: Option<Found> = None;
    for pattern in PATTERNS {
        if let Some(f) = pattern(cx, i)
            && best.as_ref().is_none_or(|b| f.end > b.end)
        {
            best = Some(f);
        }
    }
    best
}

/// Is the month-name token at i really a month ("May" the modal, "march" the verb)?
fn month_at(cx: &Ctx, i: usize) -> Option<u32> {
    let w = cx.w(i);
    let m = month_name(w)?;
    if matches!(w, "may" | "march") {
        let prev = if i > 0 { cx.w(i - 1) } else { "" };
        let next = cx.w(i + 1);
        let prep = matches!(
            prev,
            "in" | "of"
                | "since"
                | "until"
                | "by"
                | "early"
                | "late"
                | "mid"
                | "last"
                | "next"
                | "this"
                | "from"
                | "to"
                | "through"
                | "before"
                | "after"
                | "during"
                | "-"
                | "end"
                | "and"
                | "or"
        );
        let numeric = digits(next).is_some() || day_of_month(next).is_some();
        if !cx.cap(i) || !(prep || numeric) {
            return None;
        }
    }
    Some(m)
}

fn absolute_date(cx: &Ctx, i: usize) -> Option<Found> {
    let w = cx.w(i);
    // 2020-03-03
    if let (Some(y), "-", Some(m), "-", Some(d)) = (
        digits(w).filter(|_| w.len() == 4),
        cx.w(i + 1),
        digits(cx.w(i + 2)),
        cx.w(i + 3),
        digits(cx.w(i + 4)),
    ) && cx.joined(i + 1)
        && cx.joined(i + 2)
        && cx.joined(i + 4)
    {
        let (y, m, d) = (
            i32::try_from(y).ok()?,
            u32::try_from(m).ok()?,
            u32::try_from(d).ok()?,
        );
        return Some(Found::new(i + 5, TimeType::Date, Sem::Day(y, m, d)));
    }
    // 03-Mar-2020
    if let Some(d) = day_of_month(w) {
        if cx.w(i + 1) == "-" && cx.joined(i + 1) && cx.w(i + 3) == "-" && cx.joined(i + 4) {
            let m = month_abbr(cx.w(i + 2)).or_else(|| month_name(cx.w(i + 2)));
            if let (Some(m), Some(y)) = (m, digits(cx.w(i + 4)).and_then(plausible_year)) {
                return Some(Found::new(i + 5, TimeType::Date, Sem::Day(y, m, d)));
            }
        }
        // 7/8/2007 or 13/08/2007: only when unambiguous
        if cx.w(i + 1) == "/"
            && cx.joined(i + 1)
            && cx.w(i + 3) == "/"
            && cx.joined(i + 4)
            && let (Some(b), Some(y)) = (digits(cx.w(i + 2)), digits(cx.w(i + 4)))
        {
            let y = if cx.w(i + 4).len() == 2 { y + 2000 } else { y };
            let y = plausible_year(y)?;
            let b = u32::try_from(b).ok()?;
            let (m, d) = if d > 12 && b <= 12 {
                (b, d)
            } else if b > 12 && d <= 12 {
                (d, b)
            } else {
                return None;
            };
            return Some(Found::new(i + 5, TimeType::Date, Sem::Day(y, m, d)));
        }
        // 3 March 2020 / 3 March
        let mut k = i + 1;
        if cx.w(k) == "of" {
            k += 1;
        }
        let m = month_at(cx, k).or_else(|| month_abbr(cx.w(k)));
        if let Some(m) = m {
            let mut end = k + 1;
            if cx.w(end) == "." && cx.joined(end) {
                end += 1;
            }
            if let Some(y) = digits(cx.w(end))
                .filter(|_| cx.w(end).len() == 4)
                .and_then(plausible_year)
            {
                return Some(Found::new(end + 1, TimeType::Date, Sem::Day(y, m, d)));
            }
            return Some(Found::new(
                end,
                TimeType::Date,
                Sem::MonthDay(m, d, since(cx, i)),
            ));
        }
    }
    // March 3, 2020 / March 3 / March 2020 / Mar. 3
    let named = month_at(cx, i);
    let m = named.or_else(|| {
        let m = month_abbr(w)?;
        let k = if cx.w(i + 1) == "." { i + 2 } else { i + 1 };
        day_of_month(cx.w(k)).map(|_| m)
    })?;
    let mut k = i + 1;
    if cx.w(k) == "." && cx.joined(k) {
        k += 1;
    }
    if let Some(d) = day_of_month(cx.w(k)) {
        let mut end = k + 1;
        let mut y_at = end;
        if cx.w(y_at) == "," {
            y_at += 1;
        }
        if let Some(y) = digits(cx.w(y_at))
            .filter(|_| cx.w(y_at).len() == 4)
            .and_then(plausible_year)
        {
            return Some(Found::new(y_at + 1, TimeType::Date, Sem::Day(y, m, d)));
        }
        if cx.w(end) == "th" || cx.w(end) == "st" {
            end += 1;
        }
        return Some(Found::new(
            end,
            TimeType::Date,
            Sem::MonthDay(m, d, since(cx, i)),
        ));
    }
    let mut y_at = k;
    if cx.w(y_at) == "of" && cx.w(y_at + 2) == "year" {
        let off = match cx.w(y_at + 1) {
            "next" => Some(1),
            "last" => Some(-1),
            "this" | "the" => Some(0),
            _ => None,
        };
        if let Some(off) = off {
            // TimeML marks "October" and "next year" apart; the month still takes that year.
            return Some(Found::new(y_at, TimeType::Date, Sem::MonthOfYear(m, off)));
        }
    }
    if cx.w(y_at) == "," || cx.w(y_at) == "of" {
        y_at += 1;
    }
    if let Some(y) = digits(cx.w(y_at))
        .filter(|_| cx.w(y_at).len() == 4)
        .and_then(plausible_year)
    {
        return Some(Found::new(y_at + 1, TimeType::Date, Sem::Month(y, m)));
    }
    named?;
    Some(Found::new(
        i + 1,
        TimeType::Date,
        Sem::BareMonth(m, since(cx, i)),
    ))
}

/// "since December", "since March 3": the last one before the published date, whatever the tense.
fn since(cx: &Ctx, i: usize) -> Rel {
    if i > 0 && cx.w(i - 1) == "since" {
        Rel::Past
    } else {
        Rel::Tense
    }
}

fn relative(cx: &Ctx, i: usize) -> Option<Found> {
    let w = cx.w(i);
    let date = |end, sem| Some(Found::new(end, TimeType::Date, sem));
    match w {
        "today" => return date(i + 1, Sem::RelDay(0)),
        "yesterday" => return date(i + 1, Sem::RelDay(-1)),
        "tomorrow" => return date(i + 1, Sem::RelDay(1)),
        "tonight" => {
            let mut f = Found::new(i + 1, TimeType::Time, Sem::RelDay(0));
            f.clock = Some("TNI".into());
            return Some(f);
        }
        "recently" | "lately" | "recent" => return date(i + 1, Sem::Ref("PAST_REF")),
        "current"
            if i > 0 && matches!(cx.w(i - 1), "the" | "its" | "their" | "his" | "her" | "our") =>
        {
            return date(i + 1, Sem::Ref("PRESENT_REF"));
        }
        "soon" if !matches!(cx.w(i + 1), "as" | "after" | "afterwards" | "thereafter") => {
            return date(i + 1, Sem::Ref("FUTURE_REF"));
        }
        "very" if cx.w(i + 1) == "soon" && !matches!(cx.w(i + 2), "as" | "after") => {
            return date(i + 2, Sem::Ref("FUTURE_REF"));
        }
        "now" | "currently" | "presently" | "nowadays" => {
            if w == "now" && matches!(cx.w(i + 1), "that") {
                return None;
            }
            return date(i + 1, Sem::Ref("PRESENT_REF"));
        }
        "earlier" | "later" => {
            if matches!(cx.w(i + 1), "today" | "tonight" | "this") {
                let inner = relative(cx, i + 1)?;
                return Some(Found {
                    end: inner.end,
                    ..inner
                });
            }
            // "will be announced later": the future, unless it follows a duration ("two days later").
            let prev = if i > 0 { cx.w(i - 1) } else { "" };
            if w == "later"
                && unit(prev).is_none()
                && !matches!(cx.w(i + 1), "than" | "on" | "in" | "that" | "-")
            {
                return date(i + 1, Sem::Ref("FUTURE_REF"));
            }
            return None;
        }
        "the" => match (cx.w(i + 1), cx.w(i + 2)) {
            ("future", _) => return date(i + 2, Sem::Ref("FUTURE_REF")),
            ("past", n)
                if unit(n).is_none() && small_number(n).is_none() && digits(n).is_none() =>
            {
                return date(i + 2, Sem::Ref("PAST_REF"));
            }
            ("long" | "near" | "short", "term") => return date(i + 3, Sem::Ref("FUTURE_REF")),
            ("day", "before") => {
                if cx.w(i + 3) == "yesterday" {
                    return date(i + 4, Sem::RelDay(-2));
                }
                // "the day before the vote" counts from the vote, which is no date we know.
                if determiner(cx.w(i + 3)) {
                    return None;
                }
                return date(i + 3, Sem::RefDay(-1));
            }
            ("day", "after") if cx.w(i + 3) == "tomorrow" => {
                return date(i + 4, Sem::RelDay(2));
            }
            ("same", n) if n == "period" || calendar_unit(n).is_some() => {
                // "the same month a year ago", "the same period last year": the reference's period,
                // a year back; "the same day" alone is the day last mentioned.
                let unit = calendar_unit(n);
                let (back, end) = match (cx.w(i + 3), cx.w(i + 4), cx.w(i + 5)) {
                    ("a" | "one", "year", "ago" | "earlier" | "before") => (1, i + 6),
                    ("last", "year", _) => (1, i + 5),
                    ("of", "last", "year") => (1, i + 6),
                    ("the", "previous" | "prior" | "preceding", "year") => (1, i + 6),
                    ("the", "year", "before") => (1, i + 6),
                    ("of", "the", "previous" | "prior" | "preceding" | "last")
                        if cx.w(i + 6) == "year" =>
                    {
                        (1, i + 7)
                    }
                    _ => (0, i + 3),
                };
                if back == 0 && unit == Some(Unit::Day) {
                    return date(end, Sem::ContextDay);
                }
                if back == 0 && unit.is_none() {
                    // "the same period" alone is too vague to resolve.
                    return None;
                }
                return date(end, Sem::Same(unit, back));
            }
            // "The next month, rebels retreated" is a date, "over the next month" a duration.
            ("next", "year" | "month" | "week")
                if i == 0
                    || !matches!(
                        cx.w(i - 1),
                        "over" | "for" | "within" | "in" | "during" | "throughout" | "into" | "of"
                    ) =>
            {
                return date(i + 3, ref_offset(calendar_unit(cx.w(i + 2))?, 1)?);
            }
            // "the day after," with nothing after it: the day after the reference day.
            ("day", "after") if matches!(cx.w(i + 3), "," | "." | ";" | "") => {
                return date(i + 3, Sem::RefDay(1));
            }
            ("day", n) if !matches!(n, "after" | "of" | "when" | "that" | "before" | "-") => {
                return date(i + 2, Sem::ContextDay);
            }
            ("weekend", _) => return date(i + 2, Sem::RelWeek(0, true)),
            ("time", "being") => return date(i + 3, Sem::Ref("PRESENT_REF")),
            ("first" | "last" | "second" | "third" | "fourth", "week") if cx.w(i + 3) == "of" => {
                let m = month_at(cx, i + 4)?;
                let ordinal = match cx.w(i + 1) {
                    "first" => 0,
                    "second" => 1,
                    "third" => 2,
                    "fourth" => 3,
                    _ => -1,
                };
                return date(i + 5, Sem::WeekOfMonth(m, ordinal));
            }
            ("entire" | "whole", "year") => return date(i + 3, Sem::RefYear(0)),
            ("last" | "previous" | "past", "quarter") => {
                return date(i + 3, Sem::Quarter(None, 0, -1));
            }
            // "the previous year", "the following month", "the next day": from the reference time.
            (
                "previous" | "preceding" | "prior" | "following",
                "year" | "month" | "week" | "day",
            )
            | ("next", "day") => {
                let off = if cx.w(i + 1) == "following" || cx.w(i + 1) == "next" {
                    1
                } else {
                    -1
                };
                return date(i + 3, ref_offset(calendar_unit(cx.w(i + 2))?, off)?);
            }
            // "the year before" on its own; "the week before Christmas", "the year after the war" count
            // from something that is no date we know.
            ("year" | "month" | "week", "previous" | "before" | "after")
                if unit(cx.w(i + 3)).is_none()
                    && (cx.w(i + 2) == "previous"
                        || !determiner(cx.w(i + 3)) && !cx.cap(i + 3)) =>
            {
                let off = if cx.w(i + 2) == "after" { 1 } else { -1 };
                return date(i + 3, ref_offset(calendar_unit(cx.w(i + 1))?, off)?);
            }
            _ => {}
        },
        "late" | "early" if cx.w(i + 1) == "in" && cx.w(i + 2) == "the" && cx.w(i + 3) == "day" => {
            return date(i + 4, Sem::ContextDay);
        }
        "this" | "last" | "next" | "past" | "coming" => {
            let off = match w {
                "last" | "past" => -1,
                "next" | "coming" => 1,
                _ => 0,
            };
            let n = cx.w(i + 1);
            let sem = match n {
                "week" => Sem::RelWeek(off, false),
                "weekend" => Sem::RelWeek(off, true),
                "month" => Sem::RelMonth(off),
                "year" => Sem::RelYear(off),
                "quarter" => Sem::Quarter(None, 0, off),
                "morning" | "afternoon" | "evening" if off == 0 => {
                    let mut f = Found::new(i + 2, TimeType::Time, Sem::RelDay(0));
                    f.clock = day_part(n).map(|p| format!("T{p}"));
                    return Some(f);
                }
                "night" if off == -1 => {
                    let mut f = Found::new(i + 2, TimeType::Time, Sem::RelDay(-1));
                    f.clock = Some("TNI".into());
                    return Some(f);
                }
                "spring" | "summer" | "autumn" | "fall" | "winter" => Sem::Season(season(n)?, off),
                _ => {
                    if let Some(m) = month_at(cx, i + 1) {
                        let rel = match off {
                            -1 => Rel::Past,
                            1 => Rel::Next,
                            _ => Rel::This,
                        };
                        Sem::BareMonth(m, rel)
                    } else {
                        return None;
                    }
                }
            };
            if w == "past" || w == "coming" {
                // "the past week" is a duration, handled there.
                return None;
            }
            return date(i + 2, sem);
        }
        _ => {}
    }
    // "a week ago", "three days ago", "20 years ago": from the published date. "Two days later",
    // "a year earlier": from the reference time (but "three days later than planned" is a duration).
    if let Some((n, k)) = cx.number(i)
        && let Some(u) = unit(cx.w(k))
        && !u.1
        && (cx.w(k + 1) == "ago"
            || matches!(cx.w(k + 1), "earlier" | "later") && cx.w(k + 2) != "than")
    {
        let n = n?;
        let (days, months, years) = match u {
            ("D", _, m) => (n * m, 0.0, 0.0),
            ("W", _, m) => (7.0 * n * m, 0.0, 0.0),
            ("M", _, _) => (0.0, n, 0.0),
            ("Y", _, m) => (0.0, 0.0, n * m),
            _ => return None,
        };
        let sign = if cx.w(k + 1) == "later" { 1 } else { -1 };
        let whole = |v: f64| (v.fract() == 0.0).then_some(sign * v as i64);
        let sem = match (cx.w(k + 1) == "ago", days > 0.0, months > 0.0) {
            (true, true, _) => Sem::RelDay(whole(days)?),
            (true, _, true) => Sem::RelMonth(whole(months)?),
            (true, _, _) => Sem::RelYear(whole(years)?),
            (false, true, _) => Sem::RefDay(whole(days)?),
            (false, _, true) => Sem::RefMonth(whole(months)?),
            (false, _, _) => Sem::RefYear(whole(years)?),
        };
        return date(k + 2, sem);
    }
    // "a second consecutive day", "the third straight week", "fourth week in a row": the period holding
    // the reference time.
    if let Some(f) = nth_in_a_row(cx, i) {
        return Some(f);
    }
    // 1990s, 70s, '82
    if let Some(y) = w.strip_suffix('s').and_then(digits) {
        if w.len() == 5 && y % 10 == 0 && (1000..2200).contains(&y) {
            return date(i + 1, Sem::Decade(i32::try_from(y / 10).ok()?));
        }
        if w.len() == 3 && y % 10 == 0 {
            return date(i + 1, Sem::Decade(i32::try_from(190 + y / 10).ok()?));
        }
    }
    if w == "'" || w == "’" {
        let n = cx.w(i + 1);
        if n.len() == 2 && cx.joined(i + 1) {
            if let Some(y) = digits(n) {
                return date(
                    i + 2,
                    Sem::Year(i32::try_from(if y < 30 { 2000 + y } else { 1900 + y }).ok()?),
                );
            }
            if let Some(y) = n.strip_suffix('s').and_then(digits) {
                return date(i + 2, Sem::Decade(i32::try_from(190 + y / 10).ok()?));
            }
        }
    }
    // A year: 2016
    if w.len() == 4
        && let Some(y) = digits(w).and_then(plausible_year)
    {
        let prev = if i > 0 { cx.w(i - 1) } else { "" };
        let next = cx.w(i + 1);
        let money = matches!(prev, "$" | "€" | "£" | "#");
        let clock = next == ":" || matches!(next, "utc" | "gmt" | "hours" | "hrs");
        let quantity = next == "%"
            || unit(next).is_some()
            || matches!(
                next,
                "people" | "km" | "kilometres" | "miles" | "troops" | "migrants"
            );
        let in_number = prev == "," && cx.joined(i)
            || next == ","
                && cx.joined(i + 1)
                && digits(cx.w(i + 2)).is_some_and(|_| cx.w(i + 2).len() == 3);
        if !money && !clock && !quantity && !in_number && (1900..=2100).contains(&y) {
            return date(i + 1, Sem::Year(y));
        }
    }
    // Quarters: "the first quarter [of 2009 | of last year]", "Q3", "third-quarter"
    let ordinal = |s: &str| match s {
        "first" | "1st" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" | "final" | "last" => Some(4),
        _ => None,
    };
    let (q, k) = if w == "the" {
        (
            ordinal(cx.w(i + 1)).filter(|_| cx.w(i + 1) != "last"),
            i + 2,
        )
    } else if let Some(q) = w
        .strip_prefix('q')
        .and_then(digits)
        .filter(|q| (1..=4).contains(q))
    {
        (u32::try_from(q).ok(), i + 1)
    } else if cx.w(i + 1) == "-" && cx.joined(i + 1) {
        (ordinal(w).filter(|_| w != "last"), i + 2)
    } else {
        (None, i)
    };
    if let Some(q) = q
        && (cx.w(k) == "quarter" || w.starts_with('q'))
    {
        let end = if w.starts_with('q') { k } else { k + 1 };
        if cx.w(end) == "of" {
            if let Some(y) = digits(cx.w(end + 1)).and_then(plausible_year) {
                return date(end + 2, Sem::Quarter(Some(y), q, 0));
            }
            let off = match (cx.w(end + 1), cx.w(end + 2)) {
                ("this", "year") | ("the", "year") => Some(0),
                ("last", "year") => Some(-1),
                ("next", "year") => Some(1),
                _ => None,
            };
            if let Some(off) = off {
                return date(end + 3, Sem::Quarter(None, q, off * 10));
            }
        }
        if let Some(y) = digits(cx.w(end)).and_then(plausible_year) {
            return date(end + 1, Sem::Quarter(Some(y), q, 0));
        }
        return date(end, Sem::Quarter(None, q, 100));
    }
    // Seasons: "spring", "in the fall of 2008"
    if let Some(s) = season(w) {
        if w == "fall"
            && !matches!(
                if i > 0 { cx.w(i - 1) } else { "" },
                "the" | "this" | "last" | "next"
            )
        {
            return None;
        }
        if cx.w(i + 1) == "of"
            && let Some(y) = digits(cx.w(i + 2)).and_then(plausible_year)
        {
            return date(i + 3, Sem::Season(s, i64::from(y) * 100));
        }
        if let Some(y) = digits(cx.w(i + 1)).and_then(plausible_year) {
            return date(i + 2, Sem::Season(s, i64::from(y) * 100));
        }
        return date(i + 1, Sem::Season(s, 0));
    }
    None
}

/// "the previous year", "the following day": an offset from the reference time in the unit named.
fn ref_offset(unit: Unit, off: i64) -> Option<Sem> {
    Some(match unit {
        Unit::Day => Sem::RefDay(off),
        Unit::Week => Sem::RefWeek(off),
        Unit::Month => Sem::RefMonth(off),
        Unit::Year => Sem::RefYear(off),
        Unit::Quarter => return None,
    })
}

/// "a second consecutive day", "the third straight session", "(a) fourth week in a row": an ordinal
/// unit in a run names the current one, the period holding the reference time.
fn nth_in_a_row(cx: &Ctx, i: usize) -> Option<Found> {
    let article = matches!(cx.w(i), "a" | "the");
    let k = if article { i + 1 } else { i };
    let w = cx.w(k);
    let ordinal = matches!(
        w,
        "second"
            | "third"
            | "fourth"
            | "fifth"
            | "sixth"
            | "seventh"
            | "eighth"
            | "ninth"
            | "tenth"
    ) || w.as_bytes().first().is_some_and(u8::is_ascii_digit) && {
        let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        d.len() <= 2 && matches!(&w[d.len()..], "nd" | "rd" | "th")
    };
    if !ordinal {
        return None;
    }
    let mut u = k + 1;
    let run = matches!(
        cx.w(u),
        "consecutive" | "straight" | "successive" | "running"
    );
    if run {
        u += 1;
    }
    if matches!(cx.w(u), "trading" | "business" | "working") {
        u += 1;
    }
    let unit = calendar_unit(cx.w(u)).filter(|u| *u != Unit::Quarter)?;
    let in_a_row = cx.w(u + 1) == "in" && cx.w(u + 2) == "a" && cx.w(u + 3) == "row";
    if !run && !in_a_row {
        return None;
    }
    Some(Found::new(u + 1, TimeType::Date, ref_offset(unit, 0)?))
}

/// Words that open a noun phrase: "the day before *the* vote".
fn determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "this"
            | "these"
    )
}

fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

fn weekday_expr(cx: &Ctx, i: usize) -> Option<Found> {
    let w = cx.w(i);
    let (rel, k) = match w {
        "last" | "this" | "next" | "coming" => (
            match w {
                "last" => Rel::Past,
                "this" => Rel::This,
                _ => Rel::Next,
            },
            i + 1,
        ),
        _ => (Rel::Tense, i),
    };
    let wd = weekday(cx.w(k))?;
    if k > 0
        && matches!(
            cx.w(k - 1),
            "black" | "cyber" | "super" | "bloody" | "good" | "ash" | "easter"
        )
    {
        return None;
    }
    let prev = if i > 0 { cx.w(i - 1) } else { "" };
    let rel = if rel == Rel::Tense && prev == "since" {
        Rel::Past
    } else {
        rel
    };
    let mut f = Found::new(k + 1, TimeType::Date, Sem::Weekday(wd, rel));
    if let Some(p) = day_part(cx.w(k + 1)) {
        f.end = k + 2;
        f.kind = TimeType::Time;
        f.clock = Some(format!("T{p}"));
    }
    Some(f)
}

fn duration(cx: &Ctx, i: usize) -> Option<Found> {
    let w = cx.w(i);
    // Modifiers kept in the span (TimeML puts them inside the TIMEX3).
    let (k, the_last) = match (w, cx.w(i + 1)) {
        ("less" | "more" | "fewer", "than") => (i + 2, false),
        ("at", "least" | "most") => (i + 2, false),
        ("up", "to") => (i + 2, false),
        (
            "almost" | "nearly" | "about" | "around" | "roughly" | "approximately" | "over"
            | "some",
            _,
        ) => (i + 1, false),
        ("the", "last" | "past" | "next" | "coming" | "first" | "final")
            if !matches!(cx.w(i + 2), "quarter" | "weekend") =>
        {
            (i + 2, true)
        }
        ("recent", _) => {
            let u = unit(cx.w(i + 1))?;
            if cx.w(i + 1).ends_with('s') && matches!(u.0, "D" | "W") && !u.1 {
                return Some(Found::new(i + 2, TimeType::Date, Sem::Ref("PAST_REF")));
            }
            return Some(Found::new(
                i + 2,
                TimeType::Duration,
                Sem::Duration(duration_value(None, u)),
            ));
        }
        _ => (i, false),
    };
    if k != i {
        // The modifier alone is not enough: a duration must follow.
        let inner = duration(cx, k).or_else(|| {
            if the_last {
                // "the last month", "the past decade"
                let u = unit(cx.w(k))?;
                if cx.w(k).ends_with('s') {
                    return Some(Found::new(
                        k + 1,
                        TimeType::Duration,
                        Sem::Duration(duration_value(None, u)),
                    ));
                }
                return Some(Found::new(
                    k + 1,
                    TimeType::Duration,
                    Sem::Duration(duration_value(Some(1.0), u)),
                ));
            }
            None
        })?;
        if !matches!(inner.kind, TimeType::Duration) {
            return None;
        }
        return Some(Found {
            end: inner.end,
            ..inner
        });
    }
    let (n, mut k) = match cx.number(i) {
        Some(x) => x,
        None => {
            // Bare plural: "years", "decades", "minutes"
            let u = unit(w)?;
            if !w.ends_with('s') || u.0 == "Q" || w == "seconds" {
                return None;
            }
            if cx.w(i + 1) == "-" && cx.w(i + 2) == "long" {
                return Some(Found::new(
                    i + 3,
                    TimeType::Duration,
                    Sem::Duration(duration_value(None, u)),
                ));
            }
            if matches!(
                if i > 0 { cx.w(i - 1) } else { "" },
                "for" | "over" | "in" | "within"
            ) {
                return Some(Found::new(
                    i + 1,
                    TimeType::Duration,
                    Sem::Duration(duration_value(None, u)),
                ));
            }
            return None;
        }
    };
    if matches!(
        cx.w(k),
        "straight"
            | "consecutive"
            | "successive"
            | "trading"
            | "business"
            | "working"
            | "full"
            | "more"
            | "additional"
    ) && unit(cx.w(k + 1)).is_some()
    {
        k += 1;
    }
    if matches!(cx.w(k), "trading" | "business" | "working") && unit(cx.w(k + 1)).is_some() {
        k += 1;
    }
    let hyphen = cx.w(k) == "-" && cx.joined(k);
    if hyphen {
        k += 1;
    }
    let uw = cx.w(k);
    let u = unit(uw)?;
    if u.0 == "Q" && !uw.ends_with('s') && !hyphen {
        return None;
    }
    if (w == "a" || w == "an") && uw == "second" {
        return None;
    }
    if w == "a" || w == "an" {
        // "a year" in "twice a year" is a rate; "a day after" offsets another event.
        if i > 0 && matches!(cx.w(i - 1), "twice" | "once" | "times" | "per") {
            return None;
        }
    }
    let mut end = k + 1;
    if hyphen && cx.w(end) == "-" && matches!(cx.w(end + 1), "long" | "old") {
        end += 2;
    }
    Some(Found::new(
        end,
        TimeType::Duration,
        Sem::Duration(duration_value(n, u)),
    ))
}

fn clock_time(cx: &Ctx, i: usize) -> Option<Found> {
    let w = cx.w(i);
    if w.len() == 4 && matches!(cx.w(i + 1), "utc" | "gmt") {
        let n = digits(w)?;
        let (hour, minute) = (n / 100, n % 100);
        if hour > 23 || minute > 59 {
            return None;
        }
        let mut f = Found::new(i + 2, TimeType::Time, Sem::RelDay(0));
        f.clock = Some(format!("T{hour:02}:{minute:02}Z"));
        return Some(f);
    }
    let h = digits(w).filter(|_| w.len() <= 2)?;
    let (mut hour, mut minute, mut end) = (h, 0, i + 1);
    let mut has_colon = false;
    if cx.w(i + 1) == ":" && cx.joined(i + 1) && cx.joined(i + 2) {
        let m = digits(cx.w(i + 2)).filter(|_| cx.w(i + 2).len() == 2)?;
        minute = m;
        end = i + 3;
        has_colon = true;
    }
    // a.m. / p.m. / am / pm
    let (ap, ap_end) = match (cx.w(end), cx.w(end + 1), cx.w(end + 2)) {
        ("a" | "p", ".", "m") => {
            let e = if cx.w(end + 3) == "." {
                end + 4
            } else {
                end + 3
            };
            (Some(cx.w(end) == "p"), e)
        }
        ("am", _, _) => (Some(false), end + 1),
        ("pm", _, _) => (Some(true), end + 1),
        _ => (None, end),
    };
    if let Some(pm) = ap {
        if !(1..=12).contains(&hour) {
            return None;
        }
        if pm && hour < 12 {
            hour += 12;
        } else if !pm && hour == 12 {
            hour = 0;
        }
        end = ap_end;
    } else if !has_colon {
        return None;
    }
    if hour > 24 || minute > 59 {
        return None;
    }
    let mut zone = "";
    if matches!(cx.w(end), "utc" | "gmt") {
        zone = "Z";
        end += 1;
    }
    let mut f = Found::new(end, TimeType::Time, Sem::RelDay(0));
    f.clock = Some(format!("T{hour:02}:{minute:02}{zone}"));
    // "12:00 UTC Monday", "16:00 UTC today"
    if let Some(wd) = weekday(cx.w(end)) {
        f.sem = Sem::Weekday(wd, Rel::Tense);
        f.end = end + 1;
    } else if let Some(d) = match cx.w(end) {
        "today" => Some(0),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        _ => None,
    } {
        f.sem = Sem::RelDay(d);
        f.end = end + 1;
    }
    Some(f)
}

fn set_expr(cx: &Ctx, i: usize) -> Option<Found> {
    let w = cx.w(i);
    let set = |end, v: &str| Some(Found::new(end, TimeType::Set, Sem::Set(v.to_owned())));
    match w {
        "daily" => set(i + 1, "P1D"),
        "weekly" => set(i + 1, "P1W"),
        "monthly" => set(i + 1, "P1M"),
        "annually" | "yearly" | "annual" => set(i + 1, "P1Y"),
        "quarterly" => set(i + 1, "P1Q"),
        "hourly" => set(i + 1, "PT1H"),
        "every" | "each" => {
            if let Some(u) = unit(cx.w(i + 1)) {
                return set(i + 2, &duration_value(Some(1.0), u));
            }
            if let Some((Some(n), k)) = cx.number(i + 1)
                && let Some(u) = unit(cx.w(k))
            {
                return set(k + 1, &duration_value(Some(n), u));
            }
            if let Some(wd) = weekday(cx.w(i + 1)) {
                return set(i + 2, &format!("XXXX-WXX-{}", wd.number_from_monday()));
            }
            None
        }
        _ => None,
    }
}

/// "early February", "mid-2011", "late last year", "the end of the month", "the beginning of 2009".
fn part_of(cx: &Ctx, i: usize) -> Option<Found> {
    let w = cx.w(i);
    let (part, k) = match (w, cx.w(i + 1), cx.w(i + 2)) {
        ("early", _, _) => (Part::Early, i + 1),
        ("mid", "-", _) => (Part::Mid, i + 2),
        ("mid", _, _) => (Part::Mid, i + 1),
        ("late", _, _) => (Part::Late, i + 1),
        ("the", "end" | "close", "of")
        | ("the", "middle", "of")
        | ("the", "beginning" | "start", "of") => {
            let p = match cx.w(i + 1) {
                "end" | "close" => Part::Late,
                "middle" => Part::Mid,
                _ => Part::Early,
            };
            (p, i + 3)
        }
        ("end", "of", _) => (Part::Late, i + 2),
        _ => return None,
    };
    if matches!((cx.w(k), cx.w(k + 1)), ("the", "month")) {
        let mut f = Found::new(k + 2, TimeType::Date, Sem::ContextMonth);
        f.part = Some(part);
        return Some(f);
    }
    if matches!((cx.w(k), cx.w(k + 1)), ("the", "year")) {
        let mut f = Found::new(k + 2, TimeType::Date, Sem::RelYear(0));
        f.part = Some(part);
        return Some(f);
    }
    if matches!((cx.w(k), cx.w(k + 1)), ("the", "week")) {
        let mut f = Found::new(k + 2, TimeType::Date, Sem::RelWeek(0, false));
        f.part = Some(part);
        return Some(f);
    }
    let inner = absolute_date(cx, k).or_else(|| relative(cx, k))?;
    let ok = matches!(
        inner.sem,
        Sem::Month(..)
            | Sem::BareMonth(..)
            | Sem::Year(_)
            | Sem::RelMonth(_)
            | Sem::RelYear(_)
            | Sem::RelWeek(_, false)
            | Sem::RefMonth(_)
            | Sem::RefYear(_)
            | Sem::Decade(_)
    );
    if !ok || inner.kind != TimeType::Date {
        return None;
    }
    Some(Found {
        part: Some(part),
        ..inner
    })
}

// ---------------------------------------------------------------------------------------------------------
// Tense

/// Past forms of common irregular verbs that are not also present forms (so not "hit", "cut", "set").
fn irregular_past(w: &str) -> bool {
    matches!(
        w,
        "hit"
            | "cut"
            | "set"
            | "began"
            | "begun"
            | "became"
            | "broke"
            | "broken"
            | "brought"
            | "built"
            | "bought"
            | "came"
            | "caught"
            | "chose"
            | "chosen"
            | "dealt"
            | "did"
            | "done"
            | "drew"
            | "drawn"
            | "drove"
            | "driven"
            | "fell"
            | "fallen"
            | "felt"
            | "fled"
            | "flew"
            | "flown"
            | "fought"
            | "forgot"
            | "found"
            | "gave"
            | "given"
            | "went"
            | "gone"
            | "got"
            | "grew"
            | "grown"
            | "heard"
            | "held"
            | "kept"
            | "knew"
            | "known"
            | "led"
            | "lost"
            | "made"
            | "meant"
            | "met"
            | "paid"
            | "ran"
            | "rose"
            | "risen"
            | "saw"
            | "seen"
            | "sent"
            | "shook"
            | "shot"
            | "sold"
            | "sought"
            | "spent"
            | "spoke"
            | "spoken"
            | "stood"
            | "stole"
            | "struck"
            | "swore"
            | "took"
            | "taken"
            | "taught"
            | "thought"
            | "threw"
            | "thrown"
            | "told"
            | "understood"
            | "withdrew"
            | "withdrawn"
            | "won"
            | "wore"
            | "wrote"
            | "written"
    )
}

/// The tense of the clause around an expression, as its nearest cue tells.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tense {
    /// What happened (also when nothing tells: news reports what happened).
    Past,
    /// What will happen: "will meet on Tuesday" said on a Tuesday is next week's.
    Future,
    /// A schedule ("the deadline is Thursday", "planned for Tuesday", "ahead of Monday's meeting"):
    /// the future, but the published day itself counts.
    Scheduled,
}

/// The tense of the clause around tokens [s, e): looks back for the nearest auxiliary, past verb or cue
/// word ("will", "is due to", "ahead of", "would", "since", "ago"), then ahead; with no cue, the past.
fn clause_tense(cx: &Ctx, s: usize, e: usize, sent: (usize, usize)) -> Tense {
    use Tense::{Future, Past, Scheduled};
    let verdict = |j: usize| -> Option<Tense> {
        let w = cx.w(j);
        let prev = if j > sent.0 { cx.w(j - 1) } else { "" };
        let next = cx.w(j + 1);
        // The cue stands right before the expression, perhaps through a preposition ("due on Friday").
        let just_before = j + 1 == s
            || j + 2 == s && matches!(next, "on" | "in" | "at" | "for" | "by" | "this" | "next");
        match w {
            "will" | "shall" | "should" | "tomorrow" | "upcoming" | "until" | "till" => {
                Some(Future)
            }
            "by" if j + 1 == s => Some(Future),
            "wants" | "want" | "hopes" | "hope" | "aims" | "seeks" | "needs" if next == "to" => {
                Some(Future)
            }
            "ll" if prev == "'" || prev == "’" => Some(Future),
            "due" | "set" | "expected" | "scheduled" | "slated" | "poised" | "plans" | "plan"
            | "planned" | "going" | "aims" | "intends"
                if next == "to"
                    && matches!(
                        prev,
                        "is" | "are" | "am" | "be" | "s" | "re" | "also" | "now"
                    ) =>
            {
                Some(Future)
            }
            "plans" | "plan" | "intends" if next == "to" => Some(Future),
            // "talks are scheduled for Friday", "a meeting planned for Thursday", "set for Friday".
            "scheduled" | "slated" | "planned"
                if matches!(prev, "is" | "are" | "be" | "s" | "re") =>
            {
                Some(Scheduled)
            }
            "planned" | "scheduled" | "set" | "slated" | "booked" if next == "for" => {
                Some(Scheduled)
            }
            // "results are expected on Friday", "the ruling is due Thursday".
            "due" | "expected"
                if just_before || matches!(prev, "is" | "are" | "be" | "s" | "re") =>
            {
                Some(Scheduled)
            }
            // "ahead of Thursday's summit".
            "ahead" if next == "of" => Some(Scheduled),
            // A present copula right before the date speaks of a schedule ("the vote is on Thursday");
            // "is to meet" is the future too.
            "is" | "are" if just_before || next == "to" => Some(Scheduled),
            // Reported future ("said it would hold talks on Thursday"), unless it looks back
            // ("would have") or reports a refusal ("would not say").
            "would" | "might" if !matches!(next, "have" | "not" | "n" | "never") => Some(Future),
            "would" | "could" | "might" => None,
            // "has/have/had" are the perfect only before a participle: "has a June 1 deadline",
            // "has to decide" are not the past.
            "has" | "have" | "had"
                if matches!(
                    next,
                    "a" | "an" | "the" | "no" | "its" | "their" | "his" | "her" | "to" | "until"
                ) || digits(next).is_some() =>
            {
                None
            }
            "was" | "were" | "had" | "did" | "said" | "told" | "says" | "has" | "have"
            | "since" | "ago" | "last" | "earlier" | "yesterday" => Some(Past),
            _ => {
                // A past form ("announced", "met", "rose"), unless a passive or a future perfect
                // ("will be held", "is taken").
                if (w.len() > 4 && w.ends_with("ed") || irregular_past(w))
                    && !matches!(prev, "be" | "been" | "being" | "is" | "are" | "get")
                {
                    Some(Past)
                } else {
                    None
                }
            }
        }
    };
    let mut j = s;
    let mut steps = 0;
    while j > sent.0 && steps < 20 {
        j -= 1;
        steps += 1;
        if matches!(cx.w(j), ";" | "\"" | "“" | "”") {
            break;
        }
        if let Some(v) = verdict(j) {
            return v;
        }
    }
    let mut j = e;
    let mut steps = 0;
    while j < sent.1 && steps < 12 {
        if let Some(v) = verdict(j) {
            return v;
        }
        j += 1;
        steps += 1;
    }
    Past
}

// ---------------------------------------------------------------------------------------------------------
// Resolution

fn add_months(year: i32, month: u32, delta: i64) -> Option<(i32, u32)> {
    let total = i64::from(year) * 12 + i64::from(month) - 1 + delta;
    let y = i32::try_from(total.div_euclid(12)).ok()?;
    let m = u32::try_from(total.rem_euclid(12) + 1).ok()?;
    Some((y, m))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<String> {
    NaiveDate::from_ymd_opt(y, m, d).map(|d| d.format("%Y-%m-%d").to_string())
}

struct Resolved {
    value: Option<String>,
    /// A narrowed range (early/mid/late), else the value's.
    range: Option<(NaiveDate, NaiveDate)>,
    /// The month it names, for "the end of the month" later in the sentence.
    month: Option<(i32, u32)>,
}

/// The early, middle or late part of a range: the first, middle or last four months of a year, years
/// 0-3, 4-6 and 7-9 of a decade, Monday-Tuesday, Wednesday-Thursday and Friday-Sunday of a week, days 1-10,
/// 11-20 and 21-end of a month.
fn narrow(
    range: (NaiveDate, NaiveDate),
    part: Part,
    precision: Precision,
) -> (NaiveDate, NaiveDate) {
    let (first, last) = range;
    let y = first.year();
    let years = |a: i32, b: i32| {
        let f = NaiveDate::from_ymd_opt(y + a, 1, 1).unwrap_or(first);
        let l = NaiveDate::from_ymd_opt(y + b, 12, 31).unwrap_or(last);
        (f, l)
    };
    let days = |a: i64, b: i64| {
        let f = first.checked_add_signed(Duration::days(a)).unwrap_or(last);
        let l = first.checked_add_signed(Duration::days(b)).unwrap_or(last);
        (f.min(last), l.min(last))
    };
    match (precision, part) {
        (Precision::Year, _) => {
            let (a, b) = match part {
                Part::Early => (1, 4),
                Part::Mid => (5, 8),
                Part::Late => (9, 12),
            };
            let f = NaiveDate::from_ymd_opt(y, a, 1).unwrap_or(first);
            let l = month_last(y, b).unwrap_or(last);
            (f, l)
        }
        (Precision::Decade, Part::Early) => years(0, 3),
        (Precision::Decade, Part::Mid) => years(4, 6),
        (Precision::Decade, Part::Late) => years(7, 9),
        (Precision::Week, Part::Early) => days(0, 1),
        (Precision::Week, Part::Mid) => days(2, 3),
        (Precision::Week, Part::Late) => days(4, 6),
        (_, Part::Early) => days(0, 9),
        (_, Part::Mid) => days(10, 19),
        (_, Part::Late) => days(20, 40),
    }
}

/// What earlier expressions leave for later ones to be resolved against.
#[derive(Debug, Default)]
struct Anchors {
    /// The month named earlier in the sentence, for "the end of the month".
    sentence_month: Option<(i32, u32)>,
    /// The last day mentioned, for "the same day", "the next day".
    day: Option<NaiveDate>,
    /// The last calendar value mentioned (a day, week, month, quarter, season, year): the reference time
    /// of "the previous year", "a month later", "the same period last year".
    reference: Option<String>,
}

impl Anchors {
    /// The reference time's year, else the published one.
    fn year(&self, p: Option<NaiveDate>) -> Option<i32> {
        self.reference
            .as_deref()
            .and_then(|v| v.get(0..4))
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|y| y.parse().ok())
            .or(p.map(|p| p.year()))
    }

    /// The reference time's month when it names a month or a day, else the published one.
    fn month(&self, p: Option<NaiveDate>) -> Option<(i32, u32)> {
        self.reference
            .as_deref()
            .filter(|v| v.len() >= 7 && v.as_bytes().get(4) == Some(&b'-'))
            .and_then(|v| Some((v.get(0..4)?.parse().ok()?, v.get(5..7)?.parse().ok()?)))
            .filter(|(_, m)| (1..=12).contains(m))
            .or(p.map(|p| (p.year(), p.month())))
    }

    /// A day in the reference time's week when it names a week or a day, else the published date.
    fn week_day(&self, p: Option<NaiveDate>) -> Option<NaiveDate> {
        self.reference
            .as_deref()
            .and_then(value_range)
            .filter(|(_, precision)| matches!(precision, Precision::Day | Precision::Week))
            .map(|((first, _), _)| first)
            .or(p)
    }

    /// The reference time's quarter (year, 1 to 4), from a quarter, month or day value.
    fn quarter(&self, p: Option<NaiveDate>) -> Option<(i32, u32)> {
        if let Some(v) = self.reference.as_deref()
            && let Some((y, rest)) = v.split_once('-')
            && let Some(q) = rest.strip_prefix('Q')
            && let (Ok(y), Ok(q)) = (y.parse::<i32>(), q.parse::<u32>())
            && (1..=4).contains(&q)
        {
            return Some((y, q));
        }
        let (y, m) = self.month(p)?;
        Some((y, (m - 1) / 3 + 1))
    }
}

/// The same day, week, month, quarter or year as `value`, `back` years earlier.
fn years_back(value: &str, back: i32) -> Option<String> {
    let y: i32 = value.get(0..4)?.parse().ok()?;
    let shifted = format!("{:04}{}", y - back, value.get(4..)?);
    // February 29 of a year that has none is the 28th.
    if value_range(&shifted).is_none() && value.get(4..10) == Some("-02-29") {
        return Some(format!("{:04}-02-28{}", y - back, value.get(10..)?));
    }
    value_range(&shifted).map(|_| shifted)
}

fn resolve(
    found: &Found,
    published: Option<NaiveDate>,
    tense: Tense,
    anchors: &Anchors,
) -> Resolved {
    let future = tense != Tense::Past;
    let context_month = anchors.sentence_month;
    let context_day = anchors.day;
    let mut out = Resolved {
        value: None,
        range: None,
        month: None,
    };
    let p = published;
    let value: Option<String> = match &found.sem {
        Sem::Day(y, m, d) => {
            out.month = Some((*y, *m));
            ymd(*y, *m, *d)
        }
        Sem::MonthDay(m, d, rel) => p.and_then(|p| {
            let mut y = p.year();
            let cand = NaiveDate::from_ymd_opt(y, *m, *d)?;
            if *rel == Rel::Past && cand > p {
                y -= 1;
                out.month = Some((y, *m));
                return ymd(y, *m, *d);
            }
            // Half a year away or more: the other year is meant ("in December" said in January). Nearer,
            // the tense does not move it: its cue is too often misread ("an event to be held on
            // October 12", "may be signed on September 12").
            let gap = cand.signed_duration_since(p).num_days();
            if !future && gap > 180 {
                y -= 1;
            } else if future && gap < -180 {
                y += 1;
            }
            out.month = Some((y, *m));
            ymd(y, *m, *d)
        }),
        Sem::Month(y, m) => {
            out.month = Some((*y, *m));
            NaiveDate::from_ymd_opt(*y, *m, 1).map(|_| format!("{y:04}-{m:02}"))
        }
        Sem::BareMonth(m, rel) => p.map(|p| {
            let (py, pm) = (p.year(), p.month());
            let y = match rel {
                Rel::This => py,
                Rel::Past => {
                    if *m < pm {
                        py
                    } else {
                        py - 1
                    }
                }
                Rel::Next => {
                    if *m > pm {
                        py
                    } else {
                        py + 1
                    }
                }
                Rel::Tense if future => {
                    if *m >= pm {
                        py
                    } else {
                        py + 1
                    }
                }
                Rel::Tense => {
                    if *m <= pm {
                        py
                    } else {
                        py - 1
                    }
                }
            };
            out.month = Some((y, *m));
            format!("{y:04}-{m:02}")
        }),
        Sem::MonthOfYear(m, off) => p.map(|p| {
            let y = p.year() + off;
            out.month = Some((y, *m));
            format!("{y:04}-{m:02}")
        }),
        Sem::ContextDay => context_day.or(p).map(|d| {
            out.month = Some((d.year(), d.month()));
            d.format("%Y-%m-%d").to_string()
        }),
        // "A month later the victim told police" with no date before it: a time after the published
        // date, in a story told in the past, is no time we can name.
        Sem::RefDay(off) if *off > 0 && context_day.is_none() && !future => None,
        Sem::RefWeek(off) | Sem::RefMonth(off) | Sem::RefYear(off)
            if *off > 0 && anchors.reference.is_none() && !future =>
        {
            None
        }
        Sem::RefDay(off) => context_day
            .or(p)
            .and_then(|d| d.checked_add_signed(Duration::days(*off)))
            .map(|d| {
                out.month = Some((d.year(), d.month()));
                d.format("%Y-%m-%d").to_string()
            }),
        // Anaphoric expressions resolve against a date written earlier even without a published date.
        Sem::RefWeek(off) => (|| {
            let d = anchors
                .week_day(p)?
                .checked_add_signed(Duration::weeks(*off))?;
            let w = d.iso_week();
            Some(format!("{:04}-W{:02}", w.year(), w.week()))
        })(),
        Sem::RefMonth(off) => (|| {
            let (y, m) = anchors.month(p)?;
            let (y, m) = add_months(y, m, *off)?;
            out.month = Some((y, m));
            Some(format!("{y:04}-{m:02}"))
        })(),
        Sem::RefYear(off) => (|| {
            Some(format!(
                "{:04}",
                anchors.year(p)?.checked_add(i32::try_from(*off).ok()?)?
            ))
        })(),
        Sem::Same(unit, back) => (|| {
            let value = match unit {
                None => anchors.reference.clone()?,
                Some(Unit::Day) => context_day.or(p)?.format("%Y-%m-%d").to_string(),
                Some(Unit::Week) => {
                    let w = anchors.week_day(p)?.iso_week();
                    format!("{:04}-W{:02}", w.year(), w.week())
                }
                Some(Unit::Month) => {
                    let (y, m) = anchors.month(p)?;
                    format!("{y:04}-{m:02}")
                }
                Some(Unit::Quarter) => {
                    let (y, q) = anchors.quarter(p)?;
                    format!("{y:04}-Q{q}")
                }
                Some(Unit::Year) => format!("{:04}", anchors.year(p)?),
            };
            years_back(&value, *back)
        })(),
        Sem::WeekOfMonth(m, nth) => p.and_then(|p| {
            let (py, pm) = (p.year(), p.month());
            let y = if future == (*m >= pm) || *m == pm {
                py
            } else if future {
                py + 1
            } else {
                py - 1
            };
            // The week holding the month's first (or last) seven days' middle day.
            let day = if *nth < 0 {
                month_last(y, *m)?.checked_sub_signed(Duration::days(3))?
            } else {
                NaiveDate::from_ymd_opt(y, *m, 1)?
                    .checked_add_signed(Duration::days(3 + 7 * i64::from(*nth)))?
            };
            let w = day.iso_week();
            Some(format!("{:04}-W{:02}", w.year(), w.week()))
        }),
        Sem::Year(y) => Some(format!("{y:04}")),
        Sem::Decade(d) => Some(format!("{d:03}")),
        Sem::Quarter(y, q, off) => p.and_then(|p| {
            let pq = (p.month() - 1) / 3 + 1;
            let (y, q) = match (y, *q, *off) {
                (Some(y), q, _) => (*y, q),
                (None, 0, off) => {
                    let idx = i64::from(p.year()) * 4 + i64::from(pq) - 1 + off;
                    (
                        i32::try_from(idx.div_euclid(4)).ok()?,
                        u32::try_from(idx.rem_euclid(4) + 1).ok()?,
                    )
                }
                (None, q, 100) => {
                    // A quarter still to come this year, spoken of in the past, is last year's.
                    if q <= pq || future {
                        (p.year(), q)
                    } else {
                        (p.year() - 1, q)
                    }
                }
                (None, q, off) => (p.year() + i32::try_from(off / 10).ok()?, q),
            };
            Some(format!("{y:04}-Q{q}"))
        }),
        Sem::Season(s, off) => p.and_then(|p| {
            let y = if *off >= 100 || *off <= -100 {
                i32::try_from(off / 100).ok()?
            } else {
                p.year() + i32::try_from(*off).ok()?
            };
            Some(format!("{y:04}-{s}"))
        }),
        Sem::RelDay(d) => p
            .and_then(|p| p.checked_add_signed(Duration::days(*d)))
            .map(|d| {
                out.month = Some((d.year(), d.month()));
                d.format("%Y-%m-%d").to_string()
            }),
        Sem::Weekday(wd, rel) => p.and_then(|p| {
            let pw = i64::from(p.weekday().num_days_from_monday());
            let tw = i64::from(wd.num_days_from_monday());
            let back = (pw - tw).rem_euclid(7);
            let fwd = (tw - pw).rem_euclid(7);
            let delta = match rel {
                Rel::Past => {
                    if back == 0 {
                        -7
                    } else {
                        -back
                    }
                }
                Rel::Next => {
                    if fwd == 0 {
                        7
                    } else {
                        fwd
                    }
                }
                Rel::This => tw - pw,
                Rel::Tense if tense == Tense::Scheduled => fwd,
                Rel::Tense if future => {
                    if fwd == 0 {
                        7
                    } else {
                        fwd
                    }
                }
                Rel::Tense => -back,
            };
            let d = p.checked_add_signed(Duration::days(delta))?;
            out.month = Some((d.year(), d.month()));
            Some(d.format("%Y-%m-%d").to_string())
        }),
        Sem::RelWeek(off, weekend) => p.and_then(|p| {
            let mut d = p.checked_add_signed(Duration::weeks(*off))?;
            // "this weekend" in the past tense is the last one begun on or before the published date
            // (said on a Monday, the one just gone), as a past weekday is.
            let saturday_ahead = 5 - i64::from(d.weekday().num_days_from_monday());
            if *weekend && *off == 0 && !future && saturday_ahead > 0 {
                d = d.checked_sub_signed(Duration::weeks(1))?;
            }
            let w = d.iso_week();
            Some(format!(
                "{:04}-W{:02}{}",
                w.year(),
                w.week(),
                if *weekend { "-WE" } else { "" }
            ))
        }),
        Sem::RelMonth(off) => p.and_then(|p| {
            let (y, m) = add_months(p.year(), p.month(), *off)?;
            out.month = Some((y, m));
            Some(format!("{y:04}-{m:02}"))
        }),
        Sem::RelYear(off) => {
            p.and_then(|p| Some(format!("{:04}", p.year() + i32::try_from(*off).ok()?)))
        }
        Sem::ContextMonth => context_month
            .or_else(|| p.map(|p| (p.year(), p.month())))
            .map(|(y, m)| {
                out.month = Some((y, m));
                format!("{y:04}-{m:02}")
            }),
        Sem::Ref(r) => Some((*r).to_owned()),
        Sem::Duration(v) | Sem::Set(v) => Some(v.clone()),
    };
    let value = match (&found.clock, value) {
        (Some(c), Some(v)) if v.len() == 10 => Some(format!("{v}{c}")),
        (_, v) => v,
    };
    if matches!(found.kind, TimeType::Date | TimeType::Time)
        && let Some((range, precision)) = value.as_deref().and_then(value_range)
    {
        out.range = Some(match found.part {
            Some(part) => narrow(range, part, precision),
            None => range,
        });
    }
    out.value = value;
    out
}

/// Find and resolve every temporal expression in `text` against `published`.
///
/// Relative expressions ("on Monday", "last week") get `value: None` when `published` is None; absolute
/// ones ("March 3, 2020", "2017") always resolve. Offsets are UTF-8 byte offsets into `text`.
///
/// ```
/// use chrono::NaiveDate;
/// use newsmap::events::time::find_times;
/// let published = NaiveDate::from_ymd_opt(2020, 3, 3); // a Tuesday
/// let found = find_times("Troops entered the town on Monday.", published);
/// assert_eq!(found[0].text, "Monday");
/// assert_eq!(found[0].value.as_deref(), Some("2020-03-02"));
/// ```
pub fn find_times(text: &str, published: Option<NaiveDate>) -> Vec<TimeExpr> {
    find_times_in(text, published, &crate::article::sentences(text))
}

/// [`find_times`] given the text's sentence spans (from [`crate::article::sentences`]), for a caller
/// that has them already.
pub fn find_times_in(
    text: &str,
    published: Option<NaiveDate>,
    sentence_spans: &[std::ops::Range<usize>],
) -> Vec<TimeExpr> {
    let cx = Ctx {
        text,
        toks: tokenize(text),
    };
    let n = cx.toks.len();
    // Sentence of each token, as token index ranges.
    let mut sent_of = vec![(0usize, n); 0];
    sent_of.reserve(n);
    {
        let mut s = 0usize;
        let mut first_tok = 0usize;
        for (t, tok) in cx.toks.iter().enumerate() {
            while s < sentence_spans.len() && sentence_spans[s].end <= tok.start {
                s += 1;
                first_tok = t;
            }
            sent_of.push((s, first_tok));
        }
    }
    let sent_bounds = |t: usize| -> (usize, usize) {
        let (s, first) = sent_of[t];
        let mut last = t;
        while last < n && sent_of[last].0 == s && last - t < 60 {
            last += 1;
        }
        (first.max(t.saturating_sub(60)), last)
    };
    let mut out = Vec::new();
    let mut context: Option<(usize, (i32, u32))> = None;
    // The last day mentioned ("the day", "the same day") and the last calendar value (the reference time).
    let mut anchors = Anchors::default();
    // For clock times without a date of their own ("18:00 UTC"): (output index, sentence, clock).
    let mut bare_clocks: Vec<(usize, usize, String)> = Vec::new();
    // The first day named in each sentence.
    let mut day_mentions: std::collections::HashMap<usize, String> =
        std::collections::HashMap::new();
    let mut i = 0;
    while i < n {
        let Some(found) = match_at(&cx, i) else {
            i += 1;
            continue;
        };
        let end_tok = found.end.min(n).max(i + 1);
        let bounds = sent_bounds(i);
        let sentence = sent_of[i].0;
        let tense = clause_tense(&cx, i, end_tok, bounds);
        anchors.sentence_month = context.filter(|(s, _)| *s == sentence).map(|(_, m)| m);
        let r = resolve(&found, published, tense, &anchors);
        let calendar = r.value.as_deref().and_then(value_range);
        let bare_clock = if let (TimeType::Time, Sem::RelDay(0), Some(clock)) =
            (found.kind, &found.sem, &found.clock)
            && clock.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
        {
            bare_clocks.push((out.len(), sentence, clock.clone()));
            true
        } else {
            false
        };
        // A day, or a time on a named day ("Thursday evening"), is the day the next ones count from.
        if let Some(((first, last), Precision::Day)) = calendar
            && first == last
            && !bare_clock
        {
            anchors.day = Some(first);
            if found.kind == TimeType::Date
                && let Some(v) = &r.value
            {
                day_mentions.entry(sentence).or_insert_with(|| v.clone());
            }
        }
        if calendar.is_some() && !bare_clock {
            anchors.reference.clone_from(&r.value);
        }
        if let Some(m) = r.month
            && !matches!(found.sem, Sem::ContextMonth)
        {
            context = Some((sentence, m));
        }
        let start = cx.toks[i].start;
        let end = cx.toks[end_tok - 1].end;
        let precision = r.value.as_deref().and_then(value_range).map(|(_, p)| p);
        out.push(TimeExpr {
            start,
            end,
            text: cx.text[start..end].to_owned(),
            kind: found.kind,
            value: r.value,
            range: r.range,
            precision: if r.range.is_some() { precision } else { None },
        });
        i = end_tok;
    }
    // A clock time takes the day named in its sentence ("on Tuesday ... at 18:00 UTC").
    for (k, sentence, clock) in bare_clocks {
        let Some(day) = day_mentions.get(&sentence) else {
            continue;
        };
        if let Some(expr) = out.get_mut(k) {
            let value = format!("{day}{clock}");
            expr.range = value_range(&value).map(|(r, _)| r);
            expr.value = Some(value);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tue() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2020, 3, 3)
    }

    fn one(text: &str) -> TimeExpr {
        let found = find_times(text, tue());
        assert_eq!(found.len(), 1, "{found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn on_monday_in_a_tuesday_article_is_the_day_before() {
        assert_eq!(
            one("They met on Monday.").value.as_deref(),
            Some("2020-03-02")
        );
    }

    #[test]
    fn tuesday_in_a_tuesday_article_is_that_day() {
        assert_eq!(
            one("The Kremlin said on Tuesday it hoped.")
                .value
                .as_deref(),
            Some("2020-03-03")
        );
    }

    #[test]
    fn a_weekday_in_the_future_tense_is_the_coming_one() {
        assert_eq!(
            one("They are due to hold talks on Thursday.")
                .value
                .as_deref(),
            Some("2020-03-05")
        );
        assert_eq!(
            one("They will meet on Tuesday.").value.as_deref(),
            Some("2020-03-10")
        );
    }

    #[test]
    fn without_a_published_date_relative_values_are_none_and_absolute_ones_resolve() {
        let found = find_times("On Monday, as in March 3, 2020 and 2017.", None);
        assert_eq!(found[0].value, None);
        assert_eq!(found[1].value.as_deref(), Some("2020-03-03"));
        assert_eq!(found[2].value.as_deref(), Some("2017"));
    }

    #[test]
    fn durations_have_timeml_values() {
        for (text, value) in [
            ("in nine years of war", "P9Y"),
            ("within 24 hours", "PT24H"),
            ("for two weeks", "P2W"),
            ("in less than a month", "P1M"),
            ("in the last month", "P1M"),
            ("a 27-year career", "P27Y"),
            ("almost two and a half years", "P2.5Y"),
        ] {
            let e = one(text);
            assert_eq!(
                (e.kind, e.value.as_deref()),
                (TimeType::Duration, Some(value)),
                "{text}"
            );
        }
    }

    #[test]
    fn times_sets_and_refs_are_found() {
        assert_eq!(
            one("at 3 p.m. sharp").value.as_deref(),
            Some("2020-03-03T15:00")
        );
        assert_eq!(
            one("Updated 20:29 here").value.as_deref(),
            Some("2020-03-03T20:29")
        );
        assert_eq!(
            one("it happened this morning").value.as_deref(),
            Some("2020-03-03TMO")
        );
        assert_eq!(
            one("on Monday night").value.as_deref(),
            Some("2020-03-02TNI")
        );
        assert_eq!(one("every week").kind, TimeType::Set);
        assert_eq!(one("they report daily").value.as_deref(), Some("P1D"));
        assert_eq!(one("recently").value.as_deref(), Some("PAST_REF"));
        assert_eq!(one("in the future").value.as_deref(), Some("FUTURE_REF"));
        assert_eq!(one("the 1990s").value.as_deref(), Some("199"));
    }

    #[test]
    fn absurd_dates_do_not_panic() {
        for text in [
            "February 31",
            "the year 99999",
            "31-Feb-2020",
            "2020-13-45",
            "99:99",
            "9999999999 years",
        ] {
            let _ = find_times(text, tue());
            let _ = find_times(text, NaiveDate::from_ymd_opt(262_000, 1, 1));
            let _ = find_times(text, None);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_and_any_published_date_give_valid_spans(
            text in "(?s)[a-zA-Z0-9 .,:'/-]{0,200}|\\PC{0,200}",
            which in 0u8..4,
        ) {
            let published = match which {
                0 => None,
                1 => Some(NaiveDate::MIN),
                2 => Some(NaiveDate::MAX),
                _ => tue(),
            };
            let found = find_times(&text, published);
            let mut last = 0;
            for t in &found {
                proptest::prop_assert!(t.start >= last && t.start < t.end && t.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                last = t.end;
            }
        }

        #[test]
        fn dates_near_the_ends_of_the_calendar_do_not_panic(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "on", "Monday", "last", "next", "week", "month", "year", "March", "3", "2020", "the", "end",
                "of", "early", "mid", "-", "late", "since", "December", "will", "tomorrow", "ago", "days",
                "quarter", "first", "weekend", "day", "previous", "20:29", "3", "p.m.", "every", "1990s",
            ]), 0..12),
        ) {
            let text = words.join(" ");
            for published in [None, Some(NaiveDate::MIN), Some(NaiveDate::MAX), tue()] {
                let _ = find_times(&text, published);
            }
        }
    }

    #[test]
    fn months_without_a_year_follow_the_tense() {
        assert_eq!(
            one("It began in February.").value.as_deref(),
            Some("2020-02")
        );
        assert_eq!(one("since December").value.as_deref(), Some("2019-12"));
        assert_eq!(
            one("Talks will resume in June.").value.as_deref(),
            Some("2020-06")
        );
        assert_eq!(one("They met in June.").value.as_deref(), Some("2019-06"));
    }

    #[test]
    fn october_of_next_year_is_two_expressions_and_the_month_takes_that_year() {
        let found = find_times("after October of next year", tue());
        let values: Vec<_> = found
            .iter()
            .map(|t| (t.text.as_str(), t.value.as_deref()))
            .collect();
        assert_eq!(
            values,
            vec![("October", Some("2021-10")), ("next year", Some("2021"))]
        );
    }

    /// (text, value) of every expression found in `text`, published on Tuesday 2020-03-03.
    fn values(text: &str) -> Vec<(String, Option<String>)> {
        find_times(text, tue())
            .into_iter()
            .map(|t| (t.text, t.value))
            .collect()
    }

    fn value_of(text: &str, expr: &str) -> Option<String> {
        values(text)
            .into_iter()
            .find(|(t, _)| t == expr)
            .unwrap_or_else(|| panic!("{expr:?} not found in {:?}", values(text)))
            .1
    }

    #[test]
    fn the_next_day_counts_from_the_day_last_mentioned_not_from_the_publication() {
        let text = "The plant closed on June 3, 2015. It reopened the next day.";
        assert_eq!(
            value_of(text, "the next day").as_deref(),
            Some("2015-06-04")
        );
        let text = "The plant closed on June 3, 2015, and the day before it had flooded.";
        assert_eq!(
            value_of(text, "the day before").as_deref(),
            Some("2015-06-02")
        );
    }

    #[test]
    fn without_a_date_mentioned_the_day_before_and_a_future_next_day_count_from_the_publication() {
        assert_eq!(
            value_of("It will reopen the following day.", "the following day").as_deref(),
            Some("2020-03-04")
        );
        assert_eq!(
            value_of("It had closed the previous day.", "the previous day").as_deref(),
            Some("2020-03-02")
        );
    }

    #[test]
    fn days_later_and_earlier_count_from_the_reference_time_but_ago_from_the_publication() {
        let text =
            "Talks began on 10 May 2018. Two days later they failed, and a week ago they resumed.";
        assert_eq!(
            value_of(text, "Two days later").as_deref(),
            Some("2018-05-12")
        );
        assert_eq!(value_of(text, "a week ago").as_deref(), Some("2020-02-25"));
        let text = "Sales fell in 2012, after rising a year earlier.";
        assert_eq!(value_of(text, "a year earlier").as_deref(), Some("2011"));
    }

    #[test]
    fn without_a_published_date_anaphoric_dates_resolve_only_against_a_written_date() {
        let found = find_times("It closed on June 3, 2015 and reopened the next day.", None);
        assert_eq!(found[1].value.as_deref(), Some("2015-06-04"));
        let found = find_times("It reopened the next day and the following year.", None);
        assert_eq!(
            (found[0].value.as_deref(), found[1].value.as_deref()),
            (None, None)
        );
    }

    #[test]
    fn later_than_planned_is_a_duration_not_a_date() {
        let found = find_times("It arrived three days later than planned.", tue());
        assert_eq!(found[0].text, "three days");
        assert_eq!(found[0].kind, TimeType::Duration);
    }

    #[test]
    fn the_previous_year_is_the_year_before_the_one_last_mentioned() {
        let text = "Costs fell to $118 billion last year, $19 billion less than the year previous.";
        assert_eq!(value_of(text, "last year").as_deref(), Some("2019"));
        assert_eq!(value_of(text, "the year previous").as_deref(), Some("2018"));
        let text = "Profits rose in 2009 and fell the previous year.";
        assert_eq!(value_of(text, "the previous year").as_deref(), Some("2008"));
    }

    #[test]
    fn the_entire_year_is_the_year_of_the_reference_time() {
        let text = "GM lost $4.8 billion in the fourth quarter of 2005 and $8.6 billion for the entire year.";
        assert_eq!(value_of(text, "the entire year").as_deref(), Some("2005"));
    }

    #[test]
    fn the_same_period_last_year_is_the_reference_period_a_year_back() {
        let text = "Sales rose 43% in February compared to the same period last year.";
        assert_eq!(
            value_of(text, "the same period last year").as_deref(),
            Some("2019-02")
        );
        let text = "Sales fell 35% in January, compared to the same month a year ago.";
        assert_eq!(
            value_of(text, "the same month a year ago").as_deref(),
            Some("2019-01")
        );
        let text =
            "Profit in the third quarter of 2009 fell from the same quarter of the previous year.";
        assert_eq!(
            value_of(text, "the same quarter of the previous year").as_deref(),
            Some("2008-Q3")
        );
    }

    #[test]
    fn the_same_period_with_nothing_to_refer_to_is_left_unresolved() {
        let found = find_times("Sales rose from the same period last year.", tue());
        assert_eq!(found[0].text, "the same period last year");
        assert_eq!(found[0].value, None);
    }

    #[test]
    fn an_ordinal_day_or_week_in_a_row_is_the_current_one() {
        assert_eq!(
            value_of(
                "Trading was suspended for a second consecutive day.",
                "a second consecutive day"
            )
            .as_deref(),
            Some("2020-03-03")
        );
        assert_eq!(
            value_of("Stocks gain for fourth week in a row", "fourth week").as_deref(),
            Some("2020-W10")
        );
        assert_eq!(
            value_of(
                "On Monday shares fell for the third straight session.",
                "the third straight session"
            )
            .as_deref(),
            Some("2020-03-02")
        );
    }

    #[test]
    fn an_ordinal_without_a_run_is_not_a_date() {
        assert!(find_times("the second day of the summit", tue()).is_empty());
    }

    #[test]
    fn a_weekday_on_a_schedule_is_the_coming_one() {
        for (text, day) in [
            ("The vote is on Thursday.", "Thursday"),
            ("He is to meet Putin on Friday.", "Friday"),
            ("Talks are scheduled for Friday.", "Friday"),
            ("A meeting planned for Thursday was cancelled.", "Thursday"),
            ("Results are expected on Friday.", "Friday"),
            ("The ruling is due Thursday.", "Thursday"),
            ("The leaders met ahead of Thursday's summit.", "Thursday"),
        ] {
            let want = if day == "Thursday" {
                "2020-03-05"
            } else {
                "2020-03-06"
            };
            assert_eq!(value_of(text, day).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn a_future_reported_with_would_is_the_future() {
        let text = "Turkey said on Monday it would hold talks with Russia on Thursday.";
        assert_eq!(value_of(text, "Monday").as_deref(), Some("2020-03-02"));
        assert_eq!(value_of(text, "Thursday").as_deref(), Some("2020-03-05"));
        let text = "The company said it would close the plant in October.";
        assert_eq!(value_of(text, "October").as_deref(), Some("2020-10"));
    }

    #[test]
    fn would_not_and_would_have_do_not_make_the_future() {
        let text = "The minister would not say on Thursday whether talks failed.";
        assert_eq!(value_of(text, "Thursday").as_deref(), Some("2020-02-27"));
    }

    #[test]
    fn an_irregular_past_verb_makes_the_past_even_before_a_future_clause() {
        let text = "They met in June and will meet again in July.";
        assert_eq!(value_of(text, "June").as_deref(), Some("2019-06"));
        assert_eq!(value_of(text, "July").as_deref(), Some("2020-07"));
    }

    #[test]
    fn has_before_a_noun_is_not_the_perfect() {
        let text = "The union has a Friday deadline to decide whether it will strike.";
        assert_eq!(value_of(text, "Friday").as_deref(), Some("2020-03-06"));
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_end_of_the_week_is_friday_to_sunday_of_the_published_week() {
        let e = one("Troops will withdraw by the end of the week.");
        assert_eq!(e.value.as_deref(), Some("2020-W10"));
        assert_eq!(e.range, Some((day(2020, 3, 6), day(2020, 3, 8))));
        let e = one("They met at the start of last week.");
        assert_eq!(e.value.as_deref(), Some("2020-W09"));
        assert_eq!(e.range, Some((day(2020, 2, 24), day(2020, 2, 25))));
    }

    #[test]
    fn the_late_1990s_are_the_last_three_years_of_the_decade() {
        let e = one("It was founded in the late 1990s.");
        assert_eq!(e.value.as_deref(), Some("199"));
        assert_eq!(e.range, Some((day(1997, 1, 1), day(1999, 12, 31))));
    }

    #[test]
    fn what_is_planned_for_a_weekday_is_the_coming_one() {
        assert_eq!(
            one("Protests are planned on Friday.").value.as_deref(),
            Some("2020-03-06")
        );
    }

    #[test]
    fn this_weekend_in_the_past_tense_is_the_one_just_gone() {
        let e = one("Protests took place this weekend.");
        assert_eq!(e.value.as_deref(), Some("2020-W09-WE"));
        assert_eq!(e.range, Some((day(2020, 2, 29), day(2020, 3, 1))));
        assert_eq!(
            one("Protests are planned this weekend.").value.as_deref(),
            Some("2020-W10-WE")
        );
        let sunday = NaiveDate::from_ymd_opt(2020, 3, 8);
        let found = find_times("Protests took place this weekend.", sunday);
        assert_eq!(found[0].value.as_deref(), Some("2020-W10-WE"));
    }

    #[test]
    fn the_next_month_opening_a_clause_is_a_date_but_over_the_next_month_a_duration() {
        let text = "In December 2018 the army advanced; the next month, rebels retreated.";
        assert_eq!(value_of(text, "the next month").as_deref(), Some("2019-01"));
        let e = one("Prices will rise over the next year.");
        assert_eq!(
            (e.kind, e.value.as_deref()),
            (TimeType::Duration, Some("P1Y"))
        );
    }

    #[test]
    fn the_day_after_standing_alone_is_the_day_after_the_one_mentioned() {
        let text = "The talks ended on Friday, and the day after, shelling resumed.";
        assert_eq!(
            value_of(text, "the day after").as_deref(),
            Some("2020-02-29")
        );
        assert!(
            values("They left the day after the vote.")
                .iter()
                .all(|(t, _)| t != "the day after")
        );
    }

    #[test]
    fn a_schedule_on_the_published_weekday_is_that_day_but_will_is_next_week() {
        assert_eq!(
            value_of("The deadline to register is Tuesday.", "Tuesday").as_deref(),
            Some("2020-03-03")
        );
        assert_eq!(
            value_of(
                "A vigil was planned for Tuesday evening.",
                "Tuesday evening"
            )
            .as_deref(),
            Some("2020-03-03TEV")
        );
        assert_eq!(
            value_of("They will meet on Tuesday.", "Tuesday").as_deref(),
            Some("2020-03-10")
        );
    }

    #[test]
    fn the_day_before_an_event_is_not_a_date_we_know() {
        assert!(
            values("They drove there the day before the robbery.")
                .iter()
                .all(|(t, _)| t != "the day before")
        );
        let text = "Talks ended on Friday. Rebels had attacked the day before there was a truce.";
        assert_eq!(
            value_of(text, "the day before").as_deref(),
            Some("2020-02-27")
        );
    }

    #[test]
    fn a_time_later_with_no_date_before_it_in_a_past_story_is_left_unresolved() {
        let found = find_times("A month later the victim told police.", tue());
        assert_eq!(
            (found[0].text.as_str(), found[0].value.as_deref()),
            ("A month later", None)
        );
        assert_eq!(
            value_of("The report will come two days later.", "two days later").as_deref(),
            Some("2020-03-05")
        );
    }

    #[test]
    fn since_a_month_and_day_is_the_last_one_before_the_published_date() {
        assert_eq!(
            value_of("They have been missing since August 4.", "August 4").as_deref(),
            Some("2019-08-04")
        );
    }

    #[test]
    fn the_next_day_counts_from_a_weekday_evening() {
        let text = "They were captured Thursday evening and transferred the next day.";
        assert_eq!(
            value_of(text, "Thursday evening").as_deref(),
            Some("2020-02-27TEV")
        );
        assert_eq!(
            value_of(text, "the next day").as_deref(),
            Some("2020-02-28")
        );
    }

    #[test]
    fn the_year_after_an_event_or_a_name_is_not_a_date_we_know() {
        for text in [
            "They left the year after the war.",
            "We met the week before Christmas.",
        ] {
            assert!(
                values(text).iter().all(|(t, _)| !t.starts_with("the")),
                "{text}: {:?}",
                values(text)
            );
        }
    }

    #[test]
    fn may_the_modal_is_not_a_month() {
        assert!(find_times("It may rain and troops march on.", tue()).is_empty());
    }
}
