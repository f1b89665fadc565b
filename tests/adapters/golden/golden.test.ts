import { describe, expect, it } from 'vitest';
import { renderForConsole } from '../../../src/adapters/console/render.ts';
import { renderForDiscord } from '../../../src/adapters/discord/render.ts';
import { renderForSlack } from '../../../src/adapters/slack/render.ts';
import { hasImage } from '../../../src/images/reply-image.ts';
import type { Reply, ReplyBody } from '../../../src/core/types.ts';
import { GOLDEN_LANGS, GOLDEN_SAMPLES, goldenReply } from './samples.ts';

// Golden files: what every reply kind looks like in zh, en and both on each platform, checked in so
// a layout change shows up as a readable diff. Update on purpose with `npx vitest run -u`.

const RENDERERS: Record<string, { ext: string; render: (reply: Reply) => string }> = {
  console: { ext: 'txt', render: renderForConsole },
  // As the adapter sends them: kinds with a picture show it as the embed image.
  discord: { ext: 'json', render: (reply) => JSON.stringify(renderForDiscord(reply, hasImage(reply.kind) ? { image: `${reply.kind}.png` } : {}), null, 2) },
  slack: { ext: 'json', render: (reply) => JSON.stringify(renderForSlack(reply), null, 2) },
};

const samples = Object.values(GOLDEN_SAMPLES).flat() as { name: string; body: ReplyBody }[];

describe('golden renderings (every reply kind × zh/en/both × console/Discord/Slack)', () => {
  for (const [platform, { ext, render }] of Object.entries(RENDERERS)) {
    it.each(samples.map((s) => [s.name, s] as const))(`${platform}: %s`, async (name, sample) => {
      const text = GOLDEN_LANGS.map((lang) => `===== ${lang} =====\n${render(goldenReply(sample.body, lang))}\n`).join('\n');
      await expect(text).toMatchFileSnapshot(`./${platform}/${name}.${ext}`);
    });
  }

  it('in both, no line of a labelled value is split from its label', () => {
    for (const sample of samples) {
      const text = renderForConsole(goldenReply(sample.body, 'both'));
      // A line that is only a Chinese label followed by a line starting with its English one is the old, split layout.
      expect(text).not.toMatch(/^(答题|正确率|积分|排行榜|已作答)\s*$/m);
      expect(text).not.toMatch(/^(pts|Answered|Accuracy|Points)\b/m);
    }
  });
});
