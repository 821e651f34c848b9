import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../protocol/lspClient';
import { listZip } from './zip';

const VSIX = path.join(ROOT, 'zh-article-annotator.vsix');

test('the .vsix ships everything the server needs and stays under 40 MB', () => {
  assert.ok(fs.existsSync(VSIX), `${VSIX} missing: run npm run package`);
  const size = fs.statSync(VSIX).size;
  assert.ok(size < 40 * 1024 * 1024, `vsix is ${(size / 1048576).toFixed(1)} MB`);
  const names = new Set(listZip(VSIX).map((e) => e.name));
  const required = [
    'extension/package.json',
    'extension/dist/server.js',
    'extension/dist/client.js',
    'extension/dist/vendor/nodejieba/index.js',
    'extension/dist/vendor/nodejieba/build/Release/nodejieba.node',
    'extension/dist/vendor/nodejieba/submodules/cppjieba/dict/jieba.dict.utf8',
    'extension/dist/vendor/nodejieba/submodules/cppjieba/dict/hmm_model.utf8',
    'extension/dist/vendor/nodejieba/submodules/cppjieba/dict/user.dict.utf8',
    'extension/dist/vendor/nodejieba/submodules/cppjieba/dict/idf.utf8',
    'extension/dist/vendor/nodejieba/submodules/cppjieba/dict/stop_words.utf8',
    'extension/dist/data/cedict_ts.u8',
    'extension/dist/data/ner-model.bin',
    'extension/dist/data/char-lm.bin',
    'extension/dist/data/lac-small.bin',
    'extension/dist/data/lac-ner.bin',
    'extension/syntaxes/zh-article.tmLanguage.json',
    'extension/language-configuration.json',
    'extension/NOTICE.md',
  ];
  const missing = required.filter((r) => !names.has(r));
  assert.deepEqual(missing, []);
  const leaked = [...names].filter((n) => /(^|\/)node_modules\/|\.ts$|\.map$|\/test\/|msra_|_bio\.txt$/.test(n));
  assert.deepEqual(leaked, [], 'no sources, source maps, tests or training data in the package');
});

test('the packaged grammar and manifest are valid JSON with the contributed language', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'zh-article-annotator');
  assert.ok(/^\^1\.(\d+)\./.test(pkg.engines.vscode) && Number(/^\^1\.(\d+)/.exec(pkg.engines.vscode)![1]) <= 100);
  const grammar = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes/zh-article.tmLanguage.json'), 'utf8'));
  assert.equal(grammar.scopeName, pkg.contributes.grammars[0].scopeName);
});
