#!/usr/bin/env python3
"""The workflow files agree with each other and with the README, and what the
README tells users to copy works.

    python3 tests/workflow/test_workflow_files.py path/to/guardrail

Checks:
- action.yml is a composite action with the inputs and outputs the README's
  "Use it in your workflow" table documents (both ways, defaults too); it
  builds with the repository's scripts, scans with --output sarif= and the
  fail-on, uploads with github/codeql-action/upload-sarif@v3 (always, when
  upload-sarif is 'true'), then fails on the scan's status. Its scan step is
  RUN as GitHub runs it, against the binary, and its outputs are checked.
- docs/github-workflow.yml asks for security-events: write and contents:
  read and uses the action with inputs it has.
- .pre-commit-hooks.yaml defines the hook `guardrail`, entry `guardrail
  scan`, language system, for the files guardrail reads.
- The README's snippets: the pre-commit one parses and names a hook the
  manifest defines; the GitHub Actions one parses and uses existing inputs;
  every `guardrail` command of its shell snippets (and of docs/workflow.md)
  runs against a small temporary folder with the binary and exits 0 or 1 as
  documented, never 2; the .guardrail.yaml example is accepted by guardrail.
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

try:
    import yaml
except ImportError:
    sys.exit("FAIL: PyYAML is missing; install the Debian package python3-yaml (scripts/install-deps.sh --test does)")

ROOT = Path(__file__).resolve().parents[2]
SECTION = "Use it in your workflow"
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def load_yaml(path):
    try:
        return yaml.safe_load(path.read_text())
    except (OSError, yaml.YAMLError) as e:
        failures.append(f"{path.relative_to(ROOT)} does not parse as YAML: {e}")
        return None


def triggers(workflow):
    # YAML 1.1 reads the key `on` as true.
    return workflow.get("on", workflow.get(True))


# --- Markdown ------------------------------------------------------------------

def headings(lines):
    """(index, level, title) of the Markdown headings, not counting `#` lines inside fenced code."""
    fenced = False
    for i, line in enumerate(lines):
        if re.match(r"^\s*```", line):
            fenced = not fenced
            continue
        m = None if fenced else re.match(r"^(#+)\s+(.*?)\s*$", line)
        if m:
            yield i, len(m.group(1)), m.group(2)


def section(text, title, level=2):
    """The text under a heading of `level`, up to the next heading of that level or above."""
    lines = text.splitlines()
    start = None
    for i, depth, heading in headings(lines):
        if start is None:
            if depth == level and heading == title:
                start = i + 1
        elif depth <= level:
            return "\n".join(lines[start:i])
    return None if start is None else "\n".join(lines[start:])


def subsections(text):
    """{heading: text} of the ### headings (backquotes removed from the heading)."""
    lines = text.splitlines()
    marks = [(i, heading) for i, depth, heading in headings(lines) if depth == 3]
    out = {}
    for n, (i, heading) in enumerate(marks):
        end = marks[n + 1][0] if n + 1 < len(marks) else len(lines)
        out[heading.replace("`", "")] = "\n".join(lines[i + 1:end])
    return out


