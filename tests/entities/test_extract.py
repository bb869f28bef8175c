"""Golden cases for entity extraction: one row per rule, whole lists asserted."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.arabic.normalize import normalize
from indexer.entities.extract import extract_entities
from indexer.entities.matcher import (
    ARTICLE_RE,
    LIL_RE,
    WORD_RE,
    Hit,
    canonical_words,
    name_key,
    select_longest,
)


def ids(text, facet, source=None):
    return [e.id for e in extract_entities(text, "", source)[facet]]


def names(text, facet="place"):
    """Display names up to spelling ('السمكة' = 'سمكة', 'إعزاز' = 'أعزاز'), as the gold compares them."""
    return [name_key(e.ar) for e in extract_entities(text)[facet]]


def keys(*expected):
    return [name_key(n) for n in expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وبالحسكة واللاذقية وللنظام", ["وبحسكه", "ولاذقيه", "ولنظام"]),
        ("لجبهة النصرة بإدلب", ["لجبهه", "نصره", "بادلب"]),
        ("بالغ والي كالعادة", ["بالغ", "والي", "كعاده"]),
    ],
)
def test_canonical_words_keep_proclitics_drop_article(text, expected):
    assert canonical_words(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "بِالحَسَكَةِ وَلِلنِّظَامِ",  # diacritics inside and around the article
        "الحـــرب في إدلـب",  # tatweel
        "مدي\u200cنة حلب\u200f، ودمشق",  # zero-width non-joiner inside a word, RLM after one
        "ﻻجئين في ﷲ الرقة",  # presentation forms: a ligature, a word ligature
        "٢٠١٨ ABC_def x-y",  # Arabic-Indic digits, Latin, underscore
        "",
    ],
)
def test_canonical_words_word_by_word_equal_whole_text_folding(text):
    """Folding each raw word apart (cached) gives the words that folding the text gives."""
    whole = WORD_RE.findall(ARTICLE_RE.sub("", LIL_RE.sub("", normalize(text))))
    assert canonical_words(text) == whole
    assert canonical_words(normalize(text), normalized=True) == whole


def brute_longest(hits):
    kept = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept)


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=15))
def test_select_longest_matches_pairwise_definition(spans):
    hits = sorted({Hit(a, a + n, "", f"k{a}-{n}", ()) for a, n in spans}, key=lambda h: h.end)
    assert select_longest(hits) == (brute_longest(hits) if len(hits) > 1 else hits)


def test_name_key_folds_spelling():
    assert name_key("حماة") == name_key("حماه") == "حماه"
    assert name_key("إعزاز") == name_key("اعزاز") == name_key("أعزاز")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("قصف على بإدلب وحلب", ["إدلب", "حلب"]),
        ("اشتباكات في حماه ثم في حماة", ["حماة"]),
        ("وصلت الاحتفالات إلى اعزاز وإعزاز", ["إعزاز"]),
        ("تقدمت القوات في ريف إدلب الجنوبي", ["إدلب"]),
        ("السيطرة على مطار أبو الظهور العسكري", ["أبو الظهور"]),
    ],
)
def test_places_with_clitics_and_variants(text, expected):
    assert names(text) == keys(*expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "هاجم مقاتلون لجبهة النصرة مواقع لقوات النظام",
            ["nusra-front", "syrian-government-forces"],
        ),
        ("أعلن جيش إدلب الحر بدء المعركة", ["jaish-idlib-al-hurr"]),
        ("أعلن الجيش السوري الحر وفصائل أخرى", ["fsa"]),
        ("قالت قوات سوريا الديمقراطية (قسد) إن وحدات حماية الشعب", ["sdf", "ypg"]),
        ("دعم من الطيران الحربي الروسي وحزب الله", ["russian-forces", "hezbollah"]),
    ],
)
def test_factions(text, expected):
    assert ids(text, "faction") == expected


@pytest.mark.parametrize(
    "name",
    [
        "قوات النظام",
        "قوات الأسد",
        "الجيش السوري",
        "الجيش العربي السوري",
        "القوات الحكومية",
        "جيش النظام",
        "قوات الحكومة السورية",
    ],
)
def test_government_forces_are_one_entity(name):
    assert ids(f"قصفت {name} البلدة", "faction") == ["syrian-government-forces"]


@pytest.mark.parametrize(
    "name", ["داعش", "تنظيم الدولة", "تنظيم الدولة الإسلامية", "الدولة الإسلامية"]
)
def test_isis_names(name):
    assert ids(f"هاجم مسلحو {name} الموقع", "faction") == ["isis"]


def test_longest_match_hides_the_place_inside_a_faction():
    assert names("أعلن جيش إدلب الحر بدء المعركة") == []
    assert names("أعلن جيش إدلب الحر بدء المعركة في إدلب") == keys("إدلب")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("طالب المتظاهرون بالحرية والكرامة", []),
        ("سيطرت القوات على قرية الحرية", ["الحرية"]),
        ("فتح الباب أمام المفاوضات", []),
        ("دارت معارك عنيفة في مدينة الباب", ["الباب"]),
        ("تقدمت القوات بريف الباب الشرقي", ["الباب"]),
        ("هجوم على محاور التح وأبو حريف والسمكة", ["التح", "أبو حريف", "السمكة"]),
        ("فتح معبر لحين خروجهم", []),
        ("صحوة الضمير لدى العالم", []),
        ("هبطت طائرة في مطار الضمير", ["الضمير"]),
        ("قال الرئيس بشار الأسد", []),
        ("في إشارة إلى المعارضة", []),
        ("حدث ذلك في سبيل الوطن", []),
        ("أحياء الفردوس والسكري والأنصاري في حلب", ["الفردوس", "السكري", "الأنصاري", "حلب"]),
        ("الثورة في مصر وثورة تونس", []),
        ("ممارسة لعبة كرة القدم", []),
        ("سيطروا في ريف إدلب على بلدات أبو الظهور والتح", ["إدلب", "أبو الظهور", "التح"]),
        ("دمار في الغوطة الشرقية وبدا المشهد ذاته", ["الغوطة الشرقية"]),
    ],
)
def test_ambiguous_place_names_need_context(text, expected):
    assert names(text) == keys(*expected)


def test_place_homonyms_resolve_to_the_named_governorate():
    south_idlib = extract_entities("سيطروا على بلدتي الخوين والحمدانية جنوب إدلب")["place"]
    assert [(name_key(e.ar), e.governorate) for e in south_idlib] == [
        ("خوين", "idlib-governorate"),
        ("حمدانيه", "idlib-governorate"),
        ("ادلب", "idlib-governorate"),
    ]
    aleppo = extract_entities("اشتباكات في حي الحمدانية بمدينة حلب")["place"]
    assert [(name_key(e.ar), e.governorate) for e in aleppo] == [
        ("حمدانيه", "aleppo-governorate"),
        ("حلب", "aleppo-governorate"),
    ]


def test_places_outside_syria_are_not_place_facets():
    assert names("زار الوزير أنقرة وموسكو وسوريا") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ز.أ.ب/ح.ع.ح (أ ف ب، رويترز)", ["afp", "reuters"]),
        ("بحسب المرصد السوري لحقوق الإنسان", ["sohr"]),
        ("أفادت وكالة الأنباء السورية (سانا) بأن", ["sana"]),
        ("وأعلن الإعلام الحربي ونقلت وكالة إباء", ["military-media", "ibaa"]),
        ("وقالت قناة العربية إن", ["alarabiya"]),
        ("تعلم اللغة العربية في الجزيرة العربية", []),
    ],
)
def test_sources_named_in_text(text, expected):
    assert ids(text, "source") == expected


def test_signed_sources_from_byline_and_copyright():
    assert ids("وقال مراسل NSO إن", "source") == ["nedaa-syria"]
    found = extract_entities("حقوق النشر محفوظة لصالح شبكة أخبار الوادي.")["source"]
    assert [(e.id, e.ar, e.kind) for e in found] == [
        ("شبكه-اخبار-وادي", "شبكه اخبار الوادي", "outlet")
    ]
    known = extract_entities("حقوق النشر محفوظة لصالح مرصد الشرق الأوسط وشمال افريقيا الإعلامي.")[
        "source"
    ]
    assert [e.id for e in known] == ["mena-monitor"]


def test_copyright_of_an_unknown_publisher_is_that_publisher():
    """One outlet, one id: the copyright line on its own site takes the publisher's id."""
    facets = extract_entities(
        "خبر. جميع الحقوق محفوظة لموقع أخبار السهل الإخباري", "", "sahl-news.example", ()
    )
    assert [e.id for e in facets["publisher"]] == ["sahl-news.example"]
    assert [e.id for e in facets["source"]] == ["sahl-news.example"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('أوردت صحيفة " ستار " التركية أن', ["star-tr"]),
        ('ونقلت وكالة أنباء "فارس" عن', ["fars"]),
        ("وقالت صحيفة ماركا الإسبانية إن", ["ماركا"]),
        ("وذكرت صحيفة الوطن السورية أن", ["al-watan-sy"]),
        ("نقلت وكالة الإعلام الروسية عن الوزير", ["ria-novosti"]),
        ("وهي بين قناة السويس المصرية ووكالة الفضاء الأمريكية", []),
    ],
)
def test_sources_cited_by_form(text, expected):
    assert ids(text, "source") == expected


