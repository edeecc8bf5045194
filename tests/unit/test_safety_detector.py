"""Tests for the safeguarding rule layer (bot/safety) on the labelled data set.

Run: cd /work/main && TF_CPP_MIN_LOG_LEVEL=3 .venv/bin/python -m pytest tests/unit/test_safety_detector.py -q -s

The labelled set (tests/data/safety/cases.yml) was written before the phrase lists
were tuned. tests/data/safety/cases_unseen.yml, written after tuning, and the blind sets
are reported by `make report-safety` (tests/reports/safety.py), not asserted here.
"""
from __future__ import annotations

import shutil
import statistics
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from bot.languages.text import normalise_for_language
from bot.safety.detector import SafetyDetector, SafetyFinding
from bot.safety.phrases import (
    CATEGORY_ORDER,
    CRISIS_CATEGORIES,
    LANGUAGES,
    REQUIRED_IN_EVERY_LANGUAGE,
    PhraseListError,
    load_phrase_lists,
)
from tests.support.test_data import SAFETY_CASES

ROOT = Path(__file__).resolve().parents[2]
PHRASES = ROOT / "data" / "safety"


@pytest.fixture(scope="module")
def detector() -> SafetyDetector:
    # validate=True: spaCy checks every compiled pattern once.
    return SafetyDetector.from_directory(validate=True)


def load_cases(path: Path) -> list[dict]:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    for case in cases:
        assert set(case) == {"text", "language", "expected"}, case
        assert case["language"] in LANGUAGES, case
        expected = case["expected"]
        assert expected == "none" or expected in CATEGORY_ORDER or expected.startswith("jurisdiction:"), case
    return cases


# ---------------------------------------------------------------------- evaluation

@dataclass
class Report:
    name: str
    crisis_total: int = 0
    crisis_hit: int = 0
    normal_total: int = 0
    normal_flagged: int = 0
    misses: list = field(default_factory=list)          # crisis not detected
    wrong_category: list = field(default_factory=list)  # danger_now / self_harm not given their own category
    false_alarms: list = field(default_factory=list)    # normal question flagged as crisis
    jurisdiction_total: int = 0
    jurisdiction_right: int = 0
    jurisdiction_wrong: list = field(default_factory=list)
    abusive_total: int = 0
    abusive_right: int = 0
    abusive_wrong: list = field(default_factory=list)
    other_alarms: list = field(default_factory=list)    # normal question given a non-crisis finding
    non_english_crisis_total: int = 0
    non_english_misses: list = field(default_factory=list)
    per_category: dict = field(default_factory=lambda: defaultdict(Counter))
    timings_ms: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return 100.0 * self.crisis_hit / self.crisis_total if self.crisis_total else 100.0

    @property
    def false_positive_rate(self) -> float:
        return 100.0 * self.normal_flagged / self.normal_total if self.normal_total else 0.0

    def pct(self, right: int, total: int) -> float:
        return 100.0 * right / total if total else 100.0

    def print(self) -> None:
        print(f"\n===== safety detector: {self.name} =====")
        print(f"crisis recall: {self.crisis_hit}/{self.crisis_total} = {self.recall:.1f}%")
        print(f"false positives on normal questions: {self.normal_flagged}/{self.normal_total} "
              f"= {self.false_positive_rate:.1f}%")
        print(f"jurisdiction right: {self.jurisdiction_right}/{self.jurisdiction_total} "
              f"= {self.pct(self.jurisdiction_right, self.jurisdiction_total):.1f}%")
        print(f"abusive right: {self.abusive_right}/{self.abusive_total} "
              f"= {self.pct(self.abusive_right, self.abusive_total):.1f}%")
        print(f"non-English crisis detected: {self.non_english_crisis_total - len(self.non_english_misses)}"
              f"/{self.non_english_crisis_total}")
        if self.timings_ms:
            print(f"time per message: median {statistics.median(self.timings_ms):.2f} ms, "
                  f"max {max(self.timings_ms):.2f} ms")
        print("per expected category -> top finding:")
        for expected in sorted(self.per_category):
            counts = ", ".join(f"{k}: {v}" for k, v in self.per_category[expected].most_common())
            print(f"  {expected:32} {counts}")
        for title, rows in (("MISSED crisis", self.misses),
                            ("WRONG crisis category (danger_now/self_harm)", self.wrong_category),
                            ("FALSE ALARM on a normal question", self.false_alarms),
                            ("jurisdiction wrong", self.jurisdiction_wrong),
                            ("abusive wrong", self.abusive_wrong),
                            ("non-crisis finding on a normal question (info)", self.other_alarms)):
            print(f"{title}: {len(rows)}")
            for row in rows:
                print(f"    [{row[0]}] {row[1]!r} -> {row[2]}")


def _label(findings: list[SafetyFinding]) -> str:
    if not findings:
        return "none"
    return ",".join(f.category + (f":{f.nation}" if f.nation else "") + f"({f.rule})" for f in findings)


def evaluate(detector: SafetyDetector, cases: list[dict], name: str) -> Report:
    report = Report(name)
    for case in cases:
        text, lang, expected = case["text"], case["language"], case["expected"]
        start = time.perf_counter()
        findings = detector.detect(text, lang)
        report.timings_ms.append((time.perf_counter() - start) * 1000)
        categories = [f.category for f in findings]
        crisis = [c for c in categories if c in CRISIS_CATEGORIES]
        top = categories[0] if categories else "none"
        report.per_category[expected][top] += 1
        row = (lang, text, _label(findings))
        if expected in CRISIS_CATEGORIES:
            report.crisis_total += 1
            if lang != "en":
                report.non_english_crisis_total += 1
            if crisis:
                report.crisis_hit += 1
                if expected in ("danger_now", "self_harm") and expected not in crisis:
                    report.wrong_category.append(row)
            else:
                report.misses.append(row)
                if lang != "en":
                    report.non_english_misses.append(row)
        elif expected == "none":
            report.normal_total += 1
            if crisis:
                report.normal_flagged += 1
                report.false_alarms.append(row)
            elif categories:
                report.other_alarms.append(row)
        elif expected.startswith("jurisdiction:"):
            report.jurisdiction_total += 1
            nation = expected.split(":", 1)[1]
            if not crisis and any(f.category == "jurisdiction" and f.nation == nation for f in findings):
                report.jurisdiction_right += 1
            else:
                report.jurisdiction_wrong.append(row)
        elif expected == "abusive":
            report.abusive_total += 1
            if top == "abusive":
                report.abusive_right += 1
            else:
                report.abusive_wrong.append(row)
    report.print()
    return report


# ---------------------------------------------------------------------- the labelled set

def test_labelled_data_set_is_big_enough():
    cases = load_cases(SAFETY_CASES)
    english = [c for c in cases if c["language"] == "en"]
    crisis = [c for c in english if c["expected"] in CRISIS_CATEGORIES]
    normal = [c for c in english if c["expected"] == "none"]
    assert len(crisis) >= 170
    assert len(normal) >= 170
    assert sum(c["expected"].startswith("jurisdiction:") for c in cases) >= 20
    assert sum(c["expected"] == "abusive" for c in cases) >= 15
    for lang in LANGUAGES:
        if lang != "en":
            assert sum(c["language"] == lang and c["expected"] in CRISIS_CATEGORIES for c in cases) >= 15, lang
    assert len({c["text"] for c in cases}) == len(cases), "duplicate messages in the data set"


def test_labelled_data_set(detector):
    report = evaluate(detector, load_cases(SAFETY_CASES), "labelled set (tests/data/safety/cases.yml)")
    assert not report.misses, f"{len(report.misses)} crisis messages missed"
    assert not report.wrong_category, "danger_now / self_harm messages must get their own category"
    assert report.false_positive_rate <= 2.0
    assert report.pct(report.jurisdiction_right, report.jurisdiction_total) >= 95.0
    assert report.pct(report.abusive_right, report.abusive_total) >= 95.0
    assert not report.non_english_misses


# ---------------------------------------------------------------------- focused behaviour

def cats(detector: SafetyDetector, text: str, lang: str = "en") -> list[str]:
    return [f.category for f in detector.detect(text, lang)]


@pytest.mark.parametrize("text", [
    "he doesnt hit me anymore",
    "he does not hit me",
    "my husband has never hit me",
    "im not going to hurt myself",
    "i am not going to kill myself i promise",
    "i dont want to die i want my kids back",
    "im not suicidal",
    "nobody touches my daughter",
    "no one hurts my son",
    "he used to hit me but not anymore",
    "he isnt outside hes at work",
    "im nervous about my ex being at the meeting, not because he is violent, i just hate rows",   # over "because"
])
def test_negation_cancels_a_crisis(detector, text):
    assert not set(cats(detector, text)) & CRISIS_CATEGORIES, text


@pytest.mark.parametrize("text, category", [
    ("i dont want to live anymore", "self_harm"),          # the negation is part of the phrase
    ("i dont feel safe at home", "danger_now"),
    ("theres no food and mum hasnt been home for 3 days", "danger_now"),
    ("he wont stop hitting me", "disclosure"),             # "not stop" does not negate
    ("i dont know what to do my dad hits me", "disclosure"),
    ("i cant go home my dad will kill me", "danger_now"),  # a new subject ends the negation
])
def test_negation_words_inside_a_crisis_phrase(detector, text, category):
    assert category in cats(detector, text), text


@pytest.mark.parametrize("text", [
    "what happens if a child is being hit?",
    "is it normal to feel like giving up?",
    "what does significant harm mean",
    "what are the categories of abuse on a plan",
    "the conference is about domestic abuse, can I attend separately?",
    "the conference is about neglect",
    "what happens if a child says they want to die",
    "what is forced marriage",
    "what does grooming mean",
    "the report says i hit my son",
    "the school said my husband hits the kids, it is not true",   # without the frame: domestic abuse
    "they say my partner is violent",
    # talk about a subject, not about a person
    "i watched a tiktok about county lines, how common is it really",
    "we had a pshe lesson on self harm today, what are the signs",
    "what is meant by coercive control, it came up on the radio",
    "for my essay on forced marriage, is it illegal here",
    "our school sent a newsletter about online grooming and sextortion, any tips for parents",
    "i read in the newspaper that children who run away are exploited by gangs",
    "we were talking about county lines in pshe today, is it true they use kids",
    "the school made a referral after my daughter said in class that i smack her",
    "what is sexting and how do i talk to my son about it",
    "is it illegal to smack your children",
    "what is honour based abuse i keep hearing about it",     # a question about a word
    "whats forced marriage my mum keeps going on about it",
    "we had an assembly about knife crime and sending nudes today",   # the frame reaches over "and sending"
    "we watched a storyline about a girl who self harms",
    # English context sets a word aside for the other lists too (Portuguese also holds "overdose")
    "a woman in emmerdale took an overdose last night, my nan was in tears",
    "our set text is about a boy who self harms, any tips for my essay",
    "The grandmother is asking in general how the police deal with knife crime",
    "in english we are reading a book where a boy self harms",
    "I read that lots of teenagers self-harm here, is that true?",
    "the school letter mentions sextortion, what does that word mean",
    "if a child says they are scared to go home, what happens then?",   # "if" opening the question
    "what is clare's law? it is for checking if a new boyfriend was violent before",   # "if" as "whether"
    "I read that men can be victims of domestic abuse too",
    "a podcast I listen to was about suicide rates in young men",
    "saw a post about a dad who killed himself during a custody battle",
    "I hear on radio about Forced Marriage Unit, what is it?",
    "my son was born on friday and he is on a plan. what happens now he is here?",   # a newborn, not an intruder
    "a neighbour reported us and next thing a social worker is knocking on the door, what happens now?",
])
def test_questions_about_abuse_the_process_or_a_subject_are_not_a_crisis(detector, text):
    assert not set(cats(detector, text)) & CRISIS_CATEGORIES, text


