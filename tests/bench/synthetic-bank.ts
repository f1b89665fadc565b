import type { Card } from '../../src/questions/schema.ts';

/**
 * A bank of `size` cards made from the real ones: clones with fresh ids and aliases, key points
 * rotated and about a tenth of the answer's words or characters dropped (seeded), so postings
 * grow as a real bank's would, not as exact copies.
 */
export function syntheticBank(real: readonly Card[], size: number, seed = 1): Card[] {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  // Drops about a tenth of the words (never the spaces between them, which would glue words together).
  const thin = (text: string) =>
    text
      .split(/(\s+)/)
      .filter((piece) => /^\s+$/.test(piece) || random() > 0.1)
      .join('');
  const cards: Card[] = [...real];
  for (let i = real.length; i < size; i++) {
    const base = real[i % real.length]!;
    const k = Math.floor(i / real.length);
    const rotate = <T,>(xs: T[]) => [...xs.slice(k % xs.length), ...xs.slice(0, k % xs.length)];
    cards.push({
      ...base,
      id: `${base.id}-s${k}`,
      title: { zh: `${base.title.zh}（变体${k}）`, en: `${base.title.en} (variant ${k})` },
      aliases: { zh: base.aliases.zh.map((a) => `${a} 变体${k}`), en: base.aliases.en.map((a) => `${a} v${k}`) },
      answer: { zh: thin(base.answer.zh), en: thin(base.answer.en) },
      keyPoints: { zh: rotate(base.keyPoints.zh), en: rotate(base.keyPoints.en) },
    });
  }
  // Through JSON, like a bank loaded from pack files: flat strings, not the concatenations made above.
  return JSON.parse(JSON.stringify(cards.slice(0, size))) as Card[];
}
