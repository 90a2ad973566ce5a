#!/usr/bin/env bash
# A full sign-in as ChatGPT and a browser drive it against the running local server (./mvnw -Plocal):
# /authorize -> embedded provider's sign-in form -> /oauth/callback -> /token. Prints each run in ms
# (after one unmeasured warm-up) and the median.
# Usage: bench/oauth-round-trip.sh [runs]
set -euo pipefail
runs=${1:-5}
gate=${ACTIONGATE_URL:-http://localhost:8080}
redirect=https://chatgpt.com/aip/g-bench/oauth/callback
redirect_encoded=https%3A%2F%2Fchatgpt.com%2Faip%2Fg-bench%2Foauth%2Fcallback

round_trip() {
  local sign_in callback back code answer
  sign_in=$(curl -s -o /dev/null -w '%{redirect_url}' \
    "$gate/authorize?response_type=code&client_id=local-gpt&redirect_uri=$redirect_encoded&scope=workflows%3Aread&state=bench")
  callback=$(curl -s -o /dev/null -w '%{redirect_url}' -d username=bench@example.com "$sign_in")
  back=$(curl -s -o /dev/null -w '%{redirect_url}' "$callback")
  code=$(printf '%s' "$back" | sed -nE 's/.*[?&]code=([^&]+).*/\1/p')
  answer=$(curl -s "$gate/token" -d grant_type=authorization_code -d "code=$code" --data-urlencode "redirect_uri=$redirect" \
    -d client_id=local-gpt -d client_secret=local-gpt-secret)
  case "$answer" in *'"access_token"'*) ;; *) echo "round trip failed: $answer" >&2; exit 1 ;; esac
}

round_trip
times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  round_trip
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  echo "run $i: ${times[-1]} ms"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " ms"}'
