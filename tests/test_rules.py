"""Status rules, family by family: sentences written for these tests, positives and negatives."""

import re

import pytest
from helpers import READER, claims, events

CAPTURE = [
    ("Insurgents captured Kunduz after a week of street fighting.", "Kunduz", "taliban"),
    ("Taliban fighters seized the city of Farah on Tuesday.", "Farah", "taliban"),
    ("The militants took control of Pul-i-Khumri overnight.", "Pul-i-Khumri", "taliban"),
    ("Maymana was overrun by the Taliban late on Wednesday.", "Maymana", "taliban"),
    (
        "Sheberghan, a city of some 175,000 people, was captured by the insurgents.",
        "Sheberghan",
        "taliban",
    ),
    ("The group took over the provincial capital Qalat without a fight.", "Qalat", "taliban"),
]
PASSIVE_AND_FALL = [
    ("Taloqan fell to the Taliban on Monday.", "Taloqan", "taliban"),
    ("Officials confirmed the fall of Aybak, the capital of Samangan.", "Aybak", "taliban"),
    ("Gardez has fallen, a provincial council member said.", "Gardez", "taliban"),
    ("The loss of Chaghcharan leaves the centre of the country exposed.", "Chaghcharan", "taliban"),
    ("Faizabad is now under Taliban control, residents said.", "Fayzabad", "taliban"),
]
LISTS = [
    (
        "The Taliban have captured three capitals, including Zaranj, Sheberghan and Kunduz.",
        "Sheberghan",
        "taliban",
    ),
    (
        "The Taliban have captured three capitals, including Zaranj, Sheberghan and Kunduz.",
        "Kunduz",
        "taliban",
    ),
    ("Kunduz, Taloqan and Sar-e-Pul fell within 48 hours.", "Taloqan", "taliban"),
]
CONTESTED = [
    ("Heavy fighting raged in Lashkargah for a third day.", "Lashkar Gah", "contested"),
    ("Clashes continued around Kunduz airport and in Kunduz city.", "Kunduz", "contested"),
    ("The insurgents have besieged Qala-i-Naw since Sunday.", "Qala-i-Naw", "contested"),
    ("Mazar-e-Sharif was encircled by Taliban fighters.", "Mazar-i-Sharif", "contested"),
    ("The Taliban stormed the police headquarters in Ghazni.", "Ghazni", "contested"),
    ("Sar-e Pul was close to falling on Sunday.", "Sar-e Pul", "contested"),
]
GOVERNMENT = [
    ("Afghan commandos retook Kang district after a night operation.", "Kang", "government"),
    ("Government forces recaptured Dehrawud on Saturday.", "Dehrawud", "government"),
    ("Security forces repelled a Taliban attack on Lashkar Gah.", "Lashkar Gah", "government"),
    ("The government still controls Jalalabad and Kabul.", "Jalalabad", "government"),
    ("Kabul remains under government control.", "Kabul", "government"),
    ("Bala Murghab was retaken by Afghan forces.", "Bala Murghab", "government"),
]
WITHDRAWAL = [
    ("Afghan troops were forced out of Shindand after days of clashes.", "Shindand", "taliban"),
    ("Soldiers retreated from Kunduz on Sunday night.", "Kunduz", "taliban"),
    ("The Taliban were forced out of Marjah by an army offensive.", "Marjah", "government"),
]


@pytest.mark.parametrize(
    "sentence, place, status",
    CAPTURE + PASSIVE_AND_FALL + LISTS + CONTESTED + GOVERNMENT + WITHDRAWAL,
)
def test_claim(sentence, place, status):
    assert claims(sentence).get(place) == status


