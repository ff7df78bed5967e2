"""Synthetic names, addresses and identity numbers.

Names are random combinations, never real people. Ukrainians (collective protection) get
Ukrainian or Russian names from Faker's ``uk_UA`` and ``ru_RU`` locales, written in Latin
letters as the Norwegian population register has them: Ukrainian names with Ukraine's
official transliteration (KMU 2010, used in Ukrainian passports), Russian names with the
ICAO 9303 table. Slavic surnames take the feminine form where the language has one, and a
household shares a surname. Refugees with other residence bases get common given names and
surnames of the main countries of origin (Syria, Afghanistan, Eritrea …) from short lists
below. Staff get Norwegian names (``no_NO``).

Identity numbers are Test-Norge synthetic numbers (month + 80), which can never belong to a
real person (``introsak.identity.make_synthetic_identity_number``). DUF numbers are left out:
they have no synthetic form.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date

from faker import Faker

from introsak.casefacts.enums import ResidenceBasis, Sex
from introsak.identity import make_synthetic_identity_number

# fmt: off
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
}
# fmt: on
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# fmt: off
_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
# fmt: on


def transliterate_uk(text: str) -> str:
    """Ukrainian Cyrillic to Latin (KMU 2010: initial є ї й ю я as ye yi y yu ya; зг → zgh)."""
    return "-".join(_word(part, _UK, _UK_INITIAL, ukrainian=True) for part in text.split("-"))


def transliterate_ru(text: str) -> str:
    """Russian Cyrillic to Latin (ICAO 9303, as in Russian passports since 2013)."""
    return "-".join(_word(part, _RU, {}, ukrainian=False) for part in text.split("-"))


def _word(word: str, table: Mapping[str, str], initial: Mapping[str, str], ukrainian: bool) -> str:
    out: list[str] = []
    lower = word.lower()
    for i, ch in enumerate(lower):
        if ukrainian and ch == "г" and i > 0 and lower[i - 1] == "з":
            out.append("gh")
        elif i == 0 and ch in initial:
            out.append(initial[ch])
        else:
            out.append(table.get(ch, ch))
    latin = "".join(out)
    return latin[:1].upper() + latin[1:]


def feminine_surname(surname: str, russian: bool) -> str:
    """The feminine form of a (Cyrillic) masculine surname, where there is one."""
    for male, female in (
        ("ський", "ська"),
        ("цький", "цька"),
        ("зький", "зька"),
        ("ский", "ская"),
        ("цкий", "цкая"),
        ("ий", "а"),
        ("ой", "ая"),
    ):
        if surname.endswith(male):
            return surname[: -len(male)] + female
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын", "єв")):
        return surname + "а"
    if russian and surname.endswith("ый"):
        return surname[:-2] + "ая"
    return surname


# Common given names and surnames by country of origin (Latin script, as registered in Norway).
# fmt: off
ORIGINS: Mapping[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "syria": (
        (
            "Ahmad", "Mohammad", "Omar", "Khaled", "Yousef", "Hassan", "Ali", "Mahmoud", "Ibrahim",
            "Samer", "Rami", "Tarek", "Walid", "Fadi", "Bilal",
        ),
        (
            "Fatima", "Aya", "Rama", "Nour", "Hiba", "Lama", "Rasha", "Amal", "Hala", "Maryam",
            "Reem", "Sara", "Yasmin", "Dima", "Rana",
        ),
        (
            "Al-Hassan", "Haddad", "Khalil", "Hamdan", "Ibrahim", "Mahmoud", "Al-Ahmad", "Darwish",
            "Suleiman", "Othman", "Al-Khatib", "Najjar", "Halabi", "Qassem", "Zaher", "Mansour",
            "Hamwi", "Sabbagh",
        ),
    ),
    "afghanistan": (
        (
            "Ahmad", "Mohammad", "Rahim", "Farid", "Jawad", "Naveed", "Mustafa", "Hamid", "Sayed",
            "Wahid", "Habib", "Zabihullah",
        ),
        (
            "Zahra", "Fatima", "Maryam", "Parisa", "Shabnam", "Nilofar", "Mursal", "Marzia",
            "Roya", "Sima", "Farzana", "Hadia",
        ),
        (
            "Ahmadi", "Rahimi", "Hakimi", "Sultani", "Mohammadi", "Hashimi", "Rezai", "Karimi",
            "Nazari", "Jafari", "Habibi", "Noori", "Amiri", "Sharifi",
        ),
    ),
    "eritrea": (
        (
            "Yonas", "Dawit", "Filmon", "Mussie", "Tesfay", "Samuel", "Biniam", "Yohannes",
            "Mehari", "Robel", "Henok", "Efrem",
        ),
        (
            "Semhar", "Helen", "Luwam", "Saba", "Ruta", "Selam", "Mebrat", "Hiwet", "Senait",
            "Feven", "Winta", "Eden",
        ),
        (
            "Tesfay", "Gebremedhin", "Haile", "Tekle", "Berhane", "Kidane", "Woldu", "Habte",
            "Asfaha", "Tewelde", "Mehari", "Yemane", "Abraha", "Ghebremariam",
        ),
    ),
    "great_lakes": (
        (
            "Jean-Pierre", "Patrick", "Emmanuel", "Didier", "Christian", "Olivier", "Serge",
            "Joseph", "Blaise", "Jonathan",
        ),
        (
            "Grâce", "Esther", "Christelle", "Ange", "Divine", "Nadège", "Chantal", "Ruth",
            "Josiane", "Clarisse",
        ),
        (
            "Mukendi", "Mbuyi", "Tshibangu", "Ilunga", "Kabongo", "Mulumba", "Ngoy", "Kasongo",
            "Lukusa", "Nduwimana", "Niyonzima", "Bizimana", "Habimana",
        ),
    ),
    "somalia": (
        (
            "Abdirahman", "Abdullahi", "Faisal", "Mohamed", "Hassan", "Abdi", "Said", "Yusuf",
            "Osman", "Ahmed",
        ),
        (
            "Hodan", "Ayaan", "Ifrah", "Sahra", "Hibaaq", "Fadumo", "Asli", "Ubah", "Muna",
            "Nimco",
        ),
        (
            "Abdi", "Hassan", "Farah", "Warsame", "Mohamed", "Jama", "Omar", "Ahmed", "Yusuf",
            "Nur", "Aden", "Dahir",
        ),
    ),
    "sudan": (
        (
            "Mohamed", "Osman", "Ahmed", "Yousif", "Abdelrahman", "Mustafa", "Elfatih", "Hamza",
        ),
        (
            "Hawa", "Amna", "Samah", "Fatima", "Rayan", "Marwa", "Hiba", "Sumaya",
        ),
        (
            "Osman", "Adam", "Idris", "Abdalla", "Elamin", "Suleiman", "Hamid", "Musa", "Babiker",
        ),
    ),
    "kurdistan": (
        (
            "Karwan", "Rebwar", "Shivan", "Dilshad", "Hawre", "Ahmed", "Aram", "Sirwan",
        ),
        (
            "Shilan", "Nasrin", "Rozhin", "Avin", "Lana", "Zhino", "Bahar", "Hero",
        ),
        (
            "Karim", "Salih", "Rashid", "Aziz", "Hamad", "Mustafa", "Faraj", "Qadir", "Hussein",
        ),
    ),
    "iran": (
        (
            "Reza", "Amir", "Hossein", "Mehdi", "Saeed", "Arash", "Babak", "Kaveh",
        ),
        (
            "Maryam", "Zahra", "Shirin", "Leila", "Nasrin", "Parisa", "Mahsa", "Sahar",
        ),
        (
            "Hosseini", "Karimi", "Rahimi", "Moradi", "Rostami", "Jafari", "Mousavi", "Sadeghi",
            "Kazemi",
        ),
    ),
    "ethiopia": (
        (
            "Dawit", "Yonas", "Abebe", "Tesfaye", "Solomon", "Bereket", "Girma",
        ),
        (
            "Meron", "Selam", "Hanna", "Tigist", "Bethlehem", "Liya", "Rahel",
        ),
        (
            "Tadesse", "Bekele", "Girma", "Alemu", "Mekonnen", "Kebede", "Getachew", "Wolde",
        ),
    ),
}
# fmt: on

# fmt: off
ORIGIN_WEIGHTS: Mapping[ResidenceBasis, Mapping[str, float]] = {
    ResidenceBasis.REFUGEE: {
        "syria": 0.3, "afghanistan": 0.2, "eritrea": 0.15, "great_lakes": 0.06, "somalia": 0.05,
        "sudan": 0.07, "kurdistan": 0.06, "iran": 0.06, "ethiopia": 0.05,
    },
    ResidenceBasis.RESETTLEMENT_REFUGEE: {
        "syria": 0.4, "great_lakes": 0.25, "afghanistan": 0.15, "sudan": 0.1, "eritrea": 0.1,
    },
    ResidenceBasis.HUMANITARIAN: {
        "afghanistan": 0.3, "iran": 0.2, "kurdistan": 0.2, "syria": 0.15, "ethiopia": 0.15,
    },
    ResidenceBasis.FAMILY_REUNIFICATION: {
        "eritrea": 0.3, "syria": 0.25, "somalia": 0.15, "afghanistan": 0.15, "ethiopia": 0.15,
    },
}
# fmt: on
MIXED_ORIGINS = {name: 1.0 for name in ORIGINS}

# Street-address postcodes by district (one or a few of the district's own).
# fmt: off
POSTCODES: Mapping[str, tuple[str, ...]] = {
    "gamle_oslo": ("0191", "0560", "0653", "0658", "0192"),
    "grunerlokka": ("0550", "0555", "0563", "0575", "0484"),
    "sagene": ("0461", "0474", "0477", "0479", "0451"),
    "st_hanshaugen": ("0165", "0170", "0171", "0175", "0356"),
    "frogner": ("0260", "0263", "0266", "0271", "0350"),
    "ullern": ("0275", "0277", "0281", "0283", "0376"),
    "vestre_aker": ("0373", "0379", "0381", "0765", "0788"),
    "nordre_aker": ("0850", "0855", "0863", "0870", "0875"),
    "bjerke": ("0580", "0584", "0589", "0592", "0594"),
    "grorud": ("0950", "0953", "0956", "0957", "0958"),
    "stovner": ("0980", "0982", "0985", "0986", "0988"),
    "alna": ("0660", "0667", "0671", "0680", "1081"),
    "ostensjo": ("0668", "0681", "0687", "0691", "0694"),
    "nordstrand": ("1150", "1151", "1165", "1169", "1176"),
    "sondre_nordstrand": ("1251", "1253", "1256", "1279", "1283"),
}
# fmt: on


class Names:
    """Name, surname and address makers for one generated Oslo (seeded Faker instances)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"introsak-demo:{seed}:names")  # noqa: S311 - not for security
        self.fakers: dict[str, Faker] = {}
        for index, locale in enumerate(("uk_UA", "ru_RU", "no_NO")):
            fake = Faker(locale)
            fake.seed_instance(seed * 10 + index)
            self.fakers[locale] = fake

    def household(self, basis: ResidenceBasis) -> tuple[str, str]:
        """(origin, surname in its masculine form) for a new household."""
        if basis is ResidenceBasis.COLLECTIVE_PROTECTION:
            origin = "ru" if self.rng.random() < 0.3 else "uk"
            locale = "ru_RU" if origin == "ru" else "uk_UA"
            return origin, str(self.fakers[locale].last_name_male())
        weights = ORIGIN_WEIGHTS.get(basis, MIXED_ORIGINS)
        origin = self.rng.choices(list(weights), weights=list(weights.values()), k=1)[0]
        return origin, self.rng.choice(ORIGINS[origin][2])

    def person(self, origin: str, surname: str, sex: Sex) -> str:
        female = sex is Sex.FEMALE
        if origin in {"uk", "ru"}:
            fake = self.fakers["ru_RU" if origin == "ru" else "uk_UA"]
            given = str(fake.first_name_female() if female else fake.first_name_male())
            family = feminine_surname(surname, origin == "ru") if female else surname
            latin = transliterate_ru if origin == "ru" else transliterate_uk
            return f"{latin(given)} {latin(family)}"
        males, females, _ = ORIGINS[origin]
        return f"{self.rng.choice(females if female else males)} {surname}"

    def staff(self) -> str:
        """A Norwegian "First Last" (exactly one space)."""
        fake = self.fakers["no_NO"]
        while True:
            first, last = str(fake.first_name()), str(fake.last_name())
            if " " not in first and " " not in last:
                return f"{first} {last}"

    def address(self, district: str) -> str:
        fake = self.fakers["no_NO"]
        street = str(fake.street_name())
        number = self.rng.randint(1, 120)
        letter = self.rng.choice(("", "", "", " A", " B"))
        postcode = self.rng.choice(POSTCODES[district])
        return f"{street} {number}{letter}, {postcode} Oslo"


class IdentityNumbers:
    """Unique synthetic identity numbers: the n-th valid number of each birth date."""

    def __init__(self) -> None:
        self.used: dict[date, int] = {}

    def take(self, birth: date, *, d_number: bool = False) -> str:
        serial = self.used.get(birth, 0)
        self.used[birth] = serial + 1
        return make_synthetic_identity_number(birth, serial, d_number=d_number)