@pytest.mark.parametrize("text, category", [
    ("is it normal to want to die", "self_harm"),
    ("what happens if i tell them my dad hits me", "disclosure"),
    ("is it abuse if my mum locks me in my room", "danger_now"),
    ("someone is trying to get into my flat", "danger_now"),   # "someone", but not in a question
    # the writer after a subject frame
    ("i saw a video about self harm and now im cutting myself every night", "self_harm"),
    ("i read about grooming online and a man keeps asking my daughter for nudes", "grooming"),
    ("my daughter watched a video about self harm and now she cuts herself every night", "self_harm"),
    ("i feel like suicide is the only way out", "self_harm"),
    ("my dad hits me. out of interest what happens at a conference", "disclosure"),   # a frame after the sentence
    ("my dad hits me, out of interest what happens at a conference", "disclosure"),
    ("he keeps hitting me on tv nights", "disclosure"),   # only names of harms take a frame after them
    ("since the lockdown my mum has been physically abusive", "disclosure"),   # a real Childline caller's words
    ("my stepdad is violent", "disclosure"),
    ("in general he hits the kids when he drinks", "disclosure"),   # "in general" is "usually" here
    ("what is happening my dad is hitting me", "disclosure"),   # "what is", but not a question about a word
    ("we had an assembly about self harm and now she cuts herself", "self_harm"),   # a new clause after "and"
])
def test_questions_about_the_writers_own_situation_are_a_crisis(detector, text, category):
    assert category in cats(detector, text), text


@pytest.mark.parametrize("text, category", [
    ("im gona kill myself", "self_harm"),
    ("gonna kms", "self_harm"),
    ("he hurts me evry nite", "disclosure"),
    ("hes outside the door", "danger_now"),
    ("i want to kil myslef", "self_harm"),
    ("HE'S GOT A KNIFE!!!", "danger_now"),
    ("Can we have an ambulance please, my daddy has just attacked my mammy.", "danger_now"),   # a real call
    ("ive been self harmin", "self_harm"),
    ("my step-dad touches me", "disclosure"),
    ('my dad makes me do "things" for him', "disclosure"),          # quote marks inside a phrase
    ("my dad makes me do \u201cthings\u201d for him", "disclosure"),
])
def test_typos_and_text_speak(detector, text, category):
    assert category in cats(detector, text), text


@pytest.mark.parametrize("text, lang", [
    ("chcę umrzeć", "pl"), ("chce umrzec", "pl"),
    ("vreau să mor", "ro"), ("vreau sa mor", "ro"),
    ("não quero viver", "pt"), ("nao quero viver", "pt"),
    ("أريد أن أموت", "ar"), ("اريد ان اموت", "ar"),
])
def test_diacritics_do_not_matter(detector, text, lang):
    assert "self_harm" in cats(detector, text, lang)


def test_other_languages_are_checked_whatever_the_interface_language(detector):
    assert "self_harm" in cats(detector, "chce umrzec", "en")
    assert "danger_now" in cats(detector, "معه سكين", "en")
    assert "self_harm" in cats(detector, "I want to die", "pl")


@pytest.mark.parametrize("text", [
    "I took an overdose years ago, I'm fine now",        # "overdose" is in other languages' lists too
    "I took an overdose in 2019, I'm fine now",
    "my stepdad pobił mnie years ago, I'm fine now",     # found in the Polish list, told as past in English
    "my dad hit me when i was a child, hes not in my life now",
    "przedawkowałam dwa lata temu, teraz jest dobrze",
    "kiedy miałem 8 lat, pobił mnie ojczym",                # "when I was 8"
    "pichle saal overdose liya tha, ab kaafi behtar hoon",   # "last year ... much better now"
    "ami 2020 te overdose korechilam, ekhon stable",
    "my uncle grabbed me at a party when i was a girl, he is long dead now",
    "أخذت جرعة زائدة قبل ثلاث سنين والحين أنا بخير",         # "three years ago ... now I am fine"
    "a 40-year-old man is facing charges for asking a 13-year-old girl for nude photos, according to a police report",
    "i remember one time my stepdad was punching my mum",
    "i was 15 the first time i wanted to die",
    "my dad said he would kill me, its 10 years now",
    "كنت أجرح نفسي، الحين صار لي ثلاث سنين ما سويتها",     # "it has been three years since I did it"
    "فاش كنت صغير باك كان كيضربني، دابا أنا مرتاح",         # Darija "when I was small"
    "ami ekbar overdose korechilam, ekhon 4 bochor bhalo achi, therapy sesh",
    "بہت پہلے میرے چچا نے مجھے غلط طریقے سے چھوا تھا۔ اب میں ٹھیک ہوں",   # "long ago"
    "عندما كنت في الثانية عشرة كان زوج أمي يضربني، اليوم عمري ثلاثون",       # "when I was twelve"
    "wen i was 7 a boy in my class hit me evry day, now i have lots of friends",
    "زمان كنت بفكر أأذي نفسي، بس دلوقتي كويس الحمد لله",                      # Egyptian "back then ... now fine"
    "me cortei muitas vezes mas faz 3 anos que parei",                        # "... 3 years since I stopped"
    "my ex pushed me down the stairs, we are not together 5 years now",
    "Kiedy ja był dziecko, wujek dotykał mnie. Teraz mam 40 lat.",            # a learner's "when I was a child"
    "my aunt had a boyfriend when i was 6 who hurt me, hes been gone since i was 7 and im 13 now",
    "my brother tried to take his own life when he was eighteen, he is a dad of three now",
    "زمان كان جوزي بيضربني، بس خلاص انفصلنا ودلوقتي احنا في أمان تماما",          # "now we are completely safe"
    "ami 2016 te overdose niyechilam, tokhon theke treatment niyechi",
    "tomei uma overdose aos 20 anos, fiz tratamento e hoje estou estável",   # "today I am stable"
    "În tinerețe am încercat să-mi iau viața. De douăzeci de ani sunt bine.",  # "in my youth"
    "حين كنت صغيرة كان أبي يضربنا، وقد مضى على ذلك زمن طويل",                  # "long time has passed since"
    "زمان حاولت انتحر، بس اتعالجت واتحسنت الحمد لله",    # Sudanese "I was treated and got better"
    "2018 mein overdose liya tha, ab main bilkul theek hun",                  # "now I am completely fine"
])
def test_harm_told_as_past_and_over_makes_every_match_tentative(detector, text):
    reading = detector.read(text)
    assert reading.resolved and reading.findings, text
    assert not any(finding.firm for finding in reading.findings), reading


def test_charges_told_by_the_writer_are_not_a_news_report(detector):
    reading = detector.read("he's facing charges for hitting me and he's outside now banging on the door")
    assert reading.findings and not reading.resolved


@pytest.mark.parametrize("text, lang", [
    ("he used to hit me and he has started again", "en"),
    ("my husband used to hit me and he still does", "en"),
    ("زوجي كان يضربني قدام الاولاد ومازال", "ar"),
    ("طليقي كان بيضربني قبل سنتين ولسه بيضربني لما يجي ياخد الولاد", "ar"),   # "and still hits me"
    ("اتطلقت من سنتين، الحين هو واقف عند الباب ويصارخ إنه بيذبحني", "ar"),    # "standing at the door now"
    ("tata mnie bije, tak jak dwa lata temu, znowu zaczął", "pl"),
    ("ہم پچھلے سال یہاں آئے، آج رات اس نے مجھے کمرے میں بند کر دیا", "ur"),   # "last year ... tonight"
    ("my ex is barred from contacting me by a court order and he rang again tonight", "en"),
    # a cue in one language outweighs a past one in another: the English "court order" is not past here
    ("court order hai phir bhi wo phir aa gaya, darwaza peet raha hai", "ur"),
])
def test_harm_going_on_again_or_still_is_not_past(detector, text, lang):
    reading = detector.read(text, lang)
    assert not reading.resolved and any(finding.firm for finding in reading.findings), reading


@pytest.mark.parametrize("text, resolved", [
    ("طليقي كان بيضربني وخايفة اقعد معاه. ينفع ادخل الاجتماع لوحدي؟", True),   # "used to hit me"
    ("kan ydrabni zawji zaman, momken ad5ol lwa7di?", True),
    # the report "still mentions" that time: not harm going on
    ("قبل خمس سنوات كان يهددني بالسكين. اليوم أنا بخير لكن التقرير ما زال يذكر تلك الفترة", True),
    # the social worker "still asks" about him
    ("جوزي الأولاني كان بيضربني، اتطلقت منه من سنين، بس الأخصائية لسه بتسأل عنه", True),
    ("ابوي يضربني كل يوم", False),
    ("بنتي كانت تجرح نفسها بس الحين احسن", True),                           # "she used to cut herself"
    ("عندما كنت طفلة كان ابي يضربني", True),                                 # "when I was a girl"
])
def test_arabic_habitual_past_is_read_as_past(detector, text, resolved):
    reading = detector.read(text, "ar")
    assert reading.resolved is resolved, reading
    assert resolved or reading.findings, reading


def test_someone_else_hurting_themselves_in_arabic_is_tentative(detector):
    """Told of a friend as often as of the past: the check-in, or the crisis reply if the classifier agrees."""
    findings = detector.detect("صديقتي تجرح نفسها كل يوم بالمقص", "ar")
    assert [(f.category, f.firm) for f in findings] == [("self_harm", False)]


@pytest.mark.parametrize("text, danger", [
    ("someone's going to come round and assess my son, if I'm angry will it count against me", False),
    ("hes coming round to see the kids and he is drunk and shouting", True),
    ("my ex is drunk and says hes coming round to get the kids", True),
    ("the social worker came round yesterday and now im scared they think im hiding something", False),
    ("the health visitor is coming round tomorrow and im scared she will judge the house", False),
    ("the social worker will be coming round on monday and im terrified", False),
    ("my ex came round drunk last night and the police came round", True),
    # a record or a birth
    ("I'm terrified about my DBS renewal. Will the child protection plan show up on my DBS check?", False),
    ("I am scared they will fail the assessment. She has 3 weeks to go until the baby is here.", False),
    ("he showed up drunk and im scared", True),
    ("hes turned up at my house and hes shouting", True),
    ("he is here and hes drunk", True),
    ("im shaking im so angry, the social worker turned up late again", False),   # a professional, late
])
def test_a_visit_a_record_or_a_birth_is_not_someone_feared_turning_up(detector, text, danger):
    assert ("danger_now" in cats(detector, text)) is danger, text


@pytest.mark.parametrize("text, crisis", [
    ("i dont want to live sumwere else, is it true i will be taken away from my mum", False),
    ("i dont want to live with my dad anymore", False),
    ("i dont want to live in foster care", False),
    ("i dont want to live anymore", True),
    ("i dont want to live in this world", True),
    ("i dont want to live at all", True),
    ("i dont want to live with myself", True),
    ("i dont want to live in a world without my kids", True),
    ("i dont want to live with the pain anymore", True),
    ("i dont want to live with a foster family", False),
])
def test_not_wanting_to_live_somewhere_is_not_wanting_to_die(detector, text, crisis):
    assert ("self_harm" in cats(detector, text)) is crisis, text


