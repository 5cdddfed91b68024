//! Word lists the recogniser uses to tell places from other capitalised words.
//! General English, not fitted to any corpus.

/// Capitalised words that start sentences or headlines but are not places, even where GeoNames has
/// a village of that name ("Of", "Police", "Mobile", "Best"...).
pub const COMMON_WORDS: &[&str] = &[
    "a", "about", "above", "according", "across", "after", "afterwards", "again", "against", "ago",
    "all", "almost", "along", "already", "also", "although", "always", "am", "among", "an", "and",
    "another", "any", "anyone", "anything", "are", "around", "as", "at", "away", "back", "be",
    "because", "been", "before", "behind", "being", "below", "best", "better", "between", "beyond",
    "big", "both", "but", "by", "can", "cannot", "could", "day", "days", "despite", "did", "do",
    "does", "down", "during", "each", "early", "earlier", "either", "else", "enough", "even",
    "ever", "every", "few", "first", "for", "former", "from", "further", "given", "good", "great",
    "had", "half", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "home",
    "how", "however", "i", "if", "in", "including", "inside", "instead", "into", "is", "it", "its",
    "just", "last", "late", "later", "least", "less", "like", "little", "long", "many", "may",
    "me", "meanwhile", "might", "more", "most", "much", "must", "my", "near", "nearly", "never",
    "new", "next", "no", "none", "nor", "not", "nothing", "now", "of", "off", "often", "old", "on",
    "once", "one", "only", "or", "other", "others", "otherwise", "our", "out", "outside", "over",
    "own", "part", "per", "perhaps", "please", "plus", "rather", "really", "same", "second",
    "several", "she", "should", "since", "so", "some", "someone", "something", "soon", "still",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "third",
    "this", "those", "though", "through", "throughout", "thus", "to", "today", "together",
    "tomorrow", "tonight", "too", "toward", "towards", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "under", "unless", "until", "up", "upon", "us", "very", "via",
    "was", "we", "well", "were", "what", "whatever", "when", "where", "whether", "which", "while",
    "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yes", "yet",
    "yesterday", "you", "your", "week", "month", "year", "morning", "evening", "night", "time",
    "people", "police", "army", "government", "officials", "official", "rebels", "rebel",
    "president", "minister", "prime", "secretary", "general", "spokesman", "spokeswoman",
    "mayor", "governor", "senator", "king", "queen", "prince", "chief", "director", "judge",
    "officer", "sources", "source", "reporting", "editing", "writing", "photo", "video", "news",
    "updated", "posted", "published", "story", "read", "see", "watch", "related", "more",
    "mobile", "reading", "nice", "split", "bath", "bar", "mission", "union", "unity",
    "university", "college", "school", "hospital", "church", "street", "road", "avenue", "park",
    "center", "centre", "court", "house", "hall", "station", "airport", "bridge", "square",
    "market", "bank", "company", "group", "club", "team", "party", "council", "committee",
    "ministry", "department", "office", "agency", "service", "forces", "force", "troops",
    "national", "international", "federal", "state", "republic", "democratic", "islamic",
    "united", "royal", "central", "western", "eastern", "northern", "southern", "north", "south",
    "east", "west", "upper", "lower", "greater", "saint", "st", "mount", "lake", "river",
    "march", "may", "june", "july", "april", "august", "january", "february", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "christmas", "easter", "ramadan", "god", "allah", "christ", "jesus",
    "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "gen", "col", "capt", "sgt", "lt", "rev",
    "ap", "afp", "reuters", "upi", "cnn", "bbc", "nbc", "cbs", "abc", "fox", "cgtn", "tass",
    "interfax", "xinhua", "anadolu", "sana", "ria", "dpa", "efe", "ansa", "kyodo", "yonhap",
    "many", "much", "earth", "world", "sun", "moon", "star", "city", "town", "village", "county",
    "region", "province", "district", "island", "sea", "ocean", "border", "zone", "valley",
];

/// Words before a name that say what kind of place it is: "the town of Saraqeb".
pub const KIND_CUES_BEFORE: &[(&str, &str)] = &[
    ("town", "city"),
    ("city", "city"),
    ("village", "city"),
    ("capital", "city"),
    ("port", "city"),
    ("suburb", "city"),
    ("island", "island"),
    ("islands", "island"),
    ("province", "region"),
    ("region", "region"),
    ("governorate", "region"),
    ("state", "region"),
    ("county", "region"),
    ("district", "region"),
    ("sea", "sea"),
    ("river", "river"),
];

/// Words after a name that say what kind of place it is: "the Idlib region", "Idlib city".
pub const KIND_CUES_AFTER: &[(&str, &str)] = &[
    ("city", "city"),
    ("town", "city"),
    ("village", "city"),
    ("region", "region"),
    ("province", "region"),
    ("governorate", "region"),
    ("county", "region"),
    ("district", "region"),
    ("state", "region"),
    ("island", "island"),
    ("sea", "sea"),
    ("river", "river"),
];

/// Capitalised words that may stand before or after a place name inside one capitalised phrase
/// without making it a different thing ("Northern Syria", "Idlib Province").
pub const PLACE_MODIFIERS: &[&str] = &[
    "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "upper", "lower", "greater", "downtown", "rural", "coastal",
    "region", "province", "governorate", "city", "county", "district", "state", "island",
    "islands", "area", "border", "crossing", "coast", "valley", "countryside",
];

