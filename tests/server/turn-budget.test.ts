import { describe, expect, it } from 'vitest';
import { TurnBudget } from '../../server/turn-budget';

/** A clock that only moves when a job says it took time. */
function clocked(budgetMs: number) {
  let now = 0;
  const ran: number[] = [];
  const budget = new TurnBudget(budgetMs, () => now);
  const job = (id: number, costMs: number) => () => {
    ran.push(id);
    now += costMs;
  };
  return { budget, ran, job };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('TurnBudget', () => {
  it('runs jobs at once while the turn has budget left, then the rest on later turns, in order', async () => {
    const { budget, ran, job } = clocked(5);
    for (let id = 1; id <= 6; id++) budget.run(job(id, 3));
    expect(ran).toEqual([1, 2]);
    await nextTurn();
    expect(ran).toEqual([1, 2, 3, 4]);
    await nextTurn();
    await nextTurn();
    expect(ran).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('counts what a job does after an await against the turn, so a burst of hang-ups does not finish all in one', async () => {
    const { budget, ran, job } = clocked(5);
    const finished: number[] = [];
    // Work that happens once the job's first await has resolved, as a hang-up's does.
    const awaiting = (id: number, costMs: number) => () => {
      ran.push(id);
      void Promise.resolve().then(() => {
        job(id, costMs)();
        finished.push(id);
      });
    };
    budget.run(job(0, 6));
    for (let id = 1; id <= 6; id++) budget.run(awaiting(id, 3));
    expect(finished).toEqual([]);
    await nextTurn();
    expect(finished).toEqual([1, 2]);
    await nextTurn();
    expect(finished).toEqual([1, 2, 3, 4]);
    await nextTurn();
    await nextTurn();
    expect(finished).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