NOT_CLAIMS = [
    ("Officials fear the Taliban could overrun Kabul within weeks.", "Kabul"),
    ("If the insurgents take Kandahar, the south is lost.", "Kandahar"),
    ("Once Jalalabad falls, the road to Pakistan is cut.", "Jalalabad"),
    ("The Taliban did not capture Herat, the governor insisted.", "Herat"),
    ("Will Mazar-i-Sharif fall to the Taliban?", "Mazar-i-Sharif"),
    (
        "“Has Kunduz fallen to the Taliban?” Officials would not say.",
        "Kunduz",
    ),  # a question, quoted
    ("The Taliban captured Ghazni, 150 km from Kabul.", "Kabul"),
    ("Talks between the two sides resumed in Doha.", "Doha"),
    ("The Taliban captured Dawlatabad district in northern Faryab province.", "Faryab"),
    ("Ismail Khan rallied his militia in Herat.", "Herat"),
    ("Thousands fled from Kunduz to Kabul.", "Kabul"),
    ("The Taliban are trying to seize Lashkar Gah.", "Lashkar Gah"),
    ("A potential fall of Kandahar worries diplomats.", "Kandahar"),
    ("The fall of Lashkar Gah would be a turning point in the war.", "Lashkar Gah"),
    ("Troops launched airstrikes in a last effort to defend Lashkar Gah.", "Lashkar Gah"),
    ("The group's strategy to gain control of Badghis was to take the roads first.", "Badghis"),
    ("While a meeting was taking place, officials were leaving Faizabad for Kabul.", "Fayzabad"),
    (
        "Soldiers surrendered their outposts and fled to Faizabad, the capital of Badakhshan.",
        "Fayzabad",
    ),
    ("Gunmen attacked a checkpoint in Jaghori district, Ghazni province.", "Ghazni"),
    ("The army reclaimed one more district in the central Bamyan province.", "Bamyan"),
    ("Dawlatabad district in central Faryab fell on Sunday.", "Faryab"),
    ("They were talking to the government about the peaceful surrender of Kabul.", "Kabul"),
    (
        "Capitals have fallen – Zaranj and Kunduz – as well as the provinces of Herat and Helmand.",
        "Helmand",
    ),
    ("Qaisar district of the northern province of Faryab fell on Sunday.", "Faryab"),
    ("The Taliban took over Pul-i-Khumri, mounting pressure on Kabul.", "Kabul"),
    ("Kunduz fell to the Taliban, a council member in Kabul said.", "Kabul"),
    ("Taliban seize the city of Ghazni; Kabul could be captured within weeks.", "Kabul"),
    ("The Taliban have taken over 12 districts in Helmand, except Kajaki.", "Kajaki"),
    ("The insurgents captured nine out of 10 districts in the city of Lashkar Gah.", "Lashkar Gah"),
    ("Commandos were sent to retake Shinwari district.", "Shinwari"),
    (
        "The battle coincided with talks held in Doha between Taliban envoys and Kabul government officials.",
        "Kabul",
    ),
    (
        "The Taliban have taken control of a key Kandahar district after a night of fighting.",
        "Kandahar",
    ),
    ("Insurgents overran two more Helmand districts on Friday.", "Helmand"),
    ("It is the fourth district of Ghazni province to fall to the Taliban.", "Ghazni"),
    (
        "The fall of Arghandab comes two days after US and NATO troops left their main Bagram Air Base.",
        "Bagram Air Base",
    ),
    (
        "The city of Farah in the west and Pul-e Khumeri city in northern Baghlan province were captured.",
        "Baghlan",
    ),
    (
        "Over the years, government forces and the Taliban have regularly clashed around Arghandab.",
        "Arghandab",
    ),
    ("The Taliban control most districts of Kunduz, a spokesman said.", "Kunduz"),
    (
        "The Taliban overran Aybak, a city that sits on the highway that connects Kabul to the north.",
        "Kabul",
    ),
    ("The Taliban took Sheberghan, the provincial capital in Jawzjan, on Saturday.", "Jowzjan"),
    ("A resident said he took refuge in Kandahar city.", "Kandahar"),
    ("The Taliban took control of the crossing point in western Herat province.", "Herat"),
    ("Commandos re-captured the Kaldar district of Afghanistan's Balkh province.", "Balkh"),
    (
        "Forces recaptured two districts in Parwan and Baghlan province but lost three others.",
        "Baghlan",
    ),
    (
        "Villages on the outskirts of Taloqan city, capital of the province, were also cleared.",
        "Taloqan",
    ),
    ("Militants captured Imam Sahib district in Afghanistan Kunduz province.", "Kunduz"),
    ("They seized Faizabad, the capital of remote and rugged Badakhshan province.", "Badakhshan"),
    (
        "With the capture of Ghazni, the Taliban now control a key highway linking Kabul with Kandahar.",
        "Kabul",
    ),
    (
        "With the capture of Ghazni, the Taliban now control a key highway linking Kabul with Kandahar.",
        "Kandahar",
    ),
    ("The fall of Kandahar leaves Kabul isolated.", "Kabul"),
    ("No district is under government control in Takhar after Warsaj collapsed.", "Takhar"),
    ("The districts fallen to the militant group are namely Nirkh and Jalrez in Wardak.", "Wardak"),
    (
        "The Taliban carried out attacks against two districts in the Afghan western province of Farah.",
        "Farah",
    ),
    ("Police arrested four suspects over this week's rocket attack on Kabul.", "Kabul"),
    ("Jalrez district, a mere 60km from Kabul city, has been captured by the Taliban.", "Kabul"),
    (
        "The Taliban claimed to have overrun a key district in a province neighbouring the capital Kabul.",
        "Kabul",
    ),
    (
        "This is the third district overrun by the Taliban in Baghlan, Wardak and Laghman provinces.",
        "Wardak",
    ),
    (
        "This is the third district overrun by the Taliban in Baghlan, Wardak and Laghman provinces.",
        "Laghman",
    ),
    ("A security forces commander in Faryab has surrendered to the Taliban.", "Faryab"),
    ("The Taliban launch sporadic attacks against Kahmard and Shibar districts.", "Shibar"),
    (
        "Fighters attacked Kahmard and Shibar districts from the neighbouring provinces of Baghlan and Parwan.",
        "Parwan",
    ),
    (
        "Some areas near the Pul-e-Khumri – Kunduz highway have fallen to the Taliban.",
        "Pul-i-Khumri",
    ),
    ("Some areas near the Pul-e-Khumri – Kunduz highway have fallen to the Taliban.", "Kunduz"),
    (
        "Bangi and Khwaja Ghar districts in the northern Takhar province, which also borders Tajikistan, were "
        "retaken from the Taliban.",
        "Takhar",
    ),
    (
        "The fall of two provincial capitals in a day is a blow to the forces seen here in the city of Herat.",
        "Herat",
    ),
    ("The Taliban have captured Takhar province's capital Taluqan city on Sunday.", "Takhar"),
    ("The Taliban took control of the southwestern Nimroz provincial capital of Zaranj.", "Nimroz"),
    (
        "The fighters were in full control, Deputy Governor Sefatullah Samangani told reporters.",
        "Samangan",
    ),
    (
        "The militants lost men in an operation in two villages of Taloqan, capital city of Takhar, on Monday.",
        "Taloqan",
    ),
]


