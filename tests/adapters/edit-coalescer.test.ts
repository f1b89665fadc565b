import { describe, expect, it } from 'vitest';
import { EditCoalescer, isNewerRound } from '../../src/adapters/edit-coalescer.ts';
import type { RoundView } from '../../src/core/types.ts';

/** An edit target whose edits finish only when the test says so. */
function slowTarget() {
  const applied: number[] = [];
  const finishers: (() => void)[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const apply = (value: number) =>
    new Promise<void>((resolve) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      applied.push(value);
      finishers.push(() => {
        inFlight -= 1;
        resolve();
      });
    });
  return { applied, finishNext: () => finishers.shift()?.(), maxInFlight: () => maxInFlight, apply };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('EditCoalescer', () => {
  it('runs one edit at a time per key and sends only the newest waiting value', async () => {
    const target = slowTarget();
    const edits = new EditCoalescer<number>(target.apply, (a, b) => a >= b);
    const done = [1, 2, 3, 4].map((n) => edits.submit('m', n));
    expect(target.applied).toEqual([1]);
    target.finishNext();
    await tick();
    expect(target.applied).toEqual([1, 4]);
    target.finishNext();
    await Promise.all(done);
    expect(target.maxInFlight()).toBe(1);
    await edits.idle();
  });

  it('drops a value older than the one shown, and keeps keys independent', async () => {
    const target = slowTarget();
    const edits = new EditCoalescer<number>(target.apply, (a, b) => a >= b);
    void edits.submit('m', 5);
    void edits.submit('other', 1);
    expect(target.applied).toEqual([5, 1]);
    target.finishNext();
    target.finishNext();
    await edits.idle();
    await edits.submit('m', 3);
    expect(target.applied).toEqual([5, 1]);
  });

  it('passes an edit error to everyone waiting on that edit, and goes on with the next', async () => {
    let calls = 0;
    const edits = new EditCoalescer<number>(async (n) => {
      calls += 1;
      if (n === 1) throw new Error('429 forever');
    });
    await expect(edits.submit('m', 1)).rejects.toThrow('429 forever');
    await edits.submit('m', 2);
    expect(calls).toBe(2);
  });

  it('never reopens a closed round, never lowers a count', () => {
    const view = (status: 'open' | 'closed', answeredCount: number) => ({ round: { status, answeredCount } as RoundView });
    expect(isNewerRound(view('open', 9), view('closed', 3))).toBe(false);
    expect(isNewerRound(view('open', 2), view('open', 3))).toBe(false);
    expect(isNewerRound(view('open', 4), view('open', 3))).toBe(true);
    expect(isNewerRound(view('closed', 3), view('open', 5))).toBe(true);
  });
});
