"""Short Norwegian (bokmål) texts for minutes, journal notes, plans and decisions.

Varied by picking from small pools and filling in a few details; no real people or places
of work are named (employers are described by kind).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from introsak.casefacts.enums import EducationLevel, EndGoal, EndReason

OCCUPATIONS = (
    "regnskapsfører",
    "lærer",
    "sykepleier",
    "ingeniør",
    "økonom",
    "IT-utvikler",
    "frisør",
    "kokk",
    "sjåfør",
    "elektriker",
    "butikkmedarbeider",
    "barnehageassistent",
    "renholder",
    "snekker",
    "jurist",
    "tannlege",
    "farmasøyt",
    "sveiser",
    "mekaniker",
    "designer",
    "logistikkmedarbeider",
    "helsefagarbeider",
    "lagerarbeider",
    "bygningsarbeider",
)
WORKPLACES = (
    "kommunal barnehage i bydelen",
    "privat barnehage",
    "sykehjem i bydelen",
    "hjemmetjenesten",
    "dagligvarebutikk",
    "klesbutikk",
    "renholdsbedrift",
    "hotell",
    "kantine",
    "restaurant",
    "AKS ved en barneskole",
    "bydelsadministrasjonen",
    "frivilligsentralen",
    "lager og logistikk",
    "byggevarehus",
)
PRACTICE_WORKPLACES = WORKPLACES[:12]
VOCATIONAL_COURSES = (
    "AMO-kurs truck (T1-T4)",
    "førerkort klasse B",
    "helsesekretærkurs",
    "kurs i renhold",
    "barne- og ungdomsarbeiderkurs",
    "kassekurs for butikk",
)
SCHOOLS_EAST = ("Helsfyr voksenopplæring", "Skullerud voksenopplæring")
SCHOOLS_CENTRAL = ("Rosenhoff voksenopplæring", "Helsfyr voksenopplæring")
EAST = frozenset(
    {"ostensjo", "nordstrand", "sondre_nordstrand", "alna", "grorud", "stovner", "bjerke"}
)


def pick(rng: random.Random, options: Sequence[str]) -> str:
    return rng.choice(options)


def school(rng: random.Random, district: str) -> str:
    return rng.choice(SCHOOLS_EAST if district in EAST else SCHOOLS_CENTRAL)


# --- plans ------------------------------------------------------------------------------------

ELEMENTS_BASE = ("norskopplæring", "samfunnskunnskap", "livsmestring")


def plan_elements(rng: random.Random, goal: EndGoal | None, parent: bool) -> tuple[str, ...]:
    extra = [
        "karriereveiledning",
        "jobbverksted",
        "språkpraksis",
        "arbeidspraksis",
        "arbeidsrettede kurs",
        "CV og jobbsøking",
    ]
    if goal in {EndGoal.EDUCATION, EndGoal.UPPER_SECONDARY_COMPLETION}:
        extra = [
            "grunnskole for voksne",
            "videregående opplæring",
            "karriereveiledning",
            "studieforberedende norsk",
            "språkpraksis",
        ]
    elements = list(ELEMENTS_BASE) + rng.sample(extra, k=rng.randint(2, 3))
    if parent:
        elements.append("foreldreveiledning")
    return tuple(elements)


def sub_goals(
    rng: random.Random,
    goal: EndGoal | None,
    occupation: str,
    recognition: bool,
    revised_2024: bool,
) -> tuple[str, ...]:
    pool = [
        "Nå A2 muntlig innen tre måneder",
        "Bestå samfunnskunnskapsprøven",
        "Delta på jobbverksted hver uke",
        f"Få språkpraksis innen {occupation}-yrket eller beslektet arbeid",
        "Øve på jobbintervju og presentasjon av seg selv",
        "Lære å bruke nav.no og Finn.no til jobbsøking",
        "Få barnehageplass slik at programmet kan gjennomføres på fulltid",
    ]
    if goal in {EndGoal.EDUCATION, EndGoal.UPPER_SECONDARY_COMPLETION}:
        pool += [
            "Søke opptak til videregående opplæring for voksne",
            "Nå B1 skriftlig før søknadsfristen",
            "Få karriereveiledning om utdanningsvalg",
        ]
    chosen = rng.sample(pool, k=rng.randint(2, 3))
    if recognition:
        chosen.insert(0, "Sende søknad om godkjenning av utdanning til HK-dir")
    if revised_2024:
        chosen.append("Lage CV og registrere seg som arbeidssøker på nav.no")
    return tuple(chosen)


def plan_justification(
    rng: random.Random,
    education: EducationLevel,
    goal: EndGoal | None,
    months: int,
    collective: bool,
    occupation: str,
) -> str:
    level = {
        EducationLevel.NONE: "ikke fullført grunnskole",
        EducationLevel.PRIMARY: "grunnskole som høyeste utdanning",
        EducationLevel.UPPER_SECONDARY: "fullført videregående opplæring",
        EducationLevel.VOCATIONAL_COLLEGE: "fagskoleutdanning",
        EducationLevel.HIGHER: "høyere utdanning",
    }[education]
    goal_text = (
        {
            EndGoal.WORK: "å komme i arbeid",
            EndGoal.EDUCATION: "å bli kvalifisert for høyere utdanning",
            EndGoal.UPPER_SECONDARY_COMPLETION: "å fullføre videregående opplæring",
            EndGoal.PRIMARY_EDUCATION: "å fullføre grunnskole",
            EndGoal.OTHER: "å mestre hverdagen og arbeidslivet i Norge",
        }.get(goal, "avklares innen seks måneder")
        if goal
        else "avklares innen seks måneder"
    )
    start = rng.choice(
        (
            f"Deltakeren har {level} fra hjemlandet og erfaring som {occupation}.",
            f"Deltakeren har {level} og har arbeidet som {occupation}.",
            f"Kartleggingen viser {level}; deltakeren ønsker å jobbe som {occupation} på sikt.",
        )
    )
    rule = (
        "Med minst videregående opplæring fastsettes programmet til seks måneder."
        if months <= 6
        else f"Programmet fastsettes til {months} måneder ut fra utdanningsbakgrunn og sluttmål."
    )
    if collective and months <= 6:
        rule += " Forlengelse med inntil seks måneder kan vurderes."
    return f"{start} Sluttmålet er {goal_text}. {rule}"


def extension_justification(rng: random.Random, months: int, goal: EndGoal | None) -> str:
    reason = rng.choice(
        (
            "Deltakeren har god progresjon i norsk, men trenger mer tid for å nå sluttmålet.",
            "Trekantsamtalen viser at deltakeren er nær målet; språkpraksis fortsetter.",
            "Deltakeren har hatt fravær på grunn av sykdom i familien og trenger mer tid.",
            "Deltakeren er i praksis med mulighet for ansettelse; forlengelse gir tid til dette.",
            "Norskprøve er planlagt; forlengelse gir mulighet til å ta prøven i programmet.",
        )
    )
    return f"{reason} Programmet forlenges med {months} måneder."


# --- meetings ---------------------------------------------------------------------------------


def minutes(rng: random.Random, level: str, practice: bool) -> dict[str, str]:
    return {
        "attendance": rng.choice(
            (
                "Deltaker, programrådgiver og norsklærer til stede.",
                "Deltaker, rådgiver og lærer; tolk på telefon.",
                "Alle til stede på Teams.",
            )
        ),
        "norwegian_progress": rng.choice(
            (
                f"Jevn fremgang, forventer {level} muntlig innen neste samtale.",
                f"Har bestått delprøver på {level}; skriftlig er svakere enn muntlig.",
                "Progresjonen er noe langsom; fravær i perioder.",
                "God progresjon, deltar aktivt i timene.",
            )
        ),
        "wellbeing_and_effort": rng.choice(
            (
                "Trives, motivert og møter stabilt.",
                "Sliten i perioder på grunn av boligsituasjonen; ellers motivert.",
                "Bekymret for familie i hjemlandet, men gjør en god innsats.",
                "Godt oppmøte og god innsats.",
            )
        ),
        "language_practice": (
            "Språkpraksis fungerer godt; arbeidsgiver er fornøyd."
            if practice
            else rng.choice(
                (
                    "Ønsker språkpraksis; rådgiver undersøker plass i barnehage.",
                    "Ikke aktuelt før norsknivået er høyere.",
                    "Markedskontakt spørres om praksisplass.",
                )
            )
        ),
        "other_measures": rng.choice(
            (
                "Jobbverksted hver uke.",
                "Vurderer arbeidsrettet kurs (AMO).",
                "Ingen andre tiltak nå.",
                "Registrering som arbeidssøker på nav.no gjennomgått.",
            )
        ),
        "further_plan": rng.choice(
            (
                "Ny trekantsamtale om seks måneder.",
                "Vurdere forlengelse ved neste samtale.",
                "Starte jobbsøking; lage CV før neste samtale.",
                "Fortsette som planlagt.",
            )
        ),
    }


# --- journal notes ----------------------------------------------------------------------------


def note_settlement(rng: random.Random, parent: bool = False) -> str:
    options = [
        "Bosatt i bydelen. Kronekort og vedtak om økonomisk sosialhjelp ordnet.",
        "Bosettingssamtale gjennomført. Meldt til registrering og kartlegging hos Servicesenteret.",
    ]
    if parent:
        options.append("Bosatt. Barna meldt på skole og barnehage; meldt til Servicesenteret.")
    return rng.choice(options)


def note_mapping(rng: random.Random, occupation: str) -> str:
    return rng.choice(
        (
            f"Kompetansekartlegging gjennomført. Yrkeserfaring som {occupation}.",
            f"Kartleggingsskjema fylt ut: utdanning, arbeidserfaring ({occupation}), språk, "
            "førerkort.",
            "Kartlegging hos Servicesenteret gjennomført; norsktest og skoleplassering mottatt.",
        )
    )


def note_contact(rng: random.Random) -> str:
    return rng.choice(
        (
            "SMS: minnet om oppmøte på jobbverksted torsdag.",
            "Telefonsamtale om fravær forrige uke; barnet var sykt.",
            "Oppfølgingssamtale på kontoret. Går bra på skolen.",
            "Deltakeren ringte om utbetaling av introduksjonsstønad; avklart.",
            "Samtale om jobbønsker og realistiske mål på kort sikt.",
            "SMS om drop-in-time for hjelp med CV.",
            "Deltakeren møtte ikke til avtalt time; ny time sendt på SMS.",
        )
    )


def note_recognition(rng: random.Random, by_participant: bool) -> str:
    if by_participant:
        return rng.choice(
            (
                "Deltakeren informerer om at søknad om godkjenning av utdanning er sendt til "
                "HK-dir.",
                "Deltakeren har selv sendt søknad om godkjenning av utdanning.",
            )
        )
    return "Søknad om godkjenning av utdanning sendt til HK-dir av NAV."


def note_jobseeker(rng: random.Random) -> str:
    return rng.choice(
        (
            "Registrert som arbeidssøker på nav.no sammen med deltakeren.",
            "Deltakeren har registrert seg som arbeidssøker med CV på nav.no.",
        )
    )


def note_practice(rng: random.Random, workplace: str) -> str:
    return f"Språkpraksis avtalt: {workplace}. Innhold, varighet og oppgaver avklart."


def note_end(rng: random.Random, reason: EndReason | None) -> str:
    text = {
        EndReason.WORK: "Avslutter programmet; har fått jobb.",
        EndReason.EDUCATION: "Avslutter programmet; skal begynne på utdanning.",
        EndReason.LABOUR_MARKET_MEASURE: "Avslutter programmet; går over til arbeidsmarkedstiltak.",
        EndReason.QUALIFICATION_MEASURE: "Avslutter programmet; søkt kvalifiseringsprogrammet.",
        EndReason.OTHER: "Avslutter programmet.",
        EndReason.NOT_REGISTERED: "Programmet er avsluttet.",
    }.get(reason or EndReason.NOT_REGISTERED, "Programmet er avsluttet.")
    return text + rng.choice(("", " Avslutningssamtale holdt.", " Deltakerbevis bestilt."))


def note_declined(rng: random.Random) -> str:
    return rng.choice(
        (
            "Ønsker ikke å delta i introduksjonsprogrammet; har fått jobb.",
            "Har valgt å ikke søke om introduksjonsprogram nå; tar kontakt ved behov.",
            "Studerer på nett ved universitet i hjemlandet; ønsker ikke program nå.",
        )
    )


def note_waiting(rng: random.Random) -> str:
    return rng.choice(
        (
            "Venter på plass i norskopplæringen.",
            "Venter på folkeregistrering før time hos Servicesenteret.",
            "Venter på barnehageplass; oppstart av programmet planlegges deretter.",
        )
    )


def leave_reason(rng: random.Random, long: bool) -> str:
    if long:
        return rng.choice(("Foreldrepermisjon", "Permisjon ved fødsel", "Langvarig sykdom"))
    return rng.choice(("Sykdom", "Velferdspermisjon", "Omsorg for sykt barn"))