@pytest.mark.parametrize("sentence, place", NOT_CLAIMS)
def test_no_claim(sentence, place):
    assert place not in claims(sentence)


def test_foreign_places_never_claimed():
    found = claims("The Taliban captured Islam Qala on the border with Iran, and Pakistan closed Chaman.")
    assert "Iran" not in found and "Pakistan" not in found and "Chaman" not in found


def test_the_capital_of_a_province_is_the_city():
    found = claims("The Taliban captured the capital of Helmand province on Friday.")
    assert found == {"Lashkar Gah": "taliban"}


def test_partial_control_is_contested():
    assert claims("The Taliban took over the governor's compound in Kandahar.")["Kandahar"] == "contested"


def test_dateline_is_no_claim():
    assert claims("KABUL (AP) — Officials met diplomats to discuss aid.") == {}


def test_actor_decides_the_side_of_a_capture():
    assert claims("Afghan forces captured Nad Ali after the insurgents fled.")["Nad Ali"] == "government"


MORE = [
    ("Kunduz, which fell to the Taliban on Sunday, is now quiet.", "Kunduz", "taliban"),
    ("Residents of Taliban-held Kunduz reported calm.", "Kunduz", "taliban"),
    ("The government lost control of Pul-i-Alam after a short battle.", "Pul-i-Alam", "taliban"),
    (
        "Afghan soldiers defended Lashkar Gah against repeated assaults.",
        "Lashkar Gah",
        "government",
    ),
    ("The fighters reached the outskirts of Ghazni on Monday.", "Ghazni", "contested"),
    ("Commandos drove the Taliban out of Charikar.", "Charikar", "government"),
    (
        "The airport was handed over to the Taliban, and Jalalabad was handed over to the Taliban too.",
        "Jalalabad",
        "taliban",
    ),
    (
        "Qala-i-Naw, the capital of Badghis, became the latest city to fall.",
        "Qala-i-Naw",
        "taliban",
    ),
    ("Asadabad and Gardez were among the cities taken on Sunday.", "Gardez", "taliban"),
    ("Taliban fighters patrolled the streets of Farah on Wednesday.", "Farah", "taliban"),
    ("The Taliban hoisted their flag in the main square of Ghazni.", "Ghazni", "taliban"),
    ("The militants captured Kunduz's police headquarters.", "Kunduz", "contested"),
    ("The militants have been pushing into Lashkar Gah for weeks.", "Lashkar Gah", "contested"),
    ("Khost and Gardez remained under government control.", "Khost", "government"),
    ("Kunduz airport remained in government hands.", "Kunduz Airport", "government"),
]


