import * as fs from 'fs';

/**
 * For the tests of what a crashed worker costs: with ZH_ARTICLE_TEST_FAULT naming a file, a worker
 * whose work holds that file's text aborts as a native fault would. The file is removed first, so
 * the fault happens once, unless its text starts with "always ".
 */
export function injectedFault(work: Uint8Array | string): void {
  const file = process.env.ZH_ARTICLE_TEST_FAULT;
  if (!file || !fs.existsSync(file)) return;
  let needle = fs.readFileSync(file, 'utf8');
  const always = needle.startsWith('always ');
  if (always) needle = needle.slice('always '.length);
  const holds = typeof work === 'string' ? work.includes(needle) : Buffer.from(work.buffer, work.byteOffset, work.byteLength).includes(needle);
  if (!needle || !holds) return;
  if (!always) fs.rmSync(file, { force: true });
  process.abort();
}
