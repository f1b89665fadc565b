import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** What a scheduled slot came to, as counted. */
export type SlotOutcome = 'posted' | 'late' | 'failed' | 'missed' | 'taken-over';

/**
 * The process's Prometheus metrics (the only prom-client import): commands handled by name and
 * platform, reply latency, scheduled posts by outcome, answers recorded, store errors, and the
 * standard process metrics (CPU, memory, event-loop lag, handles).
 */
export interface Metrics {
  /** A command (or button press) handled, and how long until its replies were ready. */
  commandHandled(command: string, platform: string, seconds: number): void;
  slot(outcome: SlotOutcome, kind: string): void;
  answerRecorded(platform: string): void;
  storeError(): void;
  /** The exposition text and its content type, for GET /metrics. */
  render(): Promise<{ body: string; contentType: string }>;
}

/** Creates a fresh registry (one per runtime, so tests and several runtimes never share counters). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'studybot_' });
  const commands = new Counter({ name: 'studybot_commands_total', help: 'Commands and button presses handled, by command and platform', labelNames: ['command', 'platform'], registers: [registry] });
  const latency = new Histogram({
    name: 'studybot_reply_seconds',
    help: 'Time from a command arriving to its replies being ready, by command',
    labelNames: ['command'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const slots = new Counter({ name: 'studybot_scheduled_posts_total', help: 'Scheduled posts by outcome (posted, late, failed, missed, taken-over) and kind', labelNames: ['outcome', 'kind'], registers: [registry] });
  const answers = new Counter({ name: 'studybot_answers_recorded_total', help: 'Answers recorded (first answer of a member to a round)', labelNames: ['platform'], registers: [registry] });
  const storeErrors = new Counter({ name: 'studybot_store_errors_total', help: 'Commands that failed on a database error', registers: [registry] });
  return {
    commandHandled(command, platform, seconds) {
      commands.inc({ command, platform });
      latency.observe({ command }, seconds);
    },
    slot: (outcome, kind) => slots.inc({ outcome, kind }),
    answerRecorded: (platform) => answers.inc({ platform }),
    storeError: () => storeErrors.inc(),
    render: async () => ({ body: await registry.metrics(), contentType: registry.contentType }),
  };
}
