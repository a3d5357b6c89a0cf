# Shared by the accuracy scripts: run aitune's suite, take per-metric medians, print "metric | aitune | reference | ratio".
# Sourced, not run.

# AITUNE: the aitune command (may carry arguments: "dotnet /tmp/x/aitune.dll"). Unset, the NativeAOT binary in
# artifacts/aot is used, published first when it is not there.
if [[ -z ${AITUNE:-} ]]; then
    repository=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    [[ -x $repository/artifacts/aot/aitune ]] ||
        dotnet publish "$repository/src/AiTune.Cli" -c Release -r linux-x64 -o "$repository/artifacts/aot" --nologo -v quiet >/dev/null
    AITUNE=$repository/artifacts/aot/aitune
fi

# need COMMAND PACKAGE: stop with error and hint, exit 2, when a reference tool is missing.
need() {
    command -v "$1" >/dev/null || { echo "error: $1 is not installed" >&2; echo "hint: apt-get install $2" >&2; exit 2; }
}

# aitune_medians SUITE [ARGS...]: "suite/case/metric median" per line, from `aitune bench SUITE --json`
# (runs[].cases[].metrics[].samples); cases without samples (skipped) are left out.
aitune_medians() {
    local suite=$1 script
    shift
    script=$(cat <<'PY'
import json, statistics, sys
doc = json.load(sys.stdin)
for run in doc["runs"]:
    for case in run["cases"]:
        for metric in case["metrics"]:
            if metric["samples"]:
                name = "/".join((case["suite"], case["name"], metric["name"]))
                print(name, f"{statistics.median(metric['samples']):.6g}")
PY
)
    # shellcheck disable=SC2086 # AITUNE may be a command with arguments ("dotnet /tmp/x/aitune.dll").
    $AITUNE bench "$suite" --json "$@" | python3 -c "$script"
}

# median_of FILE NAME: the value aitune_medians printed for NAME, or "-" when absent.
median_of() {
    awk -v name="$2" '$1 == name { print $2; found = 1 } END { if (!found) print "-" }' "$1"
}

header() {
    printf '%-44s | %10s | %10s | %6s | %s\n' metric aitune reference ratio "reference measured by"
    printf '%s\n' "--------------------------------------------------------------------------------------------------------------"
}

# row METRIC AITUNE REFERENCE HOW: ratio = aitune / reference.
row() {
    local ratio=-
    if [[ $2 != - && $3 != - ]]; then
        ratio=$(python3 -c "print(f'{$2 / $3:.3f}')")
    fi
    printf '%-44s | %10s | %10s | %6s | %s\n' "$1" "$2" "$3" "$ratio" "$4"
}
