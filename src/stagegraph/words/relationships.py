"""The words of the page's interface in English, Korean and Japanese (``--lang``).

Only interface words live here (buttons, headings, legend, captions); names and facts come
from the data. A language without an entry falls back to English, word by word.
"""

from __future__ import annotations

EN = {
    "find": "Find a character",
    "find_hint": "Name in any language",
    "not_in_view": "not in this view",
    "watched": "Watched up to",
    "everything": "everything",
    "menu": "Filters and legend",
    "close": "Close",
    "show": "Show",
    "legend": "Legend",
    "edges": "Edges",
    "nature": "Nature",
    "canon": "Canon status",
    "fate": "Fate",
    "bonds": "bonds",
    "matches": "matches",
    "credits": "credits",
    "voices": "voices",
    "bonds_matches": "Bonds and matches",
    "matches_heading": "Matches",
    "credits_heading": "Credits",
    "sources": "Sources",
    "songs": "Songs",
    "names": "Names",
    "bracket": "Tournament",
    "winner": "winner",
    "unknown_opponent": "?",
    "list": "Characters and bonds as a list",
    "graph": "Relationship graph: the same characters and bonds are in the list “Characters and bonds as a list”",
    "mutual": "mutual: no arrow",
    "one_sided": "one-sided or directed: arrow from the one who feels or acts",
    "doubtful": "disputed or fan interpretation: thin and faint, caption ends in ?",
    "match_line": "match: grey, labelled with the round and the winner ✓",
    "revealed_in": "revealed in",
    "revealed_unknown": "episode unknown",
    "against": "against",
    "unknown_note": "{n} facts whose episode is unknown appear only under “everything”.",
    "empty_view": "Nothing is revealed yet at {episode}: slide further.",
    "fallback": "no {lang} name; shown in {fallback}",
    "link": "identifier",
    "fate_alive": "alive",
    "fate_rescued": "rescued",
    "fate_died": "died",
    "fate_disputed": "disputed: died or not?",
    "fate_open": "left open by the story",
    "fate_none": "unknown: no source says",
    "canon_canon": "canon",
    "canon_disputed": "disputed",
    "canon_fan-interpretation": "fan interpretation",
    "round_final": "Final",
    "round_semi": "Semi-finals",
    "round_quarter": "Quarter-finals",
    "round_n": "Round of {n}",
    "round_stage": "Stage {n}",
    "withheld_source": "a source that discusses later episodes",
    "won": "{round}: {winner} won ✓",
    "no_winner": "{round}: winner unknown",
    "one_sided_suffix": " (one-sided)",
    "footer_nodes": "{nodes} nodes, {edges} edges",
    "footer_cut": "facts up to {episode} only",
    "footer_click": "click a name, a line or a match for its sources",
    "big_hint": "{n} characters: use the filters and the episode slider to show fewer at a time, or build the "
    "page with --view bonds or --as-of EPISODE.",
}

CAPTIONS_EN = {  # nature → (mutual, one way)
    "romantic": ("in love", "loves"),
    "platonic": ("friends", "cares for"),
    "family": ("family", "family of"),
    "rivalry": ("rivals", "rival of"),
    "guardianship": ("guardians", "guardian of"),
    "protective": ("protect each other", "protects"),
    "antagonistic": ("enemies", "hostile to"),
}

KO = {
    "find": "캐릭터 찾기",
    "find_hint": "이름 (어느 언어든)",
    "not_in_view": "이 화면에 없음",
    "watched": "시청한 회차",
    "everything": "전체",
    "menu": "필터와 범례",
    "close": "닫기",
    "show": "표시",
    "legend": "범례",
    "edges": "선",
    "nature": "관계의 성격",
    "canon": "공식 여부",
    "fate": "운명",
    "bonds": "관계",
    "matches": "경기",
    "credits": "크레딧",
    "voices": "목소리",
    "bonds_matches": "관계와 경기",
    "matches_heading": "경기",
    "credits_heading": "크레딧",
    "sources": "출처",
    "songs": "노래",
    "names": "이름",
    "bracket": "토너먼트",
    "winner": "승자",
    "list": "캐릭터와 관계 목록",
    "graph": "관계도: 같은 캐릭터와 관계가 “캐릭터와 관계 목록”에 있습니다",
    "mutual": "서로: 화살표 없음",
    "one_sided": "일방적: 화살표가 마음을 품은 쪽에서 나감",
    "doubtful": "논란 또는 팬 해석: 가늘고 흐림, 설명 끝에 ?",
    "match_line": "경기: 회색, 라운드와 승자 ✓ 표시",
    "revealed_in": "공개 회차",
    "revealed_unknown": "회차 불명",
    "against": "상대",
    "unknown_note": "회차를 알 수 없는 사실 {n}개는 “전체”에서만 보입니다.",
    "empty_view": "{episode}까지는 아직 공개된 것이 없습니다.",
    "fallback": "{lang} 이름 없음, {fallback}로 표시",
    "link": "식별자",
    "fate_alive": "생존",
    "fate_rescued": "구출됨",
    "fate_died": "사망",
    "fate_disputed": "논란: 사망 여부 불확실",
    "fate_open": "열린 결말",
    "fate_none": "불명: 출처 없음",
    "canon_canon": "공식",
    "canon_disputed": "논란",
    "canon_fan-interpretation": "팬 해석",
    "round_final": "결승",
    "round_semi": "준결승",
    "round_quarter": "8강",
    "round_n": "{n}강",
    "round_stage": "{n}단계",
    "withheld_source": "이후 회차를 다루는 출처",
    "won": "{round}: {winner} 승리 ✓",
    "no_winner": "{round}: 승자 불명",
    "one_sided_suffix": " (일방적)",
    "footer_nodes": "노드 {nodes}개, 선 {edges}개",
    "footer_cut": "{episode}까지의 사실만",
    "footer_click": "이름, 선, 경기를 누르면 출처가 보입니다",
    "big_hint": "캐릭터 {n}명: 필터와 회차 슬라이더로 한 번에 보이는 수를 줄이거나, --view bonds 또는 "
    "--as-of EPISODE로 페이지를 만드세요.",
}

