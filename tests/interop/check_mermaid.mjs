// Parses Mermaid files with the real `mermaid` package, as GitHub's renderer would.
// Usage: node check_mermaid.mjs FILE...   (mermaid and jsdom installed under
// $ACTORGRAPH_NODE_DIR, see .ci/run). Exits 1 naming the first file that fails.
//
// mermaid's module needs a DOM at import time (it sets up DOMPurify), so a jsdom window
// stands in for the browser's. Besides the syntax, the check applies GitHub's limits
// (maxEdges 500, enforced by the parser, and maxTextSize 50,000) unless the file's first
// line (after the front matter a filtered export's title is in) says it exceeds them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.env.ACTORGRAPH_NODE_DIR;
if (!dir) {
  console.error('set ACTORGRAPH_NODE_DIR to the npm prefix holding mermaid and jsdom');
  process.exit(2);
}
const require = createRequire(join(dir, 'package.json'));
const { JSDOM } = require('jsdom');
const { window } = new JSDOM('');
globalThis.window = window;
globalThis.document = window.document;
const mermaid = (await import(pathToFileURL(require.resolve('mermaid')).href)).default;
// GitHub's limits, which are also mermaid's defaults.
const limits = { maxEdges: 500, maxTextSize: 50000 };

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  // A file that says it is over the limits is checked for its syntax alone.
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  const oversized = body.startsWith('%% actorgraph:');
  const scale = oversized ? 1000 : 1;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    maxTextSize: limits.maxTextSize * scale,
    maxEdges: limits.maxEdges * scale,
  });
  try {
    const result = await mermaid.parse(text);
    if (result.diagramType !== 'flowchart-v2') {
      throw new Error(`expected a flowchart, got ${result.diagramType}`);
    }
  } catch (e) {
    console.error(`${file}: ${e.message ?? e}`);
    process.exit(1);
  }
  if (!oversized && text.length > limits.maxTextSize) {
    console.error(`${file}: ${text.length} characters, over GitHub's limit, and no warning`);
    process.exit(1);
  }
  console.log(`${file}: ok`);
}
