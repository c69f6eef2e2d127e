// The machine a benchmark ran on, printed with every benchmark's figures (they mean little without it).
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';

/** "machine: <CPU model>, <n> cores, <RAM> GiB, node <version>, <platform> <arch>". */
export function describeMachine(): string {
  const cpu = cpus();
  return (
    `machine: ${cpu[0]?.model.trim() ?? 'unknown cpu'}, ${cpu.length} cores, ` +
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${platform()} ${arch()}`
  );
}

/** "load average: 1.23 (1 min), 0.98 (5 min) on 2 cores": how busy the machine was when a benchmark started. */
export function describeLoad(): string {
  const [one = 0, five = 0] = loadavg();
  return `load average at start: ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min) on ${cpus().length} cores`;
}
