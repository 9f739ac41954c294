"""Choice lists of the documents app: what a document is, and the file types accepted."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    PROTOCOL = "protocol", _("Referral or working protocol")
    DATA_SHARING = "data_sharing", _("Data-sharing agreement")
    OTHER = "other", _("Other agreement")


class FileType(models.TextChoices):
    PDF = "application/pdf", _("PDF")
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _("Word (.docx)")
    ODT = "application/vnd.oasis.opendocument.text", _("OpenDocument text (.odt)")


EXTENSIONS = {FileType.PDF: "pdf", FileType.DOCX: "docx", FileType.ODT: "odt"}
