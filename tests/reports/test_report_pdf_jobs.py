"""The report PDF prepared in the background: asked for once, followed by polling, downloaded by
the person who asked, and shown as failed when its worker died. Without a broker (the tests)
the task runs at once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import pdf_jobs, tasks
from reports.models import ReportJob, ReportJobStatus
from tests.conftest import as_user
from tests.reports.test_report_pages import PERIOD, page_url, pdf_text

pytestmark = pytest.mark.django_db

JSON = {"Accept": "application/json"}


def prepare_url(w, slug=None):
    return reverse("reports:coalition_report_pdf_prepare", kwargs={"slug": slug or w.coalition_a.slug})


def queued_job(w, user, **fields) -> ReportJob:
    return ReportJob.objects.create(
        requested_by=user,
        coalition=w.coalition_a,
        since=datetime.date(2024, 1, 1),
        until=datetime.date(2024, 6, 30),
        heartbeat_at=timezone.now(),
        **fields,
    )


def test_a_member_prepares_the_pdf_and_downloads_it_from_the_link_it_gets(client, history, tmp_path):
    as_user(client, history.member)
    response = client.post(prepare_url(history), PERIOD, headers=JSON)
    assert response.status_code == 202
    state = response.json()
    assert (state["status"], state["error"]) == ("done", "")
    assert client.get(state["status_url"]).json()["download_url"] == state["download_url"]
    pdf = client.get(state["download_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert 'filename="coalition-a-report-2024-01-01-to-2024-06-30.pdf"' in pdf["Content-Disposition"]
    assert "At a glance" in pdf_text(pdf.content, tmp_path)
    # The report page offers the finished PDF.
    html = client.get(page_url(history), PERIOD).content.decode()
    assert state["download_url"] in html and "Prepare PDF" in html and "data-running" not in html


def test_without_javascript_the_form_returns_to_the_report_for_the_same_period(client, history):
    as_user(client, history.member)
    response = client.post(prepare_url(history), PERIOD)
    assert response.status_code == 302
    assert response["Location"] == page_url(history) + "?since=2024-01-01&until=2024-06-30"
    assert ReportJob.objects.get().status == ReportJobStatus.DONE


def test_asking_again_while_a_pdf_is_under_way_reuses_it_and_the_button_stays_disabled(client, history):
    as_user(client, history.member)
    job = queued_job(history, history.member)
    response = client.post(prepare_url(history), PERIOD, headers=JSON)
    assert response.status_code == 200 and response.json()["id"] == str(job.pk)
    assert ReportJob.objects.count() == 1
    html = client.get(page_url(history), PERIOD).content.decode()
    assert "data-running" in html and "disabled" in html
    # Another period, or another person, gets a job of their own.
    other = client.post(prepare_url(history), {"since": "2024-02-01", "until": "2024-06-30"}, headers=JSON)
    assert other.status_code == 202 and other.json()["id"] != str(job.pk)


def test_someone_elses_pdf_answers_404_and_anonymous_is_sent_to_sign_in(client, history):
    job = queued_job(history, history.coordinator)
    tasks.report_pdf_prepare.delay(str(job.pk))
    job.refresh_from_db()
    assert job.status == ReportJobStatus.DONE
    slug = history.coalition_a.slug
    urls = [
        reverse("reports:coalition_report_pdf_job", kwargs={"slug": slug, "job": job.pk}),
        reverse("reports:coalition_report_pdf_download", kwargs={"slug": slug, "job": job.pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # anonymous: to sign in
    as_user(client, history.member)
    for url in urls:
        assert client.get(url).status_code == 404
    assert client.post(prepare_url(history, "no-such-coalition"), PERIOD).status_code == 404
    as_user(client, history.coordinator)
    assert [client.get(url).status_code for url in urls] == [200, 200]


def test_a_bad_period_is_refused_with_the_message(client, history):
    as_user(client, history.member)
    response = client.post(prepare_url(history), {"since": "2024-07-01", "until": "2024-01-01"}, headers=JSON)
    assert response.status_code == 400 and "since" in response.json()["errors"]
    assert not ReportJob.objects.exists()


def test_a_task_delivered_twice_prepares_the_pdf_once(history):
    job = queued_job(history, history.member)
    tasks.report_pdf_prepare.delay(str(job.pk))
    job.refresh_from_db()
    finished = job.finished_at
    tasks.report_pdf_prepare.delay(str(job.pk))
    job.refresh_from_db()
    assert job.status == ReportJobStatus.DONE and job.finished_at == finished


@pytest.mark.parametrize(("status", "message"), [("running", "stopped answering"), ("queued", "No worker took")])
def test_a_pdf_whose_worker_died_is_shown_as_failed_and_can_be_asked_for_again(
    client, history, settings, status, message
):
    settings.BACKGROUND_JOB_STALE_AFTER = datetime.timedelta(minutes=2)
    as_user(client, history.member)
    job = queued_job(history, history.member, status=status)
    ReportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(minutes=3))
    url = reverse("reports:coalition_report_pdf_job", kwargs={"slug": history.coalition_a.slug, "job": job.pk})
    state = client.get(url).json()
    assert state["status"] == "failed" and message in state["error"] and "2 minutes" in state["error"]
    html = client.get(page_url(history), PERIOD).content.decode()
    assert "The PDF failed:" in html and message in html and "data-running" not in html
    again = client.post(prepare_url(history), PERIOD, headers=JSON).json()
    assert again["id"] != str(job.pk) and again["status"] == "done"


def test_a_job_heard_of_recently_is_still_under_way(history, settings):
    settings.BACKGROUND_JOB_STALE_AFTER = datetime.timedelta(minutes=2)
    job = queued_job(history, history.member, status="running")
    ReportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(seconds=90))
    job.refresh_from_db()
    assert pdf_jobs.report_job_expire_if_stale(job).status == ReportJobStatus.RUNNING


def test_a_pdf_that_cannot_be_prepared_fails_with_a_message(history, monkeypatch):
    job = queued_job(history, history.member)

    def broken(*args, **kwargs):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(pdf_jobs, "report_pdf", broken)
    tasks.report_pdf_prepare.delay(str(job.pk))
    job.refresh_from_db()
    assert job.status == ReportJobStatus.FAILED and "could not be prepared" in job.error


def test_pdfs_are_kept_for_a_day(history):
    old = queued_job(history, history.member)
    ReportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    recent = queued_job(history, history.member)
    assert tasks.report_jobs_purge.delay().get() == 1
    assert list(ReportJob.objects.values_list("pk", flat=True)) == [recent.pk]
