/**
 * The struct sizes and enum values the oneDNN binding hard-codes (`lib/backend/onednn/_abi.ts`) against the
 * installed header: a C program generated from the same tables is compiled with gcc and prints the header's
 * values. Skipped, with the reason, where gcc or the 2.x header (`libdnnl-dev`) is absent.
 */
import assert from "node:assert/strict";
import { hasCommand } from "../_has_command.ts";
import { DNNL2_ENUMS, DNNL2_LAYOUT, DNNL_ABI_MAJOR } from "../../lib/backend/onednn/_abi.ts";

const HEADER = "/usr/include/oneapi/dnnl/dnnl.h";

/** The C expression each layout entry stands for. */
const LAYOUT_EXPRESSIONS: Record<keyof typeof DNNL2_LAYOUT, string> = {
  sizeof_memory_desc: "sizeof(dnnl_memory_desc_t)",
  sizeof_convolution_desc: "sizeof(dnnl_convolution_desc_t)",
  sizeof_exec_arg: "sizeof(dnnl_exec_arg_t)",
  offsetof_exec_arg_memory: "offsetof(dnnl_exec_arg_t, memory)",
  offsetof_version_hash: "offsetof(dnnl_version_t, hash)",
  offsetof_version_cpu_runtime: "offsetof(dnnl_version_t, cpu_runtime)",
  DNNL_MAX_NDIMS: "DNNL_MAX_NDIMS",
};

function headerMajor(): number | undefined {
  try {
    const text = Deno.readTextFileSync(HEADER.replace("dnnl.h", "dnnl_version.h"));
    const major = text.match(/#define DNNL_VERSION_MAJOR (\d+)/);
    return major === null ? undefined : Number(major[1]);
  } catch {
    return undefined;
  }
}

const major = headerMajor();
const skip = !hasCommand("gcc")
  ? "gcc is not installed"
  : major === undefined
  ? `${HEADER} is absent (apt-get install libdnnl-dev)`
  : major !== DNNL_ABI_MAJOR
  ? `the installed header is oneDNN ${major}.x; the binding's numbers are for ${DNNL_ABI_MAJOR}.x`
  : undefined;

Deno.test({
  name: `oneDNN ABI numbers match ${HEADER}${skip === undefined ? "" : ` (skipped: ${skip})`}`,
  ignore: skip !== undefined,
  async fn() {
    const entries: Array<[string, string]> = [
      ...Object.entries(LAYOUT_EXPRESSIONS),
      ...Object.keys(DNNL2_ENUMS).map((name): [string, string] => [name, name]),
    ];
    const lines = entries.map(([key, expr]) => `  printf("%s %ld\\n", "${key}", (long)(${expr}));`);
    const program = `#include <stdio.h>\n#include <stddef.h>\n#include <dnnl.h>\nint main(void) {\n${
      lines.join("\n")
    }\n  return 0;\n}\n`;
    const dir = await Deno.makeTempDir({ prefix: "asge-dnnl-abi-" });
    try {
      await Deno.writeTextFile(`${dir}/abi.c`, program);
      const compiled = await new Deno.Command("gcc", { args: [`${dir}/abi.c`, "-o", `${dir}/abi`] }).output();
      assert.ok(compiled.success, new TextDecoder().decode(compiled.stderr));
      const run = await new Deno.Command(`${dir}/abi`).output();
      const header = Object.fromEntries(
        new TextDecoder().decode(run.stdout).trim().split("\n").map((l) => l.split(" ")).map((
          [k, v],
        ) => [k, +v]),
      );
      const ours: Record<string, number> = { ...DNNL2_LAYOUT, ...DNNL2_ENUMS };
      for (const [key] of entries) {
        assert.equal(ours[key], header[key], `${key}: binding ${ours[key]}, header ${header[key]}`);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