def fenced_blocks(text):
    """[(language, code)] of the fenced code blocks, indented ones (in lists) too."""
    blocks, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        m = re.match(r"^(\s*)```(\w*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        indent, lang, code = len(m.group(1)), m.group(2), []
        i += 1
        while i < len(lines) and not re.match(r"^\s*```\s*$", lines[i]):
            code.append(lines[i][indent:] if lines[i][:indent].strip() == "" else lines[i])
            i += 1
        blocks.append((lang, "\n".join(code) + "\n"))
        i += 1
    return blocks


def table(text, first_header):
    """Rows (lists of cells) of the Markdown table whose first header cell is `first_header`."""
    rows, inside = [], False
    for line in text.splitlines():
        if not line.strip().startswith("|"):
            if inside:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not inside:
            inside = cells[0] == first_header
            continue
        if all(re.fullmatch(r":?-+:?", c) for c in cells):
            continue
        rows.append(cells)
    return rows


def table_inputs(text, where):
    """{input: default} from an inputs table: `name` | `default` or (empty) | meaning."""
    rows = table(text, "Input")
    check(rows, f"{where}: no inputs table (a table whose first column is 'Input')")
    out = {}
    for cells in rows:
        name = re.fullmatch(r"`([^`]+)`", cells[0])
        if not check(name and len(cells) >= 3, f"{where}: cannot read the inputs table row {cells}"):
            continue
        default = re.fullmatch(r"`([^`]*)`", cells[1])
        out[name.group(1)] = default.group(1) if default else ("" if cells[1] in ("(empty)", "") else cells[1])
    return out


def commands(code):
    """The lines of a shell snippet that run guardrail (continuation lines joined)."""
    joined, out = re.sub(r"\\\n\s*", " ", code), []
    for line in joined.splitlines():
        if re.match(r"^guardrail(\s|$)", line.strip()):
            out.append(line.strip())
    return out


# --- the binary ----------------------------------------------------------------

OPEN_GROUP = """resource "aws_security_group" "bastion" {
  name   = "bastion"
  vpc_id = "vpc-0a1b2c3d"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"""
CLEAN = 'variable "region" {\n  type    = string\n  default = "us-east-1"\n}\n'


def make_folder(base, name, findings):
    """A small repository: live/prod with a clean file, and an open SSH group when `findings`."""
    folder = Path(base) / name
    (folder / "live/prod").mkdir(parents=True)
    (folder / "live/prod/variables.tf").write_text(CLEAN)
    if findings:
        (folder / "live/prod/network.tf").write_text(OPEN_GROUP)
    return folder


def run_command(binary, command, cwd):
    """Runs a documented `guardrail ...` line in `cwd` with `guardrail` replaced by the binary."""
    line = re.sub(r"^guardrail\b", lambda _: shlex.quote(str(binary)), command)
    env = dict(os.environ, NO_COLOR="1")
    p = subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout + p.stderr


def written_files(command):
    """The files a command line writes: --output FORMAT=FILE, --write-baseline FILE, > FILE."""
    words = shlex.split(command, comments=True)
    files = []
    for i, w in enumerate(words):
        if w == "--output" and i + 1 < len(words):
            files.append(words[i + 1].split("=", 1)[1])
        elif w.startswith("--output="):
            files.append(w.split("=", 2)[2])
        elif w == "--write-baseline" and i + 1 < len(words):
            files.append(words[i + 1])
        elif w == ">" and i + 1 < len(words):
            files.append(words[i + 1])
        elif w.startswith(">") and len(w) > 1:
            files.append(w[1:])
    return files


def check_written(folder, command, where):
    for name in written_files(command):
        path = folder / name
        if not check(path.is_file() and path.stat().st_size > 0, f"{where}: `{command}` did not write {name}"):
            continue
        text = path.read_text()
        try:
            if name.endswith(".xml"):
                ET.fromstring(text)
            elif name.endswith((".sarif", ".json")):
                json.loads(text)
        except (ET.ParseError, ValueError) as e:
            failures.append(f"{where}: {name} written by `{command}` is not well-formed: {e}")


def expected_status(command, findings):
    if "--fail-on never" in command or "--fail-on=never" in command:
        return 0
    if "--baseline " in command and "--write-baseline" not in command:
        return 0  # the folder's findings are all in the baseline written before
    return 1 if findings else 0


def run_snippet_commands(binary, lines, where, base, runs):
    """Every command of a snippet, in order, in a folder with findings and in a clean one."""
    for findings in (True, False):
        runs[0] += 1
        folder = make_folder(base, f"run{runs[0]}", findings)
        for command in lines:
            words = shlex.split(command, comments=True)
            if "--baseline" in words:  # a command that presupposes a baseline: record one first
                baseline = folder / words[words.index("--baseline") + 1]
                if not baseline.exists():
                    run_command(binary, f"guardrail scan --fail-on never --write-baseline {shlex.quote(str(baseline))} .", folder)
            status, output = run_command(binary, command, folder)
            kind = "with findings" if findings else "clean"
            check(status != 2, f"{where}: `{command}` exits 2 in a {kind} folder:\n{output[-2000:]}")
            want = expected_status(command, findings)
            check(status == want, f"{where}: `{command}` exits {status} in a {kind} folder, expected {want}:\n{output[-2000:]}")
            check_written(folder, command, where)


# --- the checks ----------------------------------------------------------------

def check_hooks(hooks):
    if not check(isinstance(hooks, list), ".pre-commit-hooks.yaml is not a list of hooks"):
        return {}
    by_id = {h.get("id"): h for h in hooks if isinstance(h, dict)}
    hook = by_id.get("guardrail")
    if not check(hook, ".pre-commit-hooks.yaml defines no hook 'guardrail'"):
        return by_id
    check(hook.get("entry") == "guardrail scan", f"the hook's entry is {hook.get('entry')!r}, not 'guardrail scan'")
    check(hook.get("language") == "system", f"the hook's language is {hook.get('language')!r}, not 'system'")
    check(hook.get("pass_filenames", True) is True, "the hook does not pass file names")
    check(hook.get("name"), "the hook has no name")
    pattern = re.compile(hook.get("files", ""))
    for name in ["main.tf", "env/prod.tfvars", "stack.tf.json", "k8s/deploy.yaml", "ci.yml", "plan.json",
                 "Dockerfile", "svc/Dockerfile.prod", "app.dockerfile", "Containerfile", "cfn/stack.template"]:
        check(pattern.search(name), f"the hook's files pattern does not match {name}")
    for name in ["README.md", "src/main.cpp", "terraform.tfstate", "Makefile"]:
        check(not pattern.search(name), f"the hook's files pattern matches {name}")
    return by_id


def check_action(action, readme_inputs):
    if not check(isinstance(action, dict), "action.yml is not a map"):
        return {}
    check(action.get("name") and action.get("description"), "action.yml lacks a name or description")
    runs = action.get("runs") or {}
    check(runs.get("using") == "composite", f"action.yml runs using {runs.get('using')!r}, not composite")
    inputs = action.get("inputs") or {}
    for name in ["paths", "fail-on", "sarif-file", "upload-sarif", "args"]:
        check(name in inputs, f"action.yml has no input {name}")
    defaults = {"paths": ".", "fail-on": "low", "sarif-file": "guardrail.sarif", "upload-sarif": "true", "args": ""}
    for name, want in defaults.items():
        if name in inputs:
            check(str(inputs[name].get("default")) == want,
                  f"action.yml input {name} defaults to {inputs[name].get('default')!r}, not {want!r}")
            check(isinstance(inputs[name].get("default"), str), f"action.yml input {name}'s default is not a string")
    for name, default in readme_inputs.items():
        check(name in inputs, f"the README documents input {name}, which action.yml does not have")
        if name in inputs:
            check(str(inputs[name].get("default")) == default,
                  f"the README gives input {name} the default {default!r}, action.yml {inputs[name].get('default')!r}")
    for name in inputs:
        check(name in readme_inputs, f"action.yml input {name} is not in the README's inputs table")
    outputs = action.get("outputs") or {}
    for name in ["sarif-file", "exit-code"]:
        check(name in outputs and f"steps.scan.outputs.{name}" in str(outputs[name].get("value")),
              f"action.yml output {name} does not come from the scan step")

    steps = runs.get("steps") or []
    by_id = {s.get("id"): s for s in steps if s.get("id")}
    scan = by_id.get("scan")
    build = next((s for s in steps if "install-deps.sh" in str(s.get("run"))), None)
    if check(build, "action.yml has no step running scripts/install-deps.sh"):
        check("scripts/build.sh" in build["run"], "action.yml does not build with scripts/build.sh")
        check("GITHUB_ACTION_PATH" in build["run"] or "github.action_path" in build["run"],
              "action.yml does not run the scripts from the action's folder")
        check(steps.index(build) < steps.index(scan) if scan else True, "action.yml builds after scanning")
    for script in ["scripts/install-deps.sh", "scripts/build.sh"]:
        check((ROOT / script).is_file(), f"{script}, which action.yml runs, does not exist")
    if check(scan, "action.yml has no step with id 'scan'"):
        run = scan.get("run", "")
        check("scan" in run and "--fail-on" in run and '--output "sarif=' in run,
              "the scan step does not run guardrail scan with --fail-on and --output sarif=")
        check("${{" not in run, "the scan step expands expressions in its script (pass inputs through env)")
    upload = next((s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")), None)
    if check(upload, "action.yml does not upload with github/codeql-action/upload-sarif"):
        check(upload["uses"] == "github/codeql-action/upload-sarif@v3", f"the upload uses {upload['uses']}, not @v3")
        condition = str(upload.get("if", ""))
        check("always()" in condition and "inputs.upload-sarif == 'true'" in condition,
              f"the upload's condition {condition!r} lacks always() or inputs.upload-sarif == 'true'")
        check("inputs.sarif-file" in str((upload.get("with") or {}).get("sarif_file")),
              "the upload does not upload inputs.sarif-file")
        check(scan is None or steps.index(upload) > steps.index(scan), "the upload comes before the scan")
    last = steps[-1] if steps else {}
    check("steps.scan.outputs.exit-code" in str(last.get("if", "")) + str(last.get("env", "")) and "exit" in str(last.get("run")),
          "action.yml's last step does not fail on the scan's exit status")
    text = (ROOT / "action.yml").read_text()
    for permission in ["security-events: write", "contents: read"]:
        check(permission in text, f"action.yml does not document the permission {permission}")
    return inputs


def run_action_scan(action, binary, base):
    """The scan and fail steps run as GitHub runs composite bash steps."""
    steps = (action.get("runs") or {}).get("steps") or []
    scan = next((s for s in steps if s.get("id") == "scan"), None)
    fail = steps[-1] if steps else None
    if not scan or not fail:
        return
    action_path = Path(base) / "action"
    (action_path / "build").mkdir(parents=True)
    os.symlink(binary, action_path / "build/guardrail")
    (Path(base) / "scan.sh").write_text(scan["run"])
    (Path(base) / "fail.sh").write_text(fail.get("run", ""))
    inputs = action.get("inputs") or {}
    cases = [  # (folder, inputs, expected exit-code)
        ("action-findings", {}, "1"),
        ("action-report-only", {"fail-on": "never", "sarif-file": "reports/out/guardrail.sarif"}, "0"),
        ("action-clean", {"paths": "live/prod live", "args": "--rule NET-009 --env prod"}, "0"),
        ("action-broken", {}, "2"),
    ]
    for name, given, want in cases:
        folder = make_folder(base, name, name != "action-clean")
        if name == "action-broken":
            (folder / "live/prod/broken.tf").write_text('resource "aws_vpc" "x" {\n')
        values = {k: str(v.get("default", "")) for k, v in inputs.items()}
        values.update(given)
        output_file = folder / "github_output"
        output_file.write_text("")
        env = dict(os.environ, GITHUB_ACTION_PATH=str(action_path), GITHUB_OUTPUT=str(output_file),
                   GUARDRAIL_PATHS=values["paths"], GUARDRAIL_FAIL_ON=values["fail-on"],
                   GUARDRAIL_SARIF=values["sarif-file"], GUARDRAIL_ARGS=values["args"])
        p = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(Path(base) / "scan.sh")],
                           cwd=folder, env=env, capture_output=True, text=True, timeout=300)
        where = f"action.yml scan step ({name})"
        if not check(p.returncode == 0, f"{where} itself failed with {p.returncode}:\n{p.stdout}{p.stderr}"):
            continue
        outputs = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
        check(outputs.get("exit-code") == want, f"{where}: exit-code {outputs.get('exit-code')!r}, expected {want!r}\n{p.stdout}{p.stderr}")
        check(outputs.get("sarif-file") == values["sarif-file"], f"{where}: sarif-file output {outputs.get('sarif-file')!r}")
        sarif = folder / values["sarif-file"]
        if check(sarif.is_file(), f"{where}: no SARIF written at {values['sarif-file']}"):
            results = json.loads(sarif.read_text())["runs"][0]["results"]
            if name in ("action-findings", "action-report-only"):
                check(any(r.get("ruleId") == "NET-009" for r in results), f"{where}: the SARIF has no NET-009 result")
        # The last step passes on 0 and fails with the scan's status otherwise.
        if want != "0":
            q = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(Path(base) / "fail.sh")],
                               env=dict(os.environ, GUARDRAIL_STATUS=want, GUARDRAIL_FAIL_ON=values["fail-on"]),
                               capture_output=True, text=True)
            check(str(q.returncode) == want and "::error" in q.stdout,
                  f"action.yml's last step exits {q.returncode} on status {want} (expected {want}, with ::error)")


