import { pinyin } from 'pinyin-pro';

/** Tone-marked pinyin read in context; names use surname readings (单 shàn, 曾 zēng). */
export function readPinyin(simplified: string, isPerson = false): string {
  if (!/\p{Script=Han}/u.test(simplified)) return '';
  return pinyin(simplified, { toneType: 'symbol', surname: isPerson ? 'head' : 'off', nonZh: 'consecutive' });
}
