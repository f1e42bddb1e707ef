import assert from "node:assert/strict";
import { defaultCacheDir } from "../../../datasets/download/cache_dir.ts";

const envOf = (vars: Record<string, string>) => (name: string) => vars[name];

Deno.test("defaultCacheDir() prefers ASGE_DATA on every platform", () => {
  for (const os of ["linux", "darwin", "windows"]) {
    assert.equal(
      defaultCacheDir(envOf({ ASGE_DATA: "/data/asge", HOME: "/h", LOCALAPPDATA: "C:\\L" }), os),
      "/data/asge",
    );
  }
});

Deno.test("defaultCacheDir() follows each platform's cache convention", () => {
  assert.equal(defaultCacheDir(envOf({ XDG_CACHE_HOME: "/x", HOME: "/h" }), "linux"), "/x/asge");
  assert.equal(defaultCacheDir(envOf({ HOME: "/h" }), "linux"), "/h/.cache/asge");
  assert.equal(
    defaultCacheDir(envOf({ HOME: "/Users/a", XDG_CACHE_HOME: "/x" }), "darwin"),
    "/Users/a/Library/Caches/asge",
  );
  assert.equal(
    defaultCacheDir(envOf({ LOCALAPPDATA: "C:\\Users\\a\\AppData\\Local" }), "windows"),
    "C:\\Users\\a\\AppData\\Local\\asge",
  );
  assert.equal(
    defaultCacheDir(envOf({ USERPROFILE: "C:\\Users\\a" }), "windows"),
    "C:\\Users\\a\\AppData\\Local\\asge",
  );
});

Deno.test("defaultCacheDir() says how to fix a missing home folder", () => {
  assert.throws(() => defaultCacheDir(envOf({}), "linux"), /set ASGE_DATA to a folder, pass --cache-dir/);
});
