import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { detectArtifacts } from '../../../server/src/core/artifacts';
import { compileUserPatterns, toRe2Syntax } from '../../../server/src/core/artifacts/userPatterns';

// Boilerplate patterns come from the workspace's settings, i.e. from whoever wrote the repository.

if (!isMainThread) {
  // A catastrophic pattern runs here, so a hang can be stopped from outside (a hang blocks the thread).
  const { text, patterns } = workerData as { text: string; patterns: string[] };
  parentPort!.postMessage(detectArtifacts(text, { boilerplatePatterns: patterns }).map((a) => a.kind));
} else {
  const inWorker = (text: string, patterns: string[], limitMs: number): Promise<string[] | 'hung'> =>
    new Promise((resolve, reject) => {
      const w = new Worker(__filename, { workerData: { text, patterns } });
      const timer = setTimeout(() => void w.terminate().then(() => resolve('hung')), limitMs);
      w.on('message', (kinds: string[]) => {
        clearTimeout(timer);
        void w.terminate().then(() => resolve(kinds));
      });
      w.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });

  test('(a+)+$ on a line of 60 a’s finishes: user patterns run on a linear-time engine', async () => {
    const text = `正文第一段。\n${'a'.repeat(60)}!\n${'a'.repeat(60)}`;
    // A backtracking engine needs about 2^60 steps for the first line; 60 s is only a safety net.
    const kinds = await inWorker(text, ['(a+)+$'], 60_000);
    assert.notEqual(kinds, 'hung');
    assert.deepEqual(kinds, ['boilerplate_line']);
  });

  test('patterns that match every line are refused with a reason, not applied', () => {
    const { patterns, rejected } = compileUserPatterns(['', '.*', '^', 'x*', '.+', '[\\s\\S]{5,}']);
    assert.equal(patterns.length, 0);
    assert.equal(rejected.length, 6);
    assert.match(rejected[0].reason, /empty/);
    assert.match(rejected[4].reason, /ordinary article sentence/);
    const article = '记者\n今天\n天气很好\n大家都出门了';
    assert.deepEqual(detectArtifacts(article, { boilerplatePatterns: ['', '.*'] }), []);
  });

  test('invalid patterns and patterns RE2 cannot bound are reported, each with its own reason', () => {
    const { patterns, rejected } = compileUserPatterns(['[', '(a)\\1', '(?<=免责)声明', '^来源\\s*[:：]\\s*本站$', 'x'.repeat(600)]);
    assert.deepEqual(
      patterns.map((p) => p.source),
      ['^来源\\s*[:：]\\s*本站$'],
    );
    assert.deepEqual(
      rejected.map((r) => [r.source.slice(0, 12), /not a valid/.test(r.reason), /bounded time/.test(r.reason), /longer than/.test(r.reason)]),
      [
        ['[', true, false, false],
        ['(a)\\1', false, true, false],
        ['(?<=免责)声明', false, true, false],
        ['x'.repeat(12), false, false, true],
      ],
    );
  });

  test('JavaScript escapes are translated to RE2 and mean the same', () => {
    assert.equal(toRe2Syntax('^[\\u4e00-\\u9fff]{2}\\p{Script=Han}\\\\u0041\\u{20000}$'), '^[\\x{4e00}-\\x{9fff}]{2}\\p{Han}\\\\u0041\\x{20000}$');
    const { patterns } = compileUserPatterns(['^相关阅读[\\u4e00-\\u9fff]{0,4}$']);
    assert.equal(patterns.length, 1);
    assert.ok(patterns[0].test('相关阅读推荐'));
    assert.ok(!patterns[0].test('相关阅读 推荐'));
    assert.deepEqual(
      detectArtifacts('正文。\n相关阅读推荐\n正文二。', { boilerplatePatterns: ['^相关阅读[\\u4e00-\\u9fff]{0,4}$'] }).map((a) => a.kind),
      ['boilerplate_line'],
    );
  });
}