@pytest.mark.parametrize("sentence, place, status", MORE)
def test_more_claims(sentence, place, status):
    assert claims(sentence).get(place) == status


def test_one_claim_per_place_and_sentence():
    found = events("Taliban fighters entered Pul-i-Khumri, the capital of Baghlan province, on Tuesday.")
    assert [(e.place, e.status) for e in found] == [("Pul-i-Khumri", "contested")]


def test_landmark_by_direction_is_no_claim():
    assert "Kabul" not in claims("Taliban fighters patrol inside the city of Ghazni, southwest of Kabul.")


def test_denial_lowers_confidence():
    [denied] = events("Afghan officials denied that Lashkar Gah had fallen.")
    [plain] = events("Officials said that Lashkar Gah had fallen.")
    assert denied.confidence < plain.confidence


def test_denial_in_the_next_sentence_lowers_confidence():
    [denied] = events("The Taliban said they captured Spin Boldak. Afghan officials denied the claim.")
    [plain] = events("The Taliban said they captured Spin Boldak. Trade stopped at once.")
    assert denied.confidence < plain.confidence


def test_conflicting_claims_in_one_article_lower_confidence():
    found = events(
        "Kunduz fell to the Taliban on Sunday. Officials said Kunduz remained under government control on Sunday."
    )
    assert {e.status for e in found} == {"taliban", "government"}
    assert all(e.confidence <= 0.7 for e in found)


