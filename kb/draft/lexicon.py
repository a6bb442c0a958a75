"""The words the drafter's rules rely on: function words, titles, demonyms and capitals, the nouns
that name speakers, number words, qualifiers, units and outcome verbs.

Kept in one place so that each rule reads as a rule; each list is what news English needs, not a
dictionary."""

from __future__ import annotations

FUNCTION_WORDS = frozenset("""
a an the and or but so yet nor for of in on at to by with from as into onto over under after before since
until while when where whether if then than though although because however moreover meanwhile also still
thus hence therefore indeed instead otherwise besides furthermore nevertheless nonetheless this that these
those it its he she they we you i his her their our your my me him them us there here what which who whom
whose why how all some any each every both either neither no not one two three four five six seven eight
nine ten first second third last next earlier later recall according naturally thank information only even
just such many most more much few several other another yes then photo related original read also see
regrettably unfortunately once again yesterday today tomorrow now subsequently consequently finally
""".split())

TITLE_WORDS = frozenset("""
President Prime Minister Deputy Foreign Defense Defence Interior Secretary General Secretary-General
Spokesman Spokeswoman Spokesperson Press Ministry Minister's Ambassador Commander Chief Head Director
Chairman Chairwoman Presidential Senator Governor Admiral Marshal Mayor King Queen Prince Sheikh Emir
Colonel Major Captain Lieutenant Sergeant Mr Mrs Ms Dr Sir Lord Envoy Special Representative Ombudsman
Leader Chancellor Speaker Patriarch Pope Related Photo Original Read Also See Vice Acting Former Lt Gen
Col Maj Capt Brig Rear Supreme Army Navy Coordinator Commissioner Administrator Rapporteur Adviser Advisor
Counsellor Undersecretary Under-Secretary-General Attorney Judge Prosecutor Affairs
""".split())

# demonym -> the state's name, as a registry is likely to label it
DEMONYMS = {
    "Afghan": "Afghanistan", "American": "United States", "Armenian": "Armenia", "Azerbaijani": "Azerbaijan",
    "Belarusian": "Belarus", "British": "United Kingdom", "Chinese": "China", "Egyptian": "Egypt",
    "Ethiopian": "Ethiopia", "French": "France", "Georgian": "Georgia", "German": "Germany", "Indian": "India",
    "Iranian": "Iran", "Iraqi": "Iraq", "Israeli": "Israel", "Jordanian": "Jordan", "Lebanese": "Lebanon",
    "Libyan": "Libya", "Malian": "Mali", "Nigerian": "Nigeria", "Pakistani": "Pakistan", "Polish": "Poland",
    "Qatari": "Qatar", "Russian": "Russia", "Saudi": "Saudi Arabia", "Somali": "Somalia", "Sudanese": "Sudan",
    "Syrian": "Syria", "Turkish": "Turkey", "Ukrainian": "Ukraine", "Yemeni": "Yemen", "Emirati": "United Arab Emirates",
    "Albanian": "Albania", "Algerian": "Algeria", "Angolan": "Angola", "Argentine": "Argentina", "Australian": "Australia",
    "Austrian": "Austria", "Bahraini": "Bahrain", "Bangladeshi": "Bangladesh", "Belgian": "Belgium", "Bosnian": "Bosnia and Herzegovina",
    "Brazilian": "Brazil", "Bulgarian": "Bulgaria", "Burmese": "Myanmar", "Burundian": "Burundi", "Cameroonian": "Cameroon",
    "Canadian": "Canada", "Chadian": "Chad", "Colombian": "Colombia", "Congolese": "Democratic Republic of the Congo",
    "Croatian": "Croatia", "Cuban": "Cuba", "Cypriot": "Cyprus", "Czech": "Czech Republic", "Danish": "Denmark",
    "Dutch": "Netherlands", "Eritrean": "Eritrea", "Estonian": "Estonia", "Ethiopian": "Ethiopia", "Filipino": "Philippines",
    "Philippine": "Philippines", "Finnish": "Finland", "Greek": "Greece", "Hungarian": "Hungary", "Indonesian": "Indonesia",
    "Irish": "Ireland", "Italian": "Italy", "Japanese": "Japan", "Kazakh": "Kazakhstan", "Kenyan": "Kenya", "Kosovar": "Kosovo",
    "Kuwaiti": "Kuwait", "Latvian": "Latvia", "Lithuanian": "Lithuania", "Malaysian": "Malaysia", "Mexican": "Mexico",
    "Moldovan": "Moldova", "Moroccan": "Morocco", "Nepalese": "Nepal", "Norwegian": "Norway", "Omani": "Oman",
    "Palestinian": "Palestine", "Romanian": "Romania", "Rwandan": "Rwanda", "Serbian": "Serbia", "Serb": "Serbia",
    "Slovak": "Slovakia", "Spanish": "Spain", "Swedish": "Sweden", "Swiss": "Switzerland", "Tajik": "Tajikistan",
    "Tanzanian": "Tanzania", "Thai": "Thailand", "Tunisian": "Tunisia", "Ugandan": "Uganda", "Uzbek": "Uzbekistan",
    "Venezuelan": "Venezuela", "Vietnamese": "Vietnam", "Zimbabwean": "Zimbabwe", "Kurdish": "Kurdistan",
}
# adjectives of a people or a region that are no state's ("Arab members", "Western intelligence"): no name alone
PEOPLE_WORDS = frozenset("Arab Arabs Kurd Kurds Western Eastern Northern Southern Sunni Shia Shiite Muslim Christian "
                         "Jewish Catholic Orthodox Islamist Jihadist".split())

