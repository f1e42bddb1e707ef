import assert from "node:assert/strict";
import {
  formatCount,
  formatDuration,
  formatFixed,
  formatMegabytes,
  formatMiB,
  formatPercent,
  formatSi,
  formatSigned,
  formatSignificant,
  MISSING,
  textTable,
} from "../../lib/util/text_format.ts";

Deno.test("format*() show a missing or non-finite value as the one placeholder", () => {
  const formatters = [
    formatFixed,
    formatSigned,
    formatPercent,
    formatCount,
    formatSignificant,
    formatSi,
    formatMiB,
    formatMegabytes,
    formatDuration,
  ];
  for (const format of formatters) {
    for (const value of [NaN, Infinity, -Infinity, null, undefined]) {
      assert.equal(format(value), MISSING, `${format.name}(${value})`);
    }
  }
});

Deno.test("formatFixed(), formatSigned() and formatPercent() round to the given decimals", () => {
  assert.equal(formatFixed(90.625), "90.63");
  assert.equal(formatFixed(7, 1), "7.0");
  assert.equal(formatSigned(0), "+0.00");
  assert.equal(formatSigned(-0.005, 1), "-0.0");
  assert.equal(formatSigned(3.14159, 3), "+3.142");
  assert.equal(formatPercent(1), "100.00%");
  assert.equal(formatPercent(0.07), "7.00%");
  assert.equal(formatPercent(0.12345, 1), "12.3%");
});

Deno.test("formatCount(), formatSignificant() and formatSi() keep the digits that matter", () => {
  assert.equal(formatCount(0), "0");
  assert.equal(formatCount(1_331_240), "1,331,240");
  assert.equal(formatSignificant(0.000123456), "0.000123");
  assert.equal(formatSignificant(2.5), "2.5");
  assert.equal(formatSignificant(1234.5, 4), "1235");
  assert.equal(formatSignificant(-0.5), "-0.5");
  assert.equal(formatSi(0), "0");
  assert.equal(formatSi(35_000), "35k");
  assert.equal(formatSi(1_180_000), "1.18M");
  assert.equal(formatSi(2.5e9), "2.5G");
  assert.equal(formatSi(999_600), "1M", "rounding carries into the next prefix");
  assert.equal(formatSi(336_123_456, 4), "336.1M");
});

Deno.test("formatMiB(), formatMegabytes() and formatDuration() use their units", () => {
  assert.equal(formatMiB(11.4 * 2 ** 20), "11.40 MiB");
  assert.equal(formatMiB(1.5 * 2 ** 20, 1), "1.5 MiB");
  assert.equal(formatMegabytes(2e6), "2");
  assert.equal(formatDuration(0), "0.0s");
  assert.equal(formatDuration(59.94), "59.9s");
  assert.equal(formatDuration(60), "1m00s");
  assert.equal(formatDuration(3599), "59m59s");
  assert.equal(formatDuration(3600 * 25 + 120), "25h02m");
});

Deno.test("textTable() aligns number columns right and text columns left, under a rule", () => {
  const table = textTable(
    ["strategy", "test acc", "FLOPs/img", "time", "note"],
    [
      ["last", "91.23%", "336M", "1m05s", "all blocks"],
      ["best (block 2)", MISSING, "1.2k", "12.3s", ""],
    ],
  );
  assert.equal(
    table,
    [
      "strategy        test acc  FLOPs/img   time  note",
      "--------------  --------  ---------  -----  ----------",
      "last              91.23%       336M  1m05s  all blocks",
      "best (block 2)         –       1.2k  12.3s",
    ].join("\n"),
  );
});

Deno.test("textTable() treats a column of placeholders or mixed text as text, and fills short rows", () => {
  const table = textTable(["name", "value", "empty"], [["a", "1 of 3", "-"], ["bb", "2"]]);
  assert.equal(
    table,
    ["name  value   empty", "----  ------  -----", "a     1 of 3  -", "bb    2"].join("\n"),
  );
});