HELD_OUT_SHAPES = [
    ("Security forces (ANDSF) have re-captured Kang district.", "Kang", "government"),
    ("The army managed to reclaim Nad Ali from the Taliban.", "Nad Ali", "government"),
    ("Security forces re-occupied Saighan district on Friday.", "Saighan", "government"),
    ("The Taliban occupied Kohsan after the border police fled.", "Kohsan", "taliban"),
    (
        "Maymana is one of four provincial capitals under siege by the Taliban.",
        "Maymana",
        "contested",
    ),
    (
        "The Taliban seized four capitals: Farah; Pul-i-Khumri, the capital of the northern Baghlan province; "
        "and Faizabad, the capital of remote and rugged Badakhshan province in the far northeast.",
        "Fayzabad",
        "taliban",
    ),
    (
        "The Taliban overran Aybak, a city that sits on the highway that connects Kabul to the north.",
        "Aybak",
        "taliban",
    ),
    ("Taliban fighters began entering Kunduz late on Sunday.", "Kunduz", "contested"),
    ("Ghazni came under the control of the militants on Friday.", "Ghazni", "taliban"),
    ("Earlier Herat & Ghazni came in control of militants.", "Herat", "taliban"),
    ("Militants captured Imam Sahib & Khanabad on Tuesday.", "Khanabad", "taliban"),
    # "most of X" held is X held: the annotators of three sets and two wars read it so ("parts of" stays contested)
    ("Most of Badghis is under the control of the Taliban.", "Badghis", "taliban"),
    (
        "Five capitals have fallen – Zaranj, Sheberghan, Kunduz, Taloqan and Aybak.",
        "Taloqan",
        "taliban",
    ),
    (
        "The Kohsan and Adraskan districts in Herat province were retaken by government forces.",
        "Kohsan",
        "government",
    ),
    (
        "A Taliban attack on Ghoryan district was pushed back by security forces.",
        "Ghoryan",
        "government",
    ),
    ("Commandos broke the siege of Hisarak district on Tuesday.", "Hisarak", "government"),
    (
        "Clashes between the army and the insurgents have intensified in Kunduz.",
        "Kunduz",
        "contested",
    ),
    ("Dozens died in a Taliban attack in Qaisar district overnight.", "Qaisar", "contested"),
    ("Many areas in Kunduz city have fallen to the Taliban.", "Kunduz", "contested"),
    ("The insurgents have infiltrated Farah, officials said.", "Farah", "contested"),
    ("The Taliban have taken over Herat police headquarters.", "Herat", "contested"),
    ("Kunduz central prison fell to the militants on Sunday.", "Kunduz", "contested"),
    (
        "Five districts have since fallen back to the Taliban, Yaftal in Badakhshan and Garmsir in Helmand.",
        "Garmsir",
        "taliban",
    ),
    (
        "Forces retreated from Dara Suf Bala district of Samangan; Chahar Bolak in Balkh; and Kharwar in Logar.",
        "Kharwar",
        "taliban",
    ),
    (
        "The centers of Khwaja Omari, Muqur and Waghaz districts in Ghazni province and Jaghatu district in Wardak "
        "fell to the Taliban.",
        "Muqur",
        "taliban",
    ),
    ("The Tagab and Alasay districts in the province fell to the group.", "Tagab", "taliban"),
    (
        "The Taliban captured the headquarters of the police and the center of Dand Patan district.",
        "Dand Patan",
        "taliban",
    ),
    ("Khanabad district was briefly captured by the insurgents on Monday.", "Khanabad", "taliban"),
    (
        "Armed Taliban captured the district and police headquarters of Farah's Anardara district.",
        "Anar Dara",
        "taliban",
    ),
    ("Government forces managed to retake Shinwari district on Monday.", "Shinwari", "government"),
    ("The insurgents have been fighting to besiege Aybak city.", "Aybak", "contested"),
    ("Herat, Lashkar Gah and Kandahar saw continued clashes on Sunday.", "Kandahar", "contested"),
    ("The fallen districts are Obe in Herat and Saghar in Ghor.", "Saghar", "taliban"),
    (
        "Most parts of Pul-e-Alam, the capital of Logar province, have fallen to the Taliban.",
        "Pul-i-Alam",
        "contested",
    ),
    (
        "Security forces withdrew on Sunday evening from the centre of Dara-i-Pech district.",
        "Dara-i-Pech",
        "taliban",
    ),
    ("Government troops retreated overnight from Sheberghan.", "Sheberghan", "taliban"),
    (
        "The insurgents took control of most of the provincial capital, Maymana, officials said.",
        "Maymana",
        "taliban",
    ),
    ("Fighting was reported from the eastern cities of Gardez and Khost.", "Khost", "contested"),
    ("The insurgents went on marching on Ghazni and Kandahar.", "Kandahar", "contested"),
    ("Nimroz province remains under a two-week Taliban attack.", "Nimroz", "contested"),
    (
        "The Taliban attacked three parts of Kunduz city but were defeated, a spokesman said.",
        "Kunduz",
        "government",
    ),
    (
        "Chora district was the last to fall and was seized on Tuesday by the Taliban.",
        "Chora",
        "taliban",
    ),
    (
        "Zaranj has become the first provincial capital to fall to the militants.",
        "Zaranj",
        "taliban",
    ),
    (
        "Arghandab is the third district in the Kandahar region to fall to the Taliban.",
        "Arghandab",
        "taliban",
    ),
    ("The Taleban seized Taloqan on Sunday.", "Taloqan", "taliban"),
    (
        "The city of Farah in the west and Pul-e Khumeri city in northern Baghlan province were captured.",
        "Farah",
        "taliban",
    ),
    (
        "The city of Farah in the west and Pul-e Khumeri city in northern Baghlan province were captured.",
        "Pul-i-Khumri",
        "taliban",
    ),
    (
        "Most areas of Khanabad and Chahar Dara districts have been taken over by the Taliban.",
        "Chahar Dara",
        "contested",
    ),
    (
        "The districts of Dasht-e Archi, Imam Sahib and Chahar Dara are under the control of the Taliban.",
        "Imam Sahib",
        "taliban",
    ),
    (
        "Government forces pulled out of the Shir Khan border crossing on Monday.",
        "Sher Khan Bandar",
        "taliban",
    ),
    (
        "The districts fallen to the militant group are namely Nirkh and Jalrez in Wardak.",
        "Nerkh",
        "taliban",
    ),
    ("The Taliban recaptured Deh Salah district on Tuesday.", "Deh Salah", "taliban"),
    (
        "Lashkar Gah was attacked from the west and the attack was repelled by the army.",
        "Lashkar Gah",
        "government",
    ),
    ("Nirkh district headquarters fell to the Taliban on Tuesday.", "Nerkh", "taliban"),
    ("The Taliban captured the Nirkh district headquarters.", "Nerkh", "taliban"),
    ("The group is now continuing its fight to overrun Maimana.", "Maymana", "contested"),
    (
        "Conflict between the army and the Taliban intensified in Nawa.",
        "Nawa-i-Barakzayi",
        "contested",
    ),
    ("The army launched an operation against the Taliban in Sangin.", "Sangin", "contested"),
    ("Government forces recaptured Keran-o-Menjan district.", "Kuran wa Munjan", "government"),
    (
        "Commandos carried out a clearance operation in Dawlatabad district.",
        "Dawlatabad",
        "government",
    ),
    ("A clean-up operation is continuing in Shirin Tagab district.", "Shirin Tagab", "government"),
    ("Military operations are under way in Arghandab.", "Arghandab", "contested"),
    (
        "Jalrez district, a mere 60km from Kabul city, has been captured by the Taliban.",
        "Jalrez",
        "taliban",
    ),
    ("Afghan forces repulse Taliban attack in Sar-e-Pul", "Sar-e Pul", "government"),
    (
        "Taliban fighters launched an offensive on Kunduz city early Saturday but fled after suffering casualties.",
        "Kunduz",
        "government",
    ),
    (
        "Security forces regained control over Ali Abad district in Kunduz and Yaftal district in Badakhshan province.",
        "Yaftali Sufla",
        "government",
    ),
    (
        "The centers of Khwaja Omari district in Ghazni province and Khoshamand district in Paktika fell to the "
        "Taliban.",
        "Khoshamand",
        "taliban",
    ),
    (
        "Clashes have intensified in Kandahar and neighboring Helmand province.",
        "Helmand",
        "contested",
    ),
    (
        "Bangi and Khwaja Ghar districts in the northern Takhar province, which also borders Tajikistan, were "
        "retaken from the Taliban.",
        "Bangi",
        "government",
    ),
    ("Baghlan province has faced heavy fighting over the last week.", "Baghlan", "contested"),
    (
        "The Taliban have captured Takhar province's capital Taluqan city on Sunday.",
        "Taloqan",
        "taliban",
    ),
    (
        "The Taliban took control of the southwestern Nimroz provincial capital of Zaranj.",
        "Zaranj",
        "taliban",
    ),
    ("Most Kunduz districts have now fallen to the Taliban.", "Kunduz", "taliban"),
    (
        "The Taliban have advanced in Parwan and southern Kandahar provinces.",
        "Kandahar",
        "contested",
    ),
    (
        "Commandos beat back a Taliban offensive on the city and retook Nahr-e-Shahi district.",
        "Nahr-e Shahi",
        "government",
    ),  # "a Taliban offensive" names the attack, not who retook the district
    (
        "Khanabad and Imam Sahib of the same province have also fallen to the Taliban.",
        "Khanabad",
        "taliban",
    ),
    (
        "The Taliban captured Aybak, the capital of Samangan province, on Monday.",
        "Aybak",
        "taliban",
    ),
    (
        "Officials said Nad Ali district was reclaimed by the security forces.",
        "Nad Ali",
        "government",
    ),
    (
        "The insurgents launched an assault on Taloqan early on Monday, but their attempts to break in have been "
        "foiled.",
        "Taloqan",
        "government",
    ),
]


