import { readFileSync } from 'node:fs';

/** The p-th percentile (nearest rank) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Memory in use by JavaScript: the V8 heap plus typed-array buffers, in MiB. */
export function memoryMiB(): number {
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1048576;
}

/**
 * CPU time spent so far by the whole machine (every process: the bot and a local database
 * server alike), in ms, from Linux's /proc/stat; null elsewhere. Steadier than wall-clock rates on
 * a shared machine.
 */
export function machineBusyMs(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq] = fields;
    const hz = 100; // USER_HZ: 100 on every Linux this runs on
    return ((user! + nice! + system! + irq! + softirq!) * 1000) / hz;
  } catch {
    return null;
  }
}
