"""Every address the site had before its URLs were split by app: the same name gives the
same path, and the path comes back to the same name. Published links (agenda packs above all)
are in the outside world; none may move."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

# name, keyword arguments, the path (as it was at 52de792, before the split)
ADDRESSES = [
    ("home", {}, "/"),
    ("healthz", {}, "/healthz"),
    ("performance", {}, "/performance/"),
    ("performance_imports", {}, "/performance/imports/"),
    ("performance_police_upload", {}, "/performance/imports/police/"),
    ("performance_police_clear", {}, "/performance/imports/police/clear/"),
    ("performance_ons_upload", {}, "/performance/imports/ons/"),
    ("partner_figures_upload", {'pk': 7}, "/performance/partner-indicators/7/upload/"),
    ("performance_area", {'code': 'E07000107'}, "/performance/E07000107/"),
    ("performance_report_pdf", {'code': 'E07000107'}, "/performance/E07000107/report.pdf"),
    ("performance_report_docx", {'code': 'E07000107'}, "/performance/E07000107/report.docx"),
    ("performance_report_confidential_docx", {'code': 'E07000107'}, "/performance/E07000107/report-confidential.docx"),
    ("performance_report_attach", {'code': 'E07000107'}, "/performance/E07000107/attach/"),
    ("performance_report_confidential_pdf", {'code': 'E07000107'}, "/performance/E07000107/report-confidential.pdf"),
    ("committee", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/"),
    ("work_programme", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/work-programme/"),
    ("work_programme_docx", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/work-programme.docx"),
    ("work_programme_pdf", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/work-programme.pdf"),
    ("work_programme_add", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/work-programme/add/"),
    ("work_programme_propose", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/work-programme/propose/"),
    ("work_programme_versions", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/work-programme/versions/"),
    ("work_programme_version_on", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/work-programme/versions/as-approved/"),
    ("work_programme_approve", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/work-programme/versions/approve/"),
    ("work_programme_freeze", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/work-programme/versions/freeze/"),
    ("work_programme_item", {'pk': 7}, "/work-programme/items/7/"),
    ("work_programme_move", {'pk': 7}, "/work-programme/items/7/move/"),
    ("work_programme_cancel", {'pk': 7}, "/work-programme/items/7/cancel/"),
    ("work_programme_accept", {'pk': 7}, "/work-programme/items/7/accept/"),
    ("work_programme_attendance", {'pk': 7}, "/work-programme/items/7/attendance/"),
    ("work_programme_version", {'pk': 7}, "/work-programme/versions/7/"),
    ("draw_downs", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/draw-downs/"),
    ("draw_down_new", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/draw-downs/new/"),
    ("draw_down", {'pk': 7}, "/draw-downs/7/"),
    ("draw_down_decide", {'pk': 7}, "/draw-downs/7/decide/"),
    ("meeting", {'pk': 7}, "/meetings/7/"),
    ("meeting_minutes", {'pk': 7}, "/meetings/7/minutes/"),
    ("meeting_ics", {'pk': 7}, "/meetings/7/calendar.ics"),
    ("agenda_word", {'pk': 7}, "/meetings/7/agenda.docx"),
    ("report_word", {'pk': 7}, "/documents/7/report.docx"),
    ("agenda_pack", {'pk': 7}, "/meetings/7/agenda-pack.pdf"),
    ("agenda_pack_version", {'pk': 7, 'version': 3}, "/meetings/7/agenda-pack/v3.pdf"),
    ("part2_pack", {'pk': 7}, "/meetings/7/part-2-pack.pdf"),
    ("part2_pack_version", {'pk': 7, 'version': 3}, "/meetings/7/part-2-pack/v3.pdf"),
    ("draft_pack", {'pk': 7, 'part': 'part2'}, "/meetings/7/draft-pack/part2.pdf"),
    ("meeting_publish", {'pk': 7}, "/meetings/7/publish/"),
    ("publication_withdraw", {'pk': 7, 'version': 2}, "/meetings/7/agenda/v2/withdraw/"),
    ("agenda_build", {'pk': 7}, "/meetings/7/agenda/build/"),
    ("agenda_item_add", {'pk': 7}, "/meetings/7/agenda/add/"),
    ("agenda_item_move", {'pk': 7, 'direction': 'up'}, "/agenda-items/7/move/up/"),
    ("agenda_item_remove", {'pk': 7}, "/agenda-items/7/remove/"),
    ("paper_add", {'pk': 7}, "/agenda-items/7/papers/add/"),
    ("committee_ics", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/calendar.ics"),
    ("minute", {'pk': 7}, "/minutes/7/"),
    ("minutes_pdf", {'pk': 7}, "/meetings/7/minutes.pdf"),
    ("minutes_word", {'pk': 7}, "/meetings/7/minutes.docx"),
    ("decisions", {'pk': 7}, "/meetings/7/decisions/"),
    ("minutes_draft", {'pk': 7}, "/meetings/7/minutes/draft/"),
    ("minutes_publish", {'pk': 7}, "/meetings/7/minutes/publish/"),
    ("minutes_confirm", {'pk': 7}, "/meetings/7/minutes/confirm/"),
    ("minutes_sign", {'pk': 7}, "/meetings/7/minutes/sign/"),
    ("minute_edit", {'pk': 7}, "/minutes/7/edit/"),
    ("minute_amend", {'pk': 7}, "/minutes/7/amend/"),
    ("action_add", {'pk': 7}, "/minutes/7/actions/add/"),
    ("recommendation_add", {'pk': 7}, "/minutes/7/recommendations/add/"),
    ("tracker", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/follow-up/"),
    ("tracker_report_pdf", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/follow-up/report.pdf"),
    ("actions_report", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/follow-up/reported/"),
    ("action_close", {'pk': 7}, "/actions/7/close/"),
    ("action_reopen", {'pk': 7}, "/actions/7/reopen/"),
    ("recommendation_step", {'pk': 7, 'step': 'send'}, "/recommendations/7/send/"),
    ("document", {'pk': 7}, "/documents/7/"),
    ("meeting_exempt_openings", {'pk': 7}, "/meetings/7/exempt-openings/"),
    ("committee_exempt_openings", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/exempt-openings/"),
    ("account_exempt_openings", {'slug': 'dartford-crime-and-disorder', 'pk': 7}, "/committees/dartford-crime-and-disorder/exempt-openings/accounts/7/"),
    ("document_file", {'pk': 7}, "/documents/7/file/"),
    ("login", {}, "/accounts/sign-in/"),
    ("logout", {}, "/accounts/sign-out/"),
    # the officers' workspace (issue 15)
    ("dashboard", {}, "/officer/"),
    ("partner_desk", {}, "/partner/"),
    ("partner_respond", {'pk': 7}, "/partner/recommendations/7/respond/"),
    ("meeting_add", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/meetings/add/"),
    ("meeting_edit", {'pk': 7}, "/meetings/7/edit/"),
    ("meeting_postpone", {'pk': 7}, "/meetings/7/postpone/"),
    ("meeting_cancel", {'pk': 7}, "/meetings/7/cancel/"),
    ("meeting_hold", {'pk': 7}, "/meetings/7/held/"),
    ("agenda_item_edit", {'pk': 7}, "/agenda-items/7/edit/"),
    ("agenda_item_co_opted_votes", {'pk': 7}, "/agenda-items/7/co-opted-votes/"),
    ("covering_report_edit", {'pk': 7}, "/documents/7/report/"),
    ("meeting_attendance", {'pk': 7}, "/meetings/7/attendance/"),
    ("attendance_members", {'pk': 7}, "/meetings/7/attendance/members/"),
    ("attendance_remove", {'pk': 7}, "/attendance/7/remove/"),
    ("declaration_remove", {'pk': 7}, "/declarations/7/remove/"),
    ("council_accounts", {'slug': 'dartford-bc'}, "/councils/dartford-bc/accounts/"),
    ("account_invite", {'slug': 'dartford-bc'}, "/councils/dartford-bc/accounts/invite/"),
    ("account_deactivate", {'slug': 'dartford-bc', 'pk': 7}, "/councils/dartford-bc/accounts/7/deactivate/"),
    ("account_reset", {'slug': 'dartford-bc', 'pk': 7}, "/councils/dartford-bc/accounts/7/reset/"),
    ("password_set", {'uidb64': 'Nw', 'token': 'abc-def'}, "/accounts/set-password/Nw/abc-def/"),
    ("account_unlock", {'slug': 'dartford-bc', 'pk': 7}, "/councils/dartford-bc/accounts/7/unlock/"),
    ("second_step", {}, "/accounts/two-factor/"),
    ("two_factor_setup", {}, "/accounts/two-factor/set-up/"),
    ("account_security", {}, "/accounts/you/"),
    ("recovery_codes_renew", {}, "/accounts/you/recovery-codes/"),
    ("two_factor_turn_off", {}, "/accounts/you/two-factor-off/"),
    ("password_reset", {}, "/accounts/password-reset/"),
    ("password_reset_done", {}, "/accounts/password-reset/sent/"),
    ("password_reset_confirm", {'uidb64': 'Nw', 'token': 'abc-def'}, "/accounts/password-reset/Nw/abc-def/"),
    ("password_reset_complete", {}, "/accounts/password-reset/done/"),
    ("committee_settings", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/settings/"),
    ("committee_membership", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/membership/"),
    ("seat_add", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/membership/add/"),
    ("person_add", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/people/add/"),
    ("person_account", {'slug': 'dartford-crime-and-disorder', 'pk': 7}, "/committees/dartford-crime-and-disorder/people/7/account/"),
    ("seat_end", {'pk': 7}, "/seats/7/end/"),
    ("council_branding", {'slug': 'dartford-bc'}, "/councils/dartford-bc/branding/"),
    ("council_brand_css", {'slug': 'dartford-bc'}, "/councils/dartford-bc/brand.css"),
    ("council_logo", {'slug': 'dartford-bc'}, "/councils/dartford-bc/logo.png"),
    ("committee_partners", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/partners/"),
    ("scrutiny_add", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/partners/scrutinise/"),
    ("partner_add", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/partners/add/"),
    ("partner_end", {'slug': 'dartford-crime-and-disorder', 'pk': 7}, "/committees/dartford-crime-and-disorder/partners/7/end/"),
    ("succession_add", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/successions/add/"),
    ("post_add", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/posts/add/"),
    ("post_holder_add", {'slug': 'dartford-crime-and-disorder', 'pk': 7}, "/committees/dartford-crime-and-disorder/posts/7/holders/add/"),
    ("committee_rename", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/rename/"),
    ("standard_items", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/standard-items/"),
    ("standard_items_customise", {'slug': 'dartford-crime-and-disorder'}, "/committees/dartford-crime-and-disorder/standard-items/own/"),
    ("standard_item_edit", {'pk': 7}, "/standard-items/7/edit/"),
    ("standard_item_remove", {'pk': 7}, "/standard-items/7/remove/"),
]


@pytest.mark.parametrize(("name", "kwargs", "path"), ADDRESSES, ids=[a[0] for a in ADDRESSES])
def test_every_address_keeps_its_name_and_path(name, kwargs, path):
    assert reverse(name, kwargs=kwargs) == path
    match = resolve(path)
    assert match.url_name == name
    assert reverse(name, kwargs={key: match.kwargs[key] for key in kwargs}) == path  # and back


def test_the_addresses_are_all_there_and_no_more():
    """A new address is added to the table above; none is lost."""
    def names(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace is None:
                    yield from names(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield pattern.name

    assert sorted(names(get_resolver().url_patterns)) == sorted(a[0] for a in ADDRESSES)