def test_a_claim_placed_in_an_earlier_year_is_history():
    assert claims("Kunduz was briefly taken by the Taliban in 2015 and again in 2016.") == {}
    assert claims("Kunduz fell to the Taliban on Sunday, for the first time since 2001.") == {"Kunduz": "taliban"}
    assert claims("Kunduz fell to the Taliban in 2021.") == {"Kunduz": "taliban"}


@pytest.mark.parametrize("sentence, place, status", HELD_OUT_SHAPES)
def test_held_out_shapes(sentence, place, status):
    assert claims(sentence).get(place) == status


def test_the_town_of_names_the_town():
    assert claims("Militants seized the town of Sher Khan Bandar in the Kunduz province.") == {
        "Sher Khan Bandar": "taliban"
    }


def test_districts_listed_then_said_to_have_fallen():
    found = claims(
        "Eight districts, including Chal, Baharak and Namak Ab, have either fallen to the Taliban "
        "or have been evacuated."
    )
    assert found.get("Chal") == "taliban" and found.get("Namak Ab") == "taliban"


def every_rule_sentence() -> list[str]:
    from geo.extraction.articles import load_article
    from geo.pipeline import DEMO

    sentences = [
        s
        for group in (
            CAPTURE,
            PASSIVE_AND_FALL,
            LISTS,
            CONTESTED,
            GOVERNMENT,
            WITHDRAWAL,
            MORE,
            HELD_OUT_SHAPES,
            NOT_CLAIMS,
        )
        for s, *_ in group
    ]
    return sentences + [s.text for p in sorted(DEMO.glob("*.txt")) for s in load_article(p).sentences]


