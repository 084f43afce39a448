// Validates `stageplay check --format sarif` against the published SARIF 2.1.0 JSON schema:
// `sarif-2.1.0-rtm.5.json`, the OASIS SARIF 2.1.0 schema as the npm package
// @microsoft/jest-sarif ships it (pinned in package.json, installed by scripts/setup.sh),
// checked with Ajv's draft-04 validator and its string formats (uri, uri-reference,
// date-time).
//
// Usage: node tests/sarif/validate.mjs STAGEPLAY_BINARY DOCKERFILE...
// Each Dockerfile is checked as given and once more through a path with a space, a `#` and
// a comma (the artifact URI must stay a valid URI reference); a log with a wrong level must
// be refused, so the validator is known to be able to fail.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

const require = createRequire(import.meta.url);
const Ajv = require("ajv-draft-04");
const addFormats = require("ajv-formats");
const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");

// `unicodeRegExp: false`: the schema's `language` pattern has a stray `]` that only a
// non-Unicode regular expression accepts (as JSON Schema draft-04 validators read it).
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const [binary, ...files] = process.argv.slice(2);
if (!binary || files.length === 0) {
  console.error("usage: node validate.mjs STAGEPLAY_BINARY DOCKERFILE...");
  process.exit(2);
}

let passed = 0;
let failed = 0;
const check = (name, ok, detail) => {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.error(`FAIL ${name}\n${detail ?? ""}`);
  }
};

// `check` exits 1 when it finds warnings: the status is not this test's business.
const sarifOf = (file) => {
  try {
    return execFileSync(binary, ["check", "--format", "sarif", file], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch (e) {
    if (e.status === 1) return e.stdout;
    throw e;
  }
};

const dir = mkdtempSync(join(tmpdir(), "stageplay sarif #,"));
try {
  for (const file of files) {
    const odd = join(dir, basename(file));
    copyFileSync(file, odd);
    for (const path of [file, odd]) {
      const log = JSON.parse(sarifOf(path));
      const ok = validate(log);
      check(`${path} is valid SARIF 2.1.0`, ok, JSON.stringify(validate.errors, null, 2));
      const results = log.runs[0].results;
      check(`${path} has results with regions`, results.every((r) => r.locations[0].physicalLocation.region.startLine >= 1));
    }
  }
  const broken = JSON.parse(sarifOf(files[0]));
  broken.runs[0].results.push({ ruleId: "X", level: "fatal", message: { text: "x" } });
  check("a log with the level `fatal` is refused", !validate(broken));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
