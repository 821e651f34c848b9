// LAC's tags per sentence, cached on disk for training: tagging 2 M characters with the TypeScript
// LAC runtime takes tens of minutes, the features then cost nothing. The cache is an append-only
// text file, one line per sentence: sha1 of the text, a tab, one character per tag (0x30 + tag id).
// Its name carries a hash of the LAC model file, so another model never reads stale tags. Lines
// are appended as they are computed, so an interrupted fill resumes where it stopped.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { LacNetwork } from '../server/src/core/ner/lac';

const BASE = 0x30;

export class LacTagCache {
  private readonly entries = new Map<string, string>();
  private pending: string[] = [];
  readonly file: string;

  constructor(
    dir: string,
    modelFile: string,
    private readonly lac: LacNetwork,
  ) {
    const modelHash = crypto.createHash('sha1').update(fs.readFileSync(modelFile)).digest('hex').slice(0, 12);
    this.file = path.join(dir, `lac-tags-${modelHash}.txt`);
    if (fs.existsSync(this.file)) {
      for (const line of fs.readFileSync(this.file, 'utf8').split('\n')) {
        const tab = line.indexOf('\t');
        if (tab === 40) this.entries.set(line.slice(0, 40), line.slice(41));
      }
    } else fs.mkdirSync(dir, { recursive: true });
  }

  get size(): number {
    return this.entries.size;
  }

  has(text: string): boolean {
    return this.entries.has(key(text));
  }

  /** LAC's tag ids for text, from the cache or computed (and queued for flush()). */
  tags(text: string): Uint8Array {
    const k = key(text);
    let coded = this.entries.get(k);
    if (coded === undefined || coded.length !== text.length) {
      const tags = this.lac.tag(text);
      coded = String.fromCharCode(...Array.from(tags, (t) => BASE + t));
      this.entries.set(k, coded);
      this.pending.push(`${k}\t${coded}\n`);
      if (this.pending.length >= 200) this.flush();
      return tags;
    }
    const out = new Uint8Array(coded.length);
    for (let i = 0; i < coded.length; i++) out[i] = coded.charCodeAt(i) - BASE;
    return out;
  }

  flush(): void {
    if (this.pending.length === 0) return;
    fs.appendFileSync(this.file, this.pending.join(''));
    this.pending = [];
  }
}

function key(text: string): string {
  return crypto.createHash('sha1').update(text, 'utf8').digest('hex');
}
