// Annotation-store figures for `npm run bench` (issue 12, item 10): label every occurrence of a
// frequent character, reopen or re-anchor thousands of same-text labels after one outside edit,
// and the per-keystroke cost (shift + merge with the automatic entities) with ~200,000 labels.
import { performance } from 'node:perf_hooks';
import { AnnotationStore } from '../server/src/core/annotations';
import type { Entity } from '../server/src/core/types';

type Row = (name: string, value: string, target?: string) => void;

function ms<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export function benchAnnotations(corpus: string, row: Row): void {
  // 1. "Label every occurrence" of 的 and reopening after one outside edit in the middle.
  const article = corpus.slice(0, 400_000);
  const store = new AnnotationStore(article);
  const [labelled, labelMs] = ms(() => store.labelAllOccurrences('的', 'work').added.length);
  row(`label every occurrence of 的 (${labelled.toLocaleString('en-US')} labels)`, `${labelMs.toFixed(0)} ms`);
  // The case: 4,000 labels on the same text (the prefix of the corpus holding 4,000 的).
  let cut = 0;
  for (let k = 0; k < 4000 && cut >= 0; k++) cut = corpus.indexOf('的', cut) + 1;
  const sameText = new AnnotationStore(corpus.slice(0, cut > 0 ? cut : corpus.length));
  sameText.labelAllOccurrences('的', 'work');
  const labels = sameText.manual.length;
  const mid = sameText.text.indexOf('\n', sameText.text.length >> 1) + 1;
  const changed = sameText.text.slice(0, mid) + '编者按：此段为后来补充。\n' + sameText.text.slice(mid);
  const sidecar = sameText.toSidecar();
  const [reopened, reopenMs] = ms(() => AnnotationStore.fromSidecar(changed, sidecar));
  row(`reopen ${labels.toLocaleString('en-US')} same-text labels after an outside edit`, `${reopenMs.toFixed(0)} ms (${reopened.reanchor.orphaned.length} orphaned)`, 'was 147 s at 4,000');
  const [, reanchorMs] = ms(() => sameText.reanchor(changed));
  row(`re-anchor the same labels in an open editor`, `${reanchorMs.toFixed(0)} ms`);

  // 2. A keystroke with ~200,000 manual labels: move the spans, then merge with the automatic ones.
  const big = corpus.slice(0, 1_000_000);
  const many = new AnnotationStore(big);
  // The most frequent Han characters, labelled everywhere, until there are ~197,000 labels (the figure).
  const freq = new Map<string, number>();
  for (const ch of big) if (/\p{Script=Han}/u.test(ch)) freq.set(ch, (freq.get(ch) ?? 0) + 1);
  for (const [ch] of [...freq].sort((a, b) => b[1] - a[1])) {
    if (many.manual.length >= 197_000) break;
    many.labelAllOccurrences(ch, 'work');
  }
  const automatic: Entity[] = [];
  for (let i = 0; i + 3 <= big.length; i += 7) automatic.push({ start: i, end: i + 3, label: 'location', text: big.slice(i, i + 3), source: 'model' });
  const samples: number[] = [];
  let at = big.length >> 1;
  for (let k = 0; k < 30; k++) {
    const t0 = performance.now();
    many.applyEdit(at, at, '字');
    const shifted = automatic.map((a) => (a.start >= at ? { ...a, start: a.start + 1, end: a.end + 1 } : a));
    many.merge(shifted);
    samples.push(performance.now() - t0);
    at += 11;
  }
  row(
    `keystroke with ${many.manual.length.toLocaleString('en-US')} labels, ${automatic.length.toLocaleString('en-US')} automatic (shift + merge)`,
    `p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms`,
    'was 16 s at 197,000',
  );
}
