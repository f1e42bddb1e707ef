#!/usr/bin/env bash
# The GPU check: on a machine with a GPU and no network, set up what Deno's WebGPU needs, run the bench on
# webgpu for every preset and a short paper-scale training (reproduce:mnist, a few epochs on a limit), and
# write everything under one folder, in at most --budget seconds (default 480), each step under its own
# timeout so a hang cannot eat the budget.
#
#     bash bench/gpu_check.sh [--out DIR] [--budget S] [--presets a,b] [--epochs N] [--limit N]
#                             [--batch N] [--use-carried]
#
# Needs, beside the checkout, bench/gpu-carry/ from `bash bench/gpu_prepare.sh` (made on a machine with the
# npm registry and Debian's archive; about 45 MB): deno (unless the machine has deno 2), the npm packages as a
# DENO_DIR, and the Vulkan loader libvulkan1 (unless the machine has it). The NVIDIA Vulkan driver (ICD)
# comes with the machine's driver: its JSON manifest is looked for in the usual folders, else one is written
# for libGLX_nvidia.so.0. --use-carried uses the carried deno and loader even where the machine has them (to
# test the carried ones). Output folder (default $OUT/gpu-check, else bench-results/gpu-check-<time>):
#
#   summary.txt     one line per step: name, exit code, seconds; then what was found
#   machine.txt     uname, CPU, memory, nvidia-smi, Vulkan loader and ICDs, environment of the run
#   adapter.json    what navigator.gpu.requestAdapter() returned (name, features, limits)
#   bench-<preset>.txt  the bench's tables per preset; bench/bench-*.json their records
#   reproduce.txt   the training's output; reproduce-mnist/ its run folder (checkpoints and models deleted)
set -uo pipefail

started=$(date +%s)
root=$(cd "$(dirname "$0")/.." && pwd)
out=""
budget=480
presets="quick,vgg-grey,vgg-colour,vgg-imagenet"
epochs=3
limit=12000
batch=64
use_carried=0
while (($#)); do
  case "$1" in
  --out) out=$2; shift 2 ;;
  --budget) budget=$2; shift 2 ;;
  --presets) presets=$2; shift 2 ;;
  --epochs) epochs=$2; shift 2 ;;
  --limit) limit=$2; shift 2 ;;
  --batch) batch=$2; shift 2 ;;
  --use-carried) use_carried=1; shift ;;
  -h | --help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "gpu_check.sh: unknown flag \"$1\" (see --help)" >&2; exit 2 ;;
  esac
