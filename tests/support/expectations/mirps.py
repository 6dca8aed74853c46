"""What the graph must hold once seed/mirps.yaml and seed/themes.yaml are loaded.

Plain data, curated by hand from 000_d500e281cf569632.txt (MIRPS Regional Technical
Team on Jobs and Livelihoods, Summary of Discussions on Results-Based Management,
2024). Country keys are the country actor ids.
"""

from typing import Final

SOURCE: Final = "000_d500e281cf569632.txt"

# Result nodes per (framework, level), counted through PART_OF. The impact is ONE node
# (mirps.impact) that is part of both mirps-toc and mirps-rf, so it counts once in each.
COUNTS_BY_LEVEL: Final[dict[tuple[str, str], int]] = {
    ("mirps-toc", "impact"): 1,
    ("mirps-toc", "manifestation"): 1,
    ("mirps-toc", "long_term_change"): 4,
    ("mirps-toc", "medium_term_change"): 41,
    ("mirps-rf", "impact"): 1,
    ("mirps-rf", "outcome"): 3,
    ("mirps-rf", "output"): 7,
}

# Nodes of each label defined in seed/mirps.yaml (themes are in seed/themes.yaml).
NODES_BY_LABEL: Final[dict[str, int]] = {
    "Framework": 5,
    "Result": 57,  # 1 impact + 1 manifestation + 4 + 41 + 3 + 7
    # 7 countries; MIRPS, UNHCR, OAS and its Department of Social Inclusion, ILO; 14 national bodies
    "Actor": 26,
    "Pledge": 10,  # 1 regional + 9 national
    "Commitment": 27,
    "Indicator": 10,
}
THEME_IDS: Final[tuple[str, ...]] = (
    "theme.skills-recognition",
    "theme.work-permits-documents",
    "theme.employment-services",
    "theme.private-sector-engagement",
    "theme.social-protection",
    "theme.information-systems",
    "theme.vocational-training",
    "theme.financial-inclusion",
    "theme.public-policy",
    "theme.coordination",
    "theme.awareness-xenophobia",
    "theme.entrepreneurship",
    "theme.gender-diversity",
    "theme.labour-rights",
)

COUNTRIES: Final[tuple[str, ...]] = (
    "actor.belize",
    "actor.costa-rica",
    "actor.el-salvador",
    "actor.guatemala",
    "actor.honduras",
    "actor.mexico",
    "actor.panama",
)

# National GRF pledges, by the country that MAKES them (from the pledge's `country`).
# The regional pledge has no country: MIRPS makes it (REGIONAL_PLEDGES).
PLEDGES_BY_COUNTRY: Final[dict[str, int]] = {
    "actor.belize": 1,
    "actor.costa-rica": 1,
    "actor.el-salvador": 1,
    "actor.guatemala": 3,
    "actor.honduras": 1,
    "actor.mexico": 1,
    "actor.panama": 1,
}
REGIONAL_PLEDGES: Final[dict[str, str]] = {"pledge.mirps-regional": "actor.mirps"}  # id -> maker

COMMITMENTS_BY_COUNTRY: Final[dict[str, int]] = {
    "actor.belize": 1,
    "actor.costa-rica": 3,
    "actor.el-salvador": 7,
    "actor.guatemala": 5,  # printed across a page break under a repeated heading: 3 + 2
    "actor.honduras": 4,
    "actor.mexico": 4,
    "actor.panama": 3,
}

# Countries that REPORT each indicator; Honduras and Panama report none in this document.
INDICATORS_BY_COUNTRY: Final[dict[str, int]] = {
    "actor.belize": 1,
    "actor.costa-rica": 3,
    "actor.el-salvador": 1,
    "actor.guatemala": 4,
    "actor.honduras": 0,
    "actor.mexico": 1,
    "actor.panama": 0,
}
INDICATORS_BY_THEME: Final[dict[str, int]] = {
    "On access to work permits": 5,
    "On access to labour integration programmes": 2,
    "On access to training programmes": 1,
    "On the economic situation of displaced persons": 2,
}

