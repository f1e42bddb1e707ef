/**
 * Flags as a table: one row per flag (name, type, default, help, the config field it sets) generates the
 * `node:util` `parseArgs` options, the help text and the config overrides of a command. Values are checked in
 * one place, the config layer (`validateConfig`); {@linkcode usageErrorFor} maps its errors back to flag names.
 * The table itself checks only what the config cannot: that a number is a number, the choices of flags the
 * config does not check (`--dataset`, `--preset`, `--backend`), and bounds of flags that are not config fields
 * (`--workers`).
 * @module
 */
import { parseArgs } from "node:util";
import { ConfigError } from "../config/config_error.ts";
import type { ConfigOverrides } from "../config/resolve_config.ts";
import { UsageError } from "./usage_error.ts";

/** One flag of a command. */
export interface Flag {
  /** Name without dashes, e.g. `"batch-size"`. */
  readonly name: string;
  /** `"int"` and `"number"` parse as numbers (whole or real), `"string"` stays text, `"boolean"` is a switch. */
  readonly type: "int" | "number" | "string" | "boolean";
  /** Placeholder in the help text, e.g. `"N"`. */
  readonly value?: string;
  /** Help text (the allowed values and the default are appended). */
  readonly help: string;
  /** Default shown and applied when the flag is absent (a default is never a config override on resume). */
  readonly default?: string | boolean;
  /** Words for the default in the help text when it is not a fixed value. */
  readonly defaultHelp?: string;
  /** Allowed values, checked here: give them only to flags the config does not check (dataset, preset). */
  readonly choices?: readonly string[];
  /** Smallest value of an `"int"` flag without a config field. */
  readonly min?: number;
  /** The config field it sets, dotted one level deep (`"optimizer.learningRate"`). */
  readonly field?: string;
}

/** Parsed flags: every flag's value (defaults applied) and which ones the user gave. */
export interface ParsedFlags {
  /** Values by flag name; numbers for `"int"` / `"number"` flags. */
  readonly values: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Flags given on the command line. */
  readonly given: ReadonlySet<string>;
  /** Arguments that are not flags. */
  readonly positionals: readonly string[];
}

const HELP: Flag = { name: "help", type: "boolean", default: false, help: "this text" };

/**
 * Joins `--flag -1` into `--flag=-1` for flags that take a value: node's `parseArgs` calls a value starting
 * with a dash "ambiguous" and refuses it.
 */
