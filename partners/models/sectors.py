"""Controlled vocabularies kept as editable data: sectors, areas of work, forms of trafficking, populations."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #1f77b4."))


class VocabularyTerm(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Order in lists."))

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Sector(VocabularyTerm):
    """A kind of organisation (law enforcement, shelters, ...); an organisation may have several."""

    colour = models.CharField(_("colour"), max_length=7, default="#4c78a8", validators=[hex_colour])

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("sector")


class AreaOfWork(VocabularyTerm):
    """A field of anti-trafficking work: the 4 Ps (prevention, protection, ...) and beyond."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("area of work")
        verbose_name_plural = _("areas of work")


class TraffickingForm(VocabularyTerm):
    """A form of trafficking an organisation addresses (sex, labour, child trafficking, ...)."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("form of trafficking")
        verbose_name_plural = _("forms of trafficking")


class Population(VocabularyTerm):
    """A group an organisation serves (adults, children, migrant workers, ...), never a person."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("population served")
        verbose_name_plural = _("populations served")
