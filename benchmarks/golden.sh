#!/usr/bin/env bash
# Record every command's output, in every format, on the bundled graph and on a small
# synthetic universe, into one folder per run; compare two runs with `diff -r`.
#
#     bash benchmarks/golden.sh OUT [STAGEGRAPH]      # STAGEGRAPH defaults to .venv/bin/stagegraph
#     diff -r before/ after/ && echo identical
#
# Used to prove that a change of structure changes no output (issue 12). Each file holds
# the command's standard output, then its standard error and exit code.
set -uo pipefail
out=${1:?usage: golden.sh OUT [STAGEGRAPH]}
sg=${2:-.venv/bin/stagegraph}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
synth=$(mktemp -d)
python3 "$here/benchmarks/synth.py" --characters 24 --out "$synth/u" >/dev/null

run() {  # run NAME ARGS... : record stdout, stderr and the exit code of one command
    local name=$1; shift
    local file="$out/$name"
    "$sg" "$@" >"$file" 2>"$file.err"
    echo "exit $?" >>"$file.err"
    sed -i -e "s#$synth#SYNTH#g" -e "s#$here#HERE#g" -e "s#$out#OUT#g" "$file" "$file.err"
}

for universe in bundled synth; do
    if [ $universe = synth ]; then data=(--data "$synth/u"); else data=(); fi
    u=$universe
    for f in text json; do
        run $u-validate-$f "${data[@]}" validate --format $f
        run $u-stats-$f "${data[@]}" stats --format $f
        run $u-queries-$f "${data[@]}" queries --format $f
        run $u-analyze-$f "${data[@]}" analyze --format $f
    done
    for q in $("$sg" queries --format json | python3 -c 'import json,sys; print(" ".join(q["name"] for q in json.load(sys.stdin)))'); do
        for f in table csv tsv json sparql-json md; do
            for store in memory oxigraph; do
                run $u-query-$q-$f-$store "${data[@]}" --store $store query $q --format $f
            done
        done
    done
    for f in ttl nt jsonld graphml gexf cytoscape csv; do
        run $u-export-$f "${data[@]}" export --format $f
    done
    for view in bonds matches credits all; do
        run $u-graph-$view "${data[@]}" graph --view $view -o "$out/$u-graph-$view.html"
    done
    run $u-fmt-check "${data[@]}" fmt --check
done
for who in Mizi Till 미지 ivan; do
    for f in text json; do
        for lang in en ko ja; do run show-$who-$f-$lang show "$who" --format $f --lang $lang; done
    done
done
for lang in en ko ja; do
    run analyze-asof-$lang analyze --as-of round-2 --lang $lang
    run graph-asof-$lang graph --as-of round-2 --lang $lang -o "$out/graph-asof-$lang.html"
    run query-bonds-$lang query bonds -p character Till --lang $lang
done
for spec in "bonds character Mizi" "bonds character Till" "credits-by-person person studio-lico" "song-credits song wiege" "sources entity Mizi" "sources entity Sua"; do
    set -- $spec
    for f in table csv tsv json sparql-json md; do
        for store in memory oxigraph; do run bundled-query-$1-$3-$f-$store --store $store query $1 -p $2 $3 --format $f; done
    done
done
run diff-text diff "$here/data" "$synth/u"
run diff-triples diff --format triples "$here/data/bonds.ttl" "$here/data/bonds.ttl"
run new-bond new bond --from Mizi --to Sua --type mutual --nature romantic --canon disputed --source https://example.org/x --source-title X
run new-character new character --name Test --kind human --source https://example.org/x --source-title X
run new-episode new episode --title T --episode-kind round --round 9 --order 99 --released 2024-01-02 --source https://example.org/x --source-title X
for c in "" validate stats query queries show analyze export graph new add fmt diff publish; do
    run help-${c:-main} $c --help
done
rm -rf "$synth"
ls "$out" | wc -l
