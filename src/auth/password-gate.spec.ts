import { Gate, GateBusyError } from './password-gate';

describe('the password gate', () => {
  it('runs at most `concurrency` tasks at once and the rest in turn', async () => {
    const gate = new Gate(2, 10);
    let now = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const task = () =>
      gate.run(async () => {
        now++;
        peak = Math.max(peak, now);
        await new Promise<void>((r) => releases.push(r));
        now--;
      });
    const all = Array.from({ length: 6 }, task);
    for (let done = 0; done < 6; done++) {
      while (releases.length === 0) await Promise.resolve();
      expect(gate.load.running).toBeLessThanOrEqual(2);
      releases.shift()?.();
      await Promise.resolve();
    }
    await Promise.all(all);
    expect(peak).toBe(2);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses at once when the queue is full, and recovers', async () => {
    const gate = new Gate(1, 1);
    let release: () => void = () => undefined;
    const first = gate.run(() => new Promise<void>((r) => (release = r)));
    const second = gate.run(() => Promise.resolve('second'));
    await expect(gate.run(() => Promise.resolve('third'))).rejects.toBeInstanceOf(GateBusyError);
    release();
    await first;
    await expect(second).resolves.toBe('second');
    await expect(gate.run(() => Promise.resolve('again'))).resolves.toBe('again');
  });

  it('frees the slot when a task fails', async () => {
    const gate = new Gate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(gate.run(() => Promise.resolve(1))).resolves.toBe(1);
  });
});
