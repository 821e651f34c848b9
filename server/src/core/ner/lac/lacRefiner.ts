/** Lines whose tags are kept (a 10,000-character article has a few hundred). */
const MEMO_LINES = 8192;
/** Lines waiting for LAC; beyond this the oldest requests are dropped (a huge document stays partly unrefined). */
const QUEUE_LINES = 4096;

/**
 * LAC's tags for the editor, computed off the edit path ("paint first, refine later"): the tagger
 * asks for a line's tags and gets them only once a background pass (`work`) has computed them;
 * until then the line is queued and the model tags it without LAC features, which it was trained to
 * do. `misses` counts such answers, so the analyzer can tell which results a pass will improve.
 */
export class LacRefiner<T = Uint8Array> {
  private readonly memo = new Map<string, T>();
  private readonly queue = new Set<string>();
  /** Lines answered without tags so far (monotonic). */
  misses = 0;
  /** While set, a line without tags gets them at once (requests that may wait: exports, the Entities view). */
  eager = false;

  private network: { tag(line: string): T } | undefined;

  /** lac: the network, loaded on the first work() (off the path to first tokens); undefined: unavailable. */
  constructor(private readonly load: () => { tag(line: string): T } | undefined) {}

  /** Whether the networks have been loaded (a pass has run, or a request was eager). */
  get loaded(): boolean {
    return this.network !== undefined;
  }

  private lac(): { tag(line: string): T } | undefined {
    return (this.network ??= this.load());
  }

  readonly source = (line: string): T | undefined => {
    const tags = this.memo.get(line);
    if (tags) return tags;
    if (this.eager) {
      const lac = this.lac();
      if (lac) return this.remember(line, lac.tag(line));
    }
    this.misses++;
    this.queue.add(line);
    if (this.queue.size > QUEUE_LINES) this.queue.delete(this.queue.values().next().value as string);
    return undefined;
  };

  /** Lines waiting for LAC. */
  get pending(): number {
    return this.queue.size;
  }

  /**
   * Tags queued lines in the order they were asked for (a document from its top), until the queue is empty or `stop()` says so (checked after
   * each line: one line costs LAC ~0.05 ms per character). Returns how many lines were tagged.
   */
  work(stop: () => boolean): number {
    let done = 0;
    const lac = this.lac();
    if (!lac) {
      // Without LAC the lines stay as the model tagged them without it; nothing will ever refine them.
      this.queue.clear();
      return 0;
    }
    while (this.queue.size > 0 && !stop()) {
      const line = this.queue.values().next().value as string;
      this.queue.delete(line);
      this.remember(line, lac.tag(line));
      done++;
    }
    return done;
  }

  private remember(line: string, tags: T): T {
    this.memo.set(line, tags);
    if (this.memo.size > MEMO_LINES) this.memo.delete(this.memo.keys().next().value as string);
    return tags;
  }
}
