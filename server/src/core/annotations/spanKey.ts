/** Identity of a span among decisions: the same place and label (the text follows from the place). */
export const spanKey = (s: { start: number; end: number; label: string }): string => `${s.start}:${s.end}:${s.label}`;