@pytest.mark.parametrize("text, resolved", [
    ("he hit me when i was 9, i am 30 now and fine", True),
    ("in 2019 my ex was violent, we are divorced now", True),
    ("my son took an overdose 3 yrs ago, he is at college now", True),
    ("my son took an overdose when he was 14, he is at college now", True),
    ("he hit me when i was 8 months pregnant", False),      # a time, not an age
    ("when I was child my father hit us with a stick, it was normal there", True),
    ("I want to die, that was my depression. But now is 4 years, I am good", True),
    ("my son hit me yesterday", False),
    ("quando eu era criança o meu pai me bateu", True),     # "when I was a child", as in English
    ("când eram copil tata m-a bătut", True),
    ("now i am 15 and my stepdad hits me", False),          # an age now is not a time past
    ("my husband has been hitting me for 10 years now", False),   # going on for ten years, not ten years ago
    # durations and "is fine" that tell of harm going on, in other languages
    ("زوجي يضربني منذ زمن بعيد", False),                    # "has been hitting me since long ago"
    ("صار لي سنتين وزوجي يضربني", False),                    # "for two years my husband has been hitting me"
    ("já faz tempo que ele me bate", False),                 # "he has been hitting me for a long time"
    ("মা ভালো আছেন কিন্তু বাবা আমাকে মারে", False),           # "mum is well, but dad hits me"
    ("অনেক আগে থেকে বাবা আমাকে মারে", False),                # "since long ago dad hits me"
    ("i remember when he touched me last night", False),     # a memory, but a recent one
    ("when i was a baby my dad hurt me, now i live with mum and im happy", True),
    ("my son went missing for a night two summers ago, he is fine", True),
    ("zaman kont fakker bl suicide, bas hala2 ana a7san", True),   # Arabizi: "back then ... now I'm better"
    ("একবার overdose করেছিলাম, থেরাপি শেষ করেছি", True),         # "I once overdosed, I finished therapy"
    ("I was in care as a kid after my stepdad beat me, I turned out alright", True),
    ("cand aveam 12 ani un unchi m-a atins, acum am 34 si am facut terapie", True),   # "when I was 12"
    ("As a young woman I was sexually assaulted, and I have had a happy life since", True),
    ("when i was growing up my mum's husband did things to me. he is still living there", False),   # a risk now
    ("soțul mă bate de când aveam 19 ani", False),                                  # "since I was 19": going on
    ("زوجي يضربني، هلق أحسن كتير", True),                                          # Levantine "now much better"
    ("بچپن میں والد مجھے مارتے تھے، یہ تیس سال پرانی بات ہے", True),    # "in childhood ... thirty years ago"
    ("বছর তিনেক আগে আত্মহত্যার চিন্তা আসতো, এখন একদম ভালো আছি", True),   # "about three years ago ... well now"
    ("ja me cortei qnd tinha 13 mas ja n faço isso", True),                 # "when I was 13", written short
    ("meu marido me agrediu no brasil, agora é tudo tranquilo", True),      # "now all is calm"
    ("my son went missing for two nights, he has sorted himself out since", False),   # "himself": not the writer
    ("i used to cut myself but i sorted myself out", True),
    ("înainte 3 ani am vrut să mă omor, acum mă simt bine", True),        # "3 years before", as learners write it
    ("jawani mein shohar marta tha, ab koi taluq nahi", True),             # "in my youth ... no contact now"
    ("my husband hit me when we were first married, it all stopped decades ago", True),   # no "used to"
    ("تعرضت للتحرش في طفولتي من قريب لنا", True),                             # "in my childhood"
    ("w młodości miałam myśli samobójcze, od 20 lat jestem zdrowa", True),     # "in my youth ... healthy for 20 years"
    ("quando eu era nova o meu padrasto bateu-me, hoje estou bem", True),       # "when I was young ... I'm fine today"
    ("last yeer my cousin hit me at a party but we told mum", True),          # a child's spelling of "year"
    ("حاولت أنتحر لما كان عمري ١٦، الحين متزوجة ومرتاحة", True),             # "when I was 16"
    ("sas mujhe kamre mein band kar deti thi, woh sab khatam ho gaya", True),  # "all that is over"
    ("কিশোরী বয়সে জোর করে বিয়ে দিতে চেয়েছিল, সেটা ১৫ বছর আগের কথা", True),    # "a matter of 15 years ago"
])
def test_ages_and_years_in_the_past(detector, text, resolved):
    reading = detector.read(text)
    assert reading.findings and reading.resolved is resolved, reading


def test_a_divorce_in_urdu_makes_the_violence_past_as_in_english(detector):
    """A husband who beat her, then a divorce: the match needs the classifier to agree."""
    reading = detector.read("وہ 17 برس کی تھی جب اس کی شادی ہوئی۔ شوہر مارتا تھا اور پھر طلاق ہوگئی۔", "ur")
    assert reading.findings and reading.resolved and not any(finding.firm for finding in reading.findings), reading


