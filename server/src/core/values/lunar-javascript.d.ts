// lunar-javascript (6tail, MIT) ships without type declarations; the part the timex rules use.
declare module 'lunar-javascript' {
  export class Solar {
    static fromYmd(year: number, month: number, day: number): Solar;
    getLunar(): Lunar;
    /** The day `days` days after this one (negative: before). */
    next(days: number): Solar;
    toYmd(): string;
  }
  export class Lunar {
    /** month < 0 for a leap month; throws for a day the month does not have. */
    static fromYmd(year: number, month: number, day: number): Lunar;
    getSolar(): Solar;
    getYear(): number;
  }
}
