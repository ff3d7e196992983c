"""The words of the site's chrome in English, Korean and Japanese (``--lang``): the pages'
templates and the SPARQL page (its HTML and its script, keys ``sq_*``).

Names and facts come from the data; only headings, buttons, captions and messages live here.
Every language has every key of ``EN`` but those in ``NEUTRAL`` (symbols and format names,
the same in every language); a test holds the tables to that. ``words`` still falls back to
English for a language it does not know.
"""

from __future__ import annotations

NEUTRAL = {"outgoing", "incoming", "mutual", "query_text", "download_csv", "download_json"}

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
    "withheld_source": "a source that discusses later episodes",
    "withheld_p": "This source is cited here, but it also discusses episodes after the one you are reading as of: "
                  "its title and address could spoil them, so the episode's pages do not show them.",
    "withheld_go": "Show the source anyway (spoilers: it belongs to the full tree)",
    "held_here": "{n} facts about this are held back at this point.",
    "change": "change", "reading_as_of": "Reading as of {episode}", "reading_all": "Reading everything (spoilers)",
    "choose_tree": "Read as of another episode",
    "continue_as_of": "Continue reading as of {episode}", "continue_all": "Continue reading everything (spoilers)",
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
    "pylode": "The ontology documented by pyLODE",
    "sq_intro": "Ask the graph your own question. The query runs in this browser, with Oxigraph {engine} compiled "
                "to WebAssembly: nothing is sent anywhere, and the page works offline. Queries only read: updates "
                "are refused.",
    "sq_starting": "Starting the query engine…", "sq_examples": "Examples",
    "sq_examples_hint": "The named queries of the library. Pick one to put it in the editor.",
    "sq_query": "Query", "sq_params": "Parameters", "sq_editor": "SPARQL query",
    "sq_editor_hint": "Ctrl+Enter (⌘+Enter) runs the query. Tab moves on to the buttons. The prefixes below are "
                      "declared for you.",
    "sq_run": "Run", "sq_stop": "Stop", "sq_new": "New query", "sq_timeout": "Stop after", "sq_never": "never",
    "sq_seconds": "{n} s", "sq_minutes": "{n} min", "sq_prefixes": "Declared prefixes", "sq_results": "Results",
    "sq_results_hint": "Run a query to see its results here.",
    "sq_post_note": "As `stagegraph query` does, the names, joined chains and order of these rows were put in after "
                    "the query, by the example's `#+ labels`, `#+ chain` and `#+ order` headers; a query you edit "
                    "or type yourself is shown as the engine returns it.",
    "sq_download": "Download:",
    "sq_empty": "The query is empty: write a SELECT, ASK, CONSTRUCT or DESCRIBE query.",
    "sq_update": "This is a SPARQL update (INSERT, DELETE, LOAD, CLEAR, DROP …): this page only reads the graph. "
                 "Contribute data with data files instead.",
    "sq_update_words": "INSERT, DELETE, LOAD, CLEAR, DROP and the other update keywords are refused: this page "
                       "only reads the graph.",
    "sq_service": "SERVICE would send part of the query over the network: this page works offline. Remove the "
                  "SERVICE clause.",
    "sq_from": "FROM and FROM NAMED would load other graphs: queries run on this page's graph. Remove the FROM "
               "clause.",
    "sq_no_where": "Cannot find the WHERE clause to bind the parameters: write the query with WHERE { … }.",
    "sq_no_worker": "the worker could not start", "sq_failed_start": "The query engine could not start: {message}",
    "sq_ready": "Ready: {n} triples loaded in {ms} ms.", "sq_timed_out": "The query was stopped after {n} s.",
    "sq_restarting": "Restarting the query engine…", "sq_stopped": "Stopped.",
    "sq_first_rows": "The first {shown} rows of {n}; the downloads hold them all.", "sq_rows_of": "Rows of {name}",
    "sq_answer": "The answer is {answer} ({ms} ms).", "sq_triple": "1 triple ({ms} ms).",
    "sq_triples": "{n} triples ({ms} ms).", "sq_row": "1 row ({ms} ms).", "sq_rows": "{n} rows ({ms} ms).",
    "sq_choose_value": "Choose a value for {name} ({description}).", "sq_running": "Running…",
    "sq_refused": "Refused: {message}", "sq_failed": "The query failed: {message}", "sq_choose": "Choose…",
    "sq_header": "The example's #+ {header} header names ?{name}, which the query does not return.",
    "sq_bad_iri": "'{iri}' is not a valid IRI.",
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
    "withheld_source": "이후 회차를 다루는 출처",
    "withheld_p": "이 출처는 여기서 인용되지만, 지금 읽고 있는 회차 이후의 내용도 다룹니다. "
                  "제목과 주소가 스포일러가 될 수 있어 이 회차의 페이지에는 표시하지 않습니다.",
    "withheld_go": "그래도 출처 보기 (스포일러: 전체 트리의 페이지)",
    "held_here": "이 시점에서는 관련 사실 {n}개를 숨겼습니다.", "change": "바꾸기",
    "reading_as_of": "{episode} 시점으로 읽는 중", "reading_all": "전체를 읽는 중 (스포일러)",
    "choose_tree": "다른 회차 시점으로 읽기",
    "continue_as_of": "{episode} 시점으로 이어 읽기", "continue_all": "전체를 이어 읽기 (스포일러)",
    "character": "캐릭터", "episode": "에피소드", "match": "경기", "song": "노래", "person": "사람",
    "organization": "단체", "bond": "관계", "source": "출처",
    "kind_character": "캐릭터", "kind_episode": "에피소드", "kind_match": "경기", "kind_song": "노래",
    "kind_person": "사람", "kind_organization": "단체", "kind_bond": "관계", "kind_source": "출처",
    "names": "이름", "about": "설명", "classes": "클래스", "attributes": "속성", "fate": "운명", "matches": "경기",
    "songs": "노래", "voices": "목소리", "bonds": "관계", "sources": "출처", "credits": "크레딧",
    "vocalists": "부른 이", "members": "구성원", "member_of": "소속", "in_episode": "이 회차에서",
    "revealed_here": "이 회차에서 공개됨", "contestants": "참가자", "cited_by": "이 출처를 인용하는 사실",
    "details": "세부 사항", "confidence": "신뢰도", "canon": "공식 여부", "revealed": "공개 회차",
    "unknown_episode": "회차 불명",
    "graph": "관계도", "bracket": "토너먼트", "timeline": "연표", "queries": "쿼리", "ontology": "온톨로지",
    "shapes": "셰이프", "sparql": "쿼리 (SPARQL)", "downloads": "내려받기",
    "neighbourhood": "관계도에서 {name} 보기", "permalink": "이 진술의 링크", "winner": "승자", "vs": "대",
    "order": "시청 순서", "previous": "이전 회차", "next": "다음 회차",
    "query_summary": "요약", "query_results": "결과 ({n}행)",
    "query_params": "이 쿼리에는 매개변수가 필요합니다. 다음으로 실행하세요: {command}",
    "machine": "이 페이지의 데이터",
    "skip": "본문으로 건너뛰기", "nav": "사이트", "lang_name": "한국어",
    "dataset": "그래프 전체", "triples": "트리플 {n}개",
    "class": "클래스", "property": "속성 정의", "concept": "개념", "constrained_by": "제약하는 셰이프",
    "aligned": "대응 어휘", "definition": "정의", "domain": "정의역", "range": "치역",
    "external": "외부 링크", "entities": "{n}쪽",
    "none": "이 시점에는 아직 없습니다.", "unidentified": "신원 불명",
    "pylode": "pyLODE로 만든 온톨로지 문서",
    "sq_intro": "그래프에 직접 질문해 보세요. 쿼리는 이 브라우저에서 WebAssembly로 컴파일된 Oxigraph {engine}로 "
                "실행됩니다. 아무것도 전송되지 않으며 오프라인에서도 작동합니다. 쿼리는 읽기만 하며 갱신은 거부됩니다.",
    "sq_starting": "쿼리 엔진을 시작하는 중…", "sq_examples": "예제",
    "sq_examples_hint": "라이브러리의 이름 있는 쿼리입니다. 하나를 고르면 편집기에 들어갑니다.",
    "sq_query": "쿼리", "sq_params": "매개변수", "sq_editor": "SPARQL 쿼리",
    "sq_editor_hint": "Ctrl+Enter (⌘+Enter)로 쿼리를 실행합니다. Tab으로 버튼으로 이동합니다. "
                      "아래의 접두사는 미리 선언되어 있습니다.",
    "sq_run": "실행", "sq_stop": "중지", "sq_new": "새 쿼리", "sq_timeout": "제한 시간", "sq_never": "없음",
    "sq_seconds": "{n}초", "sq_minutes": "{n}분", "sq_prefixes": "선언된 접두사", "sq_results": "결과",
    "sq_results_hint": "쿼리를 실행하면 여기에 결과가 나옵니다.",
    "sq_post_note": "`stagegraph query`처럼, 이 행들의 이름, 이어진 체인, 순서는 예제의 `#+ labels`, `#+ chain`, "
                    "`#+ order` 헤더에 따라 쿼리 뒤에 채워졌습니다. 직접 고치거나 입력한 쿼리는 엔진이 돌려준 그대로 "
                    "보입니다.",
    "sq_download": "내려받기:",
    "sq_empty": "쿼리가 비어 있습니다. SELECT, ASK, CONSTRUCT, DESCRIBE 쿼리를 쓰세요.",
    "sq_update": "SPARQL 갱신(INSERT, DELETE, LOAD, CLEAR, DROP …)입니다. 이 페이지는 그래프를 읽기만 합니다. "
                 "데이터는 데이터 파일로 기여하세요.",
    "sq_update_words": "INSERT, DELETE, LOAD, CLEAR, DROP 등 갱신 키워드는 거부됩니다. "
                       "이 페이지는 그래프를 읽기만 합니다.",
    "sq_service": "SERVICE는 쿼리의 일부를 네트워크로 보냅니다. 이 페이지는 오프라인으로 작동합니다. "
                  "SERVICE 절을 지우세요.",
    "sq_from": "FROM과 FROM NAMED는 다른 그래프를 불러옵니다. 쿼리는 이 페이지의 그래프에서 실행됩니다. "
               "FROM 절을 지우세요.",
    "sq_no_where": "매개변수를 묶을 WHERE 절을 찾지 못했습니다. WHERE { … }로 쿼리를 쓰세요.",
    "sq_no_worker": "워커를 시작하지 못했습니다", "sq_failed_start": "쿼리 엔진을 시작하지 못했습니다: {message}",
    "sq_ready": "준비 완료: 트리플 {n}개를 {ms} ms에 불러왔습니다.",
    "sq_timed_out": "{n}초가 지나 쿼리를 중지했습니다.",
    "sq_restarting": "쿼리 엔진을 다시 시작하는 중…", "sq_stopped": "중지했습니다.",
    "sq_first_rows": "전체 {n}행 중 처음 {shown}행입니다. 내려받기 파일에는 모두 있습니다.",
    "sq_rows_of": "{name}의 행",
    "sq_answer": "답: {answer} ({ms} ms)", "sq_triple": "트리플 1개 ({ms} ms)",
    "sq_triples": "트리플 {n}개 ({ms} ms)", "sq_row": "1행 ({ms} ms)", "sq_rows": "{n}행 ({ms} ms)",
    "sq_choose_value": "{name}의 값을 고르세요 ({description}).", "sq_running": "실행 중…",
    "sq_refused": "거부됨: {message}", "sq_failed": "쿼리 실패: {message}", "sq_choose": "고르세요…",
    "sq_header": "예제의 #+ {header} 헤더가 ?{name}을(를) 가리키지만 쿼리가 돌려주지 않습니다.",
    "sq_bad_iri": "'{iri}'은(는) 올바른 IRI가 아닙니다.",
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
    "withheld_source": "後の回を扱う出典",
    "withheld_p": "この出典はここで引用されていますが、いま読んでいる回より後の内容も扱っています。"
                  "題名とアドレスがネタバレになり得るため、この回のページには表示しません。",
    "withheld_go": "それでも出典を見る（ネタバレ：全体ツリーのページ）",
    "held_here": "この時点では関連する事実{n}件を伏せています。", "change": "変更",
    "reading_as_of": "{episode}の時点で閲覧中", "reading_all": "すべてを閲覧中（ネタバレ）",
    "choose_tree": "別の回の時点で読む",
    "continue_as_of": "{episode}の時点で続きを読む", "continue_all": "すべてを続けて読む（ネタバレ）",
    "character": "キャラクター", "episode": "エピソード", "match": "試合", "song": "歌", "person": "人物",
    "organization": "団体", "bond": "関係", "source": "出典",
    "kind_character": "キャラクター", "kind_episode": "エピソード", "kind_match": "試合", "kind_song": "歌",
    "kind_person": "人物", "kind_organization": "団体", "kind_bond": "関係", "kind_source": "出典",
    "names": "名前", "about": "概要", "classes": "クラス", "attributes": "属性", "fate": "運命", "matches": "試合",
    "songs": "歌", "voices": "声", "bonds": "関係", "sources": "出典", "credits": "クレジット",
    "vocalists": "歌った人", "members": "メンバー", "member_of": "所属", "in_episode": "この回で",
    "revealed_here": "この回で明かされたこと", "contestants": "出場者", "cited_by": "この出典を引く事実",
    "details": "詳細", "confidence": "確度", "canon": "公式度", "revealed": "公開回",
    "unknown_episode": "回不明",
    "graph": "相関図", "bracket": "トーナメント", "timeline": "年表", "queries": "クエリ", "ontology": "オントロジー",
    "shapes": "シェイプ", "sparql": "クエリ（SPARQL）", "downloads": "ダウンロード",
    "neighbourhood": "相関図で{name}を見る", "permalink": "この記述へのリンク", "winner": "勝者", "vs": "対",
    "order": "視聴順", "previous": "前の回", "next": "次の回",
    "query_summary": "概要", "query_results": "結果（{n}行）",
    "query_params": "このクエリには引数が必要です。次のように実行してください：{command}",
    "machine": "このページのデータ",
    "skip": "本文へ移動", "nav": "サイト", "lang_name": "日本語",
    "dataset": "グラフ全体", "triples": "{n}トリプル",
    "class": "クラス", "property": "プロパティ", "concept": "概念", "constrained_by": "制約するシェイプ",
    "aligned": "対応する語彙", "definition": "定義", "domain": "定義域", "range": "値域",
    "external": "外部リンク", "entities": "{n}ページ",
    "none": "この時点ではまだありません。", "unidentified": "身元不明",
    "pylode": "pyLODE によるオントロジー文書",
    "sq_intro": "グラフに自分で質問してみましょう。クエリはこのブラウザで、WebAssembly にコンパイルされた "
                "Oxigraph {engine} が実行します。何も送信されず、オフラインでも動きます。クエリは読み取りのみで、"
                "更新は拒否されます。",
    "sq_starting": "クエリエンジンを起動しています…", "sq_examples": "例",
    "sq_examples_hint": "ライブラリの名前付きクエリです。選ぶとエディタに入ります。",
    "sq_query": "クエリ", "sq_params": "引数", "sq_editor": "SPARQL クエリ",
    "sq_editor_hint": "Ctrl+Enter（⌘+Enter）でクエリを実行します。Tab でボタンへ移ります。"
                      "下の接頭辞は宣言済みです。",
    "sq_run": "実行", "sq_stop": "停止", "sq_new": "新しいクエリ", "sq_timeout": "制限時間", "sq_never": "なし",
    "sq_seconds": "{n}秒", "sq_minutes": "{n}分", "sq_prefixes": "宣言済みの接頭辞", "sq_results": "結果",
    "sq_results_hint": "クエリを実行すると、ここに結果が表示されます。",
    "sq_post_note": "`stagegraph query` と同じく、これらの行の名前・連結したチェーン・順序は、例の `#+ labels`・"
                    "`#+ chain`・`#+ order` ヘッダーに従ってクエリの後で補われました。編集・入力したクエリは"
                    "エンジンが返したとおりに表示されます。",
    "sq_download": "ダウンロード：",
    "sq_empty": "クエリが空です。SELECT・ASK・CONSTRUCT・DESCRIBE のクエリを書いてください。",
    "sq_update": "これは SPARQL の更新（INSERT・DELETE・LOAD・CLEAR・DROP …）です。このページはグラフを読むだけです。"
                 "データはデータファイルで貢献してください。",
    "sq_update_words": "INSERT・DELETE・LOAD・CLEAR・DROP などの更新キーワードは拒否されます。"
                       "このページはグラフを読むだけです。",
    "sq_service": "SERVICE はクエリの一部をネットワークに送ります。このページはオフラインで動きます。"
                  "SERVICE 句を削除してください。",
    "sq_from": "FROM と FROM NAMED は別のグラフを読み込みます。クエリはこのページのグラフで実行されます。"
               "FROM 句を削除してください。",
    "sq_no_where": "引数を束縛する WHERE 句が見つかりません。WHERE { … } でクエリを書いてください。",
    "sq_no_worker": "ワーカーを起動できませんでした",
    "sq_failed_start": "クエリエンジンを起動できませんでした：{message}",
    "sq_ready": "準備完了：{n}トリプルを {ms} ms で読み込みました。",
    "sq_timed_out": "{n}秒経ったのでクエリを停止しました。",
    "sq_restarting": "クエリエンジンを再起動しています…", "sq_stopped": "停止しました。",
    "sq_first_rows": "全{n}行のうち最初の{shown}行です。ダウンロードにはすべて入っています。",
    "sq_rows_of": "{name}の行",
    "sq_answer": "答え：{answer}（{ms} ms）", "sq_triple": "1トリプル（{ms} ms）",
    "sq_triples": "{n}トリプル（{ms} ms）", "sq_row": "1行（{ms} ms）", "sq_rows": "{n}行（{ms} ms）",
    "sq_choose_value": "{name}の値を選んでください（{description}）。", "sq_running": "実行中…",
    "sq_refused": "拒否：{message}", "sq_failed": "クエリに失敗しました：{message}", "sq_choose": "選んでください…",
    "sq_header": "例の #+ {header} ヘッダーは ?{name} を指していますが、クエリはそれを返しません。",
    "sq_bad_iri": "'{iri}' は正しい IRI ではありません。",
}

LANGS = {"en": EN, "ko": KO, "ja": JA}


def words(lang: str) -> dict:
    return {**EN, **LANGS.get(lang, {})}


def sparql_words(lang: str) -> dict:
    """The SPARQL page's script's words (``sq_*`` without the prefix), and ``triples``."""
    found = words(lang)
    return {**{k[3:]: v for k, v in found.items() if k.startswith("sq_")}, "triples": found["triples"]}
