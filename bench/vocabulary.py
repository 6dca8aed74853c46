"""Words the synthetic generator builds its texts from.

Plausible enough that full-text search, label wrapping and rendering behave as on the real
seeds (similar lengths, shared vocabulary), never real statements: every synthetic file says
it is synthetic. Placeholders: {pop} a population, {country} a country, {region} a region,
{sector} an economic sector.
"""

from __future__ import annotations

from typing import Final

POPULATIONS: Final = (
    "refugees",
    "displaced persons",
    "asylum-seekers",
    "migrant workers",
    "returnees",
    "stateless persons",
    "host communities",
    "refugee women",
    "young displaced people",
    "persons at risk of displacement",
)

SECTORS: Final = (
    "agriculture",
    "construction",
    "tourism",
    "care work",
    "manufacturing",
    "digital services",
    "retail trade",
    "fisheries",
    "logistics",
    "health services",
)

REGIONS: Final = (
    "Central America",
    "the Andean region",
    "the Southern Cone",
    "the Caribbean",
    "Mesoamerica",
    "the Horn of Africa",
    "the Great Lakes",
    "the Sahel",
    "the Levant",
    "the Western Balkans",
    "South Asia",
    "Southeast Asia",
)

# (name, acronym or "") — the first five are the ones the real seeds name most.
COUNTRIES: Final = (
    "Belize", "Costa Rica", "El Salvador", "Guatemala", "Honduras", "Mexico", "Panama",
    "Colombia", "Ecuador", "Peru", "Chile", "Argentina", "Brazil", "Bolivia", "Paraguay",
    "Uruguay", "Venezuela", "Dominican Republic", "Haiti", "Jamaica", "Trinidad and Tobago",
    "Guyana", "Suriname", "Nicaragua", "Canada", "United States", "Spain", "Jordan", "Lebanon",
    "Turkiye", "Kenya", "Uganda", "Ethiopia", "Somalia", "Djibouti", "Sudan", "South Sudan",
    "Rwanda", "Burundi", "Tanzania", "Chad", "Niger", "Mali", "Burkina Faso", "Mauritania",
    "Bangladesh", "Pakistan", "Afghanistan", "Iraq", "Egypt", "Morocco", "Tunisia", "Libya",
    "Philippines", "Indonesia", "Malaysia", "Thailand", "Nepal", "Sri Lanka", "Moldova",
)  # fmt: skip

AGENCIES: Final = (
    ("International Labour Organization", "ILO", "un_agency"),
    ("United Nations High Commissioner for Refugees", "UNHCR", "un_agency"),
    ("International Organization for Migration", "IOM", "un_agency"),
    ("United Nations Development Programme", "UNDP", "un_agency"),
    ("United Nations Children's Fund", "UNICEF", "un_agency"),
    ("UN Women", "UN Women", "un_agency"),
    ("World Food Programme", "WFP", "un_agency"),
    ("Food and Agriculture Organization", "FAO", "un_agency"),
    ("World Bank", "WB", "intergovernmental"),
    ("Inter-American Development Bank", "IDB", "intergovernmental"),
    ("Organization of American States", "OAS", "intergovernmental"),
    ("Organisation for Economic Co-operation and Development", "OECD", "intergovernmental"),
    ("Swedish International Development Cooperation Agency", "Sida", "donor"),
    ("Deutsche Gesellschaft fuer Internationale Zusammenarbeit", "GIZ", "donor"),
    ("European Union", "EU", "donor"),
    ("Swiss Agency for Development and Cooperation", "SDC", "donor"),
    ("Spanish Agency for International Development Cooperation", "AECID", "donor"),
    ("Global Affairs Canada", "GAC", "donor"),
    ("Regional Employers' Federation", "REF", "employers_organization"),
    ("Regional Trade Union Confederation", "RTUC", "trade_union"),
    ("Network of Universities on Migration", "NUM", "academia"),
    ("Chamber of Commerce Network", "CCN", "private_sector"),
    ("Refugee-led Organisations Network", "RLON", "civil_society"),
    ("Migrant Workers' Association", "MWA", "civil_society"),
)

