"""Partnership documents for the demo region: small generated PDFs (fictional text only) attached
to a few partnerships, one with two versions. Idempotent: a document already present is skipped."""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document
from documents.services import document_create, document_version_add
from partners.models import Partnership

# Partnership title → [(document title, kind, [text of each version, oldest first])].
DOCUMENTS = {
    "PAPD–Beacon victim-services MOU": [
        (
            "Memorandum of understanding",
            "mou",
            [
                "Memorandum of understanding between the police unit and Beacon (draft). Fictional demo text.",
                "Memorandum of understanding, signed version: an advocate is present at every interview.",
            ],
        )
    ],
    "Task force referral protocol": [
        ("Referral protocol", "protocol", ["Referral protocol of the task force: who calls whom, and when."])
    ],
    "Financial indicators data sharing": [
        ("Data-sharing agreement", "data_sharing", ["Aggregate indicators only; no personal data is shared."])
    ],
}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(text: str) -> bytes:
    """A one-page PDF showing `text` (ASCII), with a correct cross-reference table."""
    stream = f"BT /F1 11 Tf 50 780 Td ({_escape(text.encode('ascii', 'replace').decode())}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def build_documents_demo() -> int:
    """Attach the demo documents; returns how many documents were added."""
    admin = get_user_model().objects.filter(username="admin").first()
    added = 0
    for partnership_title, documents in DOCUMENTS.items():
        partnership = Partnership.objects.filter(title=partnership_title).first()
        if partnership is None or admin is None:
            continue
        for title, kind, texts in documents:
            if Document.objects.filter(partnership=partnership, title=title).exists():
                continue
            slug = title.lower().replace(" ", "-")
            first = SimpleUploadedFile(f"{slug}-v1.pdf", demo_pdf(texts[0]), content_type="application/pdf")
            document = document_create(actor=admin, partnership=partnership, title=title, kind=kind, upload=first)
            for n, text in enumerate(texts[1:], start=2):
                upload = SimpleUploadedFile(f"{slug}-v{n}.pdf", demo_pdf(text), content_type="application/pdf")
                document_version_add(actor=admin, document=document, upload=upload, note="Signed by both partners.")
            added += 1
    return added
