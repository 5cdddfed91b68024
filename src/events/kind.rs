//! What kind of event a sentence reports, from its words.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use crate::document::EventKind;

/// Keyword stems per kind, in priority order: the first kind with a match wins.
const RULES: &[(EventKind, &[&str])] = &[
    (
        EventKind::MaritimeIncident,
        &[
            "capsiz",
            "shipwreck",
            " sank",
            "sinking",
            "boat capsized",
            "boat sank",
            "vessel",
            "coast guard",
            "coastguard",
            "drown",
            "dinghy",
        ],
    ),
    (
        EventKind::Airstrike,
        &[
            "airstrike",
            "air strike",
            "air raid",
            "airstrikes",
            "warplane",
            "drone strike",
            "drones",
            "bombing",
            "bombed",
            "jets struck",
            "air attack",
        ],
    ),
    (
        EventKind::Shelling,
        &[
            "shelling",
            "shelled",
            "artillery",
            "mortar",
            "rocket",
            "bombard",
            "missile",
            "shells",
        ],
    ),
    (
        EventKind::Casualties,
        &[
            "killed",
            " dead",
            " died",
            "death toll",
            "wounded",
            "injured",
            "casualt",
            "fatalit",
            "bodies",
        ],
    ),
    (
        EventKind::Diplomacy,
        &[
            "talks",
            "summit",
            "negotiat",
            "ceasefire",
            "cease-fire",
            "truce",
            "treaty",
            "peace deal",
            "met with",
            " met ",
            "foreign minister",
        ],
    ),
    (
        EventKind::Protest,
        &[
            "protest",
            "demonstrat",
            "rally",
            "rallies",
            "riot",
            "marched",
        ],
    ),
    (
        // Directives and threats are what the sentence reports, even when they name troop moves.
        EventKind::Statement,
        &[
            "demanded",
            "urged",
            "called on",
            "called for",
            "threatened to",
            "vowed",
        ],
    ),
    (
        EventKind::Clash,
        &[
            "clash",
            "fighting",
            "fought",
            "battle",
            "offensive",
            "firefight",
            "combat",
            "ambush",
            "hostilities",
            "attacked",
            "insurgen",
        ],
    ),
    (
        EventKind::MilitaryMovement,
        &[
            "troops",
            "convoy",
            "deploy",
            "entered",
            "advance",
            "withdr",
            "retreat",
            "captur",
            "seized",
            "military vehicles",
            "reinforcement",
            "combing",
        ],
    ),
    (
        EventKind::Displacement,
        &[
            "displaced",
            "from their homes",
            "forced from",
            "fled",
            "flee",
            "refugee",
            "evacuat",
            "homeless",
            "camps",
        ],
    ),
    (
        EventKind::Migration,
        &[
            "migrant",
            "asylum",
            "arrivals",
            "arrived by sea",
            "smuggl",
            "border crossing",
            "cross by land",
            "crossed the border",
        ],
    ),
    (
        EventKind::Diplomacy,
        &[
            "agreement",
            "agreed",
            " deal",
            "visit",
            "sanction",
            "envoy",
            "embassy",
            "diplomat",
        ],
    ),
    (
        EventKind::Statement,
        &[
            "said",
            "says",
            "told",
            "statement",
            "announced",
            "demanded",
            "warned",
            "expressed",
            "urged",
            "called on",
            "claimed",
            "denied",
        ],
    ),
];

/// Words that make the violence hypothetical: "hoping to minimise the risk of a clash".
const HYPOTHETICAL: &[&str] = &[
    "risk of",
    "fears of",
    "to avoid",
    "to prevent",
    "threat of",
    "hoping to",
];

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
    let found = stems_found(&lower, matcher());
    let mut next = 0;
    let mut occurs = |n: usize| {
        let any = found.get(next..next + n).is_some_and(|f| f.contains(&true));
        next += n;
        any
    };
    let hypothetical = occurs(HYPOTHETICAL.len());
    for (kind, stems) in RULES {
        let matched = occurs(stems.len());
        if hypothetical
            && matches!(
                kind,
                EventKind::Clash
                    | EventKind::Airstrike
                    | EventKind::Shelling
                    | EventKind::Casualties
            )
        {
            continue;
        }
        if matched {
            return *kind;
        }
    }
    if hypothetical {
        return EventKind::Statement;
    }
    EventKind::Other
}

/// Which of [`all_stems`] occur in `lower`: in one pass with the automaton, else one search per stem
/// (the same answer either way).
fn stems_found(lower: &str, ac: Option<&AhoCorasick>) -> Vec<bool> {
    match ac {
        Some(ac) => {
            let mut found = vec![false; ac.patterns_len()];
            for m in ac.find_overlapping_iter(lower) {
                if let Some(f) = found.get_mut(m.pattern().as_usize()) {
                    *f = true;
                }
            }
            found
        }
        None => all_stems()
            .iter()
            .map(|stem| lower.contains(stem))
            .collect(),
    }
}

/// The hypothetical markers, then every rule's stems, in order: pattern `i` of [`matcher`].
fn all_stems() -> &'static [&'static str] {
    static STEMS: OnceLock<Vec<&'static str>> = OnceLock::new();
    STEMS.get_or_init(|| {
        HYPOTHETICAL
            .iter()
            .chain(RULES.iter().flat_map(|(_, stems)| stems.iter()))
            .copied()
            .collect()
    })
}

/// An Aho-Corasick automaton over [`all_stems`] (None only if it could not be built).
fn matcher() -> Option<&'static AhoCorasick> {
    static MATCHER: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    MATCHER
        .get_or_init(|| {
            AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(all_stems())
                .ok()
        })
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_pass_matcher_finds_the_same_stems_as_searching_for_each() {
        let text = include_str!("../../assets/idlib-2020-03-03.txt");
        let extra =
            " boat capsized, air strike and airstrikes; killed the deal; demonstrators' rallies";
        let ac = matcher().expect("automaton builds");
        for sentence in crate::article::sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .chain([extra])
        {
            let lower = format!(" {}", sentence.to_lowercase());
            assert_eq!(
                stems_found(&lower, Some(ac)),
                stems_found(&lower, None),
                "{sentence}"
            );
        }
    }

    #[test]
    fn rescuers_using_boats_is_not_a_maritime_incident() {
        assert_eq!(
            classify("Rescue teams used boats to evacuate residents of villages outside Dadu."),
            EventKind::Displacement
        );
    }

    #[test]
    fn people_forced_from_their_homes_are_displaced_even_when_officials_said_so() {
        assert_eq!(
            classify(
                "Rains flooded Sindh, forcing thousands of families from their homes, officials said."
            ),
            EventKind::Displacement
        );
    }

    #[test]
    fn leaders_who_met_officials_are_diplomacy() {
        assert_eq!(
            classify("Last week he met officials in Islamabad to discuss relief funding."),
            EventKind::Diplomacy
        );
    }

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
