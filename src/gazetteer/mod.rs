//! The built-in offline gazetteer (placeholder: being written).

use serde::{Deserialize, Serialize};

/// What kind of place a gazetteer entry is. These exact words appear in every JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    City,
    Region,
    Country,
    Continent,
    Island,
    Sea,
    Border,
    Crossing,
    Zone,
    Landform,
    River,
}
