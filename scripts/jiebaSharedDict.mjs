// nodejieba's load() reads jieba's dictionary twice: once for the segmenter (cppjieba::Jieba) and
// once more for a TextRankExtractor it builds from the same paths, which the product never calls.
// The second copy costs about half of jieba's start-up time and ~110 MB of the server's memory.
// cppjieba has a TextRankExtractor constructor that shares the Jieba's dictionary and HMM model;
// this builds nodejieba's addon with that one line changed (same segmentation, same API) into
// .cache/, once per nodejieba version and Node ABI. Any failure falls back to the stock addon.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const STOCK = /_text_rank_extractor_handle = new cppjieba\s*::TextRankExtractor\(dictPath,\s*modelPath,\s*stopWordsPath,\s*userDictPath\);/;
const SHARED = '_text_rank_extractor_handle = new cppjieba::TextRankExtractor(*_jieba_handle, stopWordsPath);';

/** Path of the patched addon, or undefined (with a warning) when it cannot be built here. */
export function sharedDictAddon(jiebaDir, cacheRoot) {
  if (process.env.ZAA_JIEBA_STOCK === '1') return undefined;
  const version = JSON.parse(fs.readFileSync(path.join(jiebaDir, 'package.json'), 'utf8')).version;
  const dir = path.join(cacheRoot, 'nodejieba-shared-dict', `${version}-abi${process.versions.modules}-${process.platform}-${process.arch}`);
  const built = path.join(dir, 'build', 'Release', 'nodejieba.node');
  if (fs.existsSync(built)) return built;

  const warn = (why) => {
    console.warn(`warning: nodejieba with a shared dictionary not built (${why}); dist/ uses the stock addon, which loads the dictionary twice.`);
    return undefined;
  };
  const source = fs.readFileSync(path.join(jiebaDir, 'lib', 'nodejieba.cpp'), 'utf8');
  if (!STOCK.test(source)) return warn(`nodejieba ${version}'s load() is not the one this patch knows`);
  const gyp = findNodeGyp();
  if (!gyp) return warn('node-gyp not found');

  // Built beside its final place and renamed into it, so two builds at once never share a folder.
  const work = `${dir}.${process.pid}.tmp`;
  fs.rmSync(work, { recursive: true, force: true });
  for (const rel of ['binding.gyp', 'lib', 'submodules/cppjieba/include', 'submodules/cppjieba/deps', 'node_modules/node-addon-api']) {
    const from = path.join(jiebaDir, rel);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(work, rel), { recursive: true });
  }
  fs.writeFileSync(path.join(work, 'lib', 'nodejieba.cpp'), source.replace(STOCK, SHARED));
  // Build against the headers the installed addon was built with (npm ci found them).
  const nodedir = /"nodedir": "([^"]+)"/.exec(readOr(path.join(jiebaDir, 'build', 'config.gypi')))?.[1];
  const args = [gyp, 'rebuild', ...(nodedir ? [`--nodedir=${nodedir}`] : [])];
  console.log('building nodejieba with a shared dictionary (once; cached in .cache/)…');
  const r = spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8', timeout: 15 * 60_000 });
  if (r.status !== 0 || !fs.existsSync(path.join(work, 'build', 'Release', 'nodejieba.node'))) {
    fs.rmSync(work, { recursive: true, force: true });
    return warn(`node-gyp failed: ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join(' / ')}`);
  }
  try {
    fs.renameSync(work, dir);
  } catch {
    fs.rmSync(work, { recursive: true, force: true }); // another build got there first
  }
  return built;
}

function readOr(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    process.env.npm_execpath && path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    '/usr/share/nodejs/node-gyp/bin/node-gyp.js',
  ];
  return candidates.find((c) => c && fs.existsSync(c));
}
