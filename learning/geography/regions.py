"""The five regions used for workshops and reports, and which region each country is in.

The grouping follows the agency's regional bureaux (so Central Asia is in Asia and the Pacific,
Turkey and the South Caucasus in Europe, Mauritania and Western Sahara in the Middle East and
North Africa). A test checks that every country in the registration list has a region.
"""

from __future__ import annotations

AFRICA = "Africa"
AMERICAS = "Americas"
ASIA_PACIFIC = "Asia and the Pacific"
EUROPE = "Europe"
MENA = "Middle East and North Africa"
REGIONS = (AFRICA, AMERICAS, ASIA_PACIFIC, EUROPE, MENA)

_MEMBERS = {
    AFRICA: "AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW KE KM LR LS MG ML MU "
    "MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TF TG TZ UG YT ZA ZM ZW",
    AMERICAS: "AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GS "
    "GT GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE "
    "VG VI",
    ASIA_PACIFIC: "AF AS AU BD BN BT CC CK CN CX FJ FM GU HK HM ID IN IO IR JP KG KH KI KP KR KZ "
    "LA LK MH MM MN MO MP MV MY NC NF NP NR NU NZ PF PG PH PK PN PW SB SG TH TJ "
    "TK TL TM TO TV TW UM UZ VN VU WF WS",
    EUROPE: "AD AL AM AT AX AZ BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GE GG GI GR HR HU "
    "IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM TR "
    "UA VA XK",
    MENA: "AE BH DZ EG EH IL IQ JO KW LB LY MA MR OM PS QA SA SY TN YE",
}
# Territories with no permanent population, left out of regional reports.
NO_REGION = frozenset({"AQ", "BV"})

REGION_OF = {code: region for region, codes in _MEMBERS.items() for code in codes.split()}


def region_of(country: str | None) -> str | None:
    """The region of an ISO 3166 alpha-2 country code, or None."""
    return REGION_OF.get(country or "")


def countries_in(region: str) -> frozenset[str]:
    return frozenset(code for code, name in REGION_OF.items() if name == region)
