import { DEFAULT_PACK_DIR, loadBank, packFilesIn, resolvePackPaths, type LoadedBank } from './bank.ts';

/**
 * Loads the shipped packs plus any extra files or folders (STUDYBOT_PACKS, `:` or `,` separated).
 * Problems are returned, never thrown: a broken team pack must not keep the bot from starting.
 */
export function loadConfiguredBank(extraPacks?: string): LoadedBank {
  const extra = (extraPacks ?? '').split(/[:,]/).map((s) => s.trim()).filter(Boolean);
  const shipped = packFilesIn(DEFAULT_PACK_DIR);
  return loadBank([...shipped, ...resolvePackPaths(extra)], { shipped });
}
