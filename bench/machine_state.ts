/**
 * What the machine was doing while the bench ran: load average and this process's memory (Linux /proc).
 * @module
 */

/** The 1-, 5- and 15-minute load averages, or null where /proc/loadavg cannot be read. */
export function loadAverage(): [number, number, number] | null {
  try {
    const [one, five, fifteen] = Deno.readTextFileSync("/proc/loadavg").split(" ").map(Number);
    return [one, five, fifteen];
  } catch {
    return null;
  }
}

/**
 * Peak resident set size of this process so far (VmHWM), falling back to the current RSS.
 *
 * @returns Bytes.
 */
export function peakRssBytes(): number {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(Deno.readTextFileSync("/proc/self/status"));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux: the current RSS is the best we have
  }
  return Deno.memoryUsage().rss;
}

/** Number of logical cores. */
export function coreCount(): number {
  return navigator.hardwareConcurrency;
}
