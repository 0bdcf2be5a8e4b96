#!/bin/sh
# A torn last line that another capscope replaced with an entry as long
# (its undo), and this capscope's score after it, with each allocation in
# turn made to fail (tests/fault/journal_tail_race.c says how). Whether the
# tail is still torn is told by reading it again: when that reading cannot
# be done (out of memory), the score was taken for one after a torn tail
# still dead, and the cut before it took the other's acknowledged undo.
# Every failure must refuse the score and leave the file as the other left
# it; at least one must come where the tail is read again, and say so.
#
# Skipped where the allocator cannot be preloaded (AddressSanitizer).
. "$top_srcdir/tests/lib.sh"

FAILMALLOC="${top_builddir:-.}/tests/fault/failmalloc.so"
RACE="${top_builddir:-.}/tests/fault/journal_tail_race"
[ -r "$FAILMALLOC" ] || skip "$FAILMALLOC is not built (make check builds it)"
[ -x "$RACE" ] || skip "$RACE is not built (make check builds it)"
if nm "$RACE" 2>/dev/null | grep -q '__asan_init'; then
    skip "$RACE is built with AddressSanitizer, whose allocator cannot be replaced by LD_PRELOAD"
fi

rm -f "$cs_tmp/count"
LD_PRELOAD="$FAILMALLOC" CAPSCOPE_ALLOC_COUNT="$cs_tmp/count" "$RACE" "$cs_tmp" >"$cs_tmp/out" 2>"$cs_tmp/err"
status=$?
calls=$(cat "$cs_tmp/count" 2>/dev/null || echo 0)
if [ "$status" -ne 0 ] || [ "$calls" -lt 1 ]; then
    fail "without a failure: status $status after $calls allocations: $(head -c 300 "$cs_tmp/err")"
    finish
fi
grep -q 'changed since it was read' "$cs_tmp/out" ||
    fail "without a failure, not refused as a journal changed: $(cat "$cs_tmp/out")"

said=0
n=1
while [ "$n" -le "$calls" ]; do
    LD_PRELOAD="$FAILMALLOC" CAPSCOPE_FAIL_ALLOC=$n "$RACE" "$cs_tmp" >"$cs_tmp/out" 2>"$cs_tmp/err"
    status=$?
    case $status in
    0 | 3) ;;
    *)
        fail "allocation $n failing: status $status: $(head -c 300 "$cs_tmp/err")"
        echo "    (again: CAPSCOPE_FAIL_ALLOC=$n CAPSCOPE_FAIL_ALLOC_TRACE=1 LD_PRELOAD=$FAILMALLOC $RACE DIR)"
        ;;
    esac
    if [ "$status" -eq 0 ] && grep -q 'last line was torn' "$cs_tmp/out"; then
        said=$((said + 1))
        grep -q 'nothing was written' "$cs_tmp/out" || fail "allocation $n failing: $(cat "$cs_tmp/out")"
    fi
    n=$((n + 1))
done
[ "$said" -ge 1 ] || fail "no failing allocation was the reading of the torn tail again (none said so)"
[ "$cs_failures" -eq 0 ] && ok "$calls allocations, each failing in turn: the other's undo kept ($said refused at the torn tail)"
finish
