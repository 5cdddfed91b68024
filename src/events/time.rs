//! Temporal expressions: found in the text and resolved against the published date (TimeML values).

use chrono::NaiveDate;
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
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimeType,
    /// TimeML value (`2020-03-02`, `2020-W09`, `2020-02`, `2020`, `P1W`, `PAST_REF`...); None when it
    /// cannot be resolved (e.g. a relative date with no published date).
    pub value: Option<String>,
    /// The calendar days the value covers (first, last), for DATE values that name days, weeks, months, years.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<(NaiveDate, NaiveDate)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
}

/// Find and resolve every temporal expression in `text` against `published`.
pub fn find_times(_text: &str, _published: Option<NaiveDate>) -> Vec<TimeExpr> {
    Vec::new()
}
