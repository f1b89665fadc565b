// Escape sequences a terminal acts on: CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC ] … ESC \`), and
// two-character ESC sequences.
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;
const ESC_PAIR = /\u001b[@-_]/g;
// Remaining C0 and C1 controls and DEL, and the bidirectional overrides that reorder what is shown.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Member text made safe to print on a maintainer's terminal: escape sequences (which could clear
 * the screen or set the title) and control characters are removed, line breaks become spaces, so
 * one record stays one line.
 */
export function printable(text: string): string {
  return text.replace(/\r\n|[\r\n\t]/g, ' ').replace(CSI, '').replace(OSC, '').replace(ESC_PAIR, '').replace(CONTROLS, '');
}
