// Converts HCL files with HashiCorp's own parser (@cdktf/hcl2json: the Go HCL
// library compiled to WebAssembly) for the differential test of our parser.
// Usage: node dump.js LISTFILE > OUT.json   (LISTFILE: one path per line)
// Output: {"path": {"ok": <hcl2json's JSON>} | {"error": "..."}, ...}
const fs = require('fs');
const path = require('path');
const { parse } = require(path.join(__dirname, '..', 'npm', 'node_modules', '@cdktf', 'hcl2json'));

async function main() {
  const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
  const out = {};
  for (const file of files) {
    try {
      out[file] = { ok: await parse(path.basename(file), fs.readFileSync(file, 'utf8')) };
    } catch (e) {
      out[file] = { error: String(e.message || e) };
    }
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });
