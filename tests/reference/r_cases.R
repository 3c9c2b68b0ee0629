# Reference values for tests/test_stats_ttest.py and tests/test_stats_ranks.py.
# Run: Rscript tests/reference/r_cases.R ttest|ranks  (R 4.2.2); the output is pasted into the tests.
# Every value is printed with sprintf("%.15g"); the R command of each case is printed beside it.
args <- commandArgs(trailingOnly = TRUE)
family <- args[1]

num <- function(v) {
  if (length(v) == 0) return("None")
  s <- ifelse(is.na(v), "None", ifelse(is.infinite(v), ifelse(v > 0, "INF", "-INF"), sprintf("%.15g", v)))
  s
}
vec <- function(v) paste0("[", paste(num(v), collapse = ", "), "]")
rvec <- function(v) paste0("c(", paste(ifelse(is.na(v), "NA", sprintf("%.15g", v)), collapse = ", "), ")")

data <- list()
def <- function(name, expr) {
  v <- eval(parse(text = expr))
  data[[name]] <<- v
  cat(sprintf("# R> %s <- %s\n", name, expr))
  cat(sprintf("%s = %s\n", toupper(name), vec(v)))
}

pyval <- function(v) {
  if (is.logical(v)) return(if (v) "True" else "False")
  if (is.character(v)) return(sprintf('"%s"', if (v == "two.sided") "two-sided" else v))
  sprintf("%.15g", v)
}
pyname <- c(var.equal = "equal_var", conf.level = "confidence_level", correct = "correction",
            mu = "mu", paired = "paired", alternative = "alternative", exact = "exact")
rcall <- function(fun, x, y, a) {
  parts <- c(x, if (!is.null(y)) y)
  for (k in names(a)) parts <- c(parts, sprintf("%s = %s", k, deparse(a[[k]])))
  sprintf("%s(%s)", fun, paste(parts, collapse = ", "))
}
pykw <- function(a) {
  if (isTRUE(a$conf.int) && is.null(a$conf.level)) a$conf.level <- 0.95
  a$conf.int <- NULL
  if (length(a) == 0) return("{}")
  paste0("{", paste(sprintf('"%s": %s', pyname[names(a)], sapply(a, pyval)), collapse = ", "), "}")
}