def test_trigger_scan_finds_what_the_full_pattern_finds():
    """The word gate in rules.left_triggers must never hide a trigger the pattern itself would find."""
    from geo.extraction import rules

    afghan = READER.rules
    for text in map(str.lower, every_rule_sentence()):
        gated = [(m.span(), m.lastgroup) for m in rules.left_triggers(afghan, text)]
        assert gated == [(m.span(), m.lastgroup) for m in afghan.any_left_trigger.finditer(text)], text


def test_actor_gate_finds_what_the_names_find():
    """Rules.actor tries the names only after one of actor_words: it must find every actor they would."""
    afghan = READER.rules
    ungated = re.compile(rf"(?<![\w-])(?:{afghan.actor_name})")
    probes = [
        "the army and afghan air forces, pro-government militias, govt troops, the defense ministry, "
        "islamist group fighters, a terror organisation, rebels, the interior ministry and andsf"
    ]
    found = 0
    for text in map(str.lower, every_rule_sentence() + probes):
        gated = [(m.span(), m.lastgroup) for m in afghan.actor.finditer(text)]
        assert gated == [(m.span(), m.lastgroup) for m in ungated.finditer(text)], text
        found += len(gated)
    assert found > 100


def test_a_base_abandoned_in_a_city_is_partial():
    assert claims("Afghan forces abandoned their base in Kunduz and fled to the airport.") == {"Kunduz": "contested"}


