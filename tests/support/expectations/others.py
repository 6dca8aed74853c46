"""What the graph must hold once the four non-MIRPS seed files and seed/alignments.yaml are loaded.

Plain data, curated by hand from the source documents in seed/sources/:

- 001 ILO-UNHCR Joint Action Plan 2023-2025        -> seed/ilo_unhcr_jap.yaml
- 002 Swedish aid / ILO Venezuela project          -> seed/sida_ilo_venezuela.yaml
- 003 IOM-UNDP private-sector peer exchange        -> seed/iom_undp_peer_exchange.yaml
- 004 RCM Regional Action Plan in Labor Mobility   -> seed/rcm_labor_mobility.yaml

See docs/seed-notes-others.md for how each count was reached.
"""

from typing import Final

SOURCES: Final[dict[str, str]] = {
    "jap": "001_bd6daa133e98feb6.txt",
    "sida-ilo-venezuela": "002_91ba687abafd0109.txt",
    "peer-exchange": "003_77cdaf1f9f0db655.txt",
    "rcm-plan": "004_1d2173b267fed56c.txt",
}

FRAMEWORK_KINDS: Final[dict[str, str]] = {
    "jap": "joint_action_plan",
    "sida-ilo-venezuela": "project",
    "peer-exchange": "peer_exchange",
    "rcm-plan": "action_plan",
}

# Result nodes per (framework, level), counted through PART_OF.
COUNTS_BY_LEVEL: Final[dict[tuple[str, str], int]] = {
    ("jap", "goal"): 3,
    ("jap", "output"): 3,  # one MAIN OUTPUT per goal
    ("jap", "area_of_work"): 12,  # 4 per goal
    # 35 in the goal chains (14 + 12 + 9, nested sub-bullets included)
    # + 18 under the cross-cutting priority areas + 3 next steps
    ("jap", "activity"): 56,
    ("sida-ilo-venezuela", "impact"): 1,
    ("sida-ilo-venezuela", "outcome"): 4,
    ("sida-ilo-venezuela", "reported_result"): 22,
    ("peer-exchange", "outcome"): 3,  # the three objectives
    ("peer-exchange", "activity"): 3,  # the case study's three phases
    ("rcm-plan", "impact"): 1,  # general objective
    ("rcm-plan", "line_of_action"): 4,
    ("rcm-plan", "action"): 26,
}

# JAP activities that CONTRIBUTE_TO each area of work (stated).
ACTIVITIES_BY_AREA: Final[dict[str, int]] = {
    "jap.aow-1.1": 8,  # 4 bullets, one of which ("Establish a data sharing ...") has 4 sub-bullets
    "jap.aow-1.2": 2,
    "jap.aow-1.3": 3,
    "jap.aow-1.4": 1,
    "jap.aow-2.1": 5,
    "jap.aow-2.2": 2,
    "jap.aow-2.3": 3,
    "jap.aow-2.4": 2,
    "jap.aow-3.1": 3,
    "jap.aow-3.2": 3,
    "jap.aow-3.3": 2,
    "jap.aow-3.4": 1,
}

# Areas of work per main output, and the output -> goal pairs (all stated).
AREAS_BY_OUTPUT: Final[dict[str, int]] = {"jap.output-1": 4, "jap.output-2": 4, "jap.output-3": 4}
OUTPUT_OF_GOAL: Final[dict[str, str]] = {
    "jap.goal-1": "jap.output-1",
    "jap.goal-2": "jap.output-2",
    "jap.goal-3": "jap.output-3",
}

# RCM numbered actions that CONTRIBUTE_TO each line of action (stated).
ACTIONS_BY_LINE: Final[dict[str, int]] = {
    "rcm.line-1": 8,
    "rcm.line-2": 7,
    "rcm.line-3": 5,
    "rcm.line-4": 6,
}