@pytest.mark.parametrize("text, lang", [
    ("dropping out now would be career suicide", "en"),
    ("the new energy prices are basically suicide for families like ours", "en"),
    ("ten czynsz to finansowe samobójstwo", "pl"),
    ("chiria asta e sinucidere curata", "ro"),
    ("id rather drink bleach than sit through that meeting again", "en"),
    ("I was absolutely killing myself laughing at his jokes", "en"),
    ("the rent increase is like suicide for my family budget", "en"),
    # ordinary words in real posts that look like harm
    ("the social worker never got back to us for days", "en"),
    ("at school we had to define coercive control", "en"),
    ("jedyną drogą do ratunku była przeprowadzka", "pl"),
    ("a minha mãe disse que me mata se eu chegar tarde hehe", "pt"),
    ("Ratunku, co kupić mężowi na urodziny?", "pl"),
    ("suicide itself is a hard word to talk about in class", "en"),
    ("os meus cortes de cabelo ficaram horríveis", "pt"),
    ("tenho cortes no braço porque caí da bicicleta", "pt"),
    ("o meu filho caiu e ficou com cortes nos braços", "pt"),
    ("amanhã vou cortar-me o cabelo antes da reunião", "pt"),
    ("a minha mãe ajuda-me a cortar-me as unhas", "pt"),
    ("we are getting our son circumcised at the clinic next week", "en"),
    ("my son is going back home to be circumcised", "en"),
    ("the doctor circumcised her son last year", "en"),
    ("my daughter is on a child protection plan for fgm", "en"),
    ("the social worker asked if my daughter was at risk of fgm, she is not", "en"),
    ("they want an fgm protection order for my daughter before our holiday", "en"),
    ("my coach wants me to go abroad to be cut from the squad", "en"),
    ("هل ختان البنت ممنوع في بريطانيا", "ar"),
    ("czy można obrzezać córkę w UK?", "pl"),
    ("e ilegal să o circumcidă pe fată?", "ro"),
    ("o treinador vai me cortar da equipa", "pt"),
    ("vão me cortar o subsídio se eu faltar", "pt"),
    ("tenho medo de me cortar com a faca quando cozinho", "pt"),
    ("o calor esteve perto de me matar", "pt"),
    ("dizem que as minhas filhas são mal cuidadas mas é mentira", "pt"),
    ("مچھر کو کیوں مار رہے ہو", "ur"),
    ("خبر خطف طفل من امام المدرسة في القاهرة", "ar"),
    ("copilul arunca cu farfurii de plastic pe jos", "ro"),
    ("i cut myself chopping onions for the tea", "en"),
    ("cortei-me a picar cebola", "pt"),
    ("m-am taiat rau in deget la bucatarie", "ro"),
    ("the pastor hit the nail on the head in his sermon", "en"),
    ("i feel i have brought shame on my family because of this conference", "en"),
    ("the social worker will deal with me on monday, the shame of it all", "en"),
    ("the home office has my passport while my visa is processed", "en"),
    ("they have my documents for the conference", "en"),
    ("the shop will slash her prices in the sale", "en"),
    ("she wants me to get my hair cut in the summer", "en"),
    ("my son hit his brother over the xbox", "en"),
    ("ogród był zaniedbany i brudny po zimie", "pl"),
    ("on zawsze spełnia obietnice", "pl"),
    ("the doctor started missing appointments", "en"),
    ("i started missing my old school", "en"),
    ("the social worker thinks my partner is abusing her", "en"),         # an allegation, not a worry
    ("i am going to call social services and tell them the report is wrong, i was crying all night", "en"),
    ("they said i better come back to the meeting or they would call it off, i was so angry", "en"),
    ("rzuciła syna na głęboką wodę, niech sam sobie radzi", "pl"),       # let him sink or swim
    ("اگر کسی لڑکی کو جان کا خطرہ ہو تو کیا وہ طلاق لے سکتی ہے؟", "ur"),      # a general question
    ("i think the social worker is abusing her position", "en"),
    ("i'll email social services to say i'm not hitting him", "en"),
    ("the school will call social services because they think i am hitting him", "en"),
    ("مبعرفش اشيل اليكتريك من شنطتي عشان لو اي حد لمسني ادافع عن نفسي", "ar"),   # if anyone touches me
    ("ফোন চেক করে দেখলাম ও কার সাথে চ্যাট করে", "bn"),                          # I checked his phone
    ("when i was 17 i was seeing a man of 30", "en"),
    ("my daughter is 17 and her boyfriend is 19", "en"),
    ("Nu a fost vorba despre nicio sinucidere, copilei i s-a făcut dor de mama ei", "ro"),   # no suicide at all
    ("a man was stabbed in London last night", "en"),
    ("this is an emergency, my form is due tomorrow", "en"),
    ("i cant cope with my loss since my mum died last month", "en"),        # grief, not a goodbye
    ("المستقبل دائماً يلاحقني بمخاوفه وأنا أخاف مما سيأتي", "ar"),          # the future chases me with its fears
    ("my partner fixed my phone yesterday", "en"),
    ("my partner and i use life360, he tracks our phones so we know the kids are safe", "en"),
    ("the school is monitoring my emails about the meeting", "en"),
    ("my son said the teacher has told him off", "en"),
    ("i was held captive years ago, i am safe now", "en"),
    ("the social worker kept us hostage in that meeting for four hours", "en"),
    ("we are held hostage by the system, nobody listens", "en"),
    ("szef przetrzymuje mnie w pracy po godzinach", "pl"),                  # my boss keeps me after hours
    ("what happens at the conference if my son says my partner hit him?", "en"),   # a supposition
    ("the meeting was brutal, they all had their knives out for me", "en"),
    ("the scene with the knife in that film gave me nightmares", "en"),
    ("my twins are trying to kill me with no sleep", "en"),
    ("i nearly killed myself rushing for the train", "en"),
    ("my 6 year old said he hates me because i said no sweets", "en"),
    ("i am hiding in the bathroom from the kids for five minutes of peace", "en"),
    ("my grandson lives with me for now. if his dad visits without asking, am i expected to call the police?", "en"),
    ("talking to a man or woman who you do not know online can be risky, says the leaflet", "en"),
    ("he is not allowed to contact me, can he still come to the conference?", "en"),   # an order, nothing now
    ("can the social worker tell my children i love them?", "en"),        # a parent without contact
    ("fratele meu m-a bătut la table aseară", "ro"),                      # beat me at backgammon
    ("my son beat me at fifa five times in a row, proud dad moment", "en"),   # a game
    ("watched a youtube vid about sextortion, apparently loads of boys get targeted", "en"),
    ("my friends writing a story for english about a kid whose dad is violent", "en"),
    ("you could cut the atmosphere with a knife at the meeting but it went ok", "en"),
    ("خودکشی سے بچاؤ کے لیے کوئی اردو ہیلپ لائن ہے؟", "ur"),                  # suicide prevention, not "save me"
    ("আজ পুলিশ স্কুলে এসে ছুরি নিয়ে কথা বলল", "bn"),                       # police talked about knives at school
    ("বাবা বলে পরীক্ষায় খারাপ করলে মেরে ফেলবে, এটা কথার কথা", "bn"),         # just a saying
    ("خودکشی ایک سنگین مسئلہ ہے", "ur"),                                   # a definition
    ("দাদু ওকে খুব ভালোবাসতো, ও দাদুকে খুব মিস করে", "bn"),                  # grandad loved him: no goodbye
    ("میرا سابقہ شوہر مجھ پر تشدد کرتا تھا، کیا میں الگ سے اندر جا سکتی ہوں؟", "ur"),   # "my ex used to be violent"
    ("أحتاج أحد يدفعني للأمام في دراستي", "ar"),                            # someone to push me forward
    ("আমার বোন ঢাকায় চলে আসতে বলেছে, ফোনে কথা হলো", "bn"),                 # my sister asked me to come to Dhaka
    ("i was so tired, the heat is trying to kill me", "en"),
    ("just want them to leave me alone tbh", "en"),                        # a wish, not being left alone
    ("im scared of my dad being at the meeting", "en"),                    # of seeing him there
    ("ta fizyka to jest samobójstwo", "pl"),
    ("vestea m-a lovit ca un tren", "ro"),                                 # the news hit me like a train
    ("o bolo tava bom demais, socorro kkkk", "pt"),                        # a laughing "help!"
    ("کافی کے بغیر مر جاؤں گی", "ur"),                                     # I'd die without coffee
    ("الفاتورة هالشهر ضربتني ضربة قوية", "ar"),                             # the bill hit me hard this month
    ("im gonna die if dad makes me wear a tie to the meeting", "en"),
    ("id rather stab myself with a fork than fill in this form again", "en"),
    ("four essays and a review meeting this week, send help lol", "en"),
    ("i came after my wife called me, is that ok", "en"),                  # "after" of time, not an attack
    ("then i shot myself in the foot by sending the form to the wrong person", "en"),   # an idiom
    ("what a meeting, the chair looked like she wanted to die", "en"),
    ("zaraz się zabiję z tą drukarką", "pl"),                               # "I'll kill myself with this printer"
    ("comprei uma corda de saltar para a minha filha", "pt"),              # a skipping rope
    ("if my mum makes me wear that shirt to the meeting im literally gonna die", "en"),
    ("if dad makes me sit next to my cousin im actually going to die", "en"),
    ("the worker phoned just as i got in the shower, typical", "en"),        # the writer in the shower
    ("toddler has been up since 5 and climbing the curtains, send help (and biscuits)", "en"),
    ("my mum said she'll kill me if im late for the meeting again lol", "en"),
    ("lol fratimiu m-a batut iar la fifa 5-0", "ro"),                      # "beat me again at FIFA"
    ("esse formulário está me matando, socorro alguém me explica", "pt"),   # "help, someone explain it to me"
    ("que relatório, vou ali cortar os pulsos e já venho", "pt"),          # sarcasm: "... and I'll be right back"
    ("lol ignore my last message, autocorrect again", "en"),               # a message before, not a goodbye
    ("ma omor de ras cand vad mesajele lui", "ro"),                         # "I'm dying of laughter"
    ("رسالة ابني ضربتني في الصميم", "ar"),                                   # "struck me to the core"
    ("li que a automutilação está a aumentar nos jovens, há apoio?", "pt"),    # "I read that ..."
    ("dacă scriu cuvântul sinucidere, ce se întâmplă cu chatul?", "ro"),       # talk about the word
    ("A scris în raport că l-am lovit cu cureaua, dar nu e adevărat", "ro"),    # what the report alleges
    ("I take the rest of my medication at night as the GP said", "en"),
    ("am cumparat o funie pentru rufe, ca s-a rupt cea veche", "ro"),          # a washing line
    ("this court case has me bleeding money", "en"),
    ("am ascultat o poveste care m-a lovit ca un pumn", "ro"),                 # "hit me like a punch"
    ("facem un proiect la engleza despre sinucidere", "ro"),                   # a school project
    ("my brother keeps killing me on roblox, is the meeting online", "en"),     # a game
    ("this laptop keeps freezing, i want to smash it with a hammer", "en"),    # a thing
    ("im starving what is for dinner", "en"),                                  # waiting for a meal
    ("the agreement says i will not leave the children alone with anyone", "en"),   # the writer's promise
    ("why do people at school joke about kms all the time", "en"),             # other people's jokes
    ("tanta papelada, socorro 😂", "pt"),                                      # a laughing "help!"
    ("vou me matar de rir com este vídeo", "pt"),                              # "die laughing"
    ("m-am tăiat singur de pe lista de emailuri", "ro"),                       # "cut myself off the list"
    ("mama are ordin de restricție împotriva lui, putem sta în camere separate?", "ro"),   # an order, no one here
    ("vi um filme sobre um homem que ameaça a família inteira com uma faca no fim", "pt"),   # a film's story
    ("raportul menționează un incident cu un cuțit din 2021, care a fost închis", "ro"),     # a report, a closed case
    ("my mum can be heavy handed with the salt", "en"),                        # cooking
    ("paan ke patte kha liye, mazedar the", "ur"),                             # betel leaves
    ("this essay makes me want to jump off a cliff", "en"),
    ("im so nervous, i just want the meeting to be over", "en"),
    ("just testing if you flag the word suicide", "en"),
    ("chyba się zabiję z tymi formularzami", "pl"),                            # "these forms will kill me"
    ("trabalho da faculdade sobre suicídio, quantos casos há?", "pt"),         # a university project
    ("soacra mă omoară cu zile dacă nu venim duminică", "ro"),                 # an idiom: she'll be cross
    ("colegul m-a înjunghiat pe la spate la proiect", "ro"),                   # "stabbed me in the back"
    ("de ce vorbește toată lumea de sinucidere pe tiktok", "ro"),              # talk on social media
    ("بالتقرير مكتوب إنو ضربت ابني من سنين", "ar"),                            # what the report says
    ("powiedzcie moim dzieciom o spotkaniu", "pl"),                            # "tell my children about the meeting"
    ("they threw me under the bus in that report, but i'll live", "en"),
    ("is there a way to delete my messages?", "en"),                           # asking the assistant
    ("my mum's gonna kill me, i broke her glasses", "en"),                      # a squabble's reason after it
    ("the father says \"they are cutting my legs off\", a saying for being undermined", "en"),
    ("a teacher from my old school got arrested for indecent images, how do they find that", "en"),
    ("saw a tiktok about a boy scammed by an older man. he sent him gifts first. how do people fall for it", "en"),
    ("did anyone watch the panorama about county lines last night?", "en"),
    ("o casamento forçado é crime no Brasil também?", "pt"),                   # asked in general
    ("am ajuns cu cuțitul la os cu formularele astea", "ro"),                  # an idiom: fed up
    ("چائے نہ ملی تو میں مر جاؤں گی", "ur"),                                   # "I'll die without my tea"
    ("ما عندي أي نية أأذي نفسي، بس تعبانة شوي", "ar"),                          # "no intention of hurting myself"
    ("بالتقرير كاتبين إن زوجي ضربني، وهذا مو صحيح", "ar"),                     # what the report says
    ("the mum says the forms are strangling her, she cannot read them all", "en"),
    ("what do I do if a parent mentions suicide in the meeting? asking as the interpreter", "en"),
    ("when I was young nobody talked about such things as self-harm", "en"),
    ("بالفيلم اللي شفته امس البطل انتحر بالآخر، ليش يعرضوا هيك شي؟", "ar"),       # a film's plot
    ("vi um tiktok de um rapaz a falar de automutilação, porque é que isto é tão comum?", "pt"),
    ("m-a lovit damblaua când am văzut scrisoarea", "ro"),                     # an idiom: I had a fit
    ("Am citit un articol că mulți adolescenți au gânduri de sinucidere. Întreb în general.", "ro"),
    ("ایک ڈاکومنٹری دیکھی جس میں بچوں کے ساتھ جنسی زیادتی کے بارے میں بتایا گیا", "ur"),   # "about", not "I"
    ("I'll be hanging myself out to dry if I say that at the conference", "en"),
    ("we watched a video in class about self harm, why do people do it", "en"),
    ("the tutor mentioned coercive control, what is the difference from arguing a lot?", "en"),
    ("W raporcie jest napisane, że mąż mnie bije, a to nieprawda. Jak to poprawić?", "pl"),   # what a report says
    ("na missa o padre falou de casamento forçado, é crime cá?", "pt"),
    ("sou intérprete e traduzo relatos de suicídio, há orientação?", "pt"),
    ("بیٹا پچھلے سال چاقو لے کر سکول گیا تھا، اب سب ٹھیک ہے", "ur"),           # a past reason for the conference
    ("ڈرامے میں زبردستی شادی دکھائی، کیا برطانیہ میں یہ جرم ہے؟", "ur"),      # "in Britain", not "I"
    ("ছুরি হামলার খবর দেখে ভয় লাগে", "bn"),                                    # the news
    ("what does honour based abuse mean i heard it at work", "en"),
    ("some weeks i feel like running away from it all, but i never would", "en"),
    ("I won't be needing the interpreter after all, thank you", "en"),         # half of a veiled goodbye
    ("what are you wearing to the conference tomorrow?", "en"),                 # half of a stranger's questions
    ("بدي اقتل حالي من الضحك على نكتة ابني", "ar"),                          # "dying of laughter"
    ("me cortei no dedo fazendo o jantar, nada de grave", "pt"),                # a cut while cooking
    ("স্কুলে জোর করে বিয়ে নিয়ে আলোচনা হয়েছে, লিফলেট পাবো কোথায়?", "bn"),     # a talk about it
    ("if they put me in one more meeting im running away to the moon", "en"),
    ("my son threatened to run away over his phone, we talked and it is fine now", "en"),
    ("is smacking the child allowed now in England?", "en"),                    # the law asked about
    ("a foster carer told me lots of kids who go missing end up being exploited, is that true?", "en"),
    ("jak dostanę jeszcze jeden list, ucieknę z domu na koniec świata", "pl"),  # "to the end of the world"
    ("na polski czytamy książkę o chłopaku, który popełnia samobójstwo", "pl"),  # a set book
    ("ouvi no rádio que os casos de suicídio aumentaram", "pt"),
    ("Traduc des termenul violență domestică, e același lucru cu abuzul?", "ro"),
    ("the social worker, she is killing me with emails, three today", "en"),
    ("there is a tiktok trend where people fake an overdose, so weird", "en"),
    ("my favourite youtuber talked about being suicidal, it helped me understand my friend", "en"),
    ("المحامي ضربني في مقتل بالفاتورة", "ar"),                                    # "hit me where it hurts"
    ("vou matar-me a trabalhar esta semana mas fica tudo pronto", "pt"),            # "work myself to death"
    ("copilul m-a bătut la cap toată ziua cu tableta", "ro"),                      # "nagged me all day"
    ("îmi vine să-l strâng de gât pe cel de la call center", "ro"),                # "I could strangle him"
    ("خودکشی کبھی حل نہیں، اللہ پر بھروسہ رکھیں", "ur"),                          # "suicide is never the answer"
])
def test_figures_of_speech_and_ordinary_words_are_not_a_crisis(detector, text, lang):
    assert not set(cats(detector, text, lang)) & CRISIS_CATEGORIES, text


