import type { CedictEntry } from './cedict';

/**
 * People CC-CEDICT describes as people: a proper-noun entry (capitalised pinyin) with a sense that
 * is a romanised name followed by life years, `Deng Xiaoping (1904-1997), …`, `Joe Biden (1942-), …`.
 * Dynasties, states, wars, movements and bodies carry years too (`Qing dynasty (1644-1911)`,
 * `Eastern Wu (222-280)`, `Red Army (1928-1937)`): senses whose name, or the words just after the
 * years, say so are left out, as are reign names (`reign name of …`, no name before the years) and
 * headwords that are also common words (a lowercase-pinyin entry).
 */
const LIFE_YEARS = /^([A-Z][A-Za-z'.-]*(?: [A-Za-z][A-Za-z'.-]*){0,4}) \((?:c\. ?)?\d{3,4}(?: ?BC)? ?[-–] ?(?:\d{3,4})?(?: ?BC)?\)/;
const NOT_A_PERSON =
  /\b(?:revolution|wars?|dynast(?:y|ies)|period|movement|incident|uprising|rebellion|kingdom|empire|era|expedition|campaign|conference|treaty|affair|massacre|republic|reform|restoration|crisis|battle|march|eastern|western|northern|southern|east|west|north|south|later|former|state|states|contention|union|league|alliance|federation|confederation|commonwealth|nazi|soviet|germany|russia|china|japan|korea|france|britain|england|italy|spain|talks|international|culture|forward|government|army|curtain|police)\b/i;
/**
 * Words just after the years that say what a non-person is: `Sui (581-617) and Tang dynasties`,
 * `Liangzhu (c. 3400-2250 BC), neolithic culture`. Only there: a person's gloss goes on to name
 * dynasties and kingdoms too (`Liu Bei (161-223), warlord at the end of the Han dynasty…`).
 */
const NOT_A_PERSON_AFTER = /^(?: and [^,]*\bdynasties\b|, (?:[\w']+ ){0,2}(?:culture|kingdom|sheep)\b)/i;

/** Simplified headwords (two characters or more) of the people in CC-CEDICT, sorted. */
export function cedictPersons(entries: Iterable<CedictEntry>): string[] {
  const persons = new Set<string>();
  const common = new Set<string>();
  for (const e of entries) {
    if ([...e.simplified].length < 2) continue;
    if (!/^[A-Z]/.test(e.pinyin)) {
      common.add(e.simplified);
      continue;
    }
    const person = e.definitions.some((d) => {
      const m = LIFE_YEARS.exec(d);
      return m !== null && !NOT_A_PERSON.test(m[1]) && !NOT_A_PERSON_AFTER.test(d.slice(m[0].length));
    });
    if (person) persons.add(e.simplified);
  }
  return [...persons].filter((w) => !common.has(w)).sort();
}
