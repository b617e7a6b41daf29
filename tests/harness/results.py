"""Test results: the result line format and the name filter.

Every layer of the test suite reports outcomes as lines of the form

    RESULT PASS <name>
    RESULT FAIL <name>: <reason>
    RESULT SKIP <name>: <reason>

(host test binaries and the in-kernel tests print them; system tests produce
`Result` objects directly). `parse_result_line` reads one such line.

The runner prints each result as `PASS <name>` / `FAIL <name>: <reason>` /
`SKIP <name>: <reason>` on one line; longer detail (a panic dump, the tail of a
crashed program's stderr) follows on lines indented by four spaces, so a reader
of the log can still find every result with `grep '^\\(PASS\\|FAIL\\|SKIP\\) '`.

Names are dotted paths (`crypto_sha256.empty`, `fuzz.crypto_hmac`,
`system.boot.test_banner`, `kernel.pmm_alloc`). A filter pattern selects a
name when it is a substring of it or when it matches it as a shell glob.
`could_match_prefix` answers the cheaper question "can any name that starts
with this prefix match?", so that the runner does not even start a host
binary or boot a machine whose results cannot be selected.
"""

import dataclasses
import fnmatch
import re

PASS = "PASS"
FAIL = "FAIL"
SKIP = "SKIP"

_RESULT_RE = re.compile(r"^RESULT (PASS|FAIL|SKIP) (\S+?)(?:: (.*))?\s*$")
_GLOB_CHARS = "*?["


@dataclasses.dataclass
class Result:
    """One outcome: status is PASS, FAIL or SKIP; detail is optional extra text."""

    name: str
    status: str
    reason: str = ""
    detail: str = ""

    def line(self):
        """The one-line form the runner prints."""
        reason = " ".join(self.reason.split())  # keep the result on one line
        if self.status == PASS or not reason:
            return f"{self.status} {self.name}"
        return f"{self.status} {self.name}: {reason}"

    def text(self):
        """The line plus indented detail, ready to print as one block."""
        out = [self.line()]
        for detail_line in self.detail.rstrip("\n").splitlines():
            out.append("    " + detail_line)
        return "\n".join(out)


def parse_result_line(line):
    """Return a Result for a `RESULT ...` line, or None for any other line."""
    m = _RESULT_RE.match(line.rstrip("\r\n"))
    if not m:
        return None
    return Result(name=m.group(2), status=m.group(1), reason=m.group(3) or "")


def is_glob(pattern):
    return any(c in pattern for c in _GLOB_CHARS)


def name_matches(pattern, name):
    """True when pattern selects name (no pattern selects everything)."""
    if not pattern:
        return True
    if pattern in name:
        return True
    return is_glob(pattern) and fnmatch.fnmatchcase(name, pattern)


def could_match_prefix(pattern, prefix):
    """Can pattern select some name `prefix + rest`, where rest has no dot?

    prefix ends with a dot (e.g. "crypto_sha256."). The answer may be a
    false "yes" for unusual globs, never a false "no": a "no" means that
    running the binary or booting the machine would be wasted work.
    """
    if not pattern:
        return True
    if not is_glob(pattern):
        if pattern in prefix:
            return True
        if "." not in pattern:
            return True  # it may lie inside the rest (a case name)
        # The pattern's first dot has to be the one ending the prefix.
        head, tail = pattern.split(".", 1)
        return prefix[:-1].endswith(head) and "." not in tail
    # A glob must start with its literal part; compare that with the prefix.
    literal = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
    if len(literal) <= len(prefix):
        return prefix.startswith(literal)
    return literal.startswith(prefix)


def case_filter(pattern, prefix):
    """A substring to hand a host test binary as its case filter, or None.

    check_main.c runs only the cases whose names contain its argument. Passing
    one narrows the run; results are still matched against the full pattern,
    so an over-wide filter here is harmless and a missing one only costs time.
    """
    if not pattern or is_glob(pattern) or pattern in prefix:
        return None
    if "." not in pattern:
        return pattern
    return pattern.split(".", 1)[1] or None
