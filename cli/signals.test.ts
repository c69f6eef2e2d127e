import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { cancelOnSignals } from '../lib/signal-cancellation.ts';
import { signalExitCode } from './signals.ts';

describe('cancelOnSignals', () => {
  it('aborts on the first signal, calls onSecond on the next, and leaves no listener once disposed', () => {
    const source = new EventEmitter();
    const seen: string[] = [];
    const cancellation = cancelOnSignals(source, {
      onFirst: (signal) => seen.push(`first ${signal}`),
      onSecond: (signal) => seen.push(`second ${signal}`),
    });
    expect(cancellation.signal.aborted).toBe(false);
    source.emit('SIGTERM', 'SIGTERM');
    expect(cancellation.signal.aborted).toBe(true);
    expect(cancellation.received()).toBe('SIGTERM');
    source.emit('SIGINT', 'SIGINT');
    expect(seen).toEqual(['first SIGTERM', 'second SIGINT']);
    cancellation.dispose();
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM')).toBe(0);
  });

  it('gives the exit status a shell reports for the signal', () => {
    expect(signalExitCode('SIGINT')).toBe(130);
    expect(signalExitCode('SIGTERM')).toBe(143);
  });
});