def test_a_place_naming_an_office_is_no_claim():
    assert "Bamyan" not in claims('"Districts were retaken by security forces," Bamiyan governor Tahir Zuhair said.')


def test_a_district_listed_after_a_locator_is_still_listed():
    found = claims("Security forces retook Saighan and Kahmard districts in Bamiyan and Chakhansur district in Nimroz.")
    assert found.get("Chakhansur") == "government" and "Bamyan" not in found and "Nimroz" not in found


def test_the_capital_is_kabul():
    assert claims("Taliban leaders entered the palace and are now in control of the capital.") == {"Kabul": "taliban"}
    assert claims("The Taliban captured the provincial capital on Friday.") == {}
    assert claims("The Taliban captured the capital of Helmand province.") == {"Lashkar Gah": "taliban"}
    assert claims("Once the capital falls, the embassy will close.") == {}
    assert claims("The Taliban entered the capital on Sunday, officials said.") == {"Kabul": "contested"}


def test_letters_that_lower_to_two_do_not_shift_what_the_rules_read():
    """'İ' lowers to two characters: read() must keep every place where it stood, or a claim shifts."""
    found = claims("Reporters from İSTANBUL and İZMİR saw fighters take the police headquarters in Kunduz.")
    assert found == {"Kunduz": "contested"}  # a building taken, not the town


def test_a_roundup_names_in_its_next_sentence_the_districts_it_counted():
    found = events(
        "Officials said on Sunday that nine more districts fell to the Taliban in the last 24 hours. "
        "The districts include Kofab and Baharak in Badakhshan, and Panjwai in Kandahar."
    )
    assert {e.place: e.status for e in found} == {
        "Kuf Ab": "taliban",
        "Baharak": "taliban",
        "Panjwai": "taliban",
    }
    assert all(e.evidence.startswith("Officials said on Sunday") and "Panjwai in Kandahar" in e.evidence for e in found)
    assert claims(
        "Security forces retook three districts on Friday. The three districts are Saighan, Kahmard and Chakhansur."
    ) == {"Saighan": "government", "Kahmard": "government", "Chakhansur": "government"}


def test_a_roundup_dated_by_a_span_dates_the_districts_it_names():
    """The counting sentence names no place, yet its span dates the districts named after it."""
    found = events(
        "Nine more districts fell to the Taliban over the past few days. The districts include Kofab and Baharak."
    )
    assert {(e.place, e.event_date, e.date_precision) for e in found} == {
        ("Kuf Ab", "2021-08-11", "range"),
        ("Baharak", "2021-08-11", "range"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Nine districts fell to the Taliban on Sunday. Kofab and Baharak are both in Badakhshan.",
        "Officials fear they may lose nine more districts. The districts include Kofab and Baharak.",
        "Nine districts fell to the Taliban on Sunday. Fighting went on elsewhere. The districts include Kofab.",
    ],
)
def test_places_after_a_roundup_that_are_not_named_as_its_members(text):
    assert "Kuf Ab" not in claims(text) and "Baharak" not in claims(text)
