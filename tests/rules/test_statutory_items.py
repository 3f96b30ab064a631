from scrutiny.rules.statutory_items import StatutorySubject, missing


def test_a_year_needs_the_assessment_and_the_strategy_or_its_refresh():
    assert missing(set()) == [
        "the CSP's Strategic Assessment",
        "the Community Safety Strategy or its annual Refresh",
    ]
    assert missing({StatutorySubject.STRATEGIC_ASSESSMENT}) == [
        "the Community Safety Strategy or its annual Refresh"
    ]
    assert missing({StatutorySubject.STRATEGIC_ASSESSMENT, StatutorySubject.STRATEGY_REFRESH}) == []
    assert missing({StatutorySubject.STRATEGIC_ASSESSMENT, StatutorySubject.STRATEGY}) == []
