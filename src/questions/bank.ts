import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ZodError } from 'zod';
import { CHOICE_LETTERS, cardSchema, packSchema, type Card, type PackHeader } from './schema.ts';
import { exactKey } from './normalize.ts';

/** One thing wrong with a pack: where (file, card, field path) and what. A warning does not keep the card out. */
export interface PackProblem {
  file: string;
  cardId?: string;
  path: string;
  message: string;
  /** Set for advice (e.g. a quiz whose key stands out by its length); absent for errors. */
  warning?: true;
}

/** The outcome of loading packs: the cards that are sound, and every problem found on the way. */
export interface LoadedBank {
  packs: PackHeader[];
  cards: Card[];
  problems: PackProblem[];
}

/** How packs are loaded. */
export interface LoadOptions {
  /**
   * Files whose cards take precedence in a clash (the packs shipped with studybot). Clashes between
   * other packs go to the pack whose id sorts first: never to whichever file name sorts first.
   */
  shipped?: readonly string[];
}

/** The folder of the packs shipped with studybot. */
export const DEFAULT_PACK_DIR = fileURLToPath(new URL('../../data/packs/', import.meta.url));

/** A correct option this many times as long as every distractor gives the answer away. */
export const KEY_LENGTH_CUE = 1.3;

/** Every `.json` file directly inside a folder, sorted by name. */
export function packFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** Expands a list of files and folders into pack files. */
export function resolvePackPaths(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    const full = resolve(p);
    return statSync(full, { throwIfNoEntry: false })?.isDirectory() ? packFilesIn(full) : [full];
  });
}

/**
 * Loads and validates pack files. A card with a problem is skipped (and reported), a pack that
 * cannot be read or parsed is skipped whole; the rest still load. Duplicate ids and aliases are
 * checked across all files in an order that does not depend on file names: shipped packs first,
 * then by pack id. The card that comes first keeps its id or alias; the other is reported, naming
 * both files. Quizzes whose correct option stands out by its length get a warning.
 */
export function loadBank(files: readonly string[], options: LoadOptions = {}): LoadedBank {
  const bank: LoadedBank = { packs: [], cards: [], problems: [] };
  const shipped = new Set((options.shipped ?? []).map((f) => resolve(f)));
  const parsed: { file: string; header: PackHeader; cards: unknown[]; shipped: boolean }[] = [];
  for (const file of new Set(files)) {
    const raw = readPack(file, bank.problems);
    if (raw === undefined) continue;
    const pack = packSchema.safeParse(raw);
    if (!pack.success) {
      bank.problems.push(...zodProblems(pack.error, file));
      continue;
    }
    parsed.push({ file, header: pack.data.pack, cards: pack.data.cards, shipped: shipped.has(resolve(file)) });
  }
  parsed.sort((a, b) => Number(b.shipped) - Number(a.shipped) || compare(a.header.id, b.header.id) || compare(a.file, b.file));
  const owners: Owners = { ids: new Map(), aliases: new Map() };
  const packOwner = new Map<string, string>();
  for (const { file, header, cards } of parsed) {
    const earlier = packOwner.get(header.id);
    if (earlier !== undefined) bank.problems.push({ file, path: 'pack.id', message: `pack id "${header.id}" is also the id of ${earlier}` });
    else packOwner.set(header.id, file);
    bank.packs.push(header);
    cards.forEach((rawCard, index) => {
      const cardId = typeof (rawCard as { id?: unknown })?.id === 'string' ? (rawCard as { id: string }).id : `#${index}`;
      const result = cardSchema.safeParse(rawCard);
      if (!result.success) {
        bank.problems.push(...zodProblems(result.error, file, cardId, `cards[${index}]`));
        return;
      }
      const card = result.data;
      const clashes = duplicateProblems(card, index, file, owners);
      if (clashes.length > 0) {
        bank.problems.push(...clashes);
        return;
      }
      bank.problems.push(...lengthCueWarnings(card, index, file));
      bank.cards.push(card);
    });
  }
  return bank;
}

