#!/usr/bin/env bash
# Builds the Coyote tests, rewrites them and the runtime for systematic testing, and explores each test's interleavings.
#   tests/Concurrency.Tests/run-coyote.sh                      # every test, 200 iterations each (about a minute)
#   COYOTE_ITERATIONS=5000 tests/Concurrency.Tests/run-coyote.sh Mailbox
# Exits non-zero when a test finds a bug; its trace (replayable with `coyote replay`) is written under the
# CoyoteOutput folder the tool names.
set -uo pipefail
cd "$(dirname "$0")"

# The coyote tool (Microsoft.Coyote.CLI 1.7.11) targets net6.0/net8.0; on a machine with only a later runtime it has
# to roll forward to the major version installed.
export DOTNET_ROLL_FORWARD=Major
dotnet tool restore >/dev/null || exit 1
dotnet build -c Debug -v q -nologo || exit 1
out=bin/Debug/net10.0
dotnet tool run coyote rewrite "$out/rewrite.coyote.json" >/dev/null || exit 1

iterations=${COYOTE_ITERATIONS:-200}
filter=${1:-}
status=0
for test in MailboxTurnTests.EveryAcceptedItemRunsOnceOrIsWithdrawn \
            MailboxTurnTests.ASenderWaitingForRoomIsAdmittedOrWithdrawnNeverBoth \
            RequestAnswerTests.AnsweredOnceByItsHandlerOrItsTimeLimit \
            TimerWheelTests.TwoCancelsOfOnePendingTimeoutStopItOnce \
            TimerWheelTests.TimeoutsScheduledWhileTheWheelTicksRunOnce \
            TimerWheelTests.CancelTrueMeansASessionlessTimeoutNeverRuns \
            TimerWheelTests.DisposeRacingCancelKeepsTheCountAtZero \
            ReloadLineTests.SendersKeepTheirOrderAcrossAReload; do
  [[ -n "$filter" && "$test" != *"$filter"* ]] && continue
  echo "== $test ($iterations iterations)"
  log=$(dotnet tool run coyote test "$out/SessionGen.Concurrency.Tests.dll" -m "SessionGen.Concurrency.Tests.$test" -i "$iterations" 2>&1)
  code=$?
  grep -E "Found [0-9]+ bugs?\.|Explored|Elapsed" <<<"$log"
  # A bug makes the tool exit non-zero; anything else that stops it (no such test, a crash) leaves no "Found 0 bugs".
  if [ "$code" -ne 0 ] || ! grep -q "Found 0 bugs" <<<"$log"; then
    echo "$log" | grep -v "^\s*at " | tail -30
    status=1
  fi
done
exit $status
