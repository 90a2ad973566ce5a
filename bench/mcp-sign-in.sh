#!/usr/bin/env bash
# A whole MCP client sign-in against the running local server (./mvnw -Plocal), as a client that knows only
# the URL drives it with a browser: POST /mcp -> 401 -> protected-resource and authorization-server metadata
# -> POST /register -> /authorize (PKCE, resource) -> consent page -> Approve -> the embedded provider's
# sign-in form -> /oauth/callback -> /token -> tools/call getMe with the token. Prints each run in ms (after
# one unmeasured warm-up) and the median.
# Usage: bench/mcp-sign-in.sh [runs]
set -euo pipefail
runs=${1:-5}
gate=${ACTIONGATE_URL:-http://localhost:8080}
redirect=http://127.0.0.1:53682/callback
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT

value() { sed -nE "s/.*\"$1\":\"([^\"]+)\".*/\1/p"; }
query() { sed -nE "s/.*[?&]$1=([^&]+).*/\1/p"; }

sign_in() {
  local challenge_header metadata_path issuer server client verifier challenge page ticket provider callback back code tokens access
  : > "$jar"
  challenge_header=$(curl -s -o /dev/null -D - "$gate/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
    | tr -d '\r' | grep -i '^www-authenticate:')
  metadata_path=$(printf '%s' "$challenge_header" | sed -nE 's/.*resource_metadata="https?:\/\/[^\/]+([^"]+)".*/\1/p')
  issuer=$(curl -s "$gate$metadata_path" | sed -nE 's/.*"authorization_servers":\["([^"]+)".*/\1/p')
  server=$(curl -s "$gate/.well-known/oauth-authorization-server")
  case "$server" in *'"client_id_metadata_document_supported":true'*) ;; *) echo "no metadata at $issuer" >&2; exit 1 ;; esac
  client=$(curl -s "$gate/register" -H 'Content-Type: application/json' \
    -d "{\"client_name\":\"bench\",\"redirect_uris\":[\"http://127.0.0.1/callback\"]}" | value client_id)
  verifier=bench-verifier-$RANDOM$RANDOM-0123456789-0123456789-0123456789
  challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=')
  page=$(curl -s -c "$jar" -b "$jar" -G "$gate/authorize" --data-urlencode response_type=code --data-urlencode "client_id=$client" \
    --data-urlencode "redirect_uri=$redirect" --data-urlencode scope=workflows:read --data-urlencode state=bench \
    --data-urlencode "code_challenge=$challenge" --data-urlencode code_challenge_method=S256 --data-urlencode "resource=$gate/mcp")
  ticket=$(printf '%s' "$page" | sed -nE 's/.*name="ticket" value="([^"]+)".*/\1/p')
  provider=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" "$gate/authorize/consent" \
    --data-urlencode "ticket=$ticket" -d decision=approve)
  callback=$(curl -s -o /dev/null -w '%{redirect_url}' -d username=bench@example.com "$provider")
  back=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" "$callback")
  code=$(printf '%s' "$back" | query code)
  tokens=$(curl -s "$gate/token" -d grant_type=authorization_code -d "code=$code" --data-urlencode "redirect_uri=$redirect" \
    --data-urlencode "client_id=$client" -d "code_verifier=$verifier" --data-urlencode "resource=$gate/mcp")
  access=$(printf '%s' "$tokens" | value access_token)
  case "$(curl -s "$gate/mcp" -H "Authorization: Bearer $access" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' \
    -d '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"getMe","arguments":{}}}')" in
    *'"subject'*'bench@example.com'*) ;;
    *) echo "sign-in failed: consent ${#ticket} chars, back $back, tokens $tokens" >&2; exit 1 ;;
  esac
}

sign_in
times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  sign_in
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  echo "run $i: ${times[-1]} ms"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " ms"}'