@pytest.mark.parametrize("text, crisis", [
    ("my brother said he will murder me if i touch his xbox again", False),
    ("he said he will kill me if i tell anyone", True),       # a secret kept by threat is not petty
    ("my brother sed he will kill me at fortnite tonite", False),   # a game, spelt as a child spells
])
def test_a_petty_condition_makes_a_threat_a_figure_of_speech(detector, text, crisis):
    assert bool(set(cats(detector, text)) & CRISIS_CATEGORIES) is crisis, text


@pytest.mark.parametrize("text, lang, crisis", [
    ("na pshe temat to samookaleczenie, jakie są objawy", "pl", False),
    ("w telewizji mówili że samobójstwo to częsta przyczyna śmierci nastolatków", "pl", False),
    ("mówili że samobójstwo to częsta przyczyna śmierci nastolatków", "pl", True),   # the same without a frame
    ("میرا بھائی کہتا ہے اگر میں نے اس کا فون لیا تو وہ مجھے مار ڈالے گا ہاہاہا", "ur", False),
    ("ماں ہنستے ہوئے کہتی ہیں کہ بیٹا انہیں مار ڈالے گا", "ur", False),
    ("الأب يسأل سؤالاً عاماً، متى يسمح قانونياً بترك الطفل وحده في البيت", "ar", False),
    ("tata mnie bije codziennie", "pl", True),
    ("na lekcji o przemocy zrozumiałam że tata mnie bije", "pl", True),   # the writer after the frame
    ("voltei a me cortar ontem, ninguem sabe", "pt", True),
    ("vreau să mor", "ro", True),
    # "میں" after "جس" is "in (which)", not "I"
    ("ٹی وی پر ایک ڈرامہ دیکھا جس میں ایک لڑکی کی زبردستی شادی ہوئی", "ur", False),
    ("میں گھر میں ہوں اور میری زبردستی شادی کر رہے ہیں", "ur", True),
    # English words in the message follow its own language's frames
    ("na lekcji mowili o grooming i county lines", "pl", False),
    ("vi um documentario sobre county lines ontem", "pt", False),
    ("na lekcji zrozumiałam, że mój syn jest w county lines", "pl", True),
    # asking for the signs of a harm, about someone in general
    ("Ce semne arată că un copil trăiește într-o familie cu violență domestică? Sunt educatoare.", "ro", False),
    ("ce semne arată că mă bate tata?", "ro", True),
    ("În plan scrie „risc de violență domestică”. Ce înseamnă asta?", "ro", False),   # the plan says
    ("słyszałam w radiu, że jakiś ojciec porwał dziecko po rozprawie", "pl", False),   # heard on the radio
    ("Fac o prezentare la facultate despre violența domestică.", "ro", False),   # a talk for university
    ("De ce se spune că violența domestică afectează copiii?", "ro", False),     # "why is it said that ..."
    ("a série tem uma personagem que se automutila, é pra um trabalho", "pt", False),   # a character in a series
    ("estamos a organizar uma palestra sobre suicídio nos jovens", "pt", False),   # "nos": "in the", not "us"
    ("É verdade que o suicídio nos adolescentes aumentou?", "pt", False),          # "is it true that ..."
    ("ela escreveu no relatório que eu ameacei ela com uma faca, é mentira", "pt", False),   # the report says
    ("w przedstawieniu szkolnym syn gra złodzieja z nożem", "pl", False),         # a school play
    ("we did a thing at school about county lines today", "en", False),
    ("Ce înseamnă violență domestică după legea din Anglia?", "ro", False),      # a question about a word
    ("facem proiect la scoala despre sinucidere, aveti statistici?", "ro", False),
    ("ইউটিউবে একটা নাটক দেখছিলাম, যেখানে এক মেয়েকে জোর করে বিয়ে দেওয়া হয়।", "bn", False),   # a drama
    ("co to jest forced marriage? slyszalam w radiu", "pl", False),   # a question about a word, right before it
    ("co to jest przemoc domowa?", "pl", False),
    ("co to jest, on mnie bije codziennie", "pl", True),              # not right before the harm
    ("صحيح إن بريطانيا تعتبر الزواج بعمر ١٧ زواج قسري؟", "ar", False),   # "is it true that ..."
    ("রেডিওতে শুনলাম ছুরি নিয়ে স্কুলে যাওয়া ছেলেদের সংখ্যা বাড়ছে", "bn", False),   # heard on the radio
    ("zabardasti shadi kya hoti hai? masjid mein zikr hua tha", "ur", False),   # the question after the word
    ("forced marriage unit kya hota hai?", "ur", False),
    ("county lines মানে কী? স্কুল থেকে চিঠি এসেছে", "bn", False),
    ("mera shohar mujhe marta hai, kya hai ye zindagi", "ur", True),       # about the writer
    ("na minha igreja falaram de casamento forçado, é crime?", "pt", False),   # "they talked about"
    ("fratele meu ma bate mereu la fifa", "ro", False),                      # beats me at FIFA
    ("ضربني هالشهر من كل الجهات، بس الحمدلله كلنا بخير", "ar", False),        # "hit me from every side"
    ("m-a lovit o idee azi la serviciu", "ro", False),                       # "an idea struck me"
    ("ce se întâmplă când cineva sună pentru violență domestică?", "ro", False),
    ("numa série que estou a ver o homem mata a mulher com uma faca", "pt", False),   # a series
    ("o homem que estou a ver há dois meses bate-me", "pt", True),            # the man she is seeing
    ("na igreja o pastor toca-me e diz que é segredo", "pt", True),          # "me" joined to the verb
    ("faço um trabalho para o curso sobre casamento forçado", "pt", False),
    ("بالأخبار ولد عمره ١٤ انتحر بسبب التنمر، كيف نحمي اولادنا؟", "ar", False),   # "in the news ..."
    ("BBC তে county lines নিয়ে একটা খবর দেখলাম", "bn", False),             # "on the BBC"
    ("মসজিদে এক আলোচনায় বলা হলো forced marriage অপরাধ", "bn", False),      # "at a talk at the mosque"
    ("profesora falou de automutilação na aula, porque é que acontece?", "pt", False),   # "talked about"
    ("i saw a poster at the library about coercive control, what counts as it?", "en", False),
    ("my mum asked me what counts as coercive control", "en", False),   # the writer in it, not in the match
])
def test_subject_frames_and_jokes_in_other_languages(detector, text, lang, crisis):
    assert bool(set(cats(detector, text, lang)) & CRISIS_CATEGORIES) is crisis, text


@pytest.mark.parametrize("text", [
    "is fgm illegal in the uk",
    "female genital mutilation was one of the topics today",
    "the social worker asked me about fgm, why do they ask everyone from africa",
])
def test_fgm_named_without_a_girl_in_the_family_is_not_a_crisis(detector, text):
    assert not cats(detector, text)


def test_english_words_in_another_language_are_not_tied_to_the_writer(detector):
    """Polish "i" is "and": "county lines" inside a Polish sentence needs the classifier to agree."""
    reading = detector.read("mój syn i kolega są chyba w county lines", "pl")
    assert reading.findings and not any(finding.firm for finding in reading.findings), reading


@pytest.mark.parametrize("text", ["we argue a lot but he never hits me", "he doesnt touch the kids",
                                  "nobody hurts my daughter she is just clumsy"])
def test_harm_denied_outright_is_read_as_negated(detector, text):
    reading = detector.read(text)
    assert reading.negated and not reading.findings, reading


@pytest.mark.parametrize("text, lang, category", [
    ("a minha filha tomou os comprimidos todos", "pt", "self_harm"),
    ("baiatul meu a luat o cutie intreaga de pastile", "ro", "self_harm"),
    ("córka wzięła całe opakowanie leków", "pl", "self_harm"),
    ("my daughter downed a whole bottle of vodka", "en", "danger_now"),
    ("fiul meu a baut o sticla intreaga de tuica", "ro", "danger_now"),
    ("my 2 year old drank some of the cleaning liquid from under the sink", "en", "danger_now"),
    ("she swallowed a button battery", "en", "danger_now"),
    ("baiatul meu a baut din sticla de inalbitor", "ro", "danger_now"),
    ("he held a knife to me once when he was drunk", "en", "danger_now"),
    ("o meu marido as vezes da um empurrao mas depois pede desculpa", "pt", "domestic_abuse"),
])
def test_an_overdose_poison_or_a_weapon(detector, text, lang, category):
    assert category in cats(detector, text, lang)


