/**
 * Starts a `nats-server` with JetStream on 127.0.0.1 and a free port, for tests, benchmarks and
 * `deno task pipeline` on one machine. The server's data goes to a fresh folder that {@linkcode
 * LocalNatsServer.stop} removes (unless given one to keep).
 * @module
 */

/** Where Debian and most installs put the binary. */
const CANDIDATES = [
  "nats-server",
  "/usr/sbin/nats-server",
  "/usr/bin/nats-server",
  "/usr/local/bin/nats-server",
];

/**
 * Finds the `nats-server` binary.
 *
 * @returns Its path or name, or undefined when none runs.
 */
export async function findNatsServer(): Promise<string | undefined> {
  for (const candidate of CANDIDATES) {
    try {
      const { success } = await new Deno.Command(candidate, {
        args: ["--version"],
        stdout: "null",
        stderr: "null",
      })
        .output();
      if (success) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** A running server. */
export class LocalNatsServer {
  /** `nats://127.0.0.1:<port>`. */
  readonly url: string;
  /** The port. */
  readonly port: number;
  /** The JetStream data folder. */
  readonly storeDir: string;
  #process: Deno.ChildProcess;
  readonly #binary: string;
  readonly #ownsDir: boolean;
  readonly #maxPayload: number | undefined;

  private constructor(
    binary: string,
    port: number,
    storeDir: string,
    ownsDir: boolean,
    maxPayload: number | undefined,
  ) {
    this.#binary = binary;
    this.#maxPayload = maxPayload;
    this.port = port;
    this.url = `nats://127.0.0.1:${port}`;
    this.storeDir = storeDir;
    this.#ownsDir = ownsDir;
    this.#process = this.#spawn();
  }

  #spawn(): Deno.ChildProcess {
    const config = this.#maxPayload ? ["-c", `${this.storeDir}/server.conf`] : [];
    return new Deno.Command(this.#binary, {
      args: ["-js", "-a", "127.0.0.1", "-p", String(this.port), "-sd", this.storeDir, ...config],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
  }

  /**
   * Starts a server and waits (up to 10 s) until it accepts connections.
   *
   * @param options Binary (default: found on PATH or in /usr/sbin), a data folder to use (default: a new
   *   temporary one, removed by `stop`), and the largest message the server takes (default its own, 1 MB; a
   *   small one makes every frame travel in many chunks).
   * @returns The running server; throws saying how to install nats-server when there is none.
   */
  static async start(
    options: { binary?: string; storeDir?: string; maxPayload?: number } = {},
  ): Promise<LocalNatsServer> {
    const binary = options.binary ?? await findNatsServer();
    if (!binary) {
      throw new Error(
        "nats-server was not found on PATH or in /usr/sbin: install it (Debian: apt-get install nats-server) " +
          "or pass --nats URL of a running server",
      );
    }
    const storeDir = options.storeDir ?? await Deno.makeTempDir({ prefix: "asge-nats-" });
    if (options.maxPayload) {
      await Deno.writeTextFile(`${storeDir}/server.conf`, `max_payload: ${options.maxPayload}\n`);
    }
    const server = new LocalNatsServer(binary, freePort(), storeDir, !options.storeDir, options.maxPayload);
    await server.#waitReady();
    return server;
  }

  async #waitReady(): Promise<void> {
    const deadline = performance.now() + 10_000;
    while (true) {
      try {
        const conn = await Deno.connect({ hostname: "127.0.0.1", port: this.port });
        conn.close();
        return;
      } catch (error) {
        if (performance.now() > deadline) {
          throw new Error(`nats-server did not listen on 127.0.0.1:${this.port} within 10 s: ${error}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  /** Kills the server at once (`SIGKILL`), as a crash would; its data folder stays for {@linkcode restart}. */
  async kill(): Promise<void> {
    try {
      this.#process.kill("SIGKILL");
    } catch {
      // already gone
    }
    await this.#process.status;
  }

  /** Starts the server again on the same port and data folder (after {@linkcode kill}). */
  async restart(): Promise<void> {
    this.#process = this.#spawn();
    await this.#waitReady();
  }

  /** Stops the server and removes its data folder when it made one. */
  async stop(): Promise<void> {
    try {
      this.#process.kill("SIGTERM");
    } catch {
      // already gone
    }
    await this.#process.status;
    if (this.#ownsDir) await Deno.remove(this.storeDir, { recursive: true }).catch(() => {});
  }
}
