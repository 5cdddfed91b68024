//! What kind of event a sentence reports, from its words.

use crate::document::EventKind;

/// Keyword stems per kind, in priority order: the first kind with a match wins.
const RULES: &[(EventKind, &[&str])] = &[
    (
        EventKind::MaritimeIncident,
        &["capsiz", "shipwreck", " sank", "sinking", "boat", "vessel", "coast guard", "coastguard", "drown", "dinghy"],
    ),
    (
        EventKind::Airstrike,
        &["airstrike", "air strike", "air raid", "airstrikes", "warplane", "drone strike", "drones", "bombing", "bombed", "jets struck", "air attack"],
    ),
    (
        EventKind::Shelling,
        &["shelling", "shelled", "artillery", "mortar", "rocket", "bombard", "missile", "shells"],
    ),
    (
        EventKind::Casualties,
        &["killed", " dead", " died", "death toll", "wounded", "injured", "casualt", "fatalit", "bodies"],
    ),
    (
        EventKind::Diplomacy,
        &["talks", "summit", "negotiat", "ceasefire", "cease-fire", "truce", "treaty", "peace deal", "met with", "foreign minister"],
    ),
    (
        EventKind::Protest,
        &["protest", "demonstrat", "rally", "rallies", "riot", "marched"],
    ),
    (
        EventKind::Clash,
        &["clash", "fighting", "fought", "battle", "offensive", "firefight", "combat", "ambush", "hostilities", "attacked", "insurgen"],
    ),
    (
        EventKind::MilitaryMovement,
        &["troops", "convoy", "deploy", "entered", "advance", "withdr", "retreat", "captur", "seized", "military vehicles", "reinforcement", "combing"],
    ),
    (
        EventKind::Displacement,
        &["displaced", "fled", "flee", "refugee", "evacuat", "homeless", "camps"],
    ),
    (
        EventKind::Migration,
        &["migrant", "asylum", "arrivals", "arrived by sea", "smuggl", "border crossing", "cross by land", "crossed the border"],
    ),
    (
        EventKind::Diplomacy,
        &["agreement", "agreed", " deal", "visit", "sanction", "envoy", "embassy", "diplomat"],
    ),
    (
        EventKind::Statement,
        &["said", "says", "told", "statement", "announced", "demanded", "warned", "expressed", "urged", "called on", "claimed", "denied"],
    ),
];

/// Words that make the violence hypothetical: "hoping to minimise the risk of a clash".
const HYPOTHETICAL: &[&str] = &["risk of", "fears of", "to avoid", "to prevent", "threat of", "hoping to"];

/// Classify a sentence.
///
/// ```
/// use newsmap::document::EventKind;
/// use newsmap::events::kind::classify;
/// assert_eq!(classify("Two soldiers were killed in shelling on Monday."), EventKind::Shelling);
/// assert_eq!(classify("The leaders will hold talks in Moscow."), EventKind::Diplomacy);
/// ```
pub fn classify(sentence: &str) -> EventKind {
    let lower = format!(" {}", sentence.to_lowercase());
    let hypothetical = HYPOTHETICAL.iter().any(|h| lower.contains(h));
    for (kind, stems) in RULES {
        if hypothetical
            && matches!(
                kind,
                EventKind::Clash | EventKind::Airstrike | EventKind::Shelling | EventKind::Casualties
            )
        {
            continue;
        }
        if stems.iter().any(|s| lower.contains(s)) {
            return *kind;
        }
    }
    if hypothetical {
        return EventKind::Statement;
    }
    EventKind::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capsized_boat_is_a_maritime_incident_even_with_a_death() {
        assert_eq!(
            classify("A child died after a boat capsized off Lesbos."),
            EventKind::MaritimeIncident
        );
    }

    #[test]
    fn the_risk_of_a_clash_is_a_statement_not_a_clash() {
        assert_eq!(
            classify("The Kremlin said it hoped to minimize the risk of a clash."),
            EventKind::Statement
        );
    }
}
