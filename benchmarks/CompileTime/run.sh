#!/usr/bin/env bash
# Compile-time benchmark (issue 16): writes a project of PROCESSES [SessionProcess] classes (8 handlers and a
# timeout each), builds it cold with csc's analyzer report, and prints the SessionGen generator's and analyzers'
# time, in total and per process. Usage: benchmarks/CompileTime/run.sh [RUNS] [PROCESSES]
#
# Cold means a fresh compiler process for every measured build (-p:UseSharedCompilation=false): the generator and the
# analyzers are loaded and JIT-compiled again, as in a CI build, and nothing is left from an earlier build in a
# compiler server. --no-incremental recompiles the project every run; --no-dependencies keeps the Runtime, Generator
# and Analyzers builds (done once, before the runs) out of the measured log. Everything is built in Release (CONFIG to
# change it), so the generator and analyzers measured are the optimized builds the package ships.
# -m:1 -nr:false: one MSBuild node and no reused ones. The measured build is one project; on 2 cores MSBuild's other
# worker nodes only compete with csc, and csc's report counts wall time: with them the generator's figure was 5.6-11.3
# ms/process, without them 3.9-5.5, and csc started by hand with the same arguments 3.7-3.9 (docs/compile-time.md).
set -euo pipefail
config=${CONFIG:-Release}
runs=${1:-3}
processes=${2:-200}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/sessiongen-compiletime.XXXXXX")
trap 'rm -rf "$dir"' EXIT

"$here/write-project.sh" "$dir" "$processes"
dotnet build "$dir/CompileTime.csproj" -c "$config" -nologo -v:q > "$dir/first-build.log" || { cat "$dir/first-build.log"; exit 1; }

# The first number on the line that names the assembly in csc's -reportanalyzer table, in seconds.
seconds() { grep -m1 -F "$1, Version=" "$2" | awk '{print $1}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

generator_runs=()
analyzer_runs=()
for ((run = 1; run <= runs; run++)); do
  log="$dir/run$run.log"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  dotnet build "$dir/CompileTime.csproj" -c "$config" -nologo --no-dependencies --no-incremental -m:1 -nr:false \
    -p:UseSharedCompilation=false -p:ReportAnalyzer=true -v:d > "$log" || { tail -50 "$log"; exit 1; }
  g=$(seconds SessionGen.Generator "$log")
  a=$(seconds SessionGen.Analyzers "$log")
  generator_runs+=("$g")
  analyzer_runs+=("$a")
  awk -v run="$run" -v g="$g" -v a="$a" -v n="$processes" -v load="$load" 'BEGIN {
    printf "run %d (load average %s): generator %.0f ms (%.2f ms/process), analyzers %.0f ms (%.2f ms/process)\n",
      run, load, g * 1000, g * 1000 / n, a * 1000, a * 1000 / n }'
  # The slowest SessionGen analyzers of this run.
  grep -E '^ +[0-9.<]+ +[0-9<]+ +SessionGen\.Analyzers\.' "$log" | sort -rn | head -5 | sed 's/^ */    /'
done

g=$(printf '%s\n' "${generator_runs[@]}" | median)
a=$(printf '%s\n' "${analyzer_runs[@]}" | median)
awk -v g="$g" -v a="$a" -v n="$processes" -v runs="$runs" -v config="$config" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  printf "median of %d cold builds (%s), %d processes: generator %.0f ms (%.2f ms/process), analyzers %.0f ms (%.2f ms/process); load average now %s\n",
    runs, config, n, g * 1000, g * 1000 / n, a * 1000, a * 1000 / n, load }'
