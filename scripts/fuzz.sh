#!/usr/bin/env bash
# Coverage-guided fuzzing of every reader of outside input with AFL++ through `cargo afl` (stable Rust).
#
#   scripts/fuzz.sh SECONDS [TARGET...]   run each target for SECONDS (two at a time: one per core),
#                                          then print a table: target, executions, time, findings.
#   scripts/fuzz.sh --smoke               CI: each target for a fixed number of executions (not time),
#                                          with a fixed seed; any finding fails.
#   scripts/fuzz.sh --executions N [TARGET...]  each target for N executions (the development runs of
#                                          docs/benchmarks.md); FUZZ_PARALLEL=1 runs one at a time.
#   FUZZ_INSTANCES=K                       K afl-fuzz instances per target on one output directory
#                                          (-M main, -S second…), the executions shared among them:
#                                          one slow target on both cores (FUZZ_PARALLEL=1 with it).
#
# Targets and the properties they check: fuzz/src/lib.rs. Findings land in target/fuzz/out/<target>/;
# `fuzz/target/release/replay TARGET FILE` shows which property an input breaks. Keep each fixed
# finding under fuzz/regressions/<target>/ (scripts/test.sh replays them).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

ALL_TARGETS=(createjob_xml createjob_json round_trip create_job_response describe_job_response
  list_jobs_response update_job_priority_response update_job_status_response endpoint manifest_file
  report_reader list_objects_v2_response get_object_tagging_response get_object_acl_response
  error_headers restore_header lifecycle_rules_response inventory_manifest inventory_rows plan_manifest
  rollback_snapshot rollback_direct)

smoke=0
seconds=0
executions=0
if [ "${1:-}" = "--smoke" ]; then
  smoke=1
  shift
elif [ "${1:-}" = "--executions" ] && [[ "${2:-}" =~ ^[0-9]+$ ]]; then
  executions="$2"
  shift 2
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  seconds="$1"
  shift
else
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${ALL_TARGETS[@]}")

# AFL's checks of the machine's CPU governor and core_pattern concern speed and crash reporting on
# developer machines; neither changes what is found. No UI: the output goes to a log.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_QUIET=1
export AFL_NO_AFFINITY=1

work="${FUZZ_WORK:-$PWD/target/fuzz}"
rm -rf "$work/out" "$work/seeds"
mkdir -p "$work/out"
(cd fuzz && cargo afl build --locked --release --features afl --quiet)
fuzz/target/release/write_seeds "$work/seeds"

run_target() {
  local target="$1" limit
  if [ "$smoke" = 1 ]; then
    # A fixed count of executions and a fixed seed: the same work on a slow or a fast machine.
    limit=(-E 3000 -s 1)
  elif [ "$executions" -gt 0 ]; then
    limit=(-E "$executions")
  else
    limit=(-V "$seconds")
  fi
  # -t: an input taking over 1 s is kept as a hang (the 1 MiB worst cases take well under 0.3 s).
  local instances="${FUZZ_INSTANCES:-1}"
  if [ "$smoke" = 1 ] || [ "$instances" -le 1 ]; then
    cargo afl fuzz -i "$work/seeds/$target" -o "$work/out/$target" "${limit[@]}" -t 1000 \
      -- "fuzz/target/release/$target" > "$work/out/$target.log" 2>&1
    return
  fi
  [ "$executions" -gt 0 ] && limit=(-E "$(((executions + instances - 1) / instances))")
  local i role pids=()
  for i in $(seq 1 "$instances"); do
    if [ "$i" = 1 ]; then role=(-M main); else role=(-S "second$i"); fi
    cargo afl fuzz -i "$work/seeds/$target" -o "$work/out/$target" "${role[@]}" "${limit[@]}" -t 1000 \
      -- "fuzz/target/release/$target" > "$work/out/$target-$i.log" 2>&1 &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || return 1; done
}

# Two at a time (the machine's two cores).
pids=()
for target in "${targets[@]}"; do
  run_target "$target" &
  pids+=($!)
  if [ ${#pids[@]} -ge "${FUZZ_PARALLEL:-2}" ]; then
    wait "${pids[0]}" || { echo "fuzz: ${targets[*]}: afl-fuzz failed; see $work/out/*.log" >&2; exit 1; }
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do
  wait "$pid" || { echo "fuzz: afl-fuzz failed; see $work/out/*.log" >&2; exit 1; }
done

# A target's figure over its instances (one `default`, or `main` and `second…`): summed, or the
# largest for the run's time and the corpus (the instances share what they find).
stat() {
  cat "$work/out/$1"/*/fuzzer_stats | awk -v key="$2" '$1 == key {
      v = $3 + 0; sum += v; if (v > max) max = v }
    END { if (key == "run_time" || key == "corpus_count") print max + 0; else print sum + 0 }'
}
findings=0
total=0
printf '| target | executions | time (s) | execs/s | corpus | crashes | hangs |\n|---|---:|---:|---:|---:|---:|---:|\n'
for target in "${targets[@]}"; do
  execs=$(stat "$target" execs_done)
  crashes=$(stat "$target" saved_crashes)
  hangs=$(stat "$target" saved_hangs)
  total=$((total + execs))
  findings=$((findings + crashes + hangs))
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$target" "$execs" "$(stat "$target" run_time)" \
    "$(stat "$target" execs_per_sec)" "$(stat "$target" corpus_count)" "$crashes" "$hangs"
done
echo "total executions: $total"
if [ "$findings" -gt 0 ]; then
  echo "fuzz: $findings findings; replay them:" >&2
  for target in "${targets[@]}"; do
    for kind in crashes hangs; do
      ls "$work/out/$target"/*/"$kind"/id* 2>/dev/null | sed "s|^|  fuzz/target/release/replay $target |" >&2 || true
    done
  done
  exit 1
fi
