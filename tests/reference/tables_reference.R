# Reference values for tests/test_stats_tables.py and tests/test_stats_multiplicity.py.
# Run: Rscript tests/reference/tables_reference.R > /tmp/cases.py  (R 4.2; base R only).
# Each case is printed as a Python literal preceded by the R command that produced it;
# numbers are sprintf("%.15g", ...). The test modules hold the pasted output: the suite
# never needs R.
g <- function(v) {
  s <- ifelse(is.na(v), "nan", ifelse(is.infinite(v), "inf", sprintf("%.15g", v)))
  s
}
rv <- function(v) paste(ifelse(is.na(v), "NA", sprintf("%.15g", v)), collapse = ", ")
vec <- function(v) paste0("[", paste(g(v), collapse = ", "), "]")
mat <- function(x) paste0("[", paste(apply(x, 1, function(r) paste0("[", paste(r, collapse = ", "), "]")), collapse = ", "), "]")
rmat <- function(x) sprintf("matrix(c(%s), %d, byrow = TRUE)", paste(t(x), collapse = ", "), nrow(x))
alt_py <- c(two.sided = "two-sided", less = "less", greater = "greater")

cat("FISHER_2X2 = [\n")
fisher_case <- function(x, alt = "two.sided", level = 0.95) {
  r <- fisher.test(x, alternative = alt, conf.level = level)
  cat(sprintf("    # fisher.test(%s, alternative = \"%s\", conf.level = %s)\n", rmat(x), alt, level))
  cat(sprintf("    (%s, \"%s\", %s, %s, %s, %s, %s),\n", mat(x), alt_py[[alt]], level,
              g(r$estimate), g(r$conf.int[1]), g(r$conf.int[2]), g(r$p.value)))
}
tea <- matrix(c(3, 1, 1, 3), 2, byrow = TRUE)
for (alt in c("two.sided", "less", "greater")) for (lv in c(0.95, 0.9, 0.99)) fisher_case(tea, alt, lv)
conv <- matrix(c(2, 15, 10, 3), 2, byrow = TRUE)  # R's Convictions example
for (alt in c("two.sided", "less", "greater")) fisher_case(conv, alt)
for (x in list(c(0, 5, 3, 4), c(5, 0, 0, 5), c(0, 3, 4, 0), c(3, 0, 2, 6), c(0, 1, 1, 7),
               c(1, 0, 9, 12), c(7, 2, 0, 1))) {
  m <- matrix(x, 2, byrow = TRUE)
  fisher_case(m); fisher_case(m, "less", 0.9); fisher_case(m, "greater", 0.99)
}
for (x in list(c(120, 80, 95, 105), c(1000, 2000, 1500, 1800), c(512, 3, 400, 8), c(40, 960, 25, 975))) {
  m <- matrix(x, 2, byrow = TRUE)
  fisher_case(m); fisher_case(m, "greater")
}
set.seed(2024)
for (i in 1:16) {
  repeat {
    m <- matrix(rpois(4, sample(c(1, 3, 8, 30), 1)), 2)
    if (all(rowSums(m) > 0) && all(colSums(m) > 0)) break
  }
  fisher_case(m, sample(names(alt_py), 1), sample(c(0.8, 0.9, 0.95, 0.99), 1))
}
cat("]\n\n")

cat("FISHER_RXC = [\n")
for (x in list(matrix(c(2, 7, 1, 6, 1, 4), 2, byrow = TRUE),
               matrix(c(1, 2, 1, 0, 3, 3, 6, 1, 10, 10, 14, 9, 6, 7, 12, 11), 4, byrow = TRUE),
               matrix(c(3, 1, 0, 2, 4, 5, 1, 0, 3), 3, byrow = TRUE),
               matrix(c(76, 6, 4, 17, 15, 12), 2, byrow = TRUE))) {
  cat(sprintf("    # fisher.test(%s)$p.value\n", rmat(x)))
  cat(sprintf("    (%s, %s),\n", mat(x), g(fisher.test(x)$p.value)))
}
cat("]\n\n")

cat("MCNEMAR_CHISQ = [\n")
mc_case <- function(x, correct) {
  r <- mcnemar.test(x, correct = correct)
  cat(sprintf("    # mcnemar.test(%s, correct = %s)\n", rmat(x), correct))
  cat(sprintf("    (%s, %s, %s, %s),\n", mat(x), if (correct) "True" else "False", g(r$statistic), g(r$p.value)))
}
perf <- matrix(c(794, 150, 86, 570), 2, byrow = TRUE)  # R's Performance example
mc_case(perf, TRUE); mc_case(perf, FALSE)
set.seed(7)
for (i in 1:20) {
  repeat {m <- matrix(rpois(4, sample(c(3, 10, 40, 200), 1)), 2); if (m[1, 2] + m[2, 1] > 0) break}
  mc_case(m, TRUE); mc_case(m, FALSE)
}
mc_case(matrix(c(5, 4, 4, 9), 2, byrow = TRUE), TRUE)  # equal discordant cells: no correction
cat("]\n\n")

