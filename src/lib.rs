//! newsmap: find the places and dated events in news articles and show them on a map.
//!
//! The data flows one way: text -> [`article`] -> [`geoparse`] (mentions, resolved places)
//! -> [`events`] -> [`document`] -> ([`app`], [`export`]). Nothing below `app` imports egui.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod app;
pub mod article;
pub mod basemap;
pub mod cli;
pub mod document;
pub mod events;
pub mod export;
pub mod gazetteer;
pub mod geoparse;
pub mod session;

/// mimalloc as the allocator of every binary built on this crate: the geoparser makes and drops
/// many small strings and vectors per section, which glibc's allocator serves markedly slower.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
