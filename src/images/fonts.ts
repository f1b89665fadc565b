import { fileURLToPath } from 'node:url';
import { GlobalFonts } from '@napi-rs/canvas';

/**
 * The fonts the images are drawn with, shipped in data/fonts/ (SIL Open Font License, texts beside
 * them): Noto Sans SC Medium for Chinese and Latin text, Noto Emoji for emoji in member names. One
 * weight each, copied from the @expo-google-fonts packages, whose installs carry all nine weights
 * (96 MB) for the 11 MB used here.
 */
const FONT_FILES = [
  { file: 'NotoSansSC_500Medium.ttf', family: 'Noto Sans SC' },
  { file: 'NotoEmoji_500Medium.ttf', family: 'Noto Emoji' },
] as const;

/** The CSS font family list every image uses: CJK and Latin first, emoji as the fallback. */
export const FONT_FAMILY = '"Noto Sans SC", "Noto Emoji"';

let registered = false;

/** Registers the shipped fonts with the canvas library, once per process. Throws if a file is missing. */
export function ensureFonts(): void {
  if (registered) return;
  for (const { file, family } of FONT_FILES) {
    const path = fileURLToPath(new URL(`../../data/fonts/${file}`, import.meta.url));
    if (!GlobalFonts.registerFromPath(path, family)) throw new Error(`could not load the font ${path}`);
  }
  registered = true;
}

/** A CSS font shorthand in the shipped family. */
export function font(px: number): string {
  return `${px}px ${FONT_FAMILY}`;
}
