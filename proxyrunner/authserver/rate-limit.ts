/**
 * A token bucket for the unauthenticated registration endpoint (ToolHive: 1 per second, burst
 * of 5, per process). It bounds how fast an anonymous caller can grow the client store; it is
 * not meant to be fair between callers.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly ratePerSecond: number;
  private readonly burst: number;
  private readonly now: () => number;

  constructor(ratePerSecond: number, burst: number, now: () => number = Date.now) {
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.tokens = burst;
    this.now = now;
    this.last = now();
  }

  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
