/** What one `/study …` invocation asks the core for. */
export interface StudyCommand {
  /** The core's command line, e.g. `/ask dropout`. */
  text: string;
  /** The user asked to show a lookup to the whole channel (`share`). */
  share: boolean;
}

/**
 * Maps the text after `/study` onto the core's command line: `ask dropout` → `/ask dropout`, an
 * empty text → `/help`. The word `share` (first or last, any case) is taken out and turns an
 * ephemeral lookup into a channel message; elsewhere in a query it is just a word.
 */
export function parseStudyCommand(text: string): StudyCommand {
  const words = text.replace(/\u3000/g, ' ').trim().split(/\s+/).filter(Boolean);
  let share = false;
  if (words.length > 1 && words.at(-1)!.toLowerCase() === 'share') {
    words.pop();
    share = true;
  } else if (words.length > 1 && words[0]!.toLowerCase() === 'share') {
    words.shift();
    share = true;
  }
  if (words.length === 0) return { text: '/help', share };
  const [first, ...rest] = words;
  return { text: ['/' + first!.replace(/^[/／]/, ''), ...rest].join(' '), share };
}