@pytest.mark.parametrize(
    "source, url, expected",
    [
        ("skynews", None, "skynews-arabia"),
        ("alarabia", None, "alarabiya"),
        ("www.alarabiya.net", None, "alarabiya"),
        ("قناه العربيه 2018", None, "alarabiya"),
        ("العربية نت", None, "alarabiya"),
        ("france24", None, "france24"),
        ("BBC", "http://www.bbc.co.uk/arabic/middleeast-1", "bbc"),
        ("CNN", None, "cnn"),
        (None, "https://arabic.cnn.com/middle-east/article", "cnn"),
        ("www.enabbaladi.net", None, "enab-baladi"),
        ("smartnews-agency.com", None, "smart"),
        ("mubasher.aljazeera.net", None, "aljazeera"),
        ("موقع عنب بلدي", None, "enab-baladi"),
    ],
)
def test_record_metadata_resolves_to_the_publisher(source, url, expected):
    facets = extract_entities("نص بلا مصادر", "", source, (), url)
    assert [e.id for e in facets["publisher"]] == [expected]
    assert facets["source"] == []  # the publisher is no source the text cites


@pytest.mark.parametrize(
    "source, url, expected",
    [
        ("example.org", None, ("example.org", "example.org")),
        ("www.news.example.co.uk", None, ("example.co.uk", "example.co.uk")),
        ("Example News", "https://m.example.com/a/b", ("example.com", "Example News")),
        ("شبكة أخبار الوادي 2017", None, ("شبكه-اخبار-وادي", "شبكة أخبار الوادي")),
        ("alwatan.wordpress.com", None, ("alwatan.wordpress.com", "alwatan.wordpress.com")),
    ],
)
def test_unknown_publisher_gets_a_readable_id(source, url, expected):
    found = extract_entities("نص", "", source, (), url)["publisher"]
    assert [(e.id, e.ar) for e in found] == [expected]
    assert found[0].kind == "publisher"