INSTRUMENTS: Final = (
    ("Global Compact for Safe, Orderly and Regular Migration", 2018),
    ("Global Compact on Refugees", 2018),
    ("ILO Migration for Employment Convention (No. 97)", 1949),
    ("ILO Migrant Workers Convention (No. 143)", 1975),
    ("ILO Employment and Decent Work for Peace and Resilience Recommendation (No. 205)", 2017),
    ("Cartagena Declaration on Refugees", 1984),
    ("Brazil Declaration and Plan of Action", 2014),
    ("Kampala Declaration on Jobs, Livelihoods and Self-reliance", 2019),
    ("Los Angeles Declaration on Migration and Protection", 2022),
    ("2030 Agenda for Sustainable Development", 2015),
)

THEMES: Final = (
    "Recognition of skills and competencies",
    "Work permits and documents",
    "Public employment services and labour linkage",
    "Private-sector engagement",
    "Entrepreneurship and self-employment",
    "Vocational training",
    "Labour rights and decent work",
    "Social protection",
    "Public policy and regulation",
    "Awareness and anti-xenophobia",
    "Gender and diversity",
    "Coordination and partnerships",
    "Data and monitoring",
    "Financial inclusion",
    "Language training",
    "Childcare and care work",
    "Green jobs",
    "Rural livelihoods",
    "Urban livelihoods",
    "Access to justice",
    "Digital inclusion",
    "Remittances",
    "Health and social security",
    "Housing and local integration",
)

IMPACTS: Final = (
    "{Pop} in {region} are self-sufficient and have the necessary means of subsistence",
    "{Pop} in {region} enjoy decent work and sustainable livelihoods",
    "Labour mobility in {region} is safe, orderly and regular and benefits {pop}",
)

MANIFESTATIONS: Final = (
    "{Pop} have effective access to decent employment according to their profile",
    "{Pop} earn a stable income from formal work or their own businesses",
)

LONG_TERM: Final = (
    "Regulations, legislation and public policies facilitate the labour integration of {pop}",
    "Competencies (including prior learning) of {pop} are recognised",
    "{Pop} access financial services and support for entrepreneurship",
    "Employers and the private sector include {pop} in their workforce",
    "Public employment services serve {pop} without discrimination",
    "{Pop} are protected by labour and social security systems",
    "Host communities and {pop} live together without xenophobia",
)

MEDIUM_TERM: Final = (
    "Ministries of labour in {country} include {pop} in employment programmes",
    "{Pop} have the necessary documents to work and/or work permits",
    "A system for the recognition of competencies operates between countries",
    "Employers in {sector} know the rules for hiring {pop}",
    "Vocational training institutes in {country} offer courses adapted to {pop}",
    "Financial institutions open accounts and credit lines for {pop}",
    "Local governments in {country} coordinate livelihoods support with UN agencies",
    "Labour inspectors in {country} apply the rules equally to {pop}",
    "A repository of information on the profiles of {pop} and their certifications exists",
    "Awareness campaigns reduce discrimination against {pop} in {sector}",
    "Social protection schemes in {country} cover {pop}",
    "Childcare services allow refugee women in {country} to take up work",
    "Business development services reach entrepreneurs among {pop}",
    "Language courses prepare {pop} for work in {sector}",
)

OUTCOMES: Final = (
    "The skills (including prior learning) of {pop} are recognised",
    "{Pop} access formal employment in {sector}",
    "Institutional capacities in {country} for the labour inclusion of {pop} are strengthened",
    "{Pop} start and sustain their own businesses",
    "Regional coordination on labour mobility is strengthened",
)

OUTPUTS: Final = (
    "Technical assistance delivered to the ministry of labour of {country}",
    "Guidelines on hiring {pop} published for employers in {sector}",
    "Skills certification pilots run for {pop} in {sector}",
    "Employment service staff in {country} trained on the rights of {pop}",
    "A regional platform on labour mobility set up and running",
    "Seed capital and mentoring provided to entrepreneurs among {pop}",
)

GOALS: Final = (
    "Improved governance of access to the labour market and decent work",
    "Strengthened evidence base and knowledge on labour market integration",
    "Improved access to economic opportunities for {pop} and host communities",
)

