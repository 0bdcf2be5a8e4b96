# embed-csv.awk - turn an ASCII text file into a C source defining
#     const char cs_demo_csv[];      the bytes, then a NUL
#     const size_t cs_demo_csv_size; the byte count (without the NUL)
# Usage: LC_ALL=C awk -f embed-csv.awk data/demo.csv > demo-csv.c
#
# Bytes are written as decimal initialisers rather than one string literal:
# a literal of this size exceeds C11's translation limit (4095 characters),
# and numbers need no escaping. awk reads lines, so every line is taken to
# end in '\n'; the input must be LF-terminated ASCII, which is checked here
# (anything else fails the build rather than embedding a different file).

BEGIN {
    for (i = 1; i < 128; i++)
        code[sprintf("%c", i)] = i
    size = 0
    column = 0
    print "/* Generated from data/demo.csv by data/embed-csv.awk: do not edit. */"
    print "#include \"capscope/demo.h\""
    print ""
    print "const char cs_demo_csv[] = {"
}

function emit(byte) {
    printf "%s%d,", (column == 0 ? "    " : ""), byte
    size++
    if (++column == 20) {
        printf "\n"
        column = 0
    }
}

{
    n = length($0)
    for (i = 1; i <= n; i++) {
        c = substr($0, i, 1)
        if (!(c in code) || code[c] == 13 || (code[c] < 32 && code[c] != 9)) {
            printf "embed-csv.awk: %s:%d: byte %d is not printable ASCII\n", FILENAME, NR, i > "/dev/stderr"
            failed = 1
            exit 1
        }
        emit(code[c])
    }
    emit(10)
}

END {
    if (failed)
        exit 1
    if (size == 0) {
        print "embed-csv.awk: empty input" > "/dev/stderr"
        exit 1
    }
    printf "%s0\n};\n\n", (column == 0 ? "    " : "")
    printf "const size_t cs_demo_csv_size = %d;\n", size
}