COUNTS_BY_LABEL: Final[dict[str, object]] = {
    # Challenge nodes per sector (framework peer-exchange)
    "Challenge": {
        "cross_sector": 3,  # "mentioned across more than one sector"
        "government": 10,
        "migrants": 10,
        "private_sector": 17,
        "civil_society": 4,
        "un_agencies": 5,
    },
    # Solution nodes per proposing country (PROPOSES)
    "Solution": {
        "actor.bangladesh": 1,
        "actor.ecuador": 9,
        "actor.kyrgyzstan": 4,
        "actor.moldova": 2,
        "actor.morocco": 16,  # 2 under its heading + 14 on the next page under "SOLUTIONS"
        "actor.nepal": 1,
        "actor.serbia": 3,
        "actor.senegal": 3,
        "actor.tunisia": 6,
    },
    # Approach nodes per framework
    "Approach": {"jap": 4, "rcm-plan": 5},
    "Instrument": 4,  # RCM Annex 1
    "Recommendation": 3,  # one per case-study reflection
}
CHALLENGES_TOTAL: Final = 49
SOLUTIONS_TOTAL: Final = 45

# `name` exactly as stored (the document's wording after whitespace normalisation).
EXACT_TEXTS: Final[dict[str, str]] = {
    "jap.goal-1": "Improved governance of access to the labour market and decent work",
    "jap.goal-3": (
        "Increased opportunities for jobs, skills and lifelong learning, income, and livelihoods"
    ),
    "jap.output-2": (
        "Mechanisms to strengthen fundamental principles and rights at work and improve working "
        "conditions and inclusion in social protection systems are promoted and made available."
    ),
    "jap.aow-3.3": (
        "Recognize and capitalize on the existing skills and experience of forcibly displaced "
        "populations"
    ),
    "jap.act-1.1.2.2": (
        "Disaggregate data (according to displacement type, legal status, age, gender and "
        "diversity [AGD], etc.) to update ILO's global social protection monitoring systems."
    ),
    "jap.next-2": "Establishing a steering committee representing regional and HQ staff",
    "sida-ilo-venezuela.outcome-1": (
        "Improved capacity of vocational training institutes to serve national (host) and "
        "displaced populations."
    ),
    "sida-ilo-venezuela.outcome-4": (
        "Strengthened labour market information and labour migration data systems."
    ),
    "sida-ilo-venezuela.result-2023-12": (
        "To enhance equitable hiring and counteract discrimination the project has certified 173 "
        "people in Argentina, Colombia, and the Dominican Republic."
    ),
    "sida-ilo-venezuela.result-2023-09": (
        "A pilot model of mutual recognition of labor skills between Colombia and Ecuador has "
        "advanced and will offer lessons to extend this approach to other countries in the region."
    ),
    "peer-exchange.phase-3": (
        "An awareness campaign that aimed at changing companies' perceptions of migrants."
    ),
    "peer-exchange.recommendation-3": (
        "Strengthen advocacy strategies for labor migration regulations and policies."
    ),
    "peer-exchange.challenge.cross-1": "irregular immigration status",
    "peer-exchange.challenge.private-14": (
        "Lack/insufficient of fiscal stimulatory mechanisms for employment the migrants."
    ),
    "peer-exchange.solution.morocco-03": (
        "Communicate widely on incentives for hiring regularized migrants."
    ),
    "peer-exchange.solution.nepal-1": (
        "Awareness among the local people is necessary because a lack of communication hinders."
    ),
    "rcm.objective": (
        "Guide RCM member countries to strengthen management and governance of labor mobility in "
        "the region, including the protection of the rights of migrant workers to promote safe, "
        "orderly, and regular migration."
    ),
    "rcm.line-2": "Approval, Recognition, and Development of Skills",
    "rcm.line-2.action-4": (
        "Review the potential for collaboration with existing international mechanisms and "
        "platforms, such as MIRPS or ILO/CINTEFOR, regarding the coordination of actions to "
        "evaluate competencies and recognize credentials."
    ),
    "rcm.line-3.action-1": (
        "Develop a formal mechanism in the RCM, in coordination with the Labor Migration Working "
        "Group and the Protection Working Group, to discuss social protection mechanisms for "
        "migrant workers, with the participation of representatives of the institutions "
        "responsible for social security in the member countries."
    ),
    "instrument.los-angeles-declaration": "Los Angeles Declaration on Migration and Protection",
}

# `objective` of each RCM line of action, verbatim.
LINE_OBJECTIVES: Final[dict[str, str]] = {
    "rcm.line-2": (
        "Identify, promote, and strengthen mechanisms for recognizing and evaluating skills and "
        "qualifications of migrant and returnee workers."
    ),
    "rcm.line-3": "Promote access to social security for migrant workers and their families",
}

# `reflection` of each case-study recommendation, verbatim.
REFLECTIONS: Final[dict[str, str]] = {
    "peer-exchange.recommendation-1": (
        "The labour market integration of people on the move is an emerging issue in the region "
        "and often causes resistance in the corporate sector."
    ),
    "peer-exchange.recommendation-2": (
        "The contents and didactic material of the workshop constitute relevant consultation "
        "tools for companies."
    ),
    "peer-exchange.recommendation-3": (
        "Companies are concerned about the limitations experienced by people on the move in "
        "relation to the type of visa they are holding."
    ),
}

PROJECT: Final[dict[str, object]] = {
    "id": "sida-ilo-venezuela",
    "kind": "project",
    "budget": 50000000,
    "currency": "SEK",
    "donor": "actor.sweden",  # FUNDS, amount 50000000 SEK, stated
    "implementer": "actor.ilo",  # IMPLEMENTS, stated
    "objective": "sida-ilo-venezuela.objective",
    "outcomes": 4,
    "reported_results": 22,
    "reported_year": 2023,
}

# The document's own figures: the reported result whose name holds each one.
# Nothing else in these seed files is a number the documents did not print.
PROJECT_FIGURES: Final[dict[str, str]] = {
    "173 people": "sida-ilo-venezuela.result-2023-12",
    "209 business development service providers": "sida-ilo-venezuela.result-2023-10",
    "33 key services": "sida-ilo-venezuela.result-2023-07",
    "seven municipalities": "sida-ilo-venezuela.result-2023-08",
    "three exchanges": "sida-ilo-venezuela.result-2023-13",
    "four studies": "sida-ilo-venezuela.result-2023-14",
}

# Reported results that name countries (IN_COUNTRY), as the sentence names them.
RESULT_COUNTRIES: Final[dict[str, tuple[str, ...]]] = {
    "sida-ilo-venezuela.result-2023-03": ("actor.colombia", "actor.dominican-republic"),
    "sida-ilo-venezuela.result-2023-06": ("actor.colombia",),
    "sida-ilo-venezuela.result-2023-07": ("actor.peru",),
    "sida-ilo-venezuela.result-2023-08": ("actor.argentina",),
    "sida-ilo-venezuela.result-2023-09": ("actor.colombia", "actor.ecuador"),
    "sida-ilo-venezuela.result-2023-12": (
        "actor.argentina",
        "actor.colombia",
        "actor.dominican-republic",
    ),
    "sida-ilo-venezuela.result-2023-13": ("actor.peru", "actor.argentina", "actor.chile"),
    "sida-ilo-venezuela.result-2023-16": ("actor.peru",),
    "sida-ilo-venezuela.result-2023-17": ("actor.argentina",),
}

# Every reported result reaches the objective, through inferred links only.
INFERRED_CONTRIBUTES_TO: Final[dict[str, int]] = {
    "sida-ilo-venezuela": 27,  # 22 results; some serve 2 or 3 outcomes
    "peer-exchange": 3,  # each phase -> objective-2
}

RCM_MEMBERS: Final[tuple[str, ...]] = (
    "actor.belize",
    "actor.canada",
    "actor.costa-rica",
    "actor.el-salvador",
    "actor.united-states",
    "actor.guatemala",
    "actor.honduras",
    "actor.mexico",
    "actor.nicaragua",
    "actor.panama",
    "actor.dominican-republic",
)
RCM_TECHNICAL_REVIEW: Final[tuple[str, ...]] = ("actor.ilo", "actor.iom")  # SUPPORTS rcm-plan
RCM_INSTRUMENTS: Final[tuple[str, ...]] = (  # REFERENCES from rcm-plan
    "instrument.gcm",
    "instrument.mirps",
    "instrument.los-angeles-declaration",
    "instrument.agenda-2030",
)
JAP_IMPLEMENTERS: Final[tuple[str, ...]] = ("actor.ilo", "actor.unhcr")
PEER_EXCHANGE_IMPLEMENTERS: Final[tuple[str, ...]] = ("actor.iom", "actor.undp")

