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

function cpuTimes(): { busy: number; total: number } | null {
  try {
    const fields = Deno.readTextFileSync("/proc/stat").split("\n")[0].trim().split(/\s+/).slice(1).map(
      Number,
    );
    const total = fields.reduce((s, v) => s + v, 0);
    const idle = fields[3] + (fields[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/**
 * How busy the cores are right now: the non-idle share of all cores over `ms` milliseconds (/proc/stat). Sampled
 * while the bench itself waits, it measures the other processes, unlike the lagging load average.
 *
 * @param ms Sampling window.
 * @returns A fraction in 0..1, or null where /proc/stat cannot be read.
 */
export async function cpuBusy(ms = 1000): Promise<number | null> {
  const a = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = cpuTimes();
  if (a === null || b === null || b.total === a.total) return null;
  return (b.busy - a.busy) / (b.total - a.total);
}

/**
 * Waits until the cores are mostly idle (busy below `threshold`), at most `maxSeconds`.
 *
 * @param maxSeconds Longest wait.
 * @param threshold Busy fraction counted as idle.
 * @returns The last busy fraction measured.
 */
export async function waitForIdle(maxSeconds: number, threshold = 0.2): Promise<number | null> {
  const deadline = performance.now() + maxSeconds * 1000;
  let busy = await cpuBusy();
  while (busy !== null && busy >= threshold && performance.now() < deadline) busy = await cpuBusy(2000);
  return busy;
}
