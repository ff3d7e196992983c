"""The words of the text outputs in English, Korean and Japanese (``show --lang``).

Only headings and connecting words live here; names and facts come from the data. Where the
site's pages (``words/website.py``) or the relationship page (``words/relationships.py``) already have a
word, the same word is used. A language without an entry falls back to English, word by word.
"""

from __future__ import annotations

EN = {
    "names": "names",
    "class": "class",
    "also": "also {names}",
    "attributes": "Attributes",
    "no_confidence": "no confidence",
    "no_statement": "no statement",
    "none_recorded": "none recorded",
    "none": "none",
    "fate": "Fate",
    "fate_none": "unknown (no source says)",
    "matches": "Matches",
    "vs": "vs {opponent}",
    "songs": "Songs",
    "sings_in": "sings in {episode}",
    "sings": "sings",
    "voices": "Voices",
    "voices_in": "voices them in {work}",
    "voices_them": "voices them",
    "bonds": "Bonds",
    "sources": "Sources",
    "as_of": "As of {episode}: facts revealed later are left out.",
    "withheld_source": "a source that discusses later episodes",
}
KO = {
    "names": "이름",
    "class": "클래스",
    "also": "다른 이름: {names}",
    "attributes": "속성",
    "no_confidence": "신뢰도 없음",
    "no_statement": "진술 없음",
    "none_recorded": "기록 없음",
    "none": "없음",
    "fate": "운명",
    "fate_none": "불명: 출처 없음",
    "matches": "경기",
    "vs": "대 {opponent}",
    "songs": "노래",
    "sings_in": "{episode}에서 부름",
    "sings": "부름",
    "voices": "목소리",
    "voices_in": "{work}에서 목소리 연기",
    "voices_them": "목소리 연기",
    "bonds": "관계",
    "sources": "출처",
    "as_of": "{episode} 시점: 그 뒤에 공개된 사실은 빠져 있습니다.",
    "withheld_source": "이후 회차를 다루는 출처",
}
JA = {
    "names": "名前",
    "class": "クラス",
    "also": "別名: {names}",
    "attributes": "属性",
    "no_confidence": "確度なし",
    "no_statement": "記述なし",
    "none_recorded": "記録なし",
    "none": "なし",
    "fate": "運命",
    "fate_none": "不明：出典なし",
    "matches": "試合",
    "vs": "対 {opponent}",
    "songs": "歌",
    "sings_in": "{episode}で歌う",
    "sings": "歌う",
    "voices": "声",
    "voices_in": "{work}で声を担当",
    "voices_them": "声を担当",
    "bonds": "関係",
    "sources": "出典",
    "as_of": "{episode}の時点：それ以降に明かされた事実は含みません。",
    "withheld_source": "後の回を扱う出典",
}
LANGS = {"en": EN, "ko": KO, "ja": JA}


def words(lang: str) -> dict:
    """The text outputs' words in ``lang``, English where it has none."""
    return {**EN, **LANGS.get(lang, {})}
