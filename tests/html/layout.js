// Opens the HTML report in headless Chromium (Debian's, driven by
// playwright-core) at a desktop width and as printed, and checks what a
// reader sees: the findings start on the first screen, nothing is wider than
// the page, nothing is fetched, nothing logs an error, the PDF has pages.
// Writes desktop.png, print.png and report.pdf beside the report.
//
//   node layout.js REPORT.html OUT_DIR
'use strict';
const path = require('path');
const fs = require('fs');
const { chromium } = require('playwright-core');

const [report, out] = process.argv.slice(2);
const failures = [];
const fail = (what) => failures.push(what);

(async () => {
  const executablePath = process.env.CHROMIUM ||
    ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => fs.existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') fail(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => fail(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) fail(`fetched ${r.url()}`); });
  await page.goto('file://' + path.resolve(report));

  // Desktop: the summary, then the first finding, within the first screen.
  const top = (selector) => page.evaluate((s) => {
    const e = document.querySelector(s);
    return e ? e.getBoundingClientRect().top + window.scrollY : -1;
  }, selector);
  const findings = await top('#findings');
  const firstRow = await top('table.findings tbody tr');
  if (findings < 0 || findings > 400) fail(`the Findings heading is at ${findings} px, not within the first 400`);
  if (firstRow < 0 || firstRow > 700) fail(`the first finding is at ${firstRow} px, not on the first screen`);
  // Each environment heads one column group of the checks table.
  const envs = await page.$$eval('table.areas thead tr:first-child th[colspan]', (ths) => ths.map((t) => t.textContent));
  if (envs.length === 0) fail('the checks table has no environment');
  if (new Set(envs).size !== envs.length) fail(`an environment appears twice: ${envs.join(', ')}`);
  const wide = (width) => page.evaluate((w) => document.documentElement.scrollWidth > w + 1, width);
  if (await wide(1300)) fail('the page is wider than a 1300 px window');
  await page.screenshot({ path: path.join(out, 'desktop.png') });

  // Printed: A4 portrait is about 720 px wide inside its margins.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 720, height: 1000 });
  if (await wide(720)) fail('the printed page is wider than A4');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  if (background !== 'rgb(255, 255, 255)') fail(`the printed page has a ${background} background`);
  await page.screenshot({ path: path.join(out, 'print.png') });
  await page.pdf({ path: path.join(out, 'report.pdf'), format: 'A4', printBackground: true });
  const pdf = fs.readFileSync(path.join(out, 'report.pdf'), 'latin1');
  const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) || []).length;
  if (pages < 1) fail('the PDF has no page');
  await browser.close();

  if (failures.length) {
    for (const f of failures) console.log('FAIL: ' + f);
    process.exit(1);
  }
  console.log(`layout: findings at ${findings} px, first finding at ${firstRow} px; ` +
              `${envs.length} environments once each; printed on ${pages} A4 pages`);
})().catch((e) => { console.log('FAIL: ' + e.message); process.exit(1); });