AREAS_OF_WORK: Final = (
    "Promote global frameworks within regional mechanisms",
    "Support national policies on the right to work of {pop}",
    "Labour market assessments in {country}",
    "Skills development and certification in {sector}",
    "Enterprise development and access to finance",
    "Social dialogue with employers and workers",
)

ACTIVITIES: Final = (
    "Hold a national workshop in {country} on the labour inclusion of {pop}",
    "Map the skills of {pop} registered with employment services",
    "Train employers in {sector} on hiring {pop}",
    "Publish a study on the labour market in {country}",
    "Run a peer-learning exchange between employment services of the region",
    "Support the review of work permit regulations in {country}",
    "Develop a guide on the recognition of qualifications for {pop}",
    "Pilot a job-matching service for {pop} in {sector}",
)

LINES_OF_ACTION: Final = (
    "Labour migration governance",
    "Recognition of skills and qualifications of migrant and returnee workers",
    "Labour rights and fair recruitment",
    "Labour market information and employment services",
    "Reintegration of returnees",
)

ACTIONS: Final = (
    "Consolidate information on certification of competencies by country",
    "Carry out a study on member countries' adherence to agreements on qualifications",
    "Develop regional guidelines on fair recruitment in {sector}",
    "Strengthen the labour market information systems of {country}",
    "Promote bilateral labour agreements that protect {pop}",
    "Design reintegration programmes for returnees to {country}",
    "Train consular staff on the labour rights of {pop}",
)

REPORTED_RESULTS: Final = (
    "In {year} the Project advanced its technical assistance at regional and national level",
    "In {year} {count} {pop} in {country} were placed in formal jobs in {sector}",
    "In {year} the employment service of {country} registered {count} {pop}",
    "In {year} {count} entrepreneurs among {pop} received seed capital",
    "In {year} a protocol on skills certification was adopted in {country}",
)

CHALLENGES: Final = (
    "irregular immigration status",
    "xenophobia and lack of open-mindedness from local populations",
    "lack of recognition of qualifications obtained abroad",
    "limited information on labour rights among {pop}",
    "employers' uncertainty about hiring {pop}",
    "limited access to credit for entrepreneurs among {pop}",
    "informality in {sector}",
    "weak coordination between national and local governments",
)

SOLUTIONS: Final = (
    "{country} should simplify the procedure for work permits for {pop}",
    "{country} could expand skills certification to {sector}",
    "Employment services in {country} should reach {pop} where they live",
    "{country} proposes a national campaign against xenophobia at work",
    "{country} should link {pop} with employers in {sector}",
)

RECOMMENDATIONS: Final = (
    "Sustain the peer exchange beyond the case study",
    "Involve the private sector from the design of programmes",
    "Share data on the labour market integration of {pop} across countries",
)

INDICATORS: Final = (
    ("On access to work permits", "Work permits granted to {pop} during the period"),
    ("On employment", "{Pop} placed in formal jobs through employment services"),
    ("On skills", "{Pop} whose skills were certified"),
    ("On entrepreneurship", "Businesses started by {pop} with programme support"),
    ("On social protection", "{Pop} affiliated to social security"),
)

PLEDGES: Final = (
    "{country} will expand opportunities for vocational training and formal employment for {pop}",
    "{country} will facilitate the recognition of skills and access to work permits for {pop}",
    "{country} will strengthen national employment services to serve {pop}",
    "{country} will promote entrepreneurship and access to finance for {pop}",
)

COMMITMENTS: Final = (
    ("Provide access to employment opportunities",
     "Provide access to employment opportunities for {pop} in priority sectors such as {sector}."),
    ("Labour integration programme",
     "The ministry of labour of {country} will coordinate a training and labour integration"
     " programme for {pop}."),
    ("Protection of labour rights",
     "The labour inspectorate of {country} will consider {pop} in its procedures to ensure their"
     " labour rights are recognised on an equal basis."),
    ("Skills certification",
     "{country} will certify the skills of {pop} through its national training institute."),
)  # fmt: skip

APPROACHES: Final = (
    "Gradualness",
    "Gender perspective",
    "Human rights-based approach",
    "Whole-of-government approach",
)

CURRENCIES: Final = ("USD", "EUR", "SEK")
