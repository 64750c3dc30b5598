/**
 * Counts calls in flight so shutdown can wait for them (a rollout must not lose a call), and
 * tells handlers when the proxy is draining so they refuse new work.
 */
export class Lifecycle {
  draining = false;
  private active = 0;
  private waiters: Array<() => void> = [];

  get inFlight(): number {
    return this.active;
  }

  begin(): void {
    this.active++;
  }

  end(): void {
    this.active--;
    if (this.active === 0 && this.waiters.length > 0) {
      for (const w of this.waiters.splice(0)) w();
    }
  }

  /** Resolves true once nothing is in flight, false if `timeoutMs` passes first. */
  waitIdle(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(done);
    });
  }
}
