"""Jinja filters and globals: the theme shows facts, these decide them."""
from __future__ import annotations

from markupsafe import Markup

from disclosure import attachments, commitments, display, follow_ups, labels as L, lifecycle, render, summary, urls
from disclosure.display import response_title
from disclosure.model import Unit
from disclosure.proposers import Proposer, proposers_of

from . import page_meta, template_globals
from .site_links import rooted


def item_url(obj, kinds) -> str:
    """The page of a unit, a proposer or an entry of one of `kinds` (site.kinds: kinds.UnknownKind else)."""
    if isinstance(obj, Unit):
        return urls.unit(obj)
    if isinstance(obj, Proposer):
        return urls.proposer(obj)
    return kinds.of(obj).url(obj)


def install(env, settings, site):
    """Register filters and globals on a Pelican generator's Jinja environment."""
    template_globals.install(env)
    siteurl = settings.get("SITEURL", "").rstrip("/")

    def url(path) -> str:
        if not isinstance(path, str):
            path = item_url(path, site.kinds)
        return f"{siteurl}/{path}"

    proposer_pages = {}

    def proposer_of(name):
        """The Proposer named `name` (its page), worked out once per environment."""
        if not proposer_pages:
            proposer_pages.update((x.name, x) for x in proposers_of(site))
        return proposer_pages.get(name)

    env.globals.update(
        proposer_of=proposer_of,
        url=url, site=site, vocab=site.vocab, today=site.build_date,
        as_of=site.build_date,  # 数据截至 on pages always made; a page spec gives its own (as_of.py)
        STATUS=L.STATUS, FLAGS=L.FLAGS,
        STATUS_HELP=L.STATUS_HELP, UNKNOWN=display.UNKNOWN, feedback_for=lifecycle.feedback_for,
        superseded_by=lifecycle.superseded_by, urls=urls, category_url=urls.category,
        sector_url=urls.sector,
        window=lambda a: lifecycle.publicity_window(a, site.build_date),
        summary_of=lambda p: summary.summarize(p, site.life(p.id), site.build_date),
        reply_is_late=lambda p, x: lifecycle.reply_is_late(p, site.life(p.id), x),
        timeline_of=lambda p: lifecycle.shown_timeline(p, site.life(p.id), site.build_date),
        window_text=lambda a: display.window_text(a, site.build_date),
        response_title=lambda x: response_title(x, site.proposals.get(x.proposal_id)),
        commitments_of=lambda pid: commitments.of_proposal(site, pid), commitment_counts=commitments.counts,
        evidence_link=lambda ev: commitments.evidence_link(site, ev),
        commitments_citing=lambda a: commitments.citing(site, a.id),
        open_commitments=lambda u: commitments.open_of_unit(site, u),
        follow_ups_by_event=lambda pid: follow_ups.by_event(site, pid),
        commitment_story=lambda c: follow_ups.story(site, c),
        attachments_of=attachments.published,
        attachment_url=lambda e, a: urls.attachment(item_url(e, site.kinds), a.name),
    )
    env.globals.update(page_meta.globals_for(settings, site))
    env.filters.update(
        date_zh=display.date_zh, iso=lambda d: d.isoformat() if d else "",
        status_label=L.STATUS.label, flag_label=L.FLAGS.label, role_label=L.ROLE.label,
        review_label=L.REVIEW.label, handling_label=L.HANDLING.label,
        satisfaction_label=L.SATISFACTION.label, kind_label=L.ANNOUNCEMENT_KIND.label,
        disclosure_label=L.DISCLOSURE.label, proposer_type_label=L.PROPOSER_TYPE.label,
        step_label=L.STEP.label, commitment_status_label=L.COMMITMENT_STATUS.label,
        session=lambda p: display.session_label(p.term, p.session),
        number_zh=display.number_zh, proposal_ref=display.proposal_ref, proposers=display.proposers_text,
        body=lambda entry: Markup(rooted(render.public_html(entry, site.renders), siteurl)),
        excerpt=lambda entry, length=120: render.excerpt(entry, length, site.renders), tel=display.tel_uri,
        attachment_facts=lambda a: display.attachment_facts(attachments.type_label(a), a.bytes),
        attachment_media=attachments.media_type,
    )
