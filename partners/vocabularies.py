"""The starting vocabularies (sectors, areas of work, forms of trafficking, populations).

They are seeded once by a data migration and stay editable data afterwards. The tuples here
are (slug, name, description[, colour]).

The sector colours are told apart under simulated deuteranopia and protanopia and each has at
least 3:1 contrast with a white page (tests/analytics/test_sector_palette.py). With fourteen
sectors colour alone cannot carry the meaning, so each sector group also has a shape
(SECTOR_SHAPES, cytoscape shape names): justice, public bodies, services, community, and private
and knowledge sectors. Within a group the colours are the furthest apart.
"""

SECTORS = [
    ("law-enforcement", "Law enforcement", "Police and other law-enforcement units.", "#0066cc"),
    ("prosecution-courts", "Prosecution and courts", "Prosecutors, courts and victim-witness units.", "#559988"),
    (
        "government",
        "Government agencies",
        "Social services, labour, immigration and child welfare agencies.",
        "#665577",
    ),
    ("ngo-victim-services", "NGOs and victim-service providers", "Non-governmental victim services.", "#ff5511"),
    ("shelters-housing", "Shelters and housing", "Emergency shelter and longer-term housing.", "#551100"),
    ("legal-aid", "Legal aid", "Free or low-cost legal representation and advice.", "#440066"),
    ("health-care", "Health care", "Clinics, hospitals and mental-health services.", "#0099aa"),
    ("faith-based", "Faith-based organisations", "Congregations and faith-based charities.", "#0000cc"),
    ("survivor-led", "Survivor-led organisations", "Organisations led by people with lived experience.", "#11aa66"),
    ("business", "Business and private sector", "Finance, hospitality, transport and other companies.", "#332233"),
    ("labour-unions", "Labour unions and worker organisations", "Unions and worker centres.", "#225544"),
    ("education-academia", "Education and academia", "Schools, universities and researchers.", "#6688ff"),
    ("media", "Media", "Journalists and media organisations.", "#557755"),
    ("international-donors", "International organisations and donors", "UN agencies, IOs and funders.", "#cc0000"),
]

# The shape of each starting sector's mark (network nodes, legends); sectors a coalition adds get
# one by their position in the list (analytics.marks.sector_shape).
SECTOR_SHAPES = {
    "law-enforcement": "diamond",
    "prosecution-courts": "diamond",
    "government": "rectangle",
    "international-donors": "rectangle",
    "ngo-victim-services": "ellipse",
    "shelters-housing": "ellipse",
    "legal-aid": "ellipse",
    "health-care": "ellipse",
    "faith-based": "triangle",
    "survivor-led": "triangle",
    "labour-unions": "triangle",
    "business": "hexagon",
    "education-academia": "hexagon",
    "media": "hexagon",
}

AREAS_OF_WORK = [
    ("prevention", "Prevention", "Awareness, education and reducing vulnerability."),
    ("protection", "Protection (victim services)", "Identification, shelter, care and support."),
    ("prosecution", "Prosecution", "Investigation and prosecution of traffickers."),
    ("partnership", "Partnership", "Building and coordinating collaboration."),
    ("policy-advocacy", "Policy and advocacy", "Changing laws, policies and practice."),
    ("research-data", "Research and data", "Studies, data collection and evaluation."),
    ("training", "Training", "Training professionals and volunteers."),
    ("supply-chains", "Supply-chain work", "Forced labour in supply chains."),
]

TRAFFICKING_FORMS = [
    ("sex-trafficking", "Sex trafficking", ""),
    ("labour-trafficking", "Labour trafficking", ""),
    ("child-trafficking", "Child trafficking", ""),
    ("forced-marriage", "Forced marriage", ""),
    ("organ-removal", "Organ removal", ""),
    ("forced-criminality", "Forced criminality", ""),
]

POPULATIONS = [
    ("adults", "Adults", ""),
    ("children-youth", "Children and youth", ""),
    ("women-girls", "Women and girls", ""),
    ("men-boys", "Men and boys", ""),
    ("lgbtqi", "LGBTQI+ people", ""),
    ("migrant-workers", "Migrant workers", ""),
    ("refugees-asylum", "Refugees and asylum seekers", ""),
    ("indigenous", "Indigenous communities", ""),
]