CAPTIONS_KO = {
    "romantic": ("연인", "짝사랑"),
    "platonic": ("친구", "아낌"),
    "family": ("가족", "가족"),
    "rivalry": ("라이벌", "라이벌"),
    "guardianship": ("보호자", "보호자"),
    "protective": ("서로 지킴", "지킴"),
    "antagonistic": ("적대", "적대"),
}

JA = {
    "find": "キャラクターを検索",
    "find_hint": "名前（どの言語でも）",
    "not_in_view": "この表示にはいません",
    "watched": "視聴済み",
    "everything": "すべて",
    "menu": "フィルターと凡例",
    "close": "閉じる",
    "show": "表示",
    "legend": "凡例",
    "edges": "線",
    "nature": "関係の種類",
    "canon": "公式かどうか",
    "fate": "運命",
    "bonds": "関係",
    "matches": "試合",
    "credits": "クレジット",
    "voices": "声",
    "bonds_matches": "関係と試合",
    "matches_heading": "試合",
    "credits_heading": "クレジット",
    "sources": "出典",
    "songs": "歌",
    "names": "名前",
    "bracket": "トーナメント",
    "winner": "勝者",
    "list": "キャラクターと関係の一覧",
    "graph": "相関図：同じキャラクターと関係が「キャラクターと関係の一覧」にあります",
    "mutual": "相互：矢印なし",
    "one_sided": "一方的：想う側から矢印",
    "doubtful": "議論あり・ファン解釈：細く薄い線、説明の末尾に ?",
    "match_line": "試合：灰色、ラウンドと勝者 ✓",
    "revealed_in": "判明した回",
    "revealed_unknown": "回は不明",
    "against": "対戦相手",
    "unknown_note": "回が不明な事実 {n} 件は「すべて」でのみ表示されます。",
    "empty_view": "{episode} の時点では、まだ何も明かされていません。",
    "fallback": "{lang}の名前なし、{fallback}で表示",
    "link": "識別子",
    "fate_alive": "生存",
    "fate_rescued": "救出",
    "fate_died": "死亡",
    "fate_disputed": "議論あり：生死不明",
    "fate_open": "物語で未確定",
    "fate_none": "不明：出典なし",
    "canon_canon": "公式",
    "canon_disputed": "議論あり",
    "canon_fan-interpretation": "ファン解釈",
    "round_final": "決勝",
    "round_semi": "準決勝",
    "round_quarter": "準々決勝",
    "round_n": "ベスト{n}",
    "round_stage": "第{n}段階",
    "withheld_source": "後の回を扱う出典",
    "won": "{round}：{winner} 勝利 ✓",
    "no_winner": "{round}：勝者不明",
    "one_sided_suffix": "（片思い）",
    "footer_nodes": "ノード {nodes}、線 {edges}",
    "footer_cut": "{episode} までの事実のみ",
    "footer_click": "名前・線・試合をクリックすると出典が表示されます",
    "big_hint": "キャラクター{n}人：フィルターと回のスライダーで一度に表示する数を減らすか、--view bonds または "
    "--as-of EPISODE でページを作ってください。",
}

CAPTIONS_JA = {
    "romantic": ("恋人", "恋"),
    "platonic": ("友人", "大切に思う"),
    "family": ("家族", "家族"),
    "rivalry": ("ライバル", "ライバル"),
    "guardianship": ("保護者", "保護者"),
    "protective": ("守り合う", "守る"),
    "antagonistic": ("敵対", "敵対"),
}

LANGUAGE_NAMES = {
    "en": {"en": "English", "ko": "Korean", "ja": "Japanese"},
    "ko": {"en": "영어", "ko": "한국어", "ja": "일본어"},
    "ja": {"en": "英語", "ko": "韓国語", "ja": "日本語"},
}

_WORDS = {"en": EN, "ko": KO, "ja": JA}
_CAPTIONS = {"en": CAPTIONS_EN, "ko": CAPTIONS_KO, "ja": CAPTIONS_JA}


def words(lang: str) -> dict:
    """Every interface word in ``lang``, English where ``lang`` has none."""
    return {**EN, **_WORDS.get(lang, {}), "languages": LANGUAGE_NAMES.get(lang, LANGUAGE_NAMES["en"])}


def caption(lang: str, nature: str, bond_type: str, canon: str) -> str:
    """The short caption drawn on a bond: "loves", "rivals"…, with ? when not canon."""
    both, one_way = _CAPTIONS.get(lang, CAPTIONS_EN).get(nature, CAPTIONS_EN.get(nature, (nature, nature)))
    text = both if bond_type == "mutual" else one_way
    if bond_type == "one-sided" and not (lang == "ko" and nature == "romantic"):
        text += words(lang)["one_sided_suffix"]
    return text + (" ?" if canon != "canon" else "")


def round_name(lang: str, from_final: int, stage: int | None = None) -> str:
    """0 → Final, 1 → Semi-finals, 2 → Quarter-finals, 3 → Round of 16… in ``lang``; with
    ``stage`` (a view that has not reached its final), "Stage 1", "Stage 2"…"""
    w = words(lang)
    if stage is not None:
        return w["round_stage"].format(n=stage)
    named = {0: w["round_final"], 1: w["round_semi"], 2: w["round_quarter"]}
    return named.get(from_final, w["round_n"].format(n=2 ** (from_final + 1)))