/** Renders a problem as one line: `file: card "id" at path: message`. */
export function formatProblem(p: PackProblem): string {
  const where = p.cardId ? `card "${p.cardId}"${p.path ? ` at ${p.path}` : ''}` : p.path || 'file';
  return `${p.file}: ${where}: ${p.warning ? 'warning: ' : ''}${p.message}`;
}

function readPack(file: string, problems: PackProblem[]): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({ file, path: '', message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? error})` });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    problems.push({ file, path: '', message: `not valid JSON: ${(error as Error).message}` });
    return undefined;
  }
}

/** Which card (and file) first claimed each id and alias key. */
interface Owners {
  ids: Map<string, { card: string; file: string }>;
  aliases: Map<string, { card: string; file: string }>;
}

function duplicateProblems(card: Card, index: number, file: string, owners: Owners): PackProblem[] {
  const problems: PackProblem[] = [];
  const base = { file, cardId: card.id };
  const idOwner = owners.ids.get(card.id);
  if (idOwner) {
    problems.push({ ...base, path: `cards[${index}].id`, message: `duplicate id: card "${card.id}" is already defined in ${idOwner.file}` });
    return problems;
  }
  const idAsAlias = owners.aliases.get(exactKey(card.id));
  if (idAsAlias) problems.push({ ...base, path: `cards[${index}].id`, message: `id "${card.id}" is an alias of card "${idAsAlias.card}" (${idAsAlias.file})` });
  const mine = new Set<string>();
  for (const lang of ['zh', 'en'] as const) {
    card.aliases[lang].forEach((alias, j) => {
      const key = exactKey(alias);
      const path = `cards[${index}].aliases.${lang}[${j}]`;
      const owner = owners.aliases.get(key);
      const idOwner = owners.ids.get(key);
      if (owner !== undefined && owner.card !== card.id) {
        problems.push({ ...base, path, message: `alias "${alias}" already belongs to card "${owner.card}" (${owner.file})` });
      } else if (idOwner !== undefined && key !== exactKey(card.id)) {
        problems.push({ ...base, path, message: `alias "${alias}" is the id of card "${key}" (${idOwner.file})` });
      }
      mine.add(key);
    });
  }
  if (problems.length > 0) return problems;
  owners.ids.set(card.id, { card: card.id, file });
  for (const key of mine) owners.aliases.set(key, { card: card.id, file });
  return problems;
}

/** A warning for each language in which the correct option is over {@link KEY_LENGTH_CUE}× as long as every distractor. */
function lengthCueWarnings(card: Card, index: number, file: string): PackProblem[] {
  const quiz = card.quiz;
  if (quiz.type !== 'choice') return [];
  const key = CHOICE_LETTERS.indexOf(quiz.correct);
  return (['zh', 'en'] as const).flatMap((lang) => {
    const lengths = quiz.options.map((o) => [...o[lang]].length);
    const longestDistractor = Math.max(...lengths.filter((_, i) => i !== key));
    if (lengths[key]! <= KEY_LENGTH_CUE * longestDistractor) return [];
    const message = `the correct option (${quiz.correct}) is ${lengths[key]} characters, over ${KEY_LENGTH_CUE}× the longest distractor (${longestDistractor}): "pick the longest" would find it`;
    return [{ file, cardId: card.id, path: `cards[${index}].quiz.options.${lang}`, message, warning: true as const }];
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function zodProblems(error: ZodError, file: string, cardId?: string, prefix = ''): PackProblem[] {
  return error.issues.map((issue) => ({
    file,
    ...(cardId === undefined ? {} : { cardId }),
    path: [prefix, ...issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : String(k)))]
      .filter(Boolean)
      .join('.')
      .replace(/\.\[/g, '['),
    message: issue.message,
  }));
}