def check_workflow(workflow, inputs, where):
    if not check(isinstance(workflow, dict), f"{where} is not a map"):
        return
    on = triggers(workflow)
    check(isinstance(on, dict) and "push" in on and "pull_request" in on, f"{where} does not run on push and pull_request")
    jobs = workflow.get("jobs") or {}
    uses = []
    for job in jobs.values():
        permissions = job.get("permissions", workflow.get("permissions")) or {}
        check(permissions.get("security-events") == "write", f"{where}: a job lacks security-events: write")
        check(permissions.get("contents") == "read", f"{where}: a job lacks contents: read")
        for step in job.get("steps") or []:
            if re.match(r"^[\w.-]+/guardrail@", str(step.get("uses", ""))):
                uses.append(step)
    if not check(uses, f"{where} does not use the guardrail action"):
        return
    for step in uses:
        given = step.get("with") or {}
        for name in given:
            check(name in inputs, f"{where} gives the action an input {name} it does not have")
        check(str(given.get("upload-sarif", "true")) == "true", f"{where} turns the SARIF upload off")
    return uses[0]["uses"]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: test_workflow_files.py path/to/guardrail")
    binary = Path(sys.argv[1]).resolve()
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        sys.exit(f"FAIL: {sys.argv[1]} is not an executable guardrail binary")

    readme = (ROOT / "README.md").read_text()
    body = section(readme, SECTION)
    if body is None:
        sys.exit(f"FAIL: the README has no section '## {SECTION}'")
    parts = subsections(body)
    for title in ["pre-commit", "GitHub Actions", "A plain CI job"]:
        check(title in parts, f"the README's '{SECTION}' has no '### {title}'")

    hooks = check_hooks(load_yaml(ROOT / ".pre-commit-hooks.yaml"))
    readme_inputs = table_inputs(parts.get("GitHub Actions", ""), "README")
    action = load_yaml(ROOT / "action.yml")
    inputs = check_action(action, readme_inputs) or {}
    example_uses = check_workflow(load_yaml(ROOT / "docs/github-workflow.yml"), inputs, "docs/github-workflow.yml")
    check("replace" in (ROOT / "docs/github-workflow.yml").read_text().lower(),
          "docs/github-workflow.yml does not say to replace the placeholder action reference")

    # The README's snippets.
    pre_commit = [code for lang, code in fenced_blocks(parts.get("pre-commit", "")) if lang == "yaml"]
    if check(pre_commit, "the README's pre-commit part has no yaml snippet"):
        try:
            config = yaml.safe_load(pre_commit[0])
            repo = config["repos"][0]
            check(str(repo.get("repo", "")).startswith("https://"), "the README's pre-commit snippet has no repository URL")
            check(repo.get("rev"), "the README's pre-commit snippet has no rev")
            ids = [h.get("id") for h in repo.get("hooks") or []]
            check(ids, "the README's pre-commit snippet names no hook")
            for i in ids:
                check(i in hooks, f"the README's pre-commit snippet names hook {i!r}, which .pre-commit-hooks.yaml lacks")
        except (yaml.YAMLError, KeyError, IndexError, TypeError, AttributeError) as e:
            failures.append(f"the README's pre-commit snippet is not a pre-commit configuration: {e}")
    actions = [code for lang, code in fenced_blocks(parts.get("GitHub Actions", "")) if lang == "yaml"]
    if check(actions, "the README's GitHub Actions part has no yaml snippet"):
        try:
            readme_uses = check_workflow(yaml.safe_load(actions[0]), inputs, "the README's GitHub Actions snippet")
            check(readme_uses == example_uses,
                  f"the README uses {readme_uses!r}, docs/github-workflow.yml {example_uses!r}")
        except yaml.YAMLError as e:
            failures.append(f"the README's GitHub Actions snippet does not parse: {e}")

    # docs/workflow.md: the same inputs, and a local hook like the manifest's.
    workflow_md = (ROOT / "docs/workflow.md").read_text()
    check(table_inputs(workflow_md, "docs/workflow.md") == readme_inputs,
          "docs/workflow.md's inputs table differs from the README's")
    for lang, code in fenced_blocks(workflow_md):
        if lang == "yaml" and "repo: local" in code:
            local = yaml.safe_load(code)["repos"][0]["hooks"][0]
            manifest = hooks.get(local.get("id"), {})
            for key in ["entry", "language", "files"]:
                check(local.get(key) == manifest.get(key),
                      f"docs/workflow.md's local hook has {key} {local.get(key)!r}, the manifest {manifest.get(key)!r}")

    base = tempfile.mkdtemp(prefix="guardrail-workflow-")
    try:
        runs = [0]
        ci = [c for lang, code in fenced_blocks(parts.get("A plain CI job", "")) if lang in ("sh", "bash")
              for c in commands(code)]
        if check(ci, "the README's plain CI snippet runs no guardrail command"):
            check(any("--format junit" in c and "--output sarif=" in c for c in ci),
                  "the README's plain CI snippet writes no JUnit and SARIF")
        # Every guardrail command of the section's shell snippets, in order of the snippets.
        for lang, code in fenced_blocks(body):
            if lang in ("sh", "bash") and commands(code):
                run_snippet_commands(binary, commands(code), "README", base, runs)
        for lang, code in fenced_blocks(workflow_md):
            if lang in ("sh", "bash") and commands(code):
                run_snippet_commands(binary, commands(code), "docs/workflow.md", base, runs)

        # The .guardrail.yaml example is a configuration guardrail accepts.
        configs = [code for title, text in parts.items() if "guardrail.yaml" in title
                   for lang, code in fenced_blocks(text) if lang == "yaml"]
        if check(configs, "the README shows no .guardrail.yaml example"):
            folder = make_folder(base, "config", True)
            (folder / ".guardrail.yaml").write_text(configs[0])
            status, output = run_command(binary, "guardrail scan --no-color .", folder)
            check(status in (0, 1) and "error[config]" not in output,
                  f"the README's .guardrail.yaml example is refused (exit {status}):\n{output[-2000:]}")

        run_action_scan(action or {}, binary, base)
    finally:
        shutil.rmtree(base, ignore_errors=True)

    if failures:
        for f in failures:
            print("FAIL:", f)
        sys.exit(1)
    print(f"workflow files: action.yml ({len(inputs)} inputs), docs/github-workflow.yml, .pre-commit-hooks.yaml and "
          f"the README's snippets agree; {runs[0]} snippet runs and the action's scan step behaved as documented")


if __name__ == "__main__":
    main()
