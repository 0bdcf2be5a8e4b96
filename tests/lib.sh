# Shared helpers for shell tests. Source it: . "$top_srcdir/tests/lib.sh"
# Tests print what they check; exit 0 pass, 1 fail, 77 skip.
set -u
: "${CAPSCOPE:?CAPSCOPE is not set (run through make check)}"
: "${top_srcdir:=.}"
: "${CAPSCOPE_SHARED_DATA:=$top_srcdir/../shared/data}"
OLL="$CAPSCOPE_SHARED_DATA/oll_reeval.csv"
cs_failures=0
cs_tmp=$(mktemp -d "${TMPDIR:-/tmp}/capscope-test.XXXXXX")
trap 'rm -rf "$cs_tmp"' EXIT

skip() { echo "SKIP: $*"; exit 77; }
need_shared() { [ -r "$OLL" ] || skip "../shared/data is absent ($OLL): parity tests need it"; }
need_jq() { [ -n "${JQ:-}" ] && [ -x "$JQ" ] || skip "jq is not installed"; }
# pty_script: util-linux's script(1) can run a command on a pseudo-terminal
# here; a build chroot may have script(1) and no /dev/pts ("failed to create
# pseudo-terminal"). Says which it lacks when it cannot.
pty_script() {
    if ! script --version 2>/dev/null | grep -q util-linux; then
        echo "note: no util-linux script(1)"
        return 1
    fi
    script -qec true /dev/null </dev/null >/dev/null 2>&1 && return 0
    echo "note: script(1) cannot open a pseudo-terminal here (is /dev/pts mounted?)"
    return 1
}
# The binary is built with AddressSanitizer (which reserves terabytes of
# address space and checks memory itself), whatever ASAN_OPTIONS says.
built_with_asan() {
    nm "$CAPSCOPE" 2>/dev/null | grep -q '__asan_init' ||
        { command -v ldd >/dev/null 2>&1 && ldd "$CAPSCOPE" 2>/dev/null | grep -q 'libasan'; }
}
fail() { echo "FAIL: $*"; cs_failures=$((cs_failures + 1)); }
ok() { echo "ok: $*"; }
# check DESCRIPTION COMMAND...: passes when COMMAND succeeds
check() { local d=$1; shift; if "$@"; then ok "$d"; else fail "$d"; fi; }
# expect_status N DESCRIPTION COMMAND...: runs COMMAND, stdout/stderr to $cs_tmp/out, $cs_tmp/err
expect_status() {
    local want=$1 d=$2; shift 2
    "$@" >"$cs_tmp/out" 2>"$cs_tmp/err"
    local got=$?
    if [ "$got" -eq "$want" ]; then ok "$d (exit $got)"; else fail "$d: exit $got, expected $want; stderr: $(head -c 300 "$cs_tmp/err")"; fi
}
# wait_bounded PID SECONDS: wait for the background job PID, at most
# SECONDS, and give its status; one still running then is killed (SIGKILL)
# and the status is 124, as timeout(1)'s (a writer that a closed FIFO ends
# ends by SIGPIPE, 141). A plain wait on a writer blocked on a FIFO that
# capscope never opened, or stopped reading without closing, or on a
# command that ignored its signal, held the test, and CI, for good.
wait_bounded() {
    local pid=$1 i=0
    while kill -0 "$pid" 2>/dev/null && [ "$i" -lt $(($2 * 20)) ]; do
        sleep 0.05
        i=$((i + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        return 124
    fi
    wait "$pid"
}
# float comparisons through awk: approx A B TOL
approx() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
# synthetic_csv N: N models, fully scored on two tasks (alpha, beta) below
# fixed-seed sigmoids of log10 FLOPs, with bases, parameters and dates,
# on standard output.
synthetic_csv() {
    awk -v rows="$1" 'BEGIN {
        srand(42)
        print "model,base_model,params_b,flops,date,alpha,beta"
        for (i = 0; i < rows; i++) {
            z = 21 + 4 * rand()
            qa = 0.05 + 0.85 / (1 + exp(-1.5 * (z - 23)))
            qb = 0.9 / (1 + exp(-(z - 24)))
            m = int(i / 3)
            printf "syn/m%d-%d,syn/m%d,%.1f,%.4g,2024-%02d-%02d,%.4f,%.4f\n", m, i, m,
                0.5 + int(rand() * 140), 10 ^ z, 1 + i % 12, 1 + i % 28,
                qa * (0.6 + 0.4 * rand()), qb * (0.5 + 0.5 * rand())
        }
    }'
}
# sigmoid_grid Y0 L B ZSTAR: a task 'acc' of 54 rows, six at each of nine
# compute levels (z 21 to 25 by 0.5), the k-th of a level at
# Y0 + L / (1 + exp(-B (z - ZSTAR))) - 0.02 k, on standard output: a
# boundary known in advance, its top rows on it.
sigmoid_grid() {
    awk -v y0="$1" -v l="$2" -v b="$3" -v zs="$4" 'BEGIN {
        print "model,flops,acc"
        i = 0
        for (j = 0; j < 9; j++) {
            z = 21 + 0.5 * j
            for (k = 0; k < 6; k++)
                printf "m%d,%.6e,%.4f\n", i++, 10 ^ z, y0 + l / (1 + exp(-b * (z - zs))) - 0.02 * k
        }
    }'
}
finish() { if [ "$cs_failures" -eq 0 ]; then echo "PASS"; exit 0; else echo "$cs_failures check(s) failed"; exit 1; fi; }