@pytest.mark.parametrize("text, lang, category", [
    ("i have become a cutter and nobody knows", "en", "self_harm"),
    ("i always hide my scars under long sleeves", "en", "self_harm"),
    ("i have taken a whole strip of my tablets", "en", "self_harm"),
    ("i think my friend is being abused at home", "en", "disclosure"),
    ("my partner gives me the odd slap", "en", "domestic_abuse"),
    ("im sure he is a predator, he keeps messaging my son", "en", "grooming"),
    ("a mãe dela chama-me lixo todos os dias", "pt", "disclosure"),
    ("o meu ex passou a me perseguir", "pt", "domestic_abuse"),
    ("nie mam dostępu do własnych pieniędzy", "pl", "domestic_abuse"),
    ("mąż trzyma nóż i krzyczy", "pl", "danger_now"),
    ("el mă ia la bătaie când bea", "ro", "domestic_abuse"),
    ("dormim afară cu copiii de o săptămână", "ro", "danger_now"),
    ("اتمنى الموت كل يوم", "ar", "self_harm"),
    ("میں اس دنیا سے رخصت ہونا چاہتی ہوں", "ur", "self_harm"),
    ("ele controlava tudo: cartões, contas, senhas", "pt", "domestic_abuse"),
    ("mąż rozlicza mnie z każdej złotówki", "pl", "domestic_abuse"),
    ("ojczym mnie krzywdzi a mama milczy", "pl", "disclosure"),
    ("mă gândesc cum m-aș putea sinucide", "ro", "self_harm"),
    ("totul a început frumos, până la prima palmă", "ro", "domestic_abuse"),
    ("o padrasto bateu nele com o cinto", "pt", "disclosure"),
    ("o ano passado com ele fiquei presa em casa", "pt", "domestic_abuse"),
    ("her stepdad hits her with a belt when she is late", "en", "disclosure"),
    ("زوجي يضربني الضرب المبرح", "ar", "domestic_abuse"),
    ("الأطفال ينامون في الشارع بلا مأوى", "ar", "disclosure"),
    ("میرا شوہر مجھے مارتا پیٹتا ہے", "ur", "domestic_abuse"),
    ("চাচা আমাকে ব্যথা দেয়", "bn", "disclosure"),
    ("সারাদিন মরে যাওয়ার কথা চিন্তা করি", "bn", "self_harm"),
    ("maluchy nie jadły nic przez kilka dni", "pl", "disclosure"),
    ("só quero que tudo isso acabe de uma vez", "pt", "self_harm"),
    ("já não aguento, quero que tudo isso acabe", "pt", "self_harm"),   # the negation ends at the comma
    ("زوجي يشتمني قدام الاولاد", "ar", "domestic_abuse"),
    ("وہ ہماری جان کا دشمن ہے", "ur", "danger_now"),
    ("we found out our 15 year old was sexting with an older man", "en", "grooming"),
    ("my uncle hits his children with a belt", "en", "disclosure"),
    ("he beats her kids when he drinks", "en", "disclosure"),
    ("escondo os cortes nos braços com mangas compridas", "pt", "self_harm"),
    ("já não consigo ficar uma semana sem me cortar", "pt", "self_harm"),
    ("tenho tanta vontade de me cortar hoje", "pt", "self_harm"),
    ("ontem foi o mais perto que cheguei de me matar", "pt", "self_harm"),
    ("no mês passado estive perto de me matar", "pt", "self_harm"),
    ("când se enerva zburau farfurii prin bucătărie", "ro", "domestic_abuse"),
    ("as crianças da vizinha são mal cuidadas e passam fome", "pt", "disclosure"),
    ("my aunt says they will take me abroad this summer to be cut", "en", "disclosure"),
    ("my nan is sending my sister to somalia to be cut", "en", "disclosure"),
    ("my mum wants to circumcise my little sister when we visit family", "en", "disclosure"),
    ("they said they would cut me down there like my cousins", "en", "disclosure"),
    ("i think they are planning fgm for my cousin and me", "en", "disclosure"),
    ("my daughter had fgm done when she was a baby", "en", "disclosure"),
    ("جدتي عايزة تختني في الاجازة", "ar", "disclosure"),
    ("teściowa mówi, że chcą obrzezać moją córkę w wakacje", "pl", "disclosure"),
    ("bunica spune că vor să o circumcidă vara asta", "ro", "disclosure"),
    ("a família do pai quer fazer o fanado à minha filha na Guiné", "pt", "disclosure"),
    ("ابو علی کو کیوں مار رہے ہو", "ur", "danger_now"),
    ("امی کو کیوں مار رہے ہو ابو", "ur", "danger_now"),
    ("وہ کہتا ہے اگر مجھے قتل کر دیا جائے تو کوئی نہیں پوچھے گا", "ur", "danger_now"),
    ("شفت ست خاطفة طفل في السوق", "ar", "danger_now"),
    ("my aunt calls me a witch and the pastor beat me to get the spirit out", "en", "disclosure"),
    ("my brother says the gang will stab him if he does not carry for them", "en", "danger_now"),
    ("some boys at school said they will stab me after school", "en", "danger_now"),   # not "school said"
    ("the olders make him sell for them and said they will shank him if he stops", "en", "grooming"),
    ("they brought me here to clean for them for no money and they keep my passport", "en", "domestic_abuse"),
    ("she says i bring shame on the family and my uncles will deal with me", "en", "domestic_abuse"),
    ("the babysitter slaps my little girl when i am at work", "en", "disclosure"),
    ("বাবা আমাকে মানসিকভাবে আঘাত করেন", "bn", "disclosure"),
    ("dzieci chodzą zaniedbane i głodne", "pl", "disclosure"),
    ("wiesz, że on spełnia swoje groźby", "pl", "domestic_abuse"),
    ("my best friend is still in an abusive relationship", "en", "domestic_abuse"),
    ("it has escalated to her being punched", "en", "domestic_abuse"),
    ("an older lad tried to groom my daughter on snapchat", "en", "grooming"),
    ("our son started going missing at weekends", "en", "grooming"),
    ("w zeszłym tygodniu pobił mnie ojczym", "pl", "disclosure"),         # a week ago is not "when I was 8"
    ("تعرضت للتحرش من مدرب النادي", "ar", "disclosure"),
    ("my stepdad is always calling her names and throwing plates", "en", "domestic_abuse"),
    ("sometimes i think it could all be over in one cut", "en", "self_harm"),
    ("something my little girl said makes me think my uncle is abusing her", "en", "disclosure"),
    ("should i ring social services? next door is always screaming at the baby", "en", "disclosure"),
    ("potrafiła rzucić w syna kubkiem", "pl", "disclosure"),
    ("rzuciła w córkę talerzem", "pl", "disclosure"),
    ("i think my boyfriend is abusing her", "en", "disclosure"),
    ("مجھے اپنی زندگی کے خدشات لاحق ہیں", "ur", "danger_now"),           # "I fear for my life"
    ("my stepdaughter is 17 and she has been seeing a man of 38, her boss", "en", "grooming"),
    ("my son is 16 and has a 29 year old girlfriend", "en", "grooming"),
    ("ولولا والدي لكنت حررت محضر تحرش", "ar", "disclosure"),                # "I would have reported the harassment"
    ("Suntem mai mulți aici, unul a fost înjunghiat. E o urgență majoră", "ro", "danger_now"),
    ("someone has just been stabbed here, it's an emergency", "en", "danger_now"),
    ("لا أعرف ما إذا كنت سأعيش أم أموت. أنا تحت الأنقاض", "ar", "danger_now"),   # "I am under the rubble"
    ("we are trapped under the rubble", "en", "danger_now"),
    ("my sister is grown up now, she is in a better position to deal with my loss", "en", "self_harm"),
    ("Eu já fui abusada pelo meu pai, isso pode ser denúncia?", "pt", "disclosure"),
    ("uciekłam z domu wczoraj, śpię u kumpla", "pl", "running_away"),
    ("my ex has used an app on me and is basically controlling my phone", "en", "domestic_abuse"),
    ("i think my husband put spyware on my phone", "en", "domestic_abuse"),
    ("what do you do when your child calls and says your husband(step parent) has assaulted them?", "en",
     "disclosure"),
    ("my daughter told me her stepdad has hit her", "en", "disclosure"),
    ("Estou em cárcere privado. 190.", "pt", "danger_now"),
    ("he is keeping me against my will in the flat", "en", "danger_now"),
    ("m-a sechestrat în casă de o săptămână", "ro", "danger_now"),
    ("on przetrzymuje mnie siłą w mieszkaniu", "pl", "danger_now"),
    ("the teacher locked me in the classroom and went home", "en", "danger_now"),
    ("my ex is not allowed to contact me by the court but he keeps texting, im scared", "en", "domestic_abuse"),
    ("he is banned from coming near us and he turned up again last night", "en", "domestic_abuse"),
    ("please tell my son his mum loved him", "en", "self_harm"),
    ("ছেলেকে বলবেন ওর মা ওকে খুব ভালোবাসতো", "bn", "self_harm"),
    ("اگر انہوں نے بچے لے لیے تو میں زندہ نہیں رہوں گی", "ur", "self_harm"),
    ("agar bachay le gaye to main zinda nahi rahungi", "ur", "self_harm"),
    ("ela perguntou se era normal o padrasto tocar nas partes íntimas dela", "pt", "disclosure"),
    ("ela fez overdose ontem à noite", "pt", "self_harm"),
    ("میرے شوہر نے مجھ پر تشدد کیا", "ur", "domestic_abuse"),
    ("وہ مجھے جان سے مارنا چاہتا ہے", "ur", "danger_now"),
    ("ایک آدمی نے میری بیٹی سے زیادتی کی", "ur", "disclosure"),
    ("ফেসবুকে পরিচয় হওয়া একটা ছেলে আমাকে ঢাকায় চলে আসতে বলেছে", "bn", "grooming"),
    ("ela mostrou o braço todo cortado", "pt", "self_harm"),
    ("não tem sentido viver assim", "pt", "self_harm"),
    ("acho que só me resta a morte", "pt", "self_harm"),
    ("ele disse que ia pegar um facão", "pt", "danger_now"),
    ("i got angry and went after my wife", "en", "domestic_abuse"),
    ("msh 3ayza a3eesh khalas", "ar", "self_harm"),
    ("mujhe yeh shadi manzoor nahi, chahe mujhe maar do", "ur", "domestic_abuse"),
    ("chelke ekta chithi likhe rekhechi, ami take bhalobashtam", "bn", "self_harm"),   # a letter: "I loved him"
    ("টাকা চাইলে বাবা আমাকে মারতে আসে", "bn", "disclosure"),             # "comes at me to hit me"
    ("i scratch my arms with a pencil sharpener blade", "en", "self_harm"),   # not a pencil as a figure of speech
    ("există risc de violență domestică la noi acasă, mi-e frică", "ro", "domestic_abuse"),   # a risk at home
    ("mein mar jana chahta hun, sab mujh se naraz hain", "ur", "self_harm"),    # "I want to die" (a man or boy)
    ("ab main chhat se kood jaunga", "ur", "self_harm"),                         # "I'll jump from the roof"
    ("لا اريد عيش بعد اليوم", "ar", "self_harm"),                                # "I don't want to live"
    ("افكر اقفز من الجسر الليلة", "ar", "self_harm"),                             # "jump from the bridge"
    ("kal raat usne phir deewar se mera sar maara", "ur", "disclosure"),         # "my head against the wall"
    ("a fost agresată fizic de soțul ei aseară", "ro", "domestic_abuse"),        # "assaulted by her husband"
    ("ماں بچوں کو پارک میں لاوارث چھوڑ کر چلی گئی", "ur", "disclosure"),           # children left abandoned
    ("ami ekhon bridge er upor dariye achi", "bn", "self_harm"),                 # "I'm standing on the bridge"
    ("im standing on the edge of the bridge", "en", "self_harm"),
    ("comprei uma corda hoje", "pt", "self_harm"),                                 # "I bought a rope today"
    ("my daughter looks like she wants to die, she wont eat", "en", "self_harm"),
    ("mujhe pani mein dubo diya", "ur", "disclosure"),                             # "held me under the water"
    ("المعلم اعتدى على ابني مرة ثانية", "ar", "disclosure"),                       # "assaulted my son"
    ("ওকে খুব মারধর করেছে", "bn", "disclosure"),                                  # "beat him badly"
    ("বাবা বলছেন উনি নিজেকে শেষ করে দেবেন", "bn", "self_harm"),                    # "he will end himself"
    ("wzielam cala paczke paracetamolu godzine temu", "pl", "self_harm"),          # a whole pack of paracetamol
    ("my last message before i go, tell my kids i love them", "en", "self_harm"),
    # "if" and "when" inside a sentence join what happened; they do not make it a question
    ("she says if they take the children she will jump from the balcony", "en", "self_harm"),
    ("my friend says her mum pinches her when she is bad and she is scared to go home", "en", "disclosure"),
    ("whats the easiest way to kill yourself that doesnt hurt", "en", "self_harm"),
    ("her husband's family are pressuring her son to marry a cousin abroad", "en", "domestic_abuse"),
    ("they are pressuring her 15-year-old son to marry a relative's daughter", "en", "domestic_abuse"),
    ("بابا كيضربني بالصمطة", "ar", "disclosure"),                                 # Darija: "dad hits me with the belt"
    ("my wife's family have threatened to 'deal with me' for bringing dishonour", "en", "domestic_abuse"),
    ("to moja ostatnia wiadomość, powiedzcie moim dzieciom że je kocham", "pl", "self_harm"),   # a goodbye
    ("الرغبة بالموت لا تفارقني", "ar", "self_harm"),                               # "the wish to die never leaves me"
    ("só quero que saibam que o pai os amava", "pt", "self_harm"),                 # a goodbye
    ("ela chegou ao ponto de se automutilar", "pt", "self_harm"),
    ("papa ne mera munh pani ki balti mein dala", "ur", "disclosure"),           # "my face in a bucket of water"
    ("chciał bym nie żyć. jak bym umarł to mama by nie miała kłopotów", "pl", "self_harm"),   # written apart
    ("Os meus pais expulsaram-me de casa. O que posso fazer?", "pt", "running_away"),
    ("আমার জামাই মারইন, শাশুড়িও মারইন", "bn", "domestic_abuse"),          # Sylheti: জামাই is the husband
    ("main khudkushi karna chahti hoon", "ur", "self_harm"),
    ("how many pills can you take before it kills you, for real", "en", "self_harm"),
    ("written my will on my phone. tell them mum tried.", "en", "self_harm"),   # a goodbye
    ("my granddaughter is being shouted at and smacked by her stepdad", "en", "disclosure"),
    ("خالي يدخل غرفتي بالليل ويعمل أشياء ما بقدر احكيها", "ar", "disclosure"),   # "things I can't say"
    ("মরি যাইতাম মন চায়, দড়ি রেডি করে রাখছি", "bn", "self_harm"),               # Sylheti: "the rope is ready"
    ("hamesha ke liye sona chahti hoon, goliyan jama kar rahi hoon", "ur", "self_harm"),   # "sleep for ever"
    ("usne phir gala dabaya kal raat", "ur", "domestic_abuse"),                   # "strangled me again"
    ("took the rest of my fluoxetine with some wine just now", "en", "self_harm"),
    ("هو بيعصب وبيمسكني من رقبتي كل ما نتخانق", "ar", "domestic_abuse"),          # "grabs me by my neck"
    ("nu mai pot. am cumparat funie. spune-le ca i-am iubit", "ro", "self_harm"),   # a rope, and a goodbye
    ("comprei uma corda para acabar com isto", "pt", "self_harm"),             # "a rope to end this"
    ("রাগ করলে জিনিস ভাঙে, মাঝে মাঝে আমার গায়েও হাত তোলে", "bn", "domestic_abuse"),   # "breaks things, me too"
    ("eu qero morrer ninguem gosta de mim", "pt", "self_harm"),
    ("eu me quero matar, não aguento mais", "pt", "self_harm"),
    ("fostul meu are ordin de restricție și acum bate la ușă", "ro", "danger_now"),   # an order broken now
    ("były mąż ma zakaz zbliżania, a teraz stoi pod drzwiami", "pl", "danger_now"),
    ("jma3t l7bob kollha, ba3d l meeting ykhlas kolshi", "ar", "self_harm"),       # "gathered all the pills"
    ("لم أعد أرى معنى للاستيقاظ بعد ما أخذوا الأولاد", "ar", "self_harm"),         # "no meaning in waking up"
    ("قال راح ينشر صوري إذا تركته", "ar", "domestic_abuse"),                      # "will post my photos"
    ("le-am scris scrisori copiilor, în caz că nu mai sunt", "ro", "self_harm"),   # letters to the children
    ("দড়ি কিনে রাখছি, কাউকে বলি নাই", "bn", "self_harm"),                        # "I have bought a rope"
    ("mąż zaczął mnie szarpać, boję się", "pl", "domestic_abuse"),
    ("siedzi w kuchni z siekierą i krzyczy", "pl", "danger_now"),                 # an axe
    ("não tenho acesso à conta do banco, ele controla tudo", "pt", "domestic_abuse"),
    ("familia soțului spune că mă vor pedepsi pentru că am făcut de rușine familia", "ro", "domestic_abuse"),
    ("Maine paracetamol ke do patte kha liye", "ur", "self_harm"),               # two strips of paracetamol
    ("I have no reason to live anymore", "en", "self_harm"),
    ("i have taken a whole packet of my sertraline", "en", "self_harm"),
    ("her brothers say she will be punished for the shame she brought", "en", "domestic_abuse"),
    ("a kid in my year does drops for older boys after school", "en", "grooming"),   # county lines
    ("my stepdad can get really heavy handed with me", "en", "disclosure"),
    ("جمعت الدوا ديالي كامل وغادي نشربو الليلة", "ar", "self_harm"),            # Darija: "gathered all my medicine"
    ("টাকা উনার কাছে থাকে, সব হিসাব দিতে হয়", "bn", "domestic_abuse"),          # "he keeps the money"
    ("powiedzcie moim dzieciom, że je kocham", "pl", "self_harm"),              # a goodbye, with its comma
    ("took like 20 of my antidepressants idk if thats bad", "en", "self_harm"),
    ("my sister's baby is left alone in his cot for hours most days", "en", "disclosure"),
    ("e aici și e foarte nervos, nu pot scrie mult că aude", "ro", "danger_now"),   # "he hears"
    ("sab khatam ho gaya, rassi le aaya hun", "ur", "self_harm"),                  # a man has brought a rope
    ("meri beti ko batana ke papa usse bohat pyar karte the", "ur", "self_harm"),   # a goodbye
    ("those marks on my arm arent from pe, they are from my stepdad", "en", "disclosure"),
    ("i have to ask for bus fare and explain where i have been", "en", "domestic_abuse"),
    ("im going tonight and they will never find me", "en", "running_away"),
    ("fara copiii mei nu are niciun rost, sunt pe podul mare", "ro", "self_harm"),
    ("interpreta spune că soțul a bătut-o aseară", "ro", "domestic_abuse"),
    ("wont be needing the meeting date in the end, ive made my own arrangements", "en", "self_harm"),
    ("a man online keeps asking her what year are you in and what are you wearing", "en", "grooming"),
    ("my friend told me she was molested by her uncle and she still has to go to his house", "en", "disclosure"),
    ("আমার পুয়ারে অখন মারের, কিতা করতাম", "bn", "danger_now"),                 # Sylheti "is hitting my son now"
    ("am strâns bani, cum ajung singură la aeroport fără să știe mama?", "ro", "running_away"),
    ("agar foster mein bheja to main bhaag jaunga, sab tayyar hai", "ur", "running_away"),
    ("ek online dost hai jo bohat bara hai, kehta hai kal milne aa raha hai", "ur", "grooming"),
    ("meri bhanji ko uska sautela baap gandi videos dikhata hai", "ur", "disclosure"),
    ("يريدون تزويجنا في سن صغيرة، القتل أرحم من الزواج", "ar", "domestic_abuse"),
    ("گھر سے بھاگنا پڑا کیونکہ زبردستی شادی کروا رہے تھے", "ur", "running_away"),
    ("my husbands family say our daughter must marry her cousin next summer", "en", "domestic_abuse"),
    ("me and my bf are running away tonight after the meeting", "en", "running_away"),
    ("teen raat se bachon ke saath gari mein so rahe hain, bohat thand hai", "ur", "danger_now"),
    ("mamie dzieje się krzywda, proszę pomóżcie", "pl", "domestic_abuse"),
    ("my uncles say I brought shame on the family by leaving him, they say they will find me", "en", "domestic_abuse"),
    ("راجلي ملي كيتعصب كيجبد ليا شعري", "ar", "domestic_abuse"),                   # Darija "pulls my hair"
])
def test_harm_as_people_write_it_in_real_posts(detector, text, lang, category):
    assert category in cats(detector, text, lang), text


