import { Client } from 'pg';

/**
 * Records the text of every statement the pg driver sends (the application's and the test's
 * alike) while `recording` is on: for tests that bound the statements of one use case. `install()`
 * wraps `Client.prototype.query` once; `uninstall()` puts the original back.
 */
export function statementRecorder() {
  const original = Client.prototype.query;
  const recorder = {
    sent: [] as string[],
    recording: false,
    install(): void {
      Client.prototype.query = function (this: Client, ...args: unknown[]) {
        if (recorder.recording) {
          const first = args[0] as string | { text?: string };
          const text = typeof first === 'string' ? first : first?.text;
          if (text) recorder.sent.push(text);
        }
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof Client.prototype.query;
    },
    uninstall(): void {
      Client.prototype.query = original;
    },
    /** The statements `work` sends (the list is emptied first). */
    async during<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
      recorder.sent.length = 0;
      recorder.recording = true;
      try {
        const result = await work();
        return { result, statements: [...recorder.sent] };
      } finally {
        recorder.recording = false;
      }
    },
  };
  return recorder;
}