def test_no_metadata_no_publisher():
    assert extract_entities("نص", "", None)["publisher"] == []


def test_entities_listed_once_in_order_of_first_mention():
    facets = extract_entities("قصفت قوات النظام حلب ثم إدلب ثم حلب وقوات الأسد", "عنوان")
    assert [e.ar for e in facets["place"]] == ["حلب", "إدلب"]  # governorates keep their spelling
    assert [e.id for e in facets["faction"]] == ["syrian-government-forces"]


def test_candidates_lists_unknown_names_after_trigger_words(tmp_path):
    from click.testing import CliRunner

    from searchapp.cli import cli

    for n in range(2):
        (tmp_path / f"{n}.txt").write_text(
            f"خبر {n}\nأعلن لواء الفجر الجديد وجبهة النصرة السيطرة على قرية زعترينا في ريف إدلب.",
            "utf-8",
        )
    result = CliRunner().invoke(cli, ["extract", "--candidates", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert rows == [
        ["2", "faction", "لواء الفجر"],
        ["2", "faction", "لواء الفجر الجديد"],
        ["2", "place", "زعترينا"],
    ]


def test_one_place_name_is_listed_once_even_when_records_differ():
    assert names("قصف على الغوطة الشرقية ثم هضبة الجولان والجولان") == keys(
        "الغوطة الشرقية", "الجولان"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "يحول الطيران السوري والروسي هذه المناطق إلى جحيم",
            ["syrian-government-forces", "russian-forces"],
        ),
        ("وردت القوات الحدودية التركية بإطلاق النار", ["turkish-forces"]),
        ("غواصة روسية تقصف أهدافا لداعش", ["russian-forces", "isis"]),
        ("رصدت طائرات بدون طيار روسية القاعدة الأمريكية", ["russian-forces", "us-forces"]),
        ("تحطم طائرة روسية تقل ركابا", []),  # a civilian plane: no qualifier
    ],
)
def test_forces_named_by_their_nationality(text, expected):
    assert ids(text, "faction") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("تقدمت قوات الجيش الوطني اليمني في صعدة", []),
        ("أعلن الجيش الوطني الليبي بقيادة حفتر السيطرة على درنة", []),
        ("واصل الجيش الوطني عملياته في مأرب ضد الحوثيين في اليمن", []),
        ("دخلت فصائل الجيش الوطني مدينة عفرين في ريف حلب شمال سوريا", ["syrian-national-army"]),
        ("أعلنت قوات التحالف العربي لدعم الشرعية في اليمن", []),
        ("قصفت قوات التحالف مواقع الحوثيين في صعدة اليمنية", []),
        ("قصفت قوات التحالف مواقع داعش في الرقة السورية", ["us-led-coalition", "isis"]),
    ],
)
def test_other_wars_armies_are_not_syrian_factions(text, expected):
    assert ids(text, "faction") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وقال العبادي في كلمة في التلفزيون الرسمي العراقي إن القوات العراقية", []),
        ("وبث التلفزيون الرسمي صورا من دوما في الغوطة الشرقية بريف دمشق", ["syrian-tv"]),
    ],
)
def test_state_tv_of_another_country_is_not_syrian_tv(text, expected):
    assert ids(text, "source") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("تقدمت قوات الجيش اليمني نحو الحديدة في اليمن", []),
        ("بلدة الحديدة في ريف حمص الشرقي", ["حديده", "حمص"]),
        ("قال الوزير اليمني مختار الرحبي إن", []),
        ("ماتيلد تحمل دوما عصابة على عينها", []),
        ("وصل المفتشون إلى دوما في الغوطة الشرقية", ["دوما", "غوطه شرقيه"]),
        ("مباراة لكرة القدم في مدينة البصرة", []),
        ("امتدت المواجهات إلى مخيم البريج وسط قطاع غزة", []),
        ("الرسوم الجمركية الفرنسية", []),  # no ف + الرنسية
        ("معتقلي حراك الريف في المغرب", []),
        ("ولد في تشرين الأول 1990", []),
        ("أعادت السعودية سفيرها الأمير خالد بن بندر", []),
        ("قطار بين مدينتي الدار البيضاء والقنيطرة في المغرب", []),
    ],
)
def test_people_words_and_places_abroad_are_not_syrian_places(text, expected):
    assert [name_key(e.ar) for e in extract_entities(text)["place"]] == expected


@pytest.mark.parametrize(
    "written, place",
    [
        ("كفرحمرة", "كفر حمرة"),  # كفر joined
        ("كفر نبودة", "كفرنبودة"),  # or apart
        ("بصر الحرير", "بصرالحرير"),  # a one-word record read as two words
    ],
)
def test_place_names_written_in_one_word_or_two(written, place):
    assert names(f"قصفت الطائرات بلدة {written} في سوريا") == keys(place)


def test_one_word_spelling_and_comma_lists():
    found = names("تعرضت مدينة جسرالشغور لقصف وطال القصف قرى الشطيب، الرهجان، أبو دالي في ريف حماة")
    assert found == keys("جسر الشغور", "شطيب", "الرهجان", "أبو دالي", "حماة")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a countryside opens a list of its villages, past its directions
        (
            "قصفت قوات النظام ريف حماة الشمالي، الزيارة والحمراء وصوران",
            ["حماة", "الزيارة", "الحمراء", "صوران"],
        ),
        ("استهدف القصف ريف درعا الشرقي: الحراك والجيزة ونوى", ["درعا", "الحراك", "الجيزة", "نوى"]),
        # ... of that governorate only, and joined by و or a comma only
        ("تعزيزات إلى مناطق انتشارها في ريف حلب الغربي المطلة على مدينة عفرين", ["حلب", "عفرين"]),
        ("فيديو جديد من ريف دمشق : صور تظهر معارك", ["ريف دمشق"]),
        ("خصوصا في دمشق وريف دمشق واللاذقية , لكسب الحرب", ["دمشق", "ريف دمشق", "اللاذقية"]),
        ("لم يجد سكان مخيم اليرموك في ريف دمشق بدا من الرحيل", ["مخيم اليرموك", "ريف دمشق"]),
    ],
)
def test_countryside_lists(text, expected):
    assert names(text) == keys(*expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("حائط البراق الواقع قرب باب المغاربة في القدس ومعارك في ريف حلب", ["حلب"]),
        ("وجه الرئيس تحية تقدير وإعزاز لكل الشهداء ومعارك في حلب", ["حلب"]),
        ("مناطق درع الفرات أي جرابلس وإعزاز في شمال سوريا", ["جرابلس", "اعزاز"]),
        ("أدانته بشدة وزارة الخارجية في حمص", ["حمص"]),
        ("استعادت الفصائل السيطرة على قريتين في ريف إدلب", ["ادلب"]),  # two villages
    ],
)
def test_words_that_only_look_like_place_names(text, expected):
    assert names(text) == keys(*expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ويتوقع أن يقدم تحالف دولي فني توصياته", []),  # indefinite: no التحالف الدولي
        ("دعم للشعب اليمني ونصرة لإرادته الحرة", []),
        ("أعلنت هيئة الطيران الروسية روسافياتسيا", []),  # a civil agency, not 'الطيران الروسي'
        ("قوات حكومية تتأهب للتقدم نحو ميناء الحديدة في اليمن", []),
        ("قصف لميليشيات إيرانية على قرى في مديرية الدريهمي بمحافظة الحديدة اليمنية", []),
        ("قصفت القوات الحكومية دوما في الغوطة الشرقية بريف دمشق", ["syrian-government-forces"]),
    ],
)
def test_faction_names_that_are_something_else(text, expected):
    assert ids(text, "faction") == expected