cat("MCNEMAR_EXACT = [\n")
ex_case <- function(b, cc) {
  r <- binom.test(b, b + cc)
  or <- r$conf.int / (1 - r$conf.int)
  cat(sprintf("    # binom.test(%d, %d); conf.int / (1 - conf.int) (exact2x2::mcnemar.exact's interval)\n", b, b + cc))
  cat(sprintf("    (%d, %d, %s, %s, %s),\n", b, cc, g(r$p.value), g(or[1]), g(or[2])))
}
for (bc in list(c(10, 2), c(2, 10), c(0, 5), c(5, 0), c(1, 1), c(3, 0), c(150, 86), c(86, 150), c(0, 1),
                c(25, 25), c(40, 12), c(7, 30))) ex_case(bc[1], bc[2])
set.seed(11)
for (i in 1:30) {b <- rpois(1, sample(c(2, 6, 20, 80), 1)); cc <- rpois(1, sample(c(2, 6, 20, 80), 1)); if (b + cc > 0) ex_case(b, cc)}
cat("]\n\n")

cat("GOF = [\n")
gof_case <- function(x, p = NULL, rescale = FALSE) {
  r <- suppressWarnings(if (is.null(p)) chisq.test(x) else chisq.test(x, p = p, rescale.p = rescale))
  pc <- if (is.null(p)) "" else sprintf(", p = c(%s)%s", paste(g(p), collapse = ", "), if (rescale) ", rescale.p = TRUE" else "")
  cat(sprintf("    # chisq.test(c(%s)%s)\n", paste(x, collapse = ", "), pc))
  cat(sprintf("    (%s, %s, %s, %s, %s, %s, %s, %s),\n", vec(x), if (is.null(p)) "None" else vec(p),
              if (rescale) "True" else "False", g(r$statistic), g(r$p.value),
              vec(r$expected), vec(r$residuals), vec(r$stdres)))
}
gof_case(c(89, 37, 30, 28, 2), c(0.40, 0.20, 0.20, 0.19, 0.01))  # R's help example
gof_case(c(89, 37, 30, 28, 2), c(0.40, 0.20, 0.20, 0.15, 0.05))
gof_case(c(20, 15, 25))
gof_case(c(20, 15, 25), c(1, 1, 2), TRUE)
gof_case(c(0, 5, 10), c(3, 3, 4), TRUE)
gof_case(c(0, 0, 7))
gof_case(c(12, 0))
set.seed(99)
for (i in 1:20) {
  k <- sample(2:7, 1); x <- rpois(k, sample(c(2, 10, 50, 400), 1)); if (sum(x) == 0) x[1] <- 1
  gof_case(x)
  w <- runif(k, 0.2, 3)
  gof_case(x, w, TRUE)
}
for (i in 1:6) {
  k <- sample(3:6, 1); x <- rpois(k, 30); p <- round(rep(1 / k, k), 4); p[k] <- 1 - sum(p[-k])
  gof_case(x, p)
}
cat("]\n\n")

cat("CELL_PVALUES = [\n")
for (x in list(matrix(c(76, 6, 4, 17, 15, 12), 2, byrow = TRUE),
               matrix(c(89, 15, 1, 88, 46, 5), 2, byrow = TRUE),
               matrix(c(12, 5, 9, 7, 3, 20, 6, 11, 8), 3, byrow = TRUE))) {
  for (meth in c("holm", "BH", "none")) {
    s <- suppressWarnings(chisq.test(x))$stdres
    p <- matrix(p.adjust(2 * pnorm(-abs(s)), meth), nrow(x))
    cat(sprintf("    # matrix(p.adjust(2 * pnorm(-abs(chisq.test(%s)$stdres)), \"%s\"), %d)\n", rmat(x), meth, nrow(x)))
    cat(sprintf("    (%s, %s, %s),\n", mat(x), if (meth == "none") "None" else sprintf("\"%s\"", meth),
                paste0("[", paste(apply(p, 1, vec), collapse = ", "), "]")))
  }
}
cat("]\n\n")

cat("P_ADJUST = [\n")
methods <- c("holm", "hochberg", "hommel", "bonferroni", "BH", "BY")
set.seed(42)
vectors <- list(c(0.01, 0.02, 0.03, 0.04, 0.05), c(0.5, 0.01, NA, 0.04, 0.01, 0.2))
for (i in 1:6) {
  k <- sample(c(3, 8, 15, 30), 1)
  v <- round(c(runif(k %/% 2, 0, 0.05), runif(k - k %/% 2)), 6)
  v[sample(k, sample(0:2, 1))] <- NA
  vectors[[length(vectors) + 1]] <- v
}
for (v in vectors) for (meth in methods) {
  cat(sprintf("    # p <- c(%s); p.adjust(p, \"%s\", n = sum(!is.na(p)))\n", rv(v), meth))
  cat(sprintf("    (%s, \"%s\", None, %s),\n", vec(v), meth, vec(p.adjust(v, meth, n = sum(!is.na(v))))))
  if (anyNA(v)) {
    cat(sprintf("    # p <- c(%s); p.adjust(p, \"%s\", n = length(p))\n", rv(v), meth))
    cat(sprintf("    (%s, \"%s\", %d, %s),\n", vec(v), meth, length(v), vec(p.adjust(v, meth, n = length(v)))))
  }
}
cat("]\n")
