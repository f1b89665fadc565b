import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ZodError } from 'zod';
import { cardSchema, packSchema, type Card, type PackHeader } from './schema.ts';
import { exactKey } from './normalize.ts';

/** One thing wrong with a pack: where (file, card, field path) and what. */
export interface PackProblem {
  file: string;
  cardId?: string;
  path: string;
  message: string;
}

/** The outcome of loading packs: the cards that are sound, and every problem found on the way. */
export interface LoadedBank {
  packs: PackHeader[];
  cards: Card[];
  problems: PackProblem[];
}

/** The folder of the packs shipped with studybot. */
export const DEFAULT_PACK_DIR = fileURLToPath(new URL('../../data/packs/', import.meta.url));

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
 * checked across all files: the first occurrence wins, later ones are reported.
 */
export function loadBank(files: readonly string[]): LoadedBank {
  const bank: LoadedBank = { packs: [], cards: [], problems: [] };
  const idOwner = new Map<string, string>();
  const aliasOwner = new Map<string, string>();
  for (const file of files) {
    const raw = readPack(file, bank.problems);
    if (raw === undefined) continue;
    const pack = packSchema.safeParse(raw);
    if (!pack.success) {
      bank.problems.push(...zodProblems(pack.error, file));
      continue;
    }
    bank.packs.push(pack.data.pack);
    pack.data.cards.forEach((rawCard, index) => {
      const cardId = typeof (rawCard as { id?: unknown })?.id === 'string' ? (rawCard as { id: string }).id : `#${index}`;
      const parsed = cardSchema.safeParse(rawCard);
      if (!parsed.success) {
        bank.problems.push(...zodProblems(parsed.error, file, cardId, `cards[${index}]`));
        return;
      }
      const card = parsed.data;
      const local = duplicateProblems(card, index, file, idOwner, aliasOwner);
      if (local.length > 0) {
        bank.problems.push(...local);
        return;
      }
      bank.cards.push(card);
    });
  }
  return bank;
}

/** Renders a problem as one line: `file: card "id" at path: message`. */
export function formatProblem(p: PackProblem): string {
  const where = p.cardId ? `card "${p.cardId}"${p.path ? ` at ${p.path}` : ''}` : p.path || 'file';
  return `${p.file}: ${where}: ${p.message}`;
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

function duplicateProblems(
  card: Card,
  index: number,
  file: string,
  idOwner: Map<string, string>,
  aliasOwner: Map<string, string>,
): PackProblem[] {
  const problems: PackProblem[] = [];
  const base = { file, cardId: card.id };
  if (idOwner.has(card.id)) {
    problems.push({ ...base, path: `cards[${index}].id`, message: `duplicate id (first defined in ${idOwner.get(card.id)})` });
    return problems;
  }
  const mine = new Set<string>();
  for (const lang of ['zh', 'en'] as const) {
    card.aliases[lang].forEach((alias, j) => {
      const key = exactKey(alias);
      const owner = aliasOwner.get(key);
      if (owner !== undefined && owner !== card.id) {
        problems.push({ ...base, path: `cards[${index}].aliases.${lang}[${j}]`, message: `alias "${alias}" already belongs to card "${owner}"` });
      } else if (idOwner.has(key.replace(/\s/g, '')) && key !== exactKey(card.id)) {
        problems.push({ ...base, path: `cards[${index}].aliases.${lang}[${j}]`, message: `alias "${alias}" is the id of another card` });
      }
      mine.add(key);
    });
  }
  if (problems.length > 0) return problems;
  idOwner.set(card.id, file);
  for (const key of mine) aliasOwner.set(key, card.id);
  return problems;
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
