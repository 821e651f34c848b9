// CLUENER's THUCNews texts, split between the character model's training and eval:repair's
// articles: the repairer is measured on text its model has never seen.
import * as fs from 'fs';
import * as path from 'path';
import { parseCluener } from '../server/src/core/ner/cluener';
import { SHARED_DIR } from '../test/sharedDir';

export const CLUENER_FILE = path.join(SHARED_DIR, 'ner', 'cluener_train.json');

/** The character model trains on this many of CLUENER's 10,748 texts, the first half; eval:repair draws articles from the rest. */
export const CLUENER_TRAIN_TEXTS = 5374;

/** Every text of the file, in file order (the labels are not needed here). */
export function readCluenerTexts(file = CLUENER_FILE): string[] {
  return parseCluener(fs.readFileSync(file, 'utf8')).map((s) => s.text);
}

/**
 * Whether a text ends as a news paragraph does (。！？ or a closing quote). Half of CLUENER's texts
 * are cut after a comma or mid-sentence.
 */
export function endsAsParagraph(text: string): boolean {
  return /[。！？!?”」』]\s*$/u.test(text);
}
