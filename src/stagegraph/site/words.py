"""The words of the site's chrome in English, Korean and Japanese (``--lang``).

Names and facts come from the data; only headings, buttons and captions live here. A word
missing in a language falls back to English.
"""

from __future__ import annotations

EN = {
    "site": "stagegraph wiki", "home": "Home", "search": "Search", "search_hint": "A name in any language",
    "no_results": "Nothing found.", "results": "{n} found",
    "landing_q": "How far have you watched?",
    "landing_p": "Every page below holds nothing revealed after the episode you choose: no bond, fate, note or "
                 "name from later. Choose the last episode you have seen.",
    "everything": "Everything (the whole story: spoilers)",
    "everything_p": "The full tree holds every fact, including those whose episode is unknown.",
    "watched": "Watched up to {episode}", "full_tree": "The whole story (spoilers)",
    "held_back": "{later} facts revealed later and {unknown} facts whose episode is unknown are held back.",
    "held_here": "{n} facts about this are held back at this point.",
    "change": "Change episode",
    "character": "Characters", "episode": "Episodes", "match": "Matches", "song": "Songs", "person": "People",
    "organization": "Organisations", "bond": "Bonds", "source": "Sources",
    "kind_character": "Character", "kind_episode": "Episode", "kind_match": "Match", "kind_song": "Song",
    "kind_person": "Person", "kind_organization": "Organisation", "kind_bond": "Bond", "kind_source": "Source",
    "names": "Names", "about": "About", "classes": "Classes", "attributes": "Attributes", "fate": "Fate",
    "matches": "Matches", "songs": "Songs", "voices": "Voices", "bonds": "Bonds", "sources": "Sources",
    "credits": "Credits", "vocalists": "Sung by", "members": "Members", "member_of": "Member of",
    "in_episode": "In this episode", "revealed_here": "Revealed in this episode", "contestants": "Contestants",
    "cited_by": "Facts that cite this source", "details": "Details",
    "confidence": "confidence", "canon": "canon status", "revealed": "revealed in",
    "unknown_episode": "episode unknown",
    "graph": "Relationships", "bracket": "Tournament", "timeline": "Timeline", "queries": "Queries",
    "ontology": "Ontology", "shapes": "Shapes", "sparql": "Query (SPARQL)", "downloads": "Downloads",
    "neighbourhood": "See {name} in the relationship graph", "permalink": "link to this statement",
    "outgoing": "→", "incoming": "←", "mutual": "↔", "winner": "winner", "vs": "vs",
    "order": "Viewing order", "previous": "Previous episode", "next": "Next episode",
    "query_summary": "Summary", "query_text": "SPARQL", "query_results": "Results ({n} rows)",
    "query_params": "This query takes parameters; run it with: {command}",
    "download_csv": "CSV", "download_json": "SPARQL JSON", "machine": "This page as data",
    "skip": "Skip to content", "nav": "Site", "lang_name": "English",
    "dataset": "The whole graph", "triples": "{n} triples",
    "class": "Class", "property": "Property", "concept": "Concept", "constrained_by": "Constrained by",
    "aligned": "Aligned with", "definition": "Definition", "domain": "Domain", "range": "Range",
    "external": "external link", "entities": "{n} pages",
    "none": "Nothing yet at this point.", "unidentified": "unidentified",
}

KO = {
    "site": "stagegraph 위키", "home": "홈", "search": "검색", "search_hint": "어느 언어로든 이름",
    "no_results": "찾지 못했습니다.", "results": "{n}개 찾음",
    "landing_q": "어디까지 보셨나요?",
    "landing_p": "아래의 모든 페이지에는 고른 회차 이후에 공개된 관계, 운명, 메모, 이름이 없습니다. "
                 "마지막으로 본 회차를 고르세요.",
    "everything": "전체 (모든 이야기: 스포일러)",
    "everything_p": "전체 트리는 회차를 알 수 없는 사실까지 모두 담습니다.",
    "watched": "{episode}까지 시청", "full_tree": "전체 이야기 (스포일러)",
    "held_back": "나중에 공개되는 사실 {later}개와 회차 불명 사실 {unknown}개를 숨겼습니다.",
    "held_here": "이 시점에서는 관련 사실 {n}개를 숨겼습니다.", "change": "회차 바꾸기",
    "character": "캐릭터", "episode": "에피소드", "match": "경기", "song": "노래", "person": "사람",
    "organization": "단체", "bond": "관계", "source": "출처",
    "names": "이름", "about": "설명", "attributes": "속성", "fate": "운명", "matches": "경기", "songs": "노래",
    "voices": "목소리", "bonds": "관계", "sources": "출처", "credits": "크레딧", "vocalists": "부른 이",
    "graph": "관계도", "bracket": "토너먼트", "timeline": "연표", "queries": "쿼리", "ontology": "온톨로지",
    "confidence": "신뢰도", "canon": "공식 여부", "revealed": "공개 회차", "unknown_episode": "회차 불명",
    "skip": "본문으로 건너뛰기", "lang_name": "한국어", "downloads": "내려받기",
}

JA = {
    "site": "stagegraph ウィキ", "home": "ホーム", "search": "検索", "search_hint": "どの言語の名前でも",
    "no_results": "見つかりません。", "results": "{n}件",
    "landing_q": "どこまで見ましたか？",
    "landing_p": "選んだ回より後に明かされる関係・運命・メモ・名前は、以下のどのページにもありません。"
                 "最後に見た回を選んでください。",
    "everything": "すべて（物語全体：ネタバレ）",
    "everything_p": "全体ツリーには回が不明な事実も含めすべてがあります。",
    "watched": "{episode}まで視聴", "full_tree": "物語全体（ネタバレ）",
    "held_back": "後で明かされる事実{later}件と回が不明な事実{unknown}件を伏せています。",
    "held_here": "この時点では関連する事実{n}件を伏せています。", "change": "回を変える",
    "character": "キャラクター", "episode": "エピソード", "match": "試合", "song": "歌", "person": "人物",
    "organization": "団体", "bond": "関係", "source": "出典",
    "names": "名前", "about": "概要", "attributes": "属性", "fate": "運命", "matches": "試合", "songs": "歌",
    "voices": "声", "bonds": "関係", "sources": "出典", "credits": "クレジット", "vocalists": "歌った人",
    "graph": "相関図", "bracket": "トーナメント", "timeline": "年表", "queries": "クエリ", "ontology": "オントロジー",
    "confidence": "確度", "canon": "公式度", "revealed": "公開回", "unknown_episode": "回不明",
    "skip": "本文へ移動", "lang_name": "日本語", "downloads": "ダウンロード",
}

LANGS = {"en": EN, "ko": KO, "ja": JA}


def words(lang: str) -> dict:
    return {**EN, **LANGS.get(lang, {})}