if (family == "ttest") {
  cat("# -- data --\n")
  def("sleep1", "sleep$extra[sleep$group == 1]")
  def("sleep2", "sleep$extra[sleep$group == 2]")
  def("dep_x", "c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)")
  def("dep_y", "c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)")
  def("a12", "{set.seed(1); round(rnorm(12, 10, 2), 2)}")
  def("b15", "{set.seed(2); round(rnorm(15, 11, 4), 2)}")
  def("c30", "{set.seed(3); round(rexp(30, 0.2), 3)}")
  def("d8", "{set.seed(4); round(runif(8, -5, 5), 2)}")
  def("na_x", "c(3.1, NA, 4.7, 5.0, 2.2, NaN, 6.3, 4.1)")
  def("na_y", "c(2.9, 3.3, NA, 4.1, 2.0, 3.5, 5.2, NA)")
  def("big", "{set.seed(5); round(rnorm(60, 1e6, 3), 4)}")
  def("one", "c(5.5)")
  cases <- list(
    list("sleep1", NULL, list()),
    list("sleep1", NULL, list(mu = 1)),
    list("sleep1", NULL, list(mu = 1, alternative = "less")),
    list("sleep1", NULL, list(mu = 1, alternative = "greater", conf.level = 0.9)),
    list("a12", NULL, list(mu = 10, conf.level = 0.99)),
    list("c30", NULL, list(mu = 4, alternative = "greater")),
    list("c30", NULL, list(mu = 6, alternative = "less", conf.level = 0.9)),
    list("na_x", NULL, list(mu = 4)),
    list("big", NULL, list(mu = 1e6)),
    list("d8", NULL, list(conf.level = 0.5)),
    list("sleep1", "sleep2", list(paired = TRUE)),
    list("sleep1", "sleep2", list(paired = TRUE, alternative = "less")),
    list("sleep1", "sleep2", list(paired = TRUE, alternative = "greater", mu = -2)),
    list("sleep1", "sleep2", list(paired = TRUE, conf.level = 0.99)),
    list("dep_x", "dep_y", list(paired = TRUE)),
    list("dep_x", "dep_y", list(paired = TRUE, alternative = "greater", conf.level = 0.9)),
    list("na_x", "na_y", list(paired = TRUE)),
    list("na_x", "na_y", list(paired = TRUE, mu = 0.5, alternative = "less")),
    list("sleep1", "sleep2", list()),
    list("sleep1", "sleep2", list(alternative = "less")),
    list("sleep1", "sleep2", list(alternative = "greater")),
    list("sleep1", "sleep2", list(var.equal = TRUE)),
    list("sleep1", "sleep2", list(var.equal = TRUE, alternative = "less", conf.level = 0.9)),
    list("sleep1", "sleep2", list(mu = -1, conf.level = 0.99)),
    list("dep_x", "dep_y", list()),
    list("dep_x", "dep_y", list(var.equal = TRUE, mu = 0.2)),
    list("a12", "b15", list()),
    list("a12", "b15", list(var.equal = TRUE)),
    list("a12", "b15", list(mu = -1, alternative = "greater")),
    list("a12", "b15", list(var.equal = TRUE, mu = -1, alternative = "less", conf.level = 0.99)),
    list("b15", "c30", list(conf.level = 0.9)),
    list("b15", "c30", list(var.equal = TRUE, conf.level = 0.9)),
    list("c30", "a12", list(alternative = "less")),
    list("c30", "d8", list(mu = 5, alternative = "greater", conf.level = 0.99)),
    list("d8", "a12", list(var.equal = TRUE)),
    list("na_x", "na_y", list()),
    list("na_x", "na_y", list(var.equal = TRUE, alternative = "greater")),
    list("big", "a12", list(mu = 999990)),
    list("one", "a12", list(var.equal = TRUE)),
    list("a12", "one", list(var.equal = TRUE, alternative = "less")),
    list("d8", "b15", list(var.equal = FALSE, conf.level = 0.8)),
    list("b15", "b15", list(mu = 0.5))
  )
  cat("# -- cases --\n")
  for (cs in cases) {
    cmd <- rcall("t.test", cs[[1]], cs[[2]], cs[[3]])
    r <- eval(parse(text = cmd), envir = data)
    est <- unname(r$estimate)
    cat(sprintf("    # R> %s\n", cmd))
    cat(sprintf('    ("%s", %s, %s, %s, %s, %s, (%s, %s), %s),\n',
      toupper(cs[[1]]), if (is.null(cs[[2]])) "None" else sprintf('"%s"', toupper(cs[[2]])),
      pykw(cs[[3]]), num(r$statistic), num(r$parameter), num(r$p.value),
      num(r$conf.int[1]), num(r$conf.int[2]), vec(est)))
  }
}

