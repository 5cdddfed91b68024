//! Events from sentences: what happened where and when.

pub mod time;
