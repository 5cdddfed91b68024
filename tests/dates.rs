//! Dates found in the sample article (published Tuesday 2020-03-03) and resolved as a reader would.

use chrono::NaiveDate;
use newsmap::events::time::{Precision, TimeExpr, TimeType, find_times};

const SAMPLE: &str = include_str!("../assets/idlib-2020-03-03.txt");

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn times() -> Vec<TimeExpr> {
    find_times(SAMPLE, Some(day(2020, 3, 3)))
}

/// The expression whose text is `text`, the first one after `after` in the sample.
fn at(text: &str, after: &str) -> TimeExpr {
    let from = SAMPLE.find(after).unwrap();
    times()
        .into_iter()
        .find(|t| t.start >= from && t.text == text)
        .unwrap_or_else(|| panic!("{text:?} after {after:?} not found in {:#?}", times()))
}

fn value(text: &str, after: &str) -> String {
    at(text, after).value.unwrap()
}

#[test]
fn the_kremlin_said_on_tuesday_is_the_published_day() {
    assert_eq!(value("Tuesday", "The Kremlin"), "2020-03-03");
}

#[test]
fn a_day_after_does_not_break_anything() {
    let _ = at("a day", "Moscow's comments");
}

#[test]
fn talks_due_on_thursday_are_in_two_days() {
    assert_eq!(value("Thursday", "are due to hold talks"), "2020-03-05");
}

#[test]
fn last_week_is_the_iso_week_before() {
    let e = at("Last week", "");
    assert_eq!(e.value.as_deref(), Some("2020-W09"));
    assert_eq!(e.range, Some((day(2020, 2, 24), day(2020, 3, 1))));
    assert_eq!(e.precision, Some(Precision::Week));
}

#[test]
fn on_monday_in_a_tuesday_article_is_the_day_before() {
    assert_eq!(value("Monday", "Last week"), "2020-03-02");
    assert_eq!(value("Monday", "Defense Ministry"), "2020-03-02");
}

#[test]
fn in_early_february_is_the_first_ten_days_at_month_precision() {
    let e = at("early February", "");
    assert_eq!(e.value.as_deref(), Some("2020-02"));
    assert_eq!(e.range, Some((day(2020, 2, 1), day(2020, 2, 10))));
    assert_eq!(e.precision, Some(Precision::Month));
}

#[test]
fn the_end_of_the_month_after_early_february_is_late_february() {
    let e = at("the end of the month", "");
    assert_eq!(e.value.as_deref(), Some("2020-02"));
    assert_eq!(e.range, Some((day(2020, 2, 21), day(2020, 2, 29))));
}

#[test]
fn years_are_years() {
    assert_eq!(value("2017", ""), "2017");
    assert_eq!(value("2016", ""), "2016");
}

#[test]
fn since_december_is_the_december_before() {
    assert_eq!(value("December", "displaced since"), "2019-12");
}

#[test]
fn borders_opened_on_friday_is_last_friday() {
    assert_eq!(value("Friday", "western borders"), "2020-02-28");
}

#[test]
fn since_sunday_is_last_sunday() {
    assert_eq!(value("Sunday", "by sea on Greek"), "2020-03-01");
}

#[test]
fn durations_in_the_sample_have_timeml_values() {
    for (text, v) in [
        ("nine years", "P9Y"),
        ("the last month", "P1M"),
        ("less than a month", "P1M"),
    ] {
        let e = at(text, "");
        assert_eq!(e.kind, TimeType::Duration, "{text}");
        assert_eq!(e.value.as_deref(), Some(v), "{text}");
    }
}

#[test]
fn the_dateline_gives_the_date_and_the_time() {
    assert_eq!(value("03-Mar-2020", "Updated"), "2020-03-03");
    assert_eq!(value("20:29", "Updated"), "2020-03-03T20:29");
}

#[test]
fn in_recent_days_is_the_recent_past() {
    assert_eq!(value("recent days", ""), "PAST_REF");
}

#[test]
fn every_range_is_on_char_boundaries() {
    for t in times() {
        assert!(SAMPLE.is_char_boundary(t.start) && SAMPLE.is_char_boundary(t.end));
        assert_eq!(&SAMPLE[t.start..t.end], t.text);
    }
}

#[test]
#[ignore = "prints every expression in the sample, for eyeballing"]
fn print_the_sample_times() {
    for t in times() {
        println!(
            "{:>5} {:<28} {:?} {:?} {:?} {:?}",
            t.start, t.text, t.kind, t.value, t.range, t.precision
        );
    }
}
