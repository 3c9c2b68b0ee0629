#!/usr/bin/env bash
# Mutation testing with mutmut 3 and the full test suite (not part of .ci/run).
#
#   scripts/mutation.sh                         every module of src/safecore
#   scripts/mutation.sh src/safecore/tallies.py one module (or a glob: "src/safecore/cost/*")
#   MUTATION_TESTS="tests/test_tallies.py src/safecore/tallies.py" scripts/mutation.sh src/safecore/tallies.py
#                                               only those tests: a quick search for survivors
#                                               (a lower bound on the full suite's score)
#
# Runs in a scratch copy of the checkout so the working tree is untouched,
# then prints the score per module (killed / all, counting "no tests" as survived and
# timeouts as killed: the suite would hang). Needs the test extra and mutmut:
#   python -m pip install -e ".[test,pandas,plot,excel]" "mutmut>=3.8,<4"
# Time on 2 cores: see docs/testing.md.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${MUTATION_DIR:-$(mktemp -d)}
git -C "$here" ls-files -z | (cd "$here" && xargs -0 cp --parents -t "$work")
cd "$work"
python - "$@" <<'PY'
import os, re, sys, tomllib, pathlib
path = pathlib.Path("pyproject.toml")
text = path.read_text(encoding="utf-8")
if sys.argv[1:]:
    patterns = ", ".join(f'"{p}"' for p in sys.argv[1:])
    text = text.replace("[tool.mutmut]\n", f"[tool.mutmut]\nonly_mutate = [{patterns}]\n", 1)
if os.environ.get("MUTATION_TESTS"):
    tests = ", ".join(f'"{t}"' for t in os.environ["MUTATION_TESTS"].split())
    text = re.sub(r"(?m)^pytest_add_cli_args_test_selection = .*$",
                  f"pytest_add_cli_args_test_selection = [{tests}]", text)
tomllib.loads(text)
path.write_text(text, encoding="utf-8")
PY
# Property tests run 25 fixed examples per mutant (tests/conftest.py, profile "mutation"):
# the score is a lower bound on the one the default 100 examples would give.
export SAFECORE_HYPOTHESIS_PROFILE=${SAFECORE_HYPOTHESIS_PROFILE:-mutation}
mutmut run --max-children "${MUTATION_JOBS:-2}" > mutmut-run.log 2>&1 || true
python "$here/scripts/mutation_scores.py" "$work"
echo "mutants and results kept in $work (mutmut results / mutmut show NAME there)"