# capital -> the state's name: a capital that speaks is its government ("Ankara said")
CAPITALS = {
    "Moscow": "Russia", "Ankara": "Turkey", "Damascus": "Syria", "Tehran": "Iran", "Kiev": "Ukraine",
    "Kyiv": "Ukraine", "Washington": "United States", "Beijing": "China", "Baghdad": "Iraq", "Beirut": "Lebanon",
    "Amman": "Jordan", "Riyadh": "Saudi Arabia", "Doha": "Qatar", "Cairo": "Egypt", "Jerusalem": "Israel",
    "Yerevan": "Armenia", "Baku": "Azerbaijan", "Tbilisi": "Georgia", "Minsk": "Belarus", "Paris": "France",
    "London": "United Kingdom", "Berlin": "Germany", "Kabul": "Afghanistan", "Islamabad": "Pakistan",
    "New Delhi": "India", "Tripoli": "Libya", "Sanaa": "Yemen", "Khartoum": "Sudan", "Addis Ababa": "Ethiopia",
    "Abu Dhabi": "United Arab Emirates", "Warsaw": "Poland", "Pyongyang": "North Korea", "Seoul": "South Korea",
    "Tokyo": "Japan", "Bamako": "Mali", "Abuja": "Nigeria", "Mogadishu": "Somalia",
}

# nouns that name a person who speaks (an unnamed speaker: "a senior official said")
PERSON_NOUNS = frozenset("""
official officials officer officers spokesman spokeswoman spokesperson spokespeople minister ministers
commander commanders source sources diplomat diplomats witness witnesses resident residents activist
activists analyst analysts monitor monitors observer observers correspondent correspondents reporter
reporters envoy envoys representative representatives governor mayor president leader leaders general
colonel soldier soldiers fighter fighters rebel rebels doctor doctors medic medics aide aides adviser
advisers advisor advisors expert experts ombudsman secretary chief head journalist journalists negotiator
negotiators lawmaker lawmakers deputy deputies man woman people person survivor survivors
""".split())

# nouns that name a body, group or medium that speaks ("the ministry said", "Syrian TV reported")
BODY_NOUNS = frozenset("""
ministry government army military forces force command office agency council committee mission center
centre service staff authorities authority administration parliament embassy coalition alliance
observatory group organisation organization watch tv television channel radio newspaper media outlet
station side kremlin presidency cabinet headquarters militia movement party union court regime
delegation department secretariat
""".split())

# media nouns: a medium "shows" or "showed" what it reports
MEDIA_NOUNS = frozenset("tv television channel footage video images broadcaster newspaper agency radio".split())

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

# qualifier as written -> the qualifier the draft reports
QUALIFIERS = {
    "more than": "more than", "over": "over", "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "about": "about", "around": "about", "some": "about", "approximately": "about", "roughly": "about",
    "an estimated": "about", "estimated": "about", "at least": "at least", "no fewer than": "at least",
    "no less than": "at least", "up to": "up to", "as many as": "up to", "fewer than": "less than",
    "less than": "less than", "under": "less than", "at most": "up to",
}

# units of measure, as written -> the unit the draft writes
UNITS = {
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "kilometer-wide": "km", "kilometre-wide": "km", "km-wide": "km", "km-long": "km", "km-deep": "km",
    "miles": "miles", "mile": "miles", "metres": "m", "meters": "m", "metre": "m", "meter": "m", "m": "m",
    "hectares": "ha", "tonnes": "t", "tons": "t", "kg": "kg", "per cent": "%", "percent": "%", "%": "%",
    "square kilometres": "km2", "square kilometers": "km2", "sq km": "km2",
}
DIMENSIONS = frozenset("wide deep long high tall thick away apart north south east west".split())

# a number followed by one of these is a time span, not a count of people or things
TIME_UNITS = frozenset("""
second seconds minute minutes hour hours day days week weeks month months year years decade decades
century centuries time times a.m. p.m. am pm o'clock
""".split())

# outcome verbs and nouns -> the outcome kind of the annotation format
OUTCOME_WORDS = {
    "killed": "killed", "killing": "killed", "kill": "killed", "kills": "killed", "died": "killed",
    "dead": "killed", "deaths": "killed", "death": "killed", "martyred": "killed", "lost": "killed",
    "wounded": "injured", "wounding": "injured", "injured": "injured", "injuring": "injured",
    "hurt": "injured", "destroyed": "destroyed", "destroying": "destroyed", "destroy": "destroyed",
    "shot down": "destroyed", "downed": "destroyed", "hit": "destroyed", "neutralised": "destroyed",
    "neutralized": "destroyed", "captured": "captured", "capturing": "captured", "seized": "captured",
    "taken prisoner": "captured", "displaced": "displaced", "fled": "displaced", "displacing": "displaced",
    "repelled": "repelled", "halted": "halted",
}
