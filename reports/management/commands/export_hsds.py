"""`manage.py export_hsds OUTPUT_DIR`: write the public directory as HSDS 3.0 JSON and CSV package."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.hsds import export as hsds


class Command(BaseCommand):
    help = (
        "Write the public directory as Open Referral HSDS 3.0: OUTPUT_DIR/hsds.json (an HSDS "
        "organisations page) and OUTPUT_DIR/hsds-csv/ (datapackage.json and one CSV per table). "
        "Only active public profiles are exported; staff contacts never are."
    )

    def add_arguments(self, parser):
        parser.add_argument("output_dir", help="Folder to write into (created if missing).")
        parser.add_argument(
            "--validate",
            action="store_true",
            help="Check the files against the HSDS 3.0 schema afterwards (needs the development requirements).",
        )

    def handle(self, *args, output_dir: str, validate: bool, **options):
        target = Path(output_dir)
        if target.exists() and not target.is_dir():
            raise CommandError(f"{target} exists and is not a folder.")
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"Cannot create {target}: {exc.strerror}.") from exc
        export = hsds.build_export()
        json_path = target / "hsds.json"
        json_path.write_bytes(hsds.json_bytes(export))
        written = hsds.write_csv_package(export, target / "hsds-csv")
        self.stdout.write(self.style.SUCCESS(f"Wrote {json_path} and {len(written)} files in {target / 'hsds-csv'}."))
        for name, count in export.counts().items():
            self.stdout.write(f"  {name:<15} {count}")
        if validate:
            self._validate(export, target / "hsds-csv")

    def _validate(self, export: hsds.HsdsExport, package_dir: Path) -> None:
        import json

        try:
            from reports.hsds import validation
        except ImportError as exc:
            raise CommandError(str(exc)) from exc
        descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
        files = {r["path"]: (package_dir / r["path"]).read_text(encoding="utf-8") for r in descriptor["resources"]}
        errors = validation.json_errors(hsds.json_document(export)) + validation.csv_errors(descriptor, files)
        if errors:
            for error in errors[:50]:
                self.stderr.write(error)
            raise CommandError(f"{len(errors)} validation error(s).")
        self.stdout.write(self.style.SUCCESS("Valid against HSDS 3.0: 0 errors."))
