#!/usr/bin/env bash
# Fuzzes every Jazzer target for SECONDS each (default 300) with Jazzer's standalone driver, which, unlike the JUnit
# integration, takes its duration from the command line. The corpus of each target grows in
# target/fuzz/<target>/corpus, seeded from the target's checked-in inputs, so a second run carries on where the
# first stopped. Prints one markdown row per target: executions, corpus size, findings. A finding is written to
# target/fuzz/<target>/ as crash-<sha1>; copy it into the target's Inputs folder to keep it as a regression seed.
#
#   fuzz/long-run.sh [SECONDS] [TARGET...]     e.g. fuzz/long-run.sh 600 ReadersFuzzTest#csv
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
all=(ReadersFuzzTest#vcard ReadersFuzzTest#csv ReadersFuzzTest#jsonLines
  PolicyFuzzTest#theCompilerAnswersEveryDefinition PolicyFuzzTest#theEngineAnswersEveryContact)
targets=("${@:-${all[@]}}")

./mvnw -B -q -o -pl sync -am test-compile >/dev/null
declare -A module=([ReadersFuzzTest]=sync [PolicyFuzzTest]=privacy)
declare -A class=([ReadersFuzzTest]=io.contactsync.sync.format.ReadersFuzzTest
  [PolicyFuzzTest]=io.contactsync.privacy.policy.PolicyFuzzTest)
declare -A instrument=([sync]='io.contactsync.**:ezvcard.**:org.apache.commons.csv.**:com.fasterxml.jackson.**'
  [privacy]='io.contactsync.**')

echo "| target | seconds | executions | corpus inputs | findings |"
echo "|---|---|---|---|---|"
for target in "${targets[@]}"; do
  test=${target%#*} method=${target#*#} mod=${module[${target%#*}]}
  work=$mod/target/fuzz/$target
  mkdir -p "$work/corpus"
  classpath_file=$mod/target/fuzz/classpath.txt
  [[ -s $classpath_file ]] || ./mvnw -B -q -o -pl "$mod" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/$classpath_file" >/dev/null
  seeds=$mod/src/test/resources/${class[$test]//.//}Inputs/$method
  [[ -d $seeds ]] && cp -n "$seeds"/* "$work/corpus/" 2>/dev/null || true
  status=0
  (cd "$work" && java -cp "$PWD/../../classes:$PWD/../../test-classes:$(cat "$PWD/../classpath.txt")" \
    com.code_intelligence.jazzer.Jazzer --target_class="${class[$test]}" --target_method="$method" \
    --instrumentation_includes="${instrument[$mod]}" -max_total_time="$seconds" -print_final_stats=1 corpus \
    >run.log 2>&1) || status=$?
  executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/run.log" | grep -o '[0-9]*$' || echo '?')
  findings=$(find "$work" -maxdepth 1 -name 'crash-*' | wc -l)
  [[ $status -eq 0 || $findings -gt 0 ]] || findings="run failed (exit $status): see $work/run.log"
  echo "| $target | $seconds | $executions | $(ls "$work/corpus" | wc -l) | $findings |"
done
