#!/usr/bin/env bash
# Makes a deliberately broken copy of a packed n8n-nodes-crm-lead tarball, to show that the
# queue suite catches a broken package:
#
#   bash scripts/queue/broken-tarball.sh .e2e/pack/n8n-nodes-crm-lead-<version>-<hash>.tgz /tmp/broken.tgz
#   E2E_PACKAGE_TARBALL=/tmp/broken.tgz npm run test:queue      # must fail
#
# The bug planted: Lead → Create sends its POST twice (as a client that retries a request that
# had in fact succeeded), so every input item creates two leads.
set -euo pipefail
in="$(realpath "$1")"
out="$(realpath -m "$2")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$in" -C "$work"
file="$work/package/dist/nodes/CrmLead/actions/lead/create.operation.js"
perl -0pi -e 's/(    const \{ body: record \} = await \(0, request_1\.crmRequest\)\(ctx, (\{.*?\n    \})\);\n)/$1    await (0, request_1.crmRequest)(ctx, $2);\n/s' "$file"
grep -c "crmRequest)(ctx" "$file" | grep -qx 2 || { echo "could not plant the bug in $file" >&2; exit 1; }
tar -czf "$out" -C "$work" package
echo "broken tarball: $out (Create posts every lead twice)"
