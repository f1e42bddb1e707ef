import assert from "node:assert/strict";
import { sourceFiles } from "./_source_files.ts";

/**
 * The layers of lib/, in the order data flows; a file may import from its own folder and from folders to its
 * left. backend/ stands beside the chain: only cli/, parallel/ (whose worker threads each pick one), mod.ts and
 * tests choose a backend. parallel/ sits beside training (it is a step engine) and only cli/ uses it.
 * pipeline/ (a step engine across processes, and the stage that runs in each) comes after run, before cli.
 * datasets/ uses only util and config; nothing imports cli/.
 * notebook/ is the notebooks' counterpart of cli/, at the end of the chain: it joins datasets/ to the layers
 * up to run/ for the notebooks, which reach it through mod.ts; no folder imports it, and it chooses no backend.
 */
const CHAIN = [
  "util",
  "config",
  "data",
  "model",
  "prediction",
  "training",
  "report",
  "run",
  "pipeline",
  "study",
  "cli",
];

function allowed(from: string, to: string): boolean {
  if (from === to) return true;
  if (from === "datasets") return to === "util" || to === "config";
  if (to === "cli" || to === "notebook") return false;
  if (to === "datasets") return from === "cli" || from === "notebook";
  if (from === "notebook") return CHAIN.indexOf(to) >= 0 && CHAIN.indexOf(to) <= CHAIN.indexOf("run");
  if (to === "backend") return from === "cli" || from === "parallel";
  if (from === "backend") return to === "util";
  if (to === "parallel") return from === "cli";
  if (from === "parallel") return CHAIN.indexOf(to) <= CHAIN.indexOf("training");
  return CHAIN.indexOf(to) < CHAIN.indexOf(from);
}

