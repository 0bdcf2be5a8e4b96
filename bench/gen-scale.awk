# gen-scale.awk - a synthetic table of any size, for the scale test and benchmark.
#
#   awk -v rows=1000000 -v seed=1 -f gen-scale.awk > big.csv
#   awk -v params=1 -f gen-scale.awk        # the true boundaries instead
#   awk -v rows=1000000 -v tasks=20 -v scored=0.1 -f gen-scale.awk > big20.csv
#
# tasks (default 6) adds task columns past the six below: task t > 6 is
# task ((t - 1) % 6) + 1 with its midpoint moved by 0.1 per lap and the name
# suffixed _2, _3...; scored (default 1) keeps each row's scores with that
# probability and leaves the row's every task cell empty otherwise (what the
# sampler's benchmarks ask to fill in). Without either the output is what it
# always was.
#
# Columns as the demo data: model, base_model, params_b, flops, date and six
# task columns, every row scored. Compute takes 1000 distinct values evenly
# spaced in z = log10 FLOPs from 21 to 25; params_b follows from a
# compute-optimal 20 tokens per parameter (flops = 6 N D, D = 20 N).
#
# Each task has a mean m(z) = y0 + L / (1 + exp(-b (z - zs))) and a score is
# m(z) + s e, e standard normal (Box-Muller), clipped to [0, 1]. So the true
# tau-quantile of the score at z is m(z) + s PHI^-1(tau) wherever that is in
# (0, 1): a boundary of the fitted family with y0' = y0 + s PHI^-1(tau).
# Normal noise keeps the density smooth around the quantile, so the fit's
# smoothing of the pinball loss (kappa) does not move it; a bounded noise
# would put the 0.98-quantile within 1/kappa of the data's upper edge.
BEGIN {
    if (rows == "") rows = 1000
    if (seed == "") seed = 1
    s = 0.05
    split("reasoning math coding knowledge instruct science", name, " ")
    split("0.05 0.00 0.02 0.20 0.10 0.15", y0, " ")
    split("0.75 0.80 0.75 0.60 0.70 0.60", L, " ")
    split("23.0 23.5 23.2 22.5 22.8 24.0", zs, " ")
    split("1.5 1.2 1.0 0.9 1.3 1.1", b, " ")
    if (tasks == "") tasks = 6
    for (t = 7; t <= tasks; t++) {
        u = (t - 1) % 6 + 1
        lap = int((t - 1) / 6)
        name[t] = name[u] "_" (lap + 1)
        y0[t] = y0[u]; L[t] = L[u]; b[t] = b[u]; zs[t] = zs[u] + 0.1 * lap
    }
    if (params) {
        print "task y0 L zs b s"
        for (t = 1; t <= tasks; t++) print name[t], y0[t], L[t], zs[t], b[t], s
        exit
    }
    srand(seed)
    pi2 = 8 * atan2(1, 1)
    printf "model,base_model,params_b,flops,date"
    for (t = 1; t <= tasks; t++) printf ",%s", name[t]
    printf "\n"
    for (i = 0; i < rows; i++) {
        k = int(rand() * 1000)
        z = 21 + 4 * k / 999
        flops = 10 ^ z
        printf "scale/base-%d-v%d,scale/base-%d,%.3f,%.6e,%04d-%02d-%02d", k, i, k,
            sqrt(flops / 120) / 1e9, flops,
            2023 + int(rand() * 3), 1 + int(rand() * 12), 1 + int(rand() * 28)
        keep = (scored == "") || (rand() < scored)
        for (t = 1; t <= tasks; t++) {
            e = sqrt(-2 * log(1 - rand())) * cos(pi2 * rand())
            y = y0[t] + L[t] / (1 + exp(-b[t] * (z - zs[t]))) + s * e
            if (keep)
                printf ",%.4f", (y < 0) ? 0 : ((y > 1) ? 1 : y)
            else
                printf ","
        }
        printf "\n"
    }
}