@pytest.mark.parametrize("text, lang", [
    # a joke or a past-and-over cue said with "not" is no cue
    ("i am not safe now, he is back", "en"),
    ("my uncle threatened to kill us all tonight and he is not joking", "en"),
    ("grozi że mnie zabije, nie żartuję", "pl"),
    ("ele ameaçou me matar, não é brincadeira", "pt"),
    ("a zis că mă omoară, nu glumesc", "ro"),
    ("وہ جان سے مارنے کی دھمکی دیتا ہے، یہ مذاق نہیں ہے", "ur"),
    ("স্বামী মেরে ফেলার হুমকি দিয়েছে, আমি মজা করছি না", "bn"),
    ("ab theek nahi hoon, marna chahti hoon", "ur"),
    # exceptions for figures of speech that were wider than the figure
    ("he is holding a knife in the kitchen and screaming at us", "en"),
    ("he is trying to break in to the house", "en"),
    ("i want to die for real this time", "en"),
    ("i am going to end it with the pills i have saved", "en"),
    ("i would rather die than keep living like this", "en"),
    ("i do not want to live with my thoughts anymore", "en"),
    ("i stab myself with a pen when i get angry", "en"),
    ("the only way out for me is suicide", "en"),
    ("my husband beat me at home last night in front of the kids", "en"),
    ("i am running away with my little sister tonight i cant stay here", "en"),
    ("my stepdad says i have to get in the bed with him when mum is at work", "en"),
    ("i think my partner is molesting her", "en"),
    ("dziś w nocy się zabiję z tymi tabletkami, które zbierałam", "pl"),
    # frames, allegations and petty conditions that reached too far
    ("they say it gets better but i want to kill myself", "en"),
    ("the police said they can not come until tomorrow and he is outside my door", "en"),
    ("the gang said they will stab me if i lose the package", "en"),
    ("he keeps hiding my passport and he threatened to kill me", "en"),
    ("o meu filho de 12 anos falou de suicídio ontem à noite", "pt"),
    ("siedzę na lekcji a tata właśnie bije mamę w domu", "pl"),
    ("بشكل عام يضربني لما يسكر", "ar"),
    ("is zindagi ka matlab kya hai marna chahti hoon", "ur"),
    # past-and-over cues that also mean "ever since" or "everyone would be better"
    ("everyone would be much better off without me", "en"),
    ("its over, i want to die", "en"),
    ("there is a court order but he is outside the door right now", "en"),
    ("he hit me in march and since then he beats me every week", "en"),
    ("od tego czasu mąż mnie bije codziennie", "pl"),
    ("desde então o meu marido bate-me todos os dias", "pt"),
    ("my husband hits me every night, i am used to it by now", "en"),
    ("i have written my goodbye letters, everything is all sorted", "en"),
    ("estou em tratamento mas quero morrer", "pt"),
    # "not joking" is said in earnest, not a negation of what follows
    ("i am not joking about killing myself", "en"),
    ("im not kidding about wanting to die", "en"),
])
def test_words_that_soften_a_match_do_not_hide_a_crisis(detector, text, lang):
    """Each of these was silenced or made past and over by a cue, a frame or an exception meant for
    something narrower (an audit of the cue lists, 2026-12-07): each must be a firm finding."""
    reading = detector.read(text, lang)
    assert any(f.firm for f in reading.findings if f.is_crisis) and not reading.resolved, (text, reading)


