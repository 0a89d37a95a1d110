// Opens actorgraph HTML exports in headless Chromium (puppeteer-core) and reports, as one
// JSON line per page: console errors, page errors, network requests other than the page
// itself, the status line, the message line, the evidence panel's text, whether a hostile
// name ran script, the ids of the relations drawn, and the time to the first drawn frame.
//
// usage: node check_html.mjs CHROMIUM [--select ID=VALUE]... FILE.html[#FRAGMENT]...
//            [--screenshot OUT.png]
// Each --select chooses VALUE in the page's <select id=ID>, as a user would, for the
// next page only, once it is drawn.
// With --screenshot, the last page is saved as OUT.png and the FNV-1a hash of its file
// as OUT.png.fnv.
// Resolved from $ACTORGRAPH_NODE_DIR (see .ci/run), where puppeteer-core is installed.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(path.join(process.env.ACTORGRAPH_NODE_DIR || '.', 'node_modules', 'x.js'));
const puppeteer = require('puppeteer-core');

// FNV-1a, 64 bits, in hex: the freshness stamp of a screenshot (tests/it/html.rs).
function fnv1a64(bytes) {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

const [chromium, ...args] = process.argv.slice(2);
let screenshot = null;
const pages = [];
let selects = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--screenshot') { screenshot = args[++i]; continue; }
  if (args[i] === '--select') {
    const [id, ...value] = args[++i].split('=');
    selects.push([id, value.join('=')]);
    continue;
  }
  pages.push({ target: args[i], selects });
  selects = [];
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
    '--disable-dev-shm-usage', '--font-render-hinting=none'],
});
try {
  for (const { target, selects } of pages) {
    const [file, fragment] = target.split('#');
    const url = pathToFileURL(path.resolve(file)).href + (fragment !== undefined ? '#' + fragment : '');
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const report = { page: target, consoleErrors: [], pageErrors: [], requests: [], dialogs: [] };
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') report.consoleErrors.push(m.type() + ': ' + m.text()); });
    page.on('pageerror', (e) => report.pageErrors.push(String(e)));
    page.on('dialog', async (d) => { report.dialogs.push(d.message()); await d.dismiss(); });
    page.on('request', (r) => { if (r.url().split('#')[0] !== url.split('#')[0]) report.requests.push(r.url()); });
    const started = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-first-frame-ms'), { timeout: 60000 });
    report.loadToFrameMs = Date.now() - started;
    // The first frame of a big network is a preview; the checks below need the
    // interactive drawing.
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-ready-ms'), { timeout: 120000 });
    await new Promise((r) => setTimeout(r, 400));
    report.selected = [];
    for (const [id, value] of selects) {
      report.selected.push(...await page.select('#' + id, value));
    }
    Object.assign(report, await page.evaluate(() => ({
      firstFrameMs: Number(document.documentElement.getAttribute('data-first-frame-ms')),
      readyMs: Number(document.documentElement.getAttribute('data-ready-ms')),
      preview: Boolean(document.getElementById('graph-preview')),
      status: document.getElementById('status').textContent,
      message: document.getElementById('message').hidden ? '' : document.getElementById('message').textContent,
      panel: document.getElementById('panel').hidden ? '' : document.getElementById('panel').innerText,
      listed: document.querySelectorAll('#org-list li').length,
      listText: document.getElementById('org-list').innerText,
      pwned: window.__pwned || null,
      scripts: document.scripts.length,
      foreign: document.querySelectorAll('body img, body iframe, body object, body embed, body svg, body b, body style, body link, a:not([href^="https://"]):not([href^="http://"])').length,
      links: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')),
      fragment: location.hash,
      gradeControls: document.querySelectorAll('#min-reliability, #min-credibility').length,
      // The relations cytoscape draws, by export id: the page's data names edge `e<i>`
      // by its index. (`_cyreg` is where cytoscape 3 keeps the instance on its container.)
      shownEdges: (() => {
        const data = JSON.parse(document.getElementById('actorgraph-data').textContent);
        const cy = document.getElementById('graph')._cyreg.cy;
        return cy.edges().filter((e) => !e.hasClass('hidden')).map((e) => data.edges[Number(e.id().slice(1))].id).sort();
      })(),
    })));
    const metrics = await page.metrics();
    report.jsHeapUsedMB = Math.round(metrics.JSHeapUsedSize / 1048576 * 10) / 10;
    if (screenshot) {
      await page.screenshot({ path: screenshot });
      fs.writeFileSync(screenshot + '.fnv', fnv1a64(fs.readFileSync(file)) + '\n');
    }
    console.log(JSON.stringify(report));
    await page.close();
  }
} finally {
  await browser.close();
}
