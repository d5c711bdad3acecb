"""An Arabic headline run into its article (issue 11): Arabic has no letter case, so the
title-case sign of a headline (``mentions._headlines``) never fires; the first segment with no
sentence stop before the body's first speech verb is the headline when it is a "source: claim"
line or runs into a verb joined by "and" ('… وقال …'). No statement starts in it and no
speaker is taken from it (invented sentences)."""
from __future__ import annotations

from test_quotes_round10 import _said

from newstrace.cues import table
from newstrace.quotes import _caseless_run_in_head, _Ctx
from newstrace.records import Article, Paragraph


def _head_end(text: str, lang: str = "ar") -> int:
    art = Article(id="x", text=text, lang=lang, paragraphs=[Paragraph(0, len(text), lang)])
    return _Ctx(art, table(lang)).head_end


def test_dropped_subject_does_not_resolve_to_a_name_in_the_headline():
    # 'سامي العلي' names the festival in the headline; the ministry's statement is not his
    text = ("مهرجان سامي العلي: دخول المعرض مجانا لذوي القدرات الخاصة "
            "وأعلنت أن ذوي القدرات الخاصة يدخلون المعرض بالمجان.")
    assert _said(text, "ar", "سامي العلي") == [("ذوي القدرات الخاصة يدخلون المعرض بالمجان", None)]


def test_headline_end_in_a_caseless_script():
    # "source: claim" before a verb-first body sentence
    text = ("الصحة العالمية: الصين تخفي حصيلة الإصابات بفيروس كورونا "
            "أعلنت منظمة الصحة العالمية أن الصين لا تكشف كل الأرقام.")
    assert text[:_head_end(text)].strip().endswith("كورونا")
    # a run of words before 'وقال' ("and said") with no stop
    text = ('رئيس "الهيئة العربية للتصنيع" يكشف تفاصيل اجتماع الوزيرة مع الهيئة '
            'وقال الفريق عبد المنعم التراس إن الزيارة كانت مهمة للغاية.')
    assert text[_head_end(text):].startswith("وقال")
    # a gap of two spaces ends the headline before the dateline
    text = ("سوريا وروسيا: تحذير من تفشي الفيروس في مخيمي الركبان والهول  دمشق - سانا - "
            "وأكدت سوريا وروسيا أن المخيمات تحتاج إلى مساعدة عاجلة.")
    assert text[:_head_end(text)].endswith("والهول")
    # a sentence whose subject and apposition come before the verb is no headline
    text = "المتحدث باسم وزارة الصحة، محمد علي، وقال إن الوضع مستقر في المستشفيات."
    assert _head_end(text) == 0
    text = "وقال وزير الخارجية سامي العلي إن الحكومة لن تتراجع عن قرارها."
    assert _head_end(text) == 0
    assert _caseless_run_in_head("", [], []) == 0