@pytest.mark.parametrize("text, lang", [
    # found missing by helpers who wrote crisis messages against the rules (2026-12-07)
    ("tata znowu leje mame w kuchni slysze jak ona płacze co mam robić", "pl"),
    ("o meu marido pegou na faca da cozinha e diz que nos mata a todos", "pt"),
    ("engoli uma cartela inteira de rivotril faz meia hora", "pt"),
    ("am inghitit o folie intreaga de xanax acum jumatate de ora", "ro"),
    ("nie chce mi się już żyć", "pl"),
    ("partner mnie podduszał wczoraj aż straciłam przytomność", "pl"),
    ("familia vrea sa ma marite cu un baiat din tara, am 15 ani", "ro"),
    ("এইমাত্র আম্মুর ঘুমের ওষুধ সব খেয়ে ফেললাম", "bn"),
    ("میں نے ابھی امی کی ساری نیند کی گولیاں کھا لی ہیں", "ur"),
    ("بلعت حبوب كتير من شوية وحاسة بدوخة", "ar"),
    ("ammi please jaldi aao abbu gusse mein hain aur unke haath mein chaku hai", "ur"),
    ("মামা রাতে আমার বিছানায় আসে আর আমার শরীরে হাত দেয়", "bn"),
    ("خلاص تعبت من كل شي ما عاد ابي اعيش", "ar"),
    ("ما بقدر اكمل بدي موت", "ar"),                                   # "I can't go on" negates nothing
    ("koi nahi samajhta marna chahti hoon", "ur"),
    ("আমি মরতে চাই কেউ বোঝে না", "bn"),                               # "nobody understands", after the verb
    ("mums boyfriend has got her against the wall by her throat what do i do", "en"),
    ("please hes got my daughter in the car and hes been drinking all day he wont answer", "en"),
    ("ive got the rope in the shed and i know where im going to do it", "en"),
    ("I have been standing on the bridge by the station twice this week just looking down", "en"),
    ("o namorado da minha mãe vem para a minha cama à noite quando ela está no trabalho", "pt"),
    ("jakis facet z insta kupił mi perfumy i chce się spotkać w hotelu, mam 14 lat", "pl"),
])
def test_crisis_wording_an_audit_found_missing_is_found(detector, text, lang):
    assert any(f.firm for f in detector.read(text, lang).findings if f.is_crisis), text


@pytest.mark.parametrize("text, lang", [
    ("ammi ko pata chala maine lipstick tori hai to woh mujhe zinda nahi chhorengi 😂", "ur"),   # a laughing mother
    ("ei form ta amake mere felbe 💀 19 page", "bn"),                  # "this form will kill me"
    ("ten formularz mnie zabije, 12 stron po angielsku", "pl"),
    ("চাচারা আব্বুকে অপমান করে, শুধু গায়ে হাত তোলা বাকি", "bn"),        # "only hitting is left": no hitting
    ("شفت امبارح مسلسل فيه أب بيضرب ابنه بالحزام", "ar"),              # a television series
    ("pocieszam się, że konferencja pójdzie dobrze", "pl"),            # "I console myself", not "I cut myself"
])
def test_figures_and_stories_the_audit_additions_leave_alone(detector, text, lang):
    assert not any(f.firm for f in detector.read(text, lang).findings if f.is_crisis), text


def running_away(detector: SafetyDetector, text: str, lang: str) -> list[bool]:
    """Whether each running-away finding is firm."""
    return [f.firm for f in detector.detect(text, lang) if f.category == "running_away"]


@pytest.mark.parametrize("text, lang", [
    ("I'm running away, and I need help.", "en"),                    # a real message the classifier missed
    ("im running away from home", "en"),
    ("i am going to run away tonight when everyone is asleep", "en"),
    ("i ran away last night and im at the bus station", "en"),
    ("my mum kicked me out and i have nowhere to sleep tonight", "en"),
    ("my son has run away", "en"),
    ("my 15 year old has gone missing", "en"),
    ("my daughter has not come home since friday", "en"),
    ("uciekam z domu dzisiaj", "pl"),
    ("o sa fug de acasa diseara", "ro"),
    ("vou fugir de casa hoje", "pt"),
    ("رح اهرب من البيت الليلة", "ar"),
    ("main ghar se bhaag rahi hoon", "ur"),
    ("আমি বাড়ি থেকে পালিয়ে যাচ্ছি", "bn"),
])
def test_running_away_now_is_a_firm_match(detector, text, lang):
    assert True in running_away(detector, text, lang), text


@pytest.mark.parametrize("text, lang", [
    ("i want to run away", "en"),
    ("i want to runaway to my nan's", "en"),
    ("chcę uciec z domu", "pl"),
    ("بدي اهرب من البيت", "ar"),
])
def test_wanting_to_run_away_is_tentative(detector, text, lang):
    assert running_away(detector, text, lang) == [False], text


@pytest.mark.parametrize("text, lang", [
    ("I am running away from my problems", "en"),
    ("my daughter is missing school", "en"),
    ("my dad ran away when i was 3", "en"),                            # not a child of the writer
    ("what happens if i run away", "en"),
    ("we are running away with the lead in the quiz", "en"),
    ("fac un proiect despre copiii care fug de acasa", "ro"),           # children who run away, in general
    # "I ran away" with nothing to say it is now: the classifier's alone (stories long over)
    ("I ran away from home when I was 16, it is all fine now", "en"),
    ("my daughter ran away from home once", "en"),
    ("uciekłam z domu jak miałam 15 lat", "pl"),
    ("هربت من البيت", "ar"),                             # "I ran away" and "she ran away"
])
def test_running_away_words_that_are_not_running_away(detector, text, lang):
    assert not running_away(detector, text, lang), text


@pytest.mark.parametrize("text", ["চাচা আমাকে খারাপভাবে ছোঁয়", "social worker জানে না, চাচা আমাকে খারাপভাবে ছোঁয়"])
def test_bengali_phrases_match_with_or_without_english_words_in_the_message(detector, text):
    """Folding the Latin letters once joined ো / ৌ back into one code point, and Bengali phrases with
    them stopped matching in any message that had an English word in it."""
    assert "disclosure" in cats(detector, text, "bn"), text


def test_run_together_urdu_words_are_split_for_matching(detector):
    """Urdu is often typed with no space after a word ending in ے or ں (it looks spaced on screen)."""
    text = "میرےگھروالےزبردستی میری شادی کسی اورسےکرواناچاہتےتھے"
    assert "domestic_abuse" in cats(detector, text, "ur")
    words = normalise_for_language("میرےگھروالےمجھےمارتےتھے", "ur").split()
    assert words == ["میرے", "گهروالے", "مجهے", "مارتے", "تهے"]


@pytest.mark.parametrize("text", [
    "I'm hiding but if anything happens, I love you.",          # a real message
    "if anything happens to me tell my mum i love her",
])
def test_hiding_and_a_goodbye_are_danger_now(detector, text):
    assert "danger_now" in cats(detector, text), text


def test_hide_and_seek_is_not_danger(detector):
    assert "danger_now" not in cats(detector, "we are hiding and seeking in the garden")


def test_negation_in_other_languages(detector):
    assert not cats(detector, "nie chcę umrzeć", "pl")
    assert not cats(detector, "nu vreau sa mor", "ro")
    assert not cats(detector, "não quero morrer", "pt")
    assert not cats(detector, "আমি মরতে চাই না", "bn")


def test_findings_are_ordered_most_urgent_first_and_never_hold_user_text(detector):
    findings = detector.detect("i want to die, hes outside the door and we live in cardiff")
    assert [f.category for f in findings] == ["danger_now", "self_harm", "jurisdiction"]
    assert findings[-1].nation == "wales"
    for f in findings:
        assert f.rule.isidentifier() and "cardiff" not in f.rule
        assert isinstance(f, SafetyFinding)


def test_abusive_threat_to_staff_is_abusive_not_danger(detector):
    assert cats(detector, "ill kill the social worker") == ["abusive"]
    assert cats(detector, "the chair is a ****") == ["abusive"]


@pytest.mark.parametrize("text", [
    "the chair said my husband might hit them, that is not true",
    "What happens at the conference if my son says my partner hit him?",
])
def test_someone_at_home_hitting_a_child_is_not_a_threat_to_staff(detector, text):
    """The abuse boundary ("I will not reply to abuse or threats") would wrong a parent telling of harm."""
    assert "abusive" not in cats(detector, text), text


def test_jurisdiction_only_where_the_person_lives(detector):
    assert cats(detector, "we live in cardiff") == ["jurisdiction"]
    assert cats(detector, "my ex lives in glasgow") == []
    assert detector.detect("belfast social services", "en")[0].nation == "northern_ireland"
    assert detector.detect("mieszkamy w szkocji", "pl")[0].nation == "scotland"


def test_empty_and_odd_input(detector):
    assert detector.detect("") == []
    assert detector.detect("   ") == []
    assert detector.detect("?!?!") == []
    assert detector.detect("ok", "en-GB") == []
    assert detector.detect("😀😀") == []


def test_fast_enough(detector):
    cases = load_cases(SAFETY_CASES)
    for case in cases:  # warm up every language once
        detector.detect(case["text"], case["language"])
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        for case in cases:
            detector.detect(case["text"], case["language"])
        runs.append((time.perf_counter() - start) * 1000 / len(cases))
    print(f"\naverage detect() time: {min(runs):.2f} ms per message (best of 3 passes over {len(cases)})")
    assert min(runs) < 5.0


# ---------------------------------------------------------------------- the phrase lists themselves

def test_phrase_lists_are_documented_and_complete():
    lists = load_phrase_lists(PHRASES)
    for group in lists.groups:
        assert len(group.description) > 15, group.id
    for path in PHRASES.glob("*.yml"):
        assert path.read_text(encoding="utf-8").startswith("#"), f"{path.name} needs a top comment"
    for category in REQUIRED_IN_EVERY_LANGUAGE:
        langs = {lang for g in lists.groups if g.category == category for lang in g.entries}
        assert langs >= set(LANGUAGES), category


@pytest.mark.parametrize("replacement, message", [
    ("    xx: [মরে যেতে চাই", "xx"),
    # plain YAML keeps the second list only: every phrase of the first would be lost without a word
    ("    pl: [x]\n    bn: [মরে যেতে চাই", "pl given twice"),
    # an unquoted "word: word" in a flow list is a mapping, which would become a phrase nobody writes
    ("    bn: [আমি: মরে যেতে চাই", "not a plain phrase"),
    # a shared list named in a group but missing from cues.yml
    ("    bn: [$no_such_list, মরে যেতে চাই", "not a phrase set in cues.yml under bn"),
])
def test_a_broken_phrase_list_is_reported_clearly(tmp_path, replacement, message):
    for path in PHRASES.glob("*.yml"):
        shutil.copy(path, tmp_path / path.name)
    text = (tmp_path / "self_harm.yml").read_text(encoding="utf-8")
    assert "    bn: [মরে যেতে চাই" in text
    (tmp_path / "self_harm.yml").write_text(text.replace("    bn: [মরে যেতে চাই", replacement, 1), encoding="utf-8")
    with pytest.raises(PhraseListError, match=message):
        load_phrase_lists(tmp_path)


def test_only_english_loads_a_lemma_table(detector):
    """The other languages match words and stems: their lemma tables would cost every Rasa server
    about 265 MB (Portuguese and Romanian) for nothing."""
    assert "lemmatizer" in detector.pipelines["en"].pipe_names
    assert all("lemmatizer" not in nlp.pipe_names for lang, nlp in detector.pipelines.items() if lang != "en")
