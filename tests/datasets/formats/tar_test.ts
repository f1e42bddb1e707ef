import assert from "node:assert/strict";
import { readTar, tarFiles } from "../../../datasets/formats/tar.ts";
import { DatasetFormatError } from "../../../datasets/dataset_errors.ts";
import { tarArchive } from "../_dataset_files.ts";
import { hasCommand } from "../../_has_command.ts";

const big = new Uint8Array(1500).map((_, i) => i % 256);
const archive = tarArchive({ "top/a.txt": new TextEncoder().encode("alpha\n"), "top/big.bin": big });

Deno.test("readTar() lists folders and files with their exact bytes", () => {
  const entries = [...readTar(archive, "t.tar")];
  assert.deepEqual(entries.map((e) => [e.name, e.type, e.data.length]), [
    ["top/", "directory", 0],
    ["top/a.txt", "file", 6],
    ["top/big.bin", "file", 1500],
  ]);
  assert.deepEqual(tarFiles(archive, "t.tar").get("top/big.bin"), big);
});

Deno.test("readTar() reports a member cut short with the bytes it has", () => {
  const cut = archive.subarray(0, 512 * 4 + 100); // folder, a.txt (header+data), big.bin header, 100 bytes
  assert.throws(() => [...readTar(cut, "t.tar")], /"t\.tar": member "top\/big\.bin" has 100 of 1500 bytes/);
});

Deno.test("readTar() rejects a damaged header", () => {
  const damaged = archive.slice();
  damaged[512 + 3] ^= 1; // inside the second header's name
  assert.throws(() => [...readTar(damaged, "t.tar")], (e: Error) => {
    assert.ok(e instanceof DatasetFormatError);
    assert.match(e.message, /tar header at byte 512 fails its checksum/);
    return true;
  });
});

Deno.test("readTar() reads GNU tar's long names", {
  ignore: !hasCommand("tar"),
}, async () => {
  const dir = await Deno.makeTempDir();
  const long = `${"d".repeat(120)}/${"f".repeat(110)}.bin`;
  await Deno.mkdir(`${dir}/${long.split("/")[0]}`);
  await Deno.writeFile(`${dir}/${long}`, big);
  const out = await new Deno.Command("tar", { args: ["--format=gnu", "-cf", "-", "-C", dir, long] }).output();
  assert.ok(out.success);
  assert.deepEqual(tarFiles(out.stdout, "gnu.tar").get(long), big);
});
