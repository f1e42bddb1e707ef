import assert from "node:assert/strict";
import { join } from "node:path";
import { DatasetFormatError } from "../../../datasets/dataset_errors.ts";
import { indexTar, readAt } from "../../../datasets/formats/tar_index.ts";
import { tarArchive } from "../_dataset_files.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

Deno.test("indexTar() finds members of a tar nested in a tar on disk, by absolute offset", async () => {
  const inner = tarArchive({
    "n01440764_1.JPEG": bytes("first image"),
    "n01440764_2.JPEG": bytes("x".repeat(700)),
  });
  const outer = tarArchive({ "n01440764.tar": inner, "notes.txt": bytes("not a class") });
  const path = join(await Deno.makeTempDir(), "train.tar");
  await Deno.writeFile(path, outer);
  using file = await Deno.open(path);
  const members = await indexTar(file, "train.tar", 0, outer.length);
  assert.deepEqual(members.map((m) => [m.name, m.size]), [["n01440764.tar", inner.length], [
    "notes.txt",
    11,
  ]]);
  const nested = await indexTar(
    file,
    "train.tar: n01440764.tar",
    members[0].offset,
    members[0].offset + members[0].size,
  );
  assert.deepEqual(nested.map((m) => [m.name, m.size]), [["n01440764_1.JPEG", 11], [
    "n01440764_2.JPEG",
    700,
  ]]);
  const text = new TextDecoder().decode(await readAt(file, nested[0].offset, nested[0].size));
  assert.equal(text, "first image");
  assert.equal((await readAt(file, nested[1].offset, 700)).every((b) => b === 0x78), true);
});

Deno.test("indexTar() rejects a damaged header and a member cut short, naming the archive", async () => {
  const archive = tarArchive({ "a.JPEG": bytes("y".repeat(2000)) });
  const dir = await Deno.makeTempDir();
  const damaged = archive.slice();
  damaged[10] ^= 0xff;
  await Deno.writeFile(join(dir, "damaged.tar"), damaged);
  await Deno.writeFile(join(dir, "short.tar"), archive.subarray(0, 1024));
  using bad = await Deno.open(join(dir, "damaged.tar"));
  await assert.rejects(
    indexTar(bad, "damaged.tar", 0, damaged.length),
    (e) =>
      e instanceof DatasetFormatError &&
      /"damaged\.tar": tar header at byte 0 fails its checksum/.test(e.message),
  );
  using short = await Deno.open(join(dir, "short.tar"));
  await assert.rejects(
    indexTar(short, "short.tar", 0, 1024),
    /"short\.tar": member "a\.JPEG" needs 2000 bytes but the archive ends after 512; the file is cut short/,
  );
});
