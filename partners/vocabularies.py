"""The starting vocabularies (sectors, areas of work, forms of trafficking, populations).

They are seeded once by a data migration and stay editable data afterwards. The tuples here
are (slug, name, description[, colour]).
"""

SECTORS = [
    ("law-enforcement", "Law enforcement", "Police and other law-enforcement units.", "#1f4e79"),
    ("prosecution-courts", "Prosecution and courts", "Prosecutors, courts and victim-witness units.", "#5b3a8c"),
    (
        "government",
        "Government agencies",
        "Social services, labour, immigration and child welfare agencies.",
        "#3a6ea5",
    ),
    ("ngo-victim-services", "NGOs and victim-service providers", "Non-governmental victim services.", "#c2410c"),
    ("shelters-housing", "Shelters and housing", "Emergency shelter and longer-term housing.", "#b45309"),
    ("legal-aid", "Legal aid", "Free or low-cost legal representation and advice.", "#7c2d12"),
    ("health-care", "Health care", "Clinics, hospitals and mental-health services.", "#047857"),
    ("faith-based", "Faith-based organisations", "Congregations and faith-based charities.", "#6b7280"),
    ("survivor-led", "Survivor-led organisations", "Organisations led by people with lived experience.", "#be185d"),
    ("business", "Business and private sector", "Finance, hospitality, transport and other companies.", "#0f766e"),
    ("labour-unions", "Labour unions and worker organisations", "Unions and worker centres.", "#a16207"),
    ("education-academia", "Education and academia", "Schools, universities and researchers.", "#4d7c0f"),
    ("media", "Media", "Journalists and media organisations.", "#374151"),
    ("international-donors", "International organisations and donors", "UN agencies, IOs and funders.", "#1e3a8a"),
]

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