const root = new URL("../", import.meta.url);
/** A static import, side-effect import or re-export at the start of a line (doc examples start with " * "). */
const IMPORT = /^\s*(?:import|export)(?:[^"'`]*?from)?\s*["']([^"']+)["']/gm;
/** A literal dynamic import outside comments. */
const DYNAMIC_IMPORT = /^(?!\s*(?:\*|\/\/)).*?\bimport\(\s*["']([^"']+)["']/gm;
const folderOf = (url: URL) => {
  const path = url.pathname.slice(root.pathname.length);
  return path.startsWith("lib/") ? path.split("/")[1] : path.split("/")[0];
};

Deno.test("imports follow the layer order util -> config -> data -> model -> prediction -> training -> report -> run -> pipeline -> study -> cli", async () => {
  let checked = 0;
  for (const top of ["lib/", "datasets/"]) {
    for await (const file of sourceFiles(new URL(top, root))) {
      const source = await Deno.readTextFile(file);
      for (const [, specifier] of source.matchAll(IMPORT)) {
        if (!specifier.startsWith(".")) continue;
        const target = new URL(specifier, file);
        const [from, to] = [folderOf(file), folderOf(target)];
        assert.ok(
          allowed(from, to),
          `${file.pathname.slice(root.pathname.length)} imports ${specifier} (${from} -> ${to})`,
        );
        checked++;
      }
    }
  }
  assert.ok(checked > 100, `only ${checked} imports were checked`);
});

/**
 * Inside datasets/: the top level is shared by every loader (options, events, errors) and only load_dataset.ts
 * looks into the family folders; download/ and formats/ use only the top level and themselves; a family folder
 * (mnist/, cifar/, imagenet/, synthetic/) uses those and never another family. Returns why not, or undefined.
 */
function datasetsRule(from: string, to: string): string | undefined {
  const [fromFolder, toFolder] = [from.split("/"), to.split("/")].map((parts) =>
    parts.length > 2 ? parts[1] : ""
  );
  if (fromFolder === toFolder) return undefined;
  if (toFolder === "") return undefined;
  if (fromFolder === "") {
    return from === "datasets/load_dataset.ts" && !["download", "formats"].includes(toFolder)
      ? undefined
      : "only load_dataset.ts looks into a family folder; the shared top level uses none";
  }
  if (toFolder === "download" || toFolder === "formats") {
    return fromFolder === "download" || fromFolder === "formats"
      ? `${fromFolder}/ and ${toFolder}/ stay independent of each other`
      : undefined;
  }
  return `${fromFolder}/ may not import the ${toFolder}/ family`;
}

Deno.test("datasets/ imports: top level <- download/, formats/ <- one folder per family <- load_dataset.ts", async () => {
  let checked = 0;
  for await (const file of sourceFiles(new URL("datasets/", root))) {
    const from = file.pathname.slice(root.pathname.length);
    const source = await Deno.readTextFile(file);
    for (const [, specifier] of source.matchAll(IMPORT)) {
      const target = new URL(specifier, file);
      if (!specifier.startsWith(".") || !target.pathname.startsWith(new URL("datasets/", root).pathname)) {
        continue;
      }
      const to = target.pathname.slice(root.pathname.length);
      const why = datasetsRule(from, to);
      assert.equal(why, undefined, `${from} imports ${specifier}: ${why}`);
      checked++;
    }
  }
  assert.ok(checked > 50, `only ${checked} imports were checked`);
});

Deno.test("mod.ts exports from lib/ and datasets/, never from cli/", async () => {
  const file = new URL("mod.ts", root);
  const specifiers = [...(await Deno.readTextFile(file)).matchAll(IMPORT)].map(([, specifier]) => specifier);
  assert.ok(specifiers.length > 50, `only ${specifiers.length} exports found in mod.ts`);
  for (const specifier of specifiers) {
    if (!specifier.startsWith(".")) continue;
    const to = new URL(specifier, file).pathname.slice(root.pathname.length);
    assert.match(to, /^(lib\/(?!cli\/)|datasets\/)/, `mod.ts exports from ${specifier}`);
  }
});

/**
 * Which folders may import which npm packages (by bare specifier prefix). tfjs enters at model/: util, config,
 * data and datasets are plain TypeScript. Only lib/backend/ loads backends (and the @tensorflow/tfjs union,
 * for tfjs's gradients and chained ops), and only lazily, so that importing mod.ts registers nothing; the
 * tests choose a backend through useBackend, except the backend suite, which also imports backends itself.
 */
const NPM_RULES: readonly { readonly packages: RegExp; readonly folders: RegExp; readonly lazy?: true }[] = [
  { packages: /^node:/, folders: /./ },
  {
    packages: /^@tensorflow\/tfjs-core$/,
    folders: /^(lib\/(model|prediction|training|report|run|pipeline|cli|parallel|backend)|tests)\b/,
  },
  // The NATS client carries the block pipeline's frames: only lib/pipeline and its tests talk to the broker.
  { packages: /^nats$/, folders: /^(lib\/pipeline|tests\/pipeline)$/ },
  { packages: /^@tensorflow\/tfjs(-backend-[a-z]+)?$/, folders: /^lib\/backend$/, lazy: true },
  { packages: /^@tensorflow\/tfjs-backend-[a-z]+$/, folders: /^tests\/backend$/ },
  { packages: /^plotly\.js-cartesian-dist-min\//, folders: /^lib\/report$/, lazy: true },
  { packages: /^sharp$/, folders: /^datasets\/imagenet$/, lazy: true },
  // The NATS client carries a pipeline's activations; only its link to the broker imports it.
  { packages: /^nats$/, folders: /^lib\/pipeline$/ },
];

/** "lib/model", "datasets/imagenet", "datasets" (its top level), "tests/backend", "tests", or "mod.ts". */
function npmFolderOf(file: URL): string {
  const parts = file.pathname.slice(root.pathname.length).split("/");
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0];
}

Deno.test("npm packages: tfjs-core from model/ on, backends and the tfjs union only lazily in backend/", async () => {
  const files: URL[] = [new URL("mod.ts", root)];
  for (const top of ["lib/", "datasets/", "tests/"]) {
    for await (const file of sourceFiles(new URL(top, root))) files.push(file);
  }
  let checked = 0;
  for (const file of files) {
    const source = await Deno.readTextFile(file);
    const found = [
      ...[...source.matchAll(IMPORT)].map(([, specifier]) => ({ specifier, lazy: false })),
      ...[...source.matchAll(DYNAMIC_IMPORT)].map(([, specifier]) => ({ specifier, lazy: true })),
    ];
    const folder = npmFolderOf(file);
    for (const { specifier, lazy } of found) {
      // Relative paths, and code a test writes into a template string for a child process, are not packages.
      if (specifier.startsWith(".") || specifier.startsWith("${")) continue;
      const rule = NPM_RULES.find((r) => r.packages.test(specifier) && r.folders.test(folder));
      const where = `${file.pathname.slice(root.pathname.length)} imports "${specifier}"`;
      assert.ok(rule, `${where}: ${folder} may not use that package (see NPM_RULES)`);
      assert.ok(lazy || !rule.lazy, `${where} at load time; use await import() where it is needed`);
      checked++;
    }
  }
  assert.ok(checked > 30, `only ${checked} npm imports were checked`);
});
