/**
 * Headless Debian Chromium for tests: dump a page's DOM after its scripts ran, or take a screenshot. Every run
 * gets a fresh temporary profile, no network services, and a hard time limit (the process is killed after it).
 * @module
 */
import { fileExists } from "../../lib/util/file_exists.ts";

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM = "/usr/bin/chromium";

/** Whether Chromium is installed (tests skip with a reason when it is not). */
export function chromiumAvailable(): Promise<boolean> {
  return fileExists(CHROMIUM);
}

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--disable-dev-shm-usage",
  "--hide-scrollbars",
];

async function runChromium(args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  const profile = await Deno.makeTempDir({ prefix: "asge-chromium-" });
  try {
    // coreutils `timeout` signals the whole process group (browser, zygote, renderers), not just the browser;
    // the AbortSignal is the backstop should `timeout` itself hang.
    const seconds = Math.ceil(timeoutMs / 1000);
    const command = new Deno.Command("timeout", {
      args: ["--kill-after=5", String(seconds), CHROMIUM, ...FLAGS, `--user-data-dir=${profile}`, ...args],
      stdout: "piped",
      stderr: "piped",
      stdin: "null",
      signal: AbortSignal.timeout(timeoutMs + 10_000),
      env: { XDG_RUNTIME_DIR: profile, HOME: profile },
    });
    const output = await command.output();
    const stdout = new TextDecoder().decode(output.stdout);
    const stderr = new TextDecoder().decode(output.stderr);
    if (!output.success) {
      throw new Error(
        `chromium exited with code ${output.code} (signal ${output.signal}) after at most ${timeoutMs} ms:\n` +
          stderr.slice(-2000),
      );
    }
    return { stdout, stderr };
  } finally {
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}

/**
 * Loads a file in headless Chromium, lets its scripts run for `budgetMs` of virtual time, and returns the DOM.
 *
 * @param path Absolute path of an HTML file.
 * @param budgetMs Virtual time budget for scripts (default 5000).
 * @param timeoutMs Wall-clock limit before the browser is killed (default 90 s).
 * @returns The serialised DOM.
 */
export async function dumpDom(path: string, budgetMs = 5000, timeoutMs = 90_000): Promise<string> {
  const { stdout } = await runChromium(
    [`--virtual-time-budget=${budgetMs}`, "--dump-dom", `file://${path}`],
    timeoutMs,
  );
  return stdout;
}

/**
 * Takes a PNG screenshot of a file in headless Chromium.
 *
 * @param path Absolute path of an HTML file.
 * @param pngPath Where to write the PNG.
 * @param size Window size in CSS pixels (default 1280 x 6000, the whole report).
 * @param timeoutMs Wall-clock limit before the browser is killed (default 90 s).
 */
export async function screenshot(
  path: string,
  pngPath: string,
  size: { width: number; height: number } = { width: 1280, height: 6000 },
  timeoutMs = 90_000,
): Promise<void> {
  await runChromium(
    [
      "--virtual-time-budget=5000",
      `--window-size=${size.width},${size.height}`,
      `--screenshot=${pngPath}`,
      `file://${path}`,
    ],
    timeoutMs,
  );
}