if (family == "ranks") {
  cat("# -- data --\n")
  def("dep_x", "c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)")
  def("dep_y", "c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)")
  def("sleep1", "sleep$extra[sleep$group == 1]")
  def("sleep2", "sleep$extra[sleep$group == 2]")
  def("perm_x", "c(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46)")
  def("perm_y", "c(1.15, 0.88, 0.90, 0.74, 1.21)")
  def("u12", "{set.seed(11); round(rnorm(12, 0.5, 2), 3)}")
  def("v15", "{set.seed(12); round(rnorm(15, 0, 2), 3)}")
  def("t20", "{set.seed(13); round(rnorm(20, 1, 3))}")
  def("s20", "{set.seed(14); round(rnorm(20, 0, 3))}")
  def("n49", "{set.seed(21); round(rnorm(49, 0.4, 1), 6)}")
  def("n50", "{set.seed(22); round(rnorm(50, 0.4, 1), 6)}")
  def("n51", "{set.seed(23); round(rnorm(51, 0.4, 1), 6)}")
  def("m49", "{set.seed(24); round(rnorm(49, 0, 1), 6)}")
  def("m50", "{set.seed(25); round(rnorm(50, 0, 1), 6)}")
  def("z10", "c(0, 1.5, -0.5, 2.5, 0, 3.5, 4.5, -1.5, 5.5, 6.5)")
  def("na_x", "c(3.1, NA, 4.7, 5.0, 2.2, NaN, 6.3, 4.1, 7.7)")
  def("na_y", "c(2.9, 3.3, NA, 4.1, 2.0, 3.5, 5.2, NA, 1.1)")
  def("w5", "c(1.1, 2.2, 3.3, 4.4, 5.5)")
  def("w4", "c(0.5, 0.6, 0.7, 0.8)")
  cases <- list(
    list("dep_x", "dep_y", list(paired = TRUE)),
    list("dep_x", "dep_y", list(paired = TRUE, alternative = "greater")),
    list("dep_x", "dep_y", list(paired = TRUE, alternative = "less")),
    list("dep_x", "dep_y", list(paired = TRUE, conf.int = TRUE)),
    list("dep_x", "dep_y", list(paired = TRUE, conf.int = TRUE, conf.level = 0.9, alternative = "greater")),
    list("dep_x", "dep_y", list(paired = TRUE, exact = FALSE)),
    list("dep_x", "dep_y", list(paired = TRUE, exact = FALSE, correct = FALSE)),
    list("dep_x", "dep_y", list(paired = TRUE, exact = FALSE, conf.int = TRUE)),
    list("dep_x", "dep_y", list(paired = TRUE, exact = FALSE, correct = FALSE, conf.int = TRUE, alternative = "less")),
    list("sleep1", "sleep2", list(paired = TRUE)),
    list("sleep1", "sleep2", list(paired = TRUE, correct = FALSE, alternative = "less")),
    list("sleep1", "sleep2", list(paired = TRUE, conf.int = TRUE)),
    list("sleep1", NULL, list(mu = 0.5)),
    list("z10", NULL, list()),
    list("z10", NULL, list(mu = 1, conf.int = TRUE)),
    list("z10", NULL, list(mu = 1.5, alternative = "greater", correct = FALSE)),
    list("u12", NULL, list()),
    list("u12", NULL, list(mu = 1, conf.int = TRUE, conf.level = 0.99)),
    list("u12", NULL, list(alternative = "less", conf.int = TRUE)),
    list("u12", NULL, list(exact = FALSE, conf.int = TRUE, conf.level = 0.9)),
    list("t20", NULL, list(conf.int = TRUE)),
    list("t20", "s20", list(paired = TRUE, alternative = "greater")),
    list("n49", NULL, list()),
    list("n49", NULL, list(conf.int = TRUE)),
    list("n50", NULL, list()),
    list("n50", NULL, list(conf.int = TRUE)),
    list("n51", NULL, list(alternative = "greater")),
    list("n51", NULL, list(exact = TRUE)),
    list("n50", NULL, list(exact = TRUE, conf.int = TRUE, conf.level = 0.9)),
    list("na_x", "na_y", list(paired = TRUE)),
    list("na_x", NULL, list(mu = 4, conf.int = TRUE)),
    list("perm_x", "perm_y", list(alternative = "greater")),
    list("perm_x", "perm_y", list()),
    list("perm_x", "perm_y", list(conf.int = TRUE)),
    list("perm_x", "perm_y", list(conf.int = TRUE, alternative = "less", conf.level = 0.9)),
    list("perm_x", "perm_y", list(exact = FALSE, conf.int = TRUE)),
    list("perm_x", "perm_y", list(exact = FALSE, correct = FALSE, alternative = "greater", conf.int = TRUE)),
    list("perm_x", "perm_y", list(mu = 0.3, conf.int = TRUE)),
    list("dep_x", "dep_y", list()),
    list("dep_x", "dep_y", list(conf.int = TRUE)),
    list("u12", "v15", list()),
    list("u12", "v15", list(conf.int = TRUE, conf.level = 0.99)),
    list("u12", "v15", list(mu = 1, alternative = "less", conf.int = TRUE)),
    list("t20", "s20", list()),
    list("t20", "s20", list(conf.int = TRUE, alternative = "greater")),
    list("n49", "m49", list()),
    list("n49", "m49", list(conf.int = TRUE)),
    list("n49", "m50", list()),
    list("n50", "m49", list(alternative = "less")),
    list("n51", "m49", list(exact = TRUE)),
    list("na_x", "na_y", list()),
    list("w5", "w4", list(conf.int = TRUE)),
    list("w5", "w4", list(conf.int = TRUE, alternative = "greater"))
  )
  cat("# -- cases --\n")
  for (cs in cases) {
    cmd <- rcall("wilcox.test", cs[[1]], cs[[2]], cs[[3]])
    r <- suppressWarnings(eval(parse(text = cmd), envir = data))
    ci <- if (is.null(r$conf.int)) "None" else sprintf("(%s, %s)", num(r$conf.int[1]), num(r$conf.int[2]))
    lvl <- if (is.null(r$conf.int)) "None" else num(attr(r$conf.int, "conf.level"))
    est <- if (is.null(r$estimate)) "None" else num(unname(r$estimate))
    cat(sprintf("    # R> %s\n", cmd))
    cat(sprintf('    ("%s", %s, %s, %s, %s, "%s", %s, %s, %s),\n',
      toupper(cs[[1]]), if (is.null(cs[[2]])) "None" else sprintf('"%s"', toupper(cs[[2]])),
      pykw(cs[[3]]), num(r$statistic), num(r$p.value), r$method, est, ci, lvl))
  }
}