done
if [[ -z "$out" ]]; then
  if [[ -n "${OUT:-}" ]]; then out="$OUT/gpu-check"; else out="$root/bench-results/gpu-check-$(date -u +%Y%m%dT%H%M%SZ)"; fi
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
carry="${ASGE_GPU_CARRY:-$root/bench/gpu-carry}"
work=$(mktemp -d /tmp/asge-gpu-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
summary="$out/summary.txt"
: >"$summary"
note() { echo "$*" | tee -a "$summary"; }

# Seconds left of the budget, less what the later steps are promised.
left() { echo $((budget - ($(date +%s) - started) - ${1:-0})); }

# step NAME MAX_SECONDS RESERVE_SECONDS LOG COMMAND...: runs COMMAND with a timeout of MAX_SECONDS, cut so
# that RESERVE_SECONDS (of the default 480 s budget, scaled to --budget) stay for the steps after it; SIGINT
# first (the CLIs save and say how to resume), KILL 15 s later.
step() {
  local name=$1 max=$2 reserve=$(($3 * budget / 480)) log=$4
  shift 4
  local t
  t=$(left "$reserve")
  ((t > max)) && t=$max
  if ((t < 10)); then
    note "$(printf '%-12s skipped: %ss of the budget left' "$name" "$(left)")"
    return 0
  fi
  local s0 rc
  s0=$(date +%s)
  timeout --signal=INT --kill-after=15 "$t" "$@" >"$log" 2>&1
  rc=$?
  local what="exit $rc"
  ((rc == 124 || rc == 130 || rc == 137)) && what="exit $rc (timed out after ${t}s)"
  note "$(printf '%-12s %-32s %4ss  %s' "$name" "$what" $(($(date +%s) - s0)) "${log#"$out"/}")"
  return 0
}

cd "$root" || exit 1
note "asge gpu check, $(date -u +%FT%TZ), budget ${budget}s, presets $presets, reproduce:mnist $epochs epochs on $limit images"

# --- deno ---------------------------------------------------------------------------------------------------
deno_bin=""
if ((!use_carried)) && command -v deno >/dev/null && deno --version 2>/dev/null | grep -q '^deno 2\.'; then
  deno_bin=$(command -v deno)
elif [[ -f "$carry/deno.xz" ]]; then
  mkdir -p "$work/bin"
  if xz -dc "$carry/deno.xz" >"$work/bin/deno" 2>"$work/xz.err"; then
    chmod +x "$work/bin/deno"
    deno_bin="$work/bin/deno"
  else
    note "cannot unpack $carry/deno.xz: $(cat "$work/xz.err")"
  fi
fi
if [[ -z "$deno_bin" ]]; then
  note "no deno: the machine has none and $carry/deno.xz is missing; run bash bench/gpu_prepare.sh and carry bench/gpu-carry"
  exit 1
fi
export PATH="$(dirname "$deno_bin"):$PATH"
note "deno: $deno_bin ($("$deno_bin" --version | head -1))"

# --- npm packages -------------------------------------------------------------------------------------------
if [[ -f "$carry/deno_dir.tar.xz" ]]; then
  export DENO_DIR="$work/deno_dir"
  mkdir -p "$DENO_DIR"
  xz -dc "$carry/deno_dir.tar.xz" | tar -C "$DENO_DIR" -xf - || note "cannot unpack $carry/deno_dir.tar.xz"
  note "npm packages: $carry/deno_dir.tar.xz -> DENO_DIR ($(du -sh "$DENO_DIR" | cut -f1))"
else
  note "npm packages: no $carry/deno_dir.tar.xz; using the machine's Deno cache (${DENO_DIR:-default})"
fi
export DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1

# --- Vulkan loader and driver -------------------------------------------------------------------------------
has_loader() { ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1 '; }
if ((!use_carried)) && has_loader; then
  note "vulkan loader: the machine's ($(ldconfig -p | grep 'libvulkan\.so\.1 ' | head -1 | sed 's/.*=> //'))"
else
  deb=$(ls "$carry"/debs/libvulkan1_*.deb 2>/dev/null | head -1)
  if [[ -n "$deb" ]]; then
    mkdir -p "$work/vulkan"
    if command -v dpkg-deb >/dev/null; then
      dpkg-deb -x "$deb" "$work/vulkan"
    else
      (cd "$work/vulkan" && ar x "$deb" && tar -xf data.tar.*)
    fi
    lib=$(dirname "$(find "$work/vulkan" -name 'libvulkan.so.1*' | head -1)")
    export LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    note "vulkan loader: carried $(basename "$deb") -> $lib"
  else
    note "vulkan loader: none on the machine and no $carry/debs/libvulkan1_*.deb: webgpu will find no adapter"
  fi
fi
icds=$(ls /usr/share/vulkan/icd.d/*.json /etc/vulkan/icd.d/*.json /usr/local/share/vulkan/icd.d/*.json 2>/dev/null)
nvidia_icd=$(echo "$icds" | grep -i nvidia | head -1)
if [[ -z "$nvidia_icd" ]]; then
  # Containers often get the driver's libraries without its Vulkan manifest; the ICD is libGLX_nvidia.so.0.
  glx=$(ldconfig -p 2>/dev/null | grep -m1 'libGLX_nvidia\.so\.0 ' | sed 's/.*=> //')
  [[ -z "$glx" ]] && glx=$(find /usr/lib /usr/lib64 /usr/local/nvidia /usr/lib/x86_64-linux-gnu \
    -name 'libGLX_nvidia.so.0' 2>/dev/null | head -1)
  if [[ -n "$glx" ]]; then
    mkdir -p "$work/icd"
    nvidia_icd="$work/icd/nvidia_icd.json"
    printf '{"file_format_version":"1.0.0","ICD":{"library_path":"%s","api_version":"1.3.0"}}\n' "$glx" >"$nvidia_icd"
    export VK_DRIVER_FILES="$nvidia_icd" VK_ICD_FILENAMES="$nvidia_icd"
    note "vulkan driver: wrote $nvidia_icd for $glx (the machine has no NVIDIA manifest)"
  else
    note "vulkan driver: no NVIDIA ICD (no nvidia_icd.json, no libGLX_nvidia.so.0; a container needs NVIDIA_DRIVER_CAPABILITIES with graphics); others: ${icds//$'\n'/ }"
  fi
else
  note "vulkan driver: $nvidia_icd"
fi
xdg="$work/xdg"
mkdir -p "$xdg" && chmod 700 "$xdg"
export XDG_RUNTIME_DIR="$xdg"

{
  echo "== uname"; uname -a
  echo "== cpu"; grep -m1 'model name' /proc/cpuinfo; nproc
  echo "== memory"; free -h 2>/dev/null
  echo "== nvidia-smi"; timeout 20 nvidia-smi 2>&1 || echo "(nvidia-smi failed or missing)"
  echo "== vulkan"; ldconfig -p 2>/dev/null | grep -i -E 'vulkan|GLX_nvidia'; echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
  echo "ICDs: $icds"; echo "VK_DRIVER_FILES=${VK_DRIVER_FILES:-}"
  echo "== deno"; "$deno_bin" --version; echo "DENO_DIR=${DENO_DIR:-}"
  echo "== git"; git -C "$root" log -1 --oneline 2>/dev/null; git -C "$root" status --short 2>/dev/null | head -20
} >"$out/machine.txt" 2>&1

# --- the steps ----------------------------------------------------------------------------------------------
cat >"$work/adapter.ts" <<'EOF'
const gpu = (navigator as { gpu?: GPU }).gpu;
const adapter = gpu ? await gpu.requestAdapter({ powerPreference: "high-performance" }) : null;
if (adapter === null) {
  console.log(JSON.stringify({ adapter: null, why: gpu ? "requestAdapter() returned null" : "no navigator.gpu" }));
  Deno.exit(1);
}
const info = adapter.info;
const limits: Record<string, number> = {};
for (const key in adapter.limits) limits[key] = (adapter.limits as unknown as Record<string, number>)[key];
console.log(JSON.stringify({
  vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description,
  isFallbackAdapter: (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? null,
  features: [...adapter.features].sort(), limits,
}, null, 1));
Deno.exit(0);
EOF
step adapter 30 0 "$out/adapter.json" deno run -A --cached-only "$work/adapter.ts"
step backends 30 0 "$out/backends.txt" deno eval \
  'import { probeBackends } from "./lib/backend/backends.ts"; for (const p of await probeBackends()) console.log(`${p.name}: ${p.available ? "available" : "NOT available"}, ${p.reason}`); Deno.exit(0);'
# One bench run per preset, so that a preset that hangs or runs long costs only its own table.
IFS=, read -r -a preset_list <<<"$presets"
for i in "${!preset_list[@]}"; do
  p=${preset_list[$i]}
  later=$((${#preset_list[@]} - i - 1))
  step "bench $p" 100 $((130 + 25 * later)) "$out/bench-$p.txt" deno run -A --cached-only bench/bench.ts \
    --backends webgpu --presets "$p" --threads 1 --batch "$batch" --no-pytorch --slow-all --out "$out/bench"
done
step reproduce 200 5 "$out/reproduce.txt" deno run -A --cached-only lib/cli/reproduce.ts mnist \
  --backend webgpu --epochs "$epochs" --limit "$limit" --offline --out "$out/reproduce-mnist"

# Checkpoints and models (tens of MB) are not results: keep the output small enough to bring back.
find "$out/reproduce-mnist" -name '*.asge' -delete 2>/dev/null
note "adapter: $(grep -E '"(vendor|device|description)"' "$out/adapter.json" 2>/dev/null | tr -d '\n ' | head -c 200)"
note "total $(($(date +%s) - started))s of the ${budget}s budget; everything is in $out"
