"""One ACLED-style sentence per report, built only from the report's fields.

"On 7 August 2022, Armed Forces of Ukraine shelled Alchevsk (Luhansk) with HIMARS
(MLRS) (munitions: 1), killing 1 and injuring 14. Claimed by: LPR representative office
(RU)." Nothing goes in that is not a field, so the summary never says more than the
evidence.
"""

from __future__ import annotations

from ..model import Report, Stance

__all__ = ["summarise"]

_VERBS = {
    "Shelling/artillery/missile attack": "shelled",
    "Air/drone strike": "carried out an air/drone strike on",
    "Remote explosive/landmine/IED": "set off an explosive device in",
    "Grenade": "threw a grenade in",
    "Suicide bomb": "carried out a suicide bombing in",
    "Chemical weapon": "used a chemical weapon in",
    "Armed clash": "clashed with the other side in",
    "Government regains territory": "regained control of",
    "Non-state actor overtakes territory": "took control of",
    "Disrupted weapons use": "intercepted or disabled weapons over",
    "Attack": "attacked civilians in",
    "Abduction/forced disappearance": "abducted people in",
    "Sexual violence": "committed sexual violence in",
    "Arrests": "made arrests in",
    "Looting/property destruction": "looted or destroyed property in",
    "Peaceful protest": "protested in",
    "Protest with intervention": "protested, and were stopped, in",
}


def _day(report: Report) -> str:
    if report.date_range and report.date_range[0] != report.date_range[1]:
        # a range is said even without a best day: "earlier this month" is a month, not
        # an unknown date
        lo, hi = report.date_range
        if report.time_precision == 3 and lo.day == 1 and (lo.year, lo.month) == (
                hi.year, hi.month):
            return f"Sometime in {lo:%B %Y}"  # a month up to the day of publication too
        return f"Sometime between {lo.day} {lo:%B} and {hi.day} {hi:%B %Y}"
    if report.date is None:
        return "On an unknown date"
    d = report.date
    return f"On {d.day} {d:%B %Y}"


def _harm(report: Report) -> str:
    """The toll; a stated zero reads as "no one killed", never as "killing 0"."""
    dead, hurt = report.fatalities, report.injured
    if dead == 0 and hurt in (0, None):
        return ", with no casualties reported" if hurt == 0 else ", with no one killed"
    harm = []
    if dead:
        harm.append(f"killing {dead}")
    if hurt:
        harm.append(f"injuring {hurt}")
    text = ", " + " and ".join(harm) if harm else ""
    if dead == 0:
        text += ", with no one killed"
    elif hurt == 0:
        text += ", with no one injured"
    return text


def summarise(report: Report) -> str:
    who = report.attacker.name if report.attacker else "unidentified forces"
    if report.sub_event_type in ("Peaceful protest", "Protest with intervention"):
        who = "protesters"
    verb = _VERBS.get(report.sub_event_type or "", "attacked")
    if report.location:
        where = report.location.name or report.location.mention
        if report.location.admin1 and report.location.admin1 != where:
            where = f"{where} ({report.location.admin1})"
        if report.location.geo_precision == 2:
            where = f"near {where}"
            verb = verb.removesuffix(" in").removesuffix(" on").removesuffix(" over")
    else:
        where = "an unnamed place"
    parts = [f"{_day(report)}, {who} {verb} {where}"]
    if report.target and report.sub_event_type not in ("Peaceful protest",):
        # whom an arrest or an abduction took is detained, not hit
        held = report.sub_event_type in ("Arrests", "Abduction/forced disappearance")
        parts[0] += f", {'detaining' if held else 'hitting'} {report.target.name}"
    if report.weapons:
        names = ", ".join(
            w.name if not w.weapon_class or w.weapon_class.lower() == w.name.lower()
            else f"{w.name} ({w.weapon_class})" for w in report.weapons)
        # what was intercepted is the target of an interception, not its means
        joint = "intercepting" if report.sub_event_type == "Disrupted weapons use" else "with"
        parts[0] += f" {joint} {names}"
    if report.munitions is not None:
        parts[0] += f" (munitions: {report.munitions})"
    text = parts[0] + _harm(report) + "."
    asserted = [c for c in report.claims if c.stance == Stance.ASSERTS]
    denied = [c for c in report.claims if c.stance == Stance.DENIES]
    if asserted:
        text += " Claimed by: " + "; ".join(f"{c.claimant} ({c.side})" for c in asserted) + "."
    if denied:
        text += " Denied by: " + "; ".join(f"{c.claimant} ({c.side})" for c in denied) + "."
    unchecked = [c for c in report.claims if c.stance == Stance.UNVERIFIED]
    # media and observers could not verify it; a party that would not confirm it is
    # another matter ("the ministry did not confirm the strike"), and is named
    if any(c.side in (None, "other") for c in unchecked):
        text += " Not independently verified."
    parties = [c for c in unchecked if c.side not in (None, "other")]
    if parties:
        text += " Not confirmed by: " + "; ".join(f"{c.claimant} ({c.side})"
                                                  for c in parties) + "."
    return text