# Actors defined in these files (ids are global; ILO, UNHCR, MIRPS and the seven MIRPS
# countries come from seed/mirps.yaml). Each is defined once, in the file of the
# earliest document (by file number) that names it.
ACTORS_DEFINED: Final[dict[str, tuple[str, ...]]] = {
    "seed/ilo_unhcr_jap.yaml": (
        "actor.itcilo",
        "actor.igad",
        "actor.eac",
        "actor.morocco",
        "actor.tunisia",
        "actor.bangladesh",
    ),
    "seed/sida_ilo_venezuela.yaml": (
        "actor.sweden",
        "actor.colombia",
        "actor.dominican-republic",
        "actor.peru",
        "actor.argentina",
        "actor.ecuador",
        "actor.chile",
        "actor.iom",
        "actor.undp",
    ),
    "seed/iom_undp_peer_exchange.yaml": (
        "actor.sdc",
        "actor.fundacion-esquel",
        "actor.manta",
        "actor.jamaica",
        "actor.kyrgyzstan",
        "actor.nepal",
        "actor.moldova",
        "actor.senegal",
        "actor.serbia",
    ),
    "seed/rcm_labor_mobility.yaml": (
        "actor.rcm",
        "actor.canada",
        "actor.united-states",
        "actor.nicaragua",
    ),
}

ADDRESSES_COUNT: Final = 45  # solution/recommendation -> challenge, all inferred
ALIGNS_WITH_COUNT: Final = 95  # in seed/alignments.yaml, all inferred with a rationale

# Result nodes the documents attach to nothing above them: no CONTRIBUTES_TO at all.
_CROSS_CUTTING = (
    "listed under 'Cross-cutting priority areas', which the JAP presents as facilitating the "
    "joint work, outside the three goals; no goal or main output is named"
)
_NEXT_STEP = (
    "a next step 'to facilitate joint implementation, monitoring and evaluation' of the whole "
    "plan, not of one goal"
)
ORPHANS: Final[dict[str, str]] = {
    "jap.cc-1.1": _CROSS_CUTTING,
    "jap.cc-1.2": _CROSS_CUTTING,
    "jap.cc-1.3": _CROSS_CUTTING,
    "jap.cc-1.4": _CROSS_CUTTING,
    "jap.cc-1.5": _CROSS_CUTTING,
    "jap.cc-2.1": _CROSS_CUTTING,
    "jap.cc-2.2": _CROSS_CUTTING,
    "jap.cc-2.3": _CROSS_CUTTING,
    "jap.cc-3.1": _CROSS_CUTTING,
    "jap.cc-3.2": _CROSS_CUTTING,
    "jap.cc-3.3": _CROSS_CUTTING,
    "jap.cc-3.4": _CROSS_CUTTING,
    "jap.cc-4.1": _CROSS_CUTTING,
    "jap.cc-4.1.1": _CROSS_CUTTING,
    "jap.cc-4.2": _CROSS_CUTTING,
    "jap.cc-4.3": _CROSS_CUTTING,
    "jap.cc-4.3.1": _CROSS_CUTTING,
    "jap.cc-4.3.2": _CROSS_CUTTING,
    "jap.next-1": _NEXT_STEP,
    "jap.next-2": _NEXT_STEP,
    "jap.next-3": _NEXT_STEP,
    # The peer exchange's objectives are the top of their framework; only objective 2 (sharing
    # Fundación Esquel's experience) has something under it (the case-study phases).
    "peer-exchange.objective-1": (
        "an objective of the session ('Share knowledge and good practices'); the report names no "
        "activity or result serving it and it serves no higher change"
    ),
    "peer-exchange.objective-3": (
        "an objective of the session ('Identify key success factors and common challenges'); the "
        "challenges and solutions are its content, not CONTRIBUTES_TO links, and it serves no "
        "higher change"
    ),
}

# Nodes with no relationship but PART_OF/HAS_THEME, or none at all, and why.
ISOLATED: Final[dict[str, str]] = {
    "actor.jamaica": (
        "listed among the participating countries of the peer exchange but proposes no "
        "solution; the schema has no 'participates in' relationship"
    ),
}
