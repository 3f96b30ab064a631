from scrutiny.rules.statutory_items import StatutoryDocuments, StatutorySubject, missing


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


def test_a_county_committee_needs_the_community_safety_agreement():
    assert missing(set(), StatutoryDocuments.COUNTY) == ["the county's Community Safety Agreement"]
    assert missing({StatutorySubject.COMMUNITY_SAFETY_AGREEMENT}, StatutoryDocuments.COUNTY) == []
    # a district's documents do not meet a county's requirement
    assert missing({StatutorySubject.STRATEGIC_ASSESSMENT}, StatutoryDocuments.COUNTY) != []


def test_a_protocol_calling_for_no_statutory_item_is_warned_of_none():
    assert missing(set(), StatutoryDocuments.NONE) == []
