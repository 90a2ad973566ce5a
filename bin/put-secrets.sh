#!/usr/bin/env bash
# Creates (or replaces) every ActionGate secret of one stage in SSM Parameter Store as a SecureString.
#
#   bin/put-secrets.sh <stage>            asks for each value (input hidden)
#
# Values already in the environment are used without asking: ACTIONGATE_IDP_CLIENT_SECRET,
# ACTIONGATE_GPT_CLIENT_SECRET, ACTIONGATE_STATE_KEY, ACTIONGATE_GITHUB_TOKEN. An empty state key is
# generated (32 random bytes); an empty GitHub token is skipped (the API goes live, the GitHub
# operations answer 503 until it exists). Uses your AWS CLI profile and region; KMS key: the account's
# aws/ssm key unless ACTIONGATE_KMS_KEY_ID names another (the functions' roles then need kms:Decrypt on it).
set -euo pipefail

stage=${1:?usage: bin/put-secrets.sh <stage>   (the Stage parameter of the stack, e.g. prod)}
[[ $stage =~ ^[A-Za-z0-9_.-]+$ ]] || { echo "Stage must be letters, digits, '.', '_' or '-'" >&2; exit 2; }
command -v aws >/dev/null || { echo "The AWS CLI (aws) is needed: https://docs.aws.amazon.com/cli/" >&2; exit 2; }

value_file=$(mktemp)
trap 'rm -f "$value_file"' EXIT
chmod 600 "$value_file"

put() { # put <folder/name> <value>; the value goes through a private file, never on a command line
  local name="/actiongate/$stage/$1"
  printf '%s' "$2" > "$value_file"
  aws ssm put-parameter --type SecureString --overwrite --name "$name" --value "file://$value_file" \
      ${ACTIONGATE_KMS_KEY_ID:+--key-id "$ACTIONGATE_KMS_KEY_ID"} --output text --query Version >/dev/null
  echo "wrote $name"
}

ask() { # ask <variable> <prompt>; prints the value from the environment or from the terminal
  local current=${!1:-}
  if [[ -z $current ]]; then
    read -rsp "$2: " current </dev/tty
    echo >/dev/tty
  fi
  printf '%s' "$current"
}

idp_secret=$(ask ACTIONGATE_IDP_CLIENT_SECRET "Client secret of ActionGate's app at your identity provider")
[[ -n $idp_secret ]] || { echo "The identity provider's client secret is required" >&2; exit 2; }
gpt_secret=$(ask ACTIONGATE_GPT_CLIENT_SECRET "Client secret you will give the GPT editor (empty: generate one)")
if [[ -z $gpt_secret ]]; then
  gpt_secret=$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')
  echo "Generated the GPT client secret; read it back for the GPT editor with:"
  echo "  aws ssm get-parameter --with-decryption --name /actiongate/$stage/oauth/gpt-client-secret --query Parameter.Value --output text"
fi
state_key=${ACTIONGATE_STATE_KEY:-$(openssl rand -base64 32)}
github_token=$(ask ACTIONGATE_GITHUB_TOKEN "GitHub token for the DevOps operations (empty: skip for now)")

put oauth/idp-client-secret "$idp_secret"
put oauth/gpt-client-secret "$gpt_secret"
put oauth/state-key "$state_key"
if [[ -n $github_token ]]; then
  put api/github-token "$github_token"
fi
# The admin page (/admin) is served by the API function, which reads only its own folder: a copy of the
# provider client's secret, and a state key of its own for the page's cookies.
put api/idp-client-secret "$idp_secret"
put api/state-key "$(openssl rand -base64 32)"

echo "Done. Execution environments started from now on read these (a copy restored from a SnapStart snapshot"
echo "older than 15 minutes reads them again); warm ones keep the old values until Lambda replaces them."