# `name` exactly as stored (the document's wording, typos and straight quotes kept).
EXACT_TEXTS: Final[dict[str, str]] = {
    "mirps.impact": (
        "Refugees and other displaced and stateless communities are self-sufficient and "
        "have the necessary means of subsistence."
    ),
    "mirps.manifestation": (
        "People have effective access to decent employment according to their profile."
    ),
    "mirps-toc.ltc-1": "Regulations, legislation and public policies facilitate labour integration",
    "mirps-toc.ltc-4": (
        "Competencies (including prior learning) of displaced persons are recognised."
    ),
    "mirps-toc.mtc-01": (
        "Displaced persons can access the registration system, social insurance, "
        "contribution systems, etc."
    ),
    "mirps-toc.mtc-07": (
        "Displaced persons have the necessary documents to work and/or work permits"
    ),
    "mirps-toc.mtc-19": (
        "Different actors have a 'common thread' to effectively coordinate efforts at "
        "regional level with national involvement"
    ),
    "mirps-toc.mtc-29": "'Timid' efforts are strengthened",
    "mirps-toc.mtc-41": (
        "Communication and advocacy strategies on the economic contribution of the "
        "displaced population"
    ),
    "mirps-rf.outcome-2": (
        "Displaced persons have access to decent work (with social security) and financial services"
    ),
    "mirps-rf.output-1": (
        "Countries have labour market information systems, adapted to the profiles of "
        "the displaced population, to develop public policies."
    ),
    "mirps-rf.output-7": (
        "Public employment systems identify displaced persons' profiles and efficiently "
        "link them to job opportunities."
    ),
    "ind.sv.my-first-job": (
        "Number of people who have accessed the 'My First Job' programme of the Ministry "
        "of Labour and Social Security (MTPS)"
    ),
    "ind.gt.pex-training-officials": "Officials trained in the use of the PEX platform",
    "nap.cr.labour-integration-lgbti": "Labour integration project for LGBTI populations",
    "nap.sv.information-awareness-campaigns": "information and awareness campaigns",
}
# `text` exactly as stored, for a few long verbatim bodies (curly quotes and typos kept).
EXACT_BODIES: Final[dict[str, str]] = {
    "pledge.grf-03542": (
        "Continue to expand opportunities for vocational training, entrepreneurship "
        "initiatives and access to formal employment for displaced persons and persons "
        "at risk of displacement, refugees and asylum seekers, as well as returnees in "
        "need of protection. More specifically, the state seeks to expand opportunities "
        "through the government led program named “Mi First Job”, so that displaced "
        "population can access their first formal employment opportunity."
    ),
    "nap.pa.bank-accounts": (
        "Explore the feasibility of opening bank accounts for recognized refugees."
    ),
}

# Every pledge's `code`, exactly as printed (spacing kept; "GRF03542" has none).
# The regional pledge is printed without a code: "MIRPS regional pledge" is a curator's label.
PLEDGE_CODES: Final[dict[str, str]] = {
    "pledge.mirps-regional": "MIRPS regional pledge",
    "pledge.grf-08001": "GRF 08001",
    "pledge.grf-03542": "GRF03542",
    "pledge.grf-09055": "GRF 09055",
    "pledge.grf-08068": "GRF 08068",
    "pledge.grf-08069": "GRF 08069",
    "pledge.grf-08070": "GRF 08070",
    "pledge.grf-08200": "GRF 08200",
    "pledge.grf-08744": "GRF 08744",
    "pledge.grf-03605": "GRF 03605",
}

# Result nodes with no CONTRIBUTES_TO in or out (what graph.structure.orphans lists): none.
# Every Result, Pledge, Commitment and Indicator of this document is linked.
ORPHANS: Final[dict[str, str]] = {}

# Actors linked by nothing but IN_COUNTRY, and why.
UNLINKED_ACTORS: Final[dict[str, str]] = {
    "actor.sv-mtps": (
        "El Salvador's Ministry of Labour and Social Security is named only as the owner of the "
        "'My First Job' programme inside an indicator; no commitment names it, and an indicator "
        "is REPORTED by its country, so nothing but IN_COUNTRY links it."
    ),
}
