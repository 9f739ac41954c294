"""The public figures: one function per figure, each returning typed rows (analytics.rows).

Pages, the API, exports and the coalition report call these and nothing else of this app;
none recomputes a figure its own way. Each starts from what the viewer may see, reads the
rollup tables (or the activities, where the rollups cannot answer) and keeps costly results
in the figure cache, whose keys never leave this app.
"""

from analytics.collaborators import collaborators_of, monthly_collaborations_of, organization_collaborators
from analytics.filters import NO_FILTERS, PAIR_ORDERINGS, FigureFilters, figure_filters
from analytics.layout import LABEL_FONT, label_width, network_layout
from analytics.marks import mark_svg, sector_shape, shape_element
from analytics.network import collaboration_graph, collaboration_network, network_file, network_measures
from analytics.pairs import collaboration_pairs, describe_pairs, described_pairs, pair_page
from analytics.timeline import collaboration_timeline, sector_matrix
from analytics.trends import CoalitionTrends, coalition_trends
from partners.models import Organization
from partners.selectors.scope import Scope, activity_scope


def figure_scope(viewer, filters: FigureFilters = NO_FILTERS, *, organization: Organization | None = None) -> Scope:
    """Whose view the figures under `filters` are: the activities they were computed from for
    `viewer`, and how many were left out when the viewer may know (partners.selectors.scope)."""
    return activity_scope(
        viewer,
        coalition=filters.coalition,
        since=filters.since,
        until=filters.until,
        kinds=filters.kinds,
        sector_id=filters.sector_id,
        organization=organization,
    )


__all__ = [
    "LABEL_FONT",
    "CoalitionTrends",
    "coalition_trends",
    "NO_FILTERS",
    "PAIR_ORDERINGS",
    "FigureFilters",
    "Scope",
    "collaboration_graph",
    "collaboration_network",
    "collaboration_pairs",
    "collaboration_timeline",
    "collaborators_of",
    "describe_pairs",
    "described_pairs",
    "figure_filters",
    "figure_scope",
    "label_width",
    "monthly_collaborations_of",
    "mark_svg",
    "network_file",
    "network_layout",
    "network_measures",
    "organization_collaborators",
    "pair_page",
    "sector_matrix",
    "sector_shape",
    "shape_element",
]
