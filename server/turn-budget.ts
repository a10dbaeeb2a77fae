/**
 * Shares the event loop in a burst: jobs run at once until this turn has spent `budgetMs` on them, then wait
 * for the next turns (setImmediate), in order, so timers, pings and new sockets get their turn in between. A
 * thousand hang-ups arriving together then cost a few short turns instead of one long stall.
 */
export class TurnBudget {
  private turnStart: number | undefined;
  private readonly queue: Array<() => void> = [];
  private next = 0;

  constructor(
    private readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** `job` must not throw: a job run later has nobody to throw to. */
  run(job: () => void): void {
    if (this.next === this.queue.length && this.spent() < this.budgetMs) return job();
    this.queue.push(job);
    this.startTurn();
  }

  private spent(): number {
    if (this.turnStart === undefined) this.startTurn();
    return this.now() - this.turnStart!;
  }

  /** The turn ends at the next check phase: the budget starts again there with whatever waits. */
  private startTurn(): void {
    if (this.turnStart !== undefined) return;
    this.turnStart = this.now();
    setImmediate(() => {
      this.turnStart = undefined;
      this.step();
    });
  }

  /**
   * Runs the next waiting job, and the one after only once the microtasks it queued have had their go: most
   * jobs finish after an `await`, and that part of their work counts against the turn too.
   */
  private readonly step = (): void => {
    if (this.next < this.queue.length && this.spent() < this.budgetMs) {
      this.queue[this.next++]!();
      queueMicrotask(this.step);
      return;
    }
    if (this.next === this.queue.length) {
      this.queue.length = 0;
      this.next = 0;
    } else this.startTurn();
  };
}
