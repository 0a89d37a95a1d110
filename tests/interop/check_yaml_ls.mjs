// Validates YAML files against a JSON Schema with yaml-language-server's own language
// service, the code behind VS Code's YAML extension: what an editor would underline.
// Usage: node check_yaml_ls.mjs SCHEMA FILE...   (yaml-language-server and
// vscode-languageserver-textdocument installed under $ACTORGRAPH_NODE_DIR, see .ci/run).
// Prints one JSON object mapping each FILE to its diagnostics ("line:col message").
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const dir = process.env.ACTORGRAPH_NODE_DIR;
if (!dir) {
  console.error('set ACTORGRAPH_NODE_DIR to the npm prefix holding yaml-language-server');
  process.exit(2);
}
const require = createRequire(join(dir, 'package.json'));
const { getLanguageService } = require('yaml-language-server');
const { TextDocument } = require('vscode-languageserver-textdocument');

const [schemaPath, ...files] = process.argv.slice(2);
const schemaUri = pathToFileURL(resolve(schemaPath)).href;
const service = getLanguageService({
  schemaRequestService: async (uri) => readFileSync(fileURLToPath(uri), 'utf8'),
  workspaceContext: { resolveRelativePath: (path, base) => new URL(path, base).href },
});
service.configure({
  validate: true,
  completion: true,
  hover: true,
  schemas: [{ uri: schemaUri, fileMatch: ['*.yaml', '*.yml'] }],
});

const results = {};
for (const file of files) {
  const uri = pathToFileURL(resolve(file)).href;
  const document = TextDocument.create(uri, 'yaml', 1, readFileSync(file, 'utf8'));
  const diagnostics = await service.doValidation(document, false);
  results[file] = diagnostics.map(
    (d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`,
  );
}
console.log(JSON.stringify(results, null, 1));