/// Titles that start a person's name: "President Vladimir Putin".
pub const TITLES: &[&str] = &[
    "president", "minister", "prime", "secretary", "general", "gen", "spokesman", "spokeswoman",
    "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "king", "queen", "prince", "princess",
    "sheikh", "emir", "sultan", "pope", "senator", "sen", "rep", "representative", "governor",
    "gov", "mayor", "judge", "justice", "chancellor", "ambassador", "envoy", "commander", "col",
    "colonel", "capt", "captain", "lt", "lieutenant", "sgt", "sergeant", "officer", "chief",
    "director", "professor", "prof", "rev", "reverend", "father", "bishop", "archbishop",
    "counterpart", "leader", "premier", "foreign", "defense", "defence", "interior", "vice",
    "deputy", "coach", "saint",
];

/// Lower-case particles that may stand inside a capitalised name: "Bab al-Hawa", "Ursula von der Leyen".
pub const NAME_PARTICLES: &[&str] = &[
    "al", "el", "ul", "ash", "az", "bin", "ibn", "bint", "abu", "de", "del", "della", "der", "di",
    "da", "dos", "das", "du", "des", "la", "le", "los", "las", "van", "von", "ten", "ter",
];

/// Capitalised words that are never part of a place's name phrase: days, months and their
/// abbreviations ("in Paris on Monday", "Gaza Tuesday").
pub const TIME_WORDS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Capitalised words that name groups, faiths, festivals and organisations, not places, even
/// where a village somewhere carries the name.
pub const NOT_PLACES: &[&str] = &[
    "hamas", "hezbollah", "hizbollah", "taliban", "nato", "isis", "isil", "daesh", "al qaeda",
    "fatah", "kurds", "arab", "arabs", "jew", "jews", "jewish", "muslim", "muslims", "christian",
    "christians", "catholic", "catholics", "protestant", "sunni", "sunnis", "shiite", "shiites",
    "shia", "hindu", "buddhist", "hispanic", "latino", "latina", "passover", "christmas",
    "easter", "ramadan", "eid", "hanukkah", "thanksgiving", "halloween", "olympic", "olympics",
    "democrat", "democrats", "republican", "republicans", "congress", "senate", "parliament",
    "internet", "facebook", "twitter", "google", "youtube", "myspace", "amazon", "apple",
    "microsoft", "boeing", "airbus", "reuters", "bible", "koran", "quran", "god", "lord",
];

/// Capitalised words that make a phrase an organisation, a building or a road: a place name at its
/// start is still a place ("Texas Fire Service", "Ohio State University"), as in news gazetteers.
pub const ORGANISATION_WORDS: &[&str] = &[
    "university", "college", "school", "academy", "institute", "department", "service",
    "services", "police", "sheriff", "fire", "hospital", "clinic", "church", "cathedral",
    "council", "board", "court", "times", "post", "herald", "news", "tribune", "journal",
    "gazette", "daily", "airport", "station", "company", "corp", "inc", "bank", "association",
    "center", "centre", "museum", "park", "street", "st", "road", "avenue", "ave", "boulevard",
    "highway", "bridge", "high", "state", "club", "party", "government", "army", "navy",
    "ministry", "assembly", "senate", "legislature", "commission", "authority", "agency",
    "foundation", "hall", "square", "library", "zoo", "chamber", "utilities", "public",
    "environmental", "health", "county", "city", "township", "district", "stadium", "arena",
    "mall", "plaza", "market", "festival", "fair", "team", "league", "tigers", "bulldogs",
    "office", "prison", "jail", "base", "memorial", "cemetery", "dam", "railway", "railroad",
    "lines", "airlines", "airways", "energy", "power", "water", "gas", "oil", "press",
];

/// Words that, right after a capitalised phrase, show it names a person or an organisation.
pub const PERSON_VERBS: &[&str] = &[
    "said", "says", "told", "added", "wrote", "tweeted", "stated", "explained", "noted", "argued",
    "insisted", "warned", "claimed", "denied", "announced",
];

/// Well-known buildings and streets that stand for a government: they point at their city.
/// (phrase, city name to look up, ISO country).
pub const METONYMS: &[(&str, &str, &str)] = &[
    ("kremlin", "Moscow", "RU"),
    ("white house", "Washington", "US"),
    ("pentagon", "Washington", "US"),
    ("capitol hill", "Washington", "US"),
    ("downing street", "London", "GB"),
    ("whitehall", "London", "GB"),
    ("elysee", "Paris", "FR"),
    ("elysee palace", "Paris", "FR"),
    ("quai d orsay", "Paris", "FR"),
    ("zhongnanhai", "Beijing", "CN"),
    ("blue house", "Seoul", "KR"),
    ("knesset", "Jerusalem", "IL"),
    ("bundestag", "Berlin", "DE"),
    ("chancellery", "Berlin", "DE"),
    ("vatican", "Vatican City", "VA"),
];

/// True when `lower` (already lower case) is in `list`.
pub fn contains(list: &[&str], lower: &str) -> bool {
    list.contains(&lower)
}
