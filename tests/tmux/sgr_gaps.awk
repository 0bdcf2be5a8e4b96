# sgr_gaps.awk - counts, in what was written to a terminal, the runs of blanks
# written in the default look between two runs of one same other look that
# a blank shows the same in (default background, no reverse, no underline):
# two attribute changes that change nothing on the screen.
# Run with LC_ALL=C and RS = ESC.
function reset() { bold = dim = ital = und = rev = 0; fg = bg = "d" }
function look() { return bold dim ital und rev " " fg " " bg }
function sgr(p,    n, a, i) {
    if (p == "") p = "0"
    n = split(p, a, ";")
    for (i = 1; i <= n; i++) {
        v = a[i] + 0
        if (v == 0) reset()
        else if (v == 1) bold = 1
        else if (v == 2) dim = 1
        else if (v == 3) ital = 1
        else if (v == 4) und = 1
        else if (v == 7) rev = 1
        else if (v == 22) bold = dim = 0
        else if (v == 23) ital = 0
        else if (v == 24) und = 0
        else if (v == 27) rev = 0
        else if (v == 39) fg = "d"
        else if (v == 49) bg = "d"
        else if (v >= 30 && v <= 37 || v >= 90 && v <= 97) fg = v
        else if (v >= 40 && v <= 47 || v >= 100 && v <= 107) bg = v
        else if ((v == 38 || v == 48) && a[i + 1] == 5) { if (v == 38) fg = "5:" a[i + 2]; else bg = "5:" a[i + 2]; i += 2 }
        else if ((v == 38 || v == 48) && a[i + 1] == 2) { if (v == 38) fg = "2:" a[i + 2] ":" a[i + 3] ":" a[i + 4]; else bg = "2:" a[i + 2] ":" a[i + 3] ":" a[i + 4]; i += 4 }
    }
}
# a text written contiguously in the current look
function text(t) {
    if (t == "") return
    if (t ~ /[\r\n\b]/) { n = 0; return }   # the cursor moved: no run goes across
    L[++n] = look(); B[n] = (t ~ /^ +$/)
    if (n >= 3 && B[n - 1] && L[n - 1] == def && L[n - 2] == L[n] && L[n] != def &&
        !und && !rev && bg == "d")
        wasted++
}
BEGIN { reset(); def = look(); wasted = 0; n = 0 }
NR == 1 { text($0); next }
{
    s = $0
    if (match(s, /^\[[0-9;?]*[ -\/]*[@-~]/)) {
        seq = substr(s, 1, RLENGTH); rest = substr(s, RLENGTH + 1)
        if (seq ~ /^\[[0-9;]*m$/) sgr(substr(seq, 2, length(seq) - 2))
        else n = 0                          # a move or an erase
        text(rest)
    } else if (match(s, /^[()][0-9A-Za-z]/)) {
        text(substr(s, RLENGTH + 1))        # a character set: no look of its own here
    } else {
        n = 0
        text(substr(s, 2))
    }
}
END { print wasted }
