"""Serializers describing the analytics responses (output only; they also document the schema)."""

from __future__ import annotations

from rest_framework import serializers

from partners.api.serializers.directory import OrganizationRefSerializer
from partners.choices import MeetingKind


class KindCountsField(serializers.DictField):
    """{kind: count}, e.g. {"coalition_meeting": 3, "referral": 1}."""

    def __init__(self, **kwargs):
        kwargs.setdefault("child", serializers.IntegerField())
        kwargs.setdefault(
            "help_text", "Collaborations by kind of activity; kinds: " + ", ".join(MeetingKind.values) + "."
        )
        super().__init__(**kwargs)


class PairSerializer(serializers.Serializer):
    organization_a = OrganizationRefSerializer()
    organization_b = OrganizationRefSerializer()
    count = serializers.IntegerField(help_text="Activities both took part in (with two or more organisations).")
    first_date = serializers.DateField()
    last_date = serializers.DateField()
    kinds = KindCountsField()


class CollaboratorSerializer(serializers.Serializer):
    organization = OrganizationRefSerializer()
    count = serializers.IntegerField()
    first_date = serializers.DateField()
    last_date = serializers.DateField()
    kinds = KindCountsField()


class MonthCountSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    count = serializers.IntegerField()


class CollaboratorsSerializer(serializers.Serializer):
    organization = OrganizationRefSerializer()
    partner_count = serializers.IntegerField()
    collaborators = CollaboratorSerializer(many=True)
    monthly = MonthCountSerializer(many=True, help_text="Collaborative activities the organisation took part in.")


class SectorRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    colour = serializers.CharField()


class SectorMatrixSerializer(serializers.Serializer):
    sectors = SectorRefSerializer(many=True, help_text="Rows and columns, in this order.")
    matrix = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="matrix[i][j]: collaborations between organisations whose primary sectors are "
        "sectors[i] and sectors[j] (symmetric; the diagonal is within a sector).",
    )
    total = serializers.IntegerField(help_text="All collaborations counted once.")


class NodeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = serializers.CharField()
    sector = serializers.SlugField(help_text="Primary sector.")
    sector_name = serializers.CharField()
    colour = serializers.CharField()
    degree = serializers.IntegerField(help_text="Number of partners.")
    weighted_degree = serializers.IntegerField(help_text="Collaborations with all partners.")
    betweenness = serializers.FloatField(help_text="Betweenness centrality (distance 1/count), normalised.")
    eigenvector = serializers.FloatField(help_text="Eigenvector centrality weighted by counts.")


class EdgeSerializer(serializers.Serializer):
    source = serializers.IntegerField(help_text="Node id.")
    target = serializers.IntegerField(help_text="Node id.")
    weight = serializers.IntegerField(help_text="Collaborations between the two.")
    last_date = serializers.DateField()


class NetworkSummarySerializer(serializers.Serializer):
    nodes = serializers.IntegerField()
    edges = serializers.IntegerField()
    density = serializers.FloatField()
    components = serializers.IntegerField()
    average_clustering = serializers.FloatField()
    cross_sector_edge_share = serializers.FloatField(help_text="Share of edges between different primary sectors.")


class NetworkSerializer(serializers.Serializer):
    nodes = NodeSerializer(many=True)
    edges = EdgeSerializer(many=True)
    summary = NetworkSummarySerializer()


class TimelineMonthSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    count = serializers.IntegerField()
    by_kind = KindCountsField()


class TimelineSerializer(serializers.Serializer):
    months = TimelineMonthSerializer(many=True, help_text="Months with at least one collaborative activity.")
