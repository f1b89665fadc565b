import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/store/group-commit.ts';

/** A batch writer that records every batch it was given and doubles numbers (negative ones fail the batch). */
function doubler(delayMs = 5) {
  const batches: number[][] = [];
  const write = async (items: number[]) => {
    batches.push([...items]);
    await new Promise((r) => setTimeout(r, delayMs));
    const bad = items.find((i) => i < 0);
    if (bad !== undefined) throw new Error(`bad item ${bad}`);
    return items.map((i) => i * 2);
  };
  return { batches, write };
}

describe('group commit', () => {
  it('writes everything submitted in one turn of the event loop as one batch, results in order', async () => {
    const { batches, write } = doubler();
    const group = new GroupCommit(write);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => group.submit(i)));
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
    expect(batches).toHaveLength(1);
  });

  it('items submitted while a batch is being written wait and go together in the next one', async () => {
    const { batches, write } = doubler(20);
    const group = new GroupCommit(write);
    const first = group.submit(1);
    await new Promise((r) => setTimeout(r, 5)); // the first batch is now being written
    const later = Promise.all([2, 3, 4].map((i) => group.submit(i)));
    expect(await first).toBe(2);
    expect(await later).toEqual([4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('never puts more than maxBatch items in a batch, and runs at most `concurrency` batches at once', async () => {
    let running = 0;
    let most = 0;
    const sizes: number[] = [];
    const group = new GroupCommit(
      async (items: number[]) => {
        sizes.push(items.length);
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return items;
      },
      { maxBatch: 16, concurrency: 2 },
    );
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => group.submit(i)));
    expect(results).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Math.max(...sizes)).toBe(16);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100);
    expect(most).toBe(2);
  });

  it('when a batch fails, its items are written alone: only the bad one fails, with its own error', async () => {
    const { batches, write } = doubler(1);
    const group = new GroupCommit(write);
    const settled = await Promise.allSettled([1, -7, 3].map((i) => group.submit(i)));
    expect(settled[0]).toEqual({ status: 'fulfilled', value: 2 });
    expect(settled[1]).toMatchObject({ status: 'rejected', reason: { message: 'bad item -7' } });
    expect(settled[2]).toEqual({ status: 'fulfilled', value: 6 });
    expect(batches).toEqual([[1, -7, 3], [1], [-7], [3]]);
  });

  it('an error that would recur (retryAlone says no) fails the whole batch at once, written once', async () => {
    const { batches, write } = doubler(1);
    const group = new GroupCommit(write, { retryAlone: () => false });
    const settled = await Promise.allSettled([1, -7, 3].map((i) => group.submit(i)));
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(settled[0]).toMatchObject({ reason: { message: 'bad item -7' } });
    expect(batches).toEqual([[1, -7, 3]]);
  });

  it('drained() waits for every item submitted so far, and resolves at once when idle', async () => {
    const { write } = doubler(10);
    const group = new GroupCommit(write);
    await group.drained();
    const done: number[] = [];
    for (const i of [1, 2, 3]) void group.submit(i).then((r) => done.push(r));
    await group.drained();
    expect(done.sort()).toEqual([2, 4, 6]);
  });
});
