#!/usr/bin/env bash
# Names the failed and erroring test cases of a build, with the first line of each message:
# the verify goal only says that some failed, and a CI log is often read from its tail.
# Usage: failed-tests.sh [target directory]
target=${1:-target}
find "$target/surefire-reports" "$target/failsafe-reports" -name 'TEST-*.xml' 2>/dev/null | sort |
while read -r report; do
    awk -v report="${report#"$target"/}" '
        /<testcase / {
            name = $0; sub(/.* name="/, "", name); sub(/".*/, "", name)
            cls = $0; sub(/.* classname="/, "", cls); sub(/".*/, "", cls)
        }
        /<(failure|error)[ >]/ {
            kind = ($0 ~ /<failure/) ? "FAILED" : "ERROR"
            msg = $0; sub(/.*<(failure|error)/, "", msg)
            if (msg ~ / message="/) { sub(/.* message="/, "", msg); sub(/".*/, "", msg) } else msg = ""
            printf "%s %s.%s (%s) %s\n", kind, cls, name, report, substr(msg, 1, 300)
        }' "$report"
done