function joinDashValues(flags: readonly Flag[], args: readonly string[]): string[] {
  const takesValue = new Set(flags.filter((f) => f.type !== "boolean").map((f) => `--${f.name}`));
  const known = new Set(flags.map((f) => `--${f.name}`));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (takesValue.has(args[i]) && next?.startsWith("-") && !known.has(next.split("=")[0]) && next !== "--") {
      out.push(`${args[i]}=${next}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}

/** What a flag accepts, in words. */
function accepts(flag: Flag): string {
  if (flag.choices) return `one of ${flag.choices.join(", ")}`;
  if (flag.type === "int") return flag.min === undefined ? "a whole number" : `a whole number >= ${flag.min}`;
  if (flag.type === "number") return "a number";
  return `a value (${flag.value ?? "TEXT"})`;
}

/**
 * Parses a command line against a flag table.
 *
 * @param flags The table (`--help` is added).
 * @param args Command-line arguments.
 * @param positionals Whether arguments that are not flags are allowed.
 * @returns The values and which flags were given; throws {@linkcode UsageError} naming the flag.
 * @example A negative value reaches the check instead of "argument is ambiguous"
 * ```ts
 * import { parseFlags } from "./flag_table.ts";
 * const { values, given } = parseFlags([{ name: "alpha", type: "number", help: "exponent" }], ["--alpha", "-2"]);
 * if (values.alpha !== -2 || !given.has("alpha")) throw new Error(`got ${values.alpha}`);
 * ```
 */
export function parseFlags(
  flags: readonly Flag[],
  args: readonly string[],
  positionals = false,
): ParsedFlags {
  const table = [...flags, HELP];
  const options: Record<string, { type: "string" | "boolean" }> = {};
  for (const f of table) options[f.name] = { type: f.type === "boolean" ? "boolean" : "string" };
  let parsed;
  try {
    parsed = parseArgs({
      args: joinDashValues(table, args),
      strict: true,
      allowPositionals: positionals,
      options,
    });
  } catch (error) {
    const message = (error as Error).message;
    const missing = message.match(/^Option '--([\w-]+)[^']*' argument (?:missing|is ambiguous)/);
    const flag = missing && table.find((f) => f.name === missing[1]);
    if (flag) throw new UsageError(`--${flag.name} needs ${accepts(flag)}; see --help`);
    throw new UsageError(`${message.split(". ")[0].replace(/\.$/, "")}; see --help`);
  }
  const raw = parsed.values as Record<string, string | boolean | undefined>;
  const values: Record<string, string | number | boolean | undefined> = {};
  const given = new Set<string>();
  for (const f of table) {
    const value = raw[f.name];
    if (value !== undefined) given.add(f.name);
    const text = value ?? f.default;
    if (text === undefined || typeof text === "boolean") {
      values[f.name] = text;
      continue;
    }
    if (f.choices && !f.choices.includes(text)) {
      throw new UsageError(`--${f.name} must be ${accepts(f)}, got "${text}"`);
    }
    if (f.type === "int" || f.type === "number") {
      const n = Number(text);
      const whole = f.type === "int" && !f.field;
      if (
        text.trim() === "" || Number.isNaN(n) || (whole && (!Number.isInteger(n) || n < (f.min ?? -Infinity)))
      ) {
        throw new UsageError(`--${f.name} must be ${accepts(f)}, got "${text}"`);
      }
      values[f.name] = n;
    } else values[f.name] = text;
  }
  return { values, given, positionals: parsed.positionals };
}

/**
 * The config overrides the flags make: every flag with a config field, set dotted paths one level deep.
 *
 * @param flags The table.
 * @param parsed From {@linkcode parseFlags}.
 * @param onlyGiven Take only flags given on the command line (resuming), not defaults.
 * @returns The overrides.
 */
export function flagOverrides(
  flags: readonly Flag[],
  parsed: ParsedFlags,
  onlyGiven: boolean,
): ConfigOverrides {
  const overrides: Record<string, unknown> = {};
  for (const f of flags) {
    const value = parsed.values[f.name];
    if (!f.field || value === undefined || (onlyGiven && !parsed.given.has(f.name))) continue;
    const [outer, inner] = f.field.split(".");
    if (inner === undefined) overrides[outer] = value;
    else overrides[outer] = { ...(overrides[outer] as object | undefined), [inner]: value };
  }
  return overrides as ConfigOverrides;
}

/**
 * The help text of a table.
 *
 * @param header Usage line(s) above the flags.
 * @param flags The table (`--help` is added).
 * @param footer Lines below the flags.
 * @returns The text, without a final newline.
 */
export function usageText(header: string, flags: readonly Flag[], footer = ""): string {
  const all = [...flags, HELP];
  const lefts = all.map((f) => `  --${f.name}${f.value ? ` ${f.value}` : ""}`);
  // One column for every help text, two spaces past the longest flag (at least the usual 22).
  const width = Math.max(22, ...lefts.map((left) => left.length + 2));
  const rows = all.map((f, i) => {
    const left = lefts[i];
    const extras = [
      f.choices ? f.choices.join(" | ") : "",
      f.defaultHelp
        ? `default ${f.defaultHelp}`
        : typeof f.default === "string"
        ? `default ${f.default}`
        : "",
    ].filter(Boolean);
    return `${left.padEnd(width)}${f.help}${extras.length ? ` (${extras.join("; ")})` : ""}`;
  });
  return [header, ...rows, ...(footer ? [footer] : [])].join("\n");
}

/**
 * Rephrases a config error in terms of the flag that set the field; other errors come back unchanged.
 *
 * @param flags The table.
 * @param error What the config layer threw.
 * @returns A {@linkcode UsageError} naming the flag, or `error` when no flag sets the field.
 * @example
 * ```ts
 * import { ConfigError } from "../config/config_error.ts";
 * import { usageErrorFor } from "./flag_table.ts";
 * const flags = [{ name: "lr", type: "number", help: "learning rate", field: "optimizer.learningRate" }] as const;
 * const error = usageErrorFor(flags, new ConfigError("optimizer.learningRate", -1, "> 0")) as Error;
 * if (error.message !== `--lr must be a number > 0, got "-1"`) throw new Error(error.message);
 * ```
 */
export function usageErrorFor(flags: readonly Flag[], error: unknown): unknown {
  if (!(error instanceof ConfigError)) return error;
  const flag = flags.find((f) => f.field === error.field);
  if (!flag) return error;
  const allowed = /^[<>[(]|^in /.test(error.allowed) ? `a number ${error.allowed}` : error.allowed;
  return new UsageError(`--${flag.name} must be ${allowed}, got "${error.value}"`);
}

/**
 * Flags that set the given config fields, as `--name` (for messages about a resumed run).
 *
 * @param flags The table.
 * @param fields Dotted config fields.
 * @returns One entry per field: its flag, or the field itself when no flag sets it.
 */
export function flagsOfFields(flags: readonly Flag[], fields: readonly string[]): string[] {
  return fields.map((field) => {
    const flag = flags.find((f) => f.field === field);
    return flag ? `--${flag.name}` : field;
  });
}
