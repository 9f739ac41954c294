"""The public figures: one function per figure, each returning typed rows (analytics.rows).

Pages, the API, exports and the coalition report call these and nothing else of this app;
none recomputes a figure its own way. Each starts from what the viewer may see, reads the
rollup tables (or the activities, where the rollups cannot answer) and keeps costly results
in the figure cache, whose keys never leave this app.
"""

from analytics.collaborators import collaborators_of, monthly_collaborations_of, organization_collaborators
from analytics.filters import NO_FILTERS, PAIR_ORDERINGS, FigureFilters, figure_filters
from analytics.network import collaboration_graph, collaboration_network, network_file, network_measures
from analytics.pairs import collaboration_pairs, describe_pairs, described_pairs, pair_page
from analytics.timeline import collaboration_timeline, sector_matrix

__all__ = [
    "NO_FILTERS",
    "PAIR_ORDERINGS",
    "FigureFilters",
    "collaboration_graph",
    "collaboration_network",
    "collaboration_pairs",
    "collaboration_timeline",
    "collaborators_of",
    "describe_pairs",
    "described_pairs",
    "figure_filters",
    "monthly_collaborations_of",
    "network_file",
    "network_measures",
    "organization_collaborators",
    "pair_page",
    "sector_matrix",
]
