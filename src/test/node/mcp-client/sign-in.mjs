// An MCP client nobody here wrote: the TypeScript SDK's client with its own OAuth flow (discovery from the
// 401, registration, PKCE, resource, token, retry), which Claude Code, Cursor and the MCP Inspector build on.
// Only the person's part in the browser is played here, with fetch: the consent page's Approve and the
// embedded provider's sign-in form. Prints what it saw, one fact a line; exits non-zero on any failure.
// Usage: ACTIONGATE_URL=http://localhost:8080 node sign-in.mjs
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";

const gate = process.env.ACTIONGATE_URL ?? "http://localhost:8080";
const person = process.env.PERSON ?? "ts-sdk@example.com";

/** The person's browser: keeps ActionGate's cookies and follows no redirect by itself. */
const jar = new Map();
async function browse(url, init = {}) {
  const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const answer = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers ?? {}), cookie, accept: "text/html" } });
  for (const setCookie of answer.headers.getSetCookie()) {
    const [pair, ...attributes] = setCookie.split(";");
    const name = pair.slice(0, pair.indexOf("=")).trim();
    if (attributes.some(attribute => attribute.trim().toLowerCase() === "max-age=0")) jar.delete(name);
    else jar.set(name, pair.slice(pair.indexOf("=") + 1).trim());
  }
  return answer;
}

class InMemoryProvider {
  redirectUrl = "http://127.0.0.1:53999/callback";
  clientMetadata = { client_name: "TypeScript SDK client", redirect_uris: [this.redirectUrl],
    grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], token_endpoint_auth_method: "none" };
  clientInformation() { return this.client; }
  saveClientInformation(client) { this.client = client; console.log(`registered: ${client.token_endpoint_auth_method}`); }
  tokens() { return this.saved; }
  saveTokens(tokens) { this.saved = tokens; console.log(`tokens: refresh=${tokens.refresh_token ? "yes" : "no"} scope=${tokens.scope}`); }
  saveCodeVerifier(verifier) { this.verifier = verifier; }
  codeVerifier() { return this.verifier; }
  async redirectToAuthorization(url) {
    console.log(`authorize: resource=${url.searchParams.get("resource")} method=${url.searchParams.get("code_challenge_method")}`);
    const consent = await browse(url.toString());
    const page = await consent.text();
    if (consent.status !== 200) throw new Error(`consent page: ${consent.status} ${page}`);
    const ticket = /name="ticket" value="([^"]+)"/.exec(page)[1];
    const approved = await browse(`${gate}/authorize/consent`, { method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ ticket, decision: "approve" }) });
    if (approved.status !== 303) throw new Error(`approve: ${approved.status} ${await approved.text()}`);
    const signedIn = await fetch(approved.headers.get("location"), { method: "POST", redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ username: person }) });
    const back = await browse(signedIn.headers.get("location"));
    const location = new URL(back.headers.get("location"));
    console.log(`callback: ${location.origin}${location.pathname} iss=${location.searchParams.get("iss")}`);
    this.code = location.searchParams.get("code");
  }
}

const provider = new InMemoryProvider();
const open = () => new StreamableHTTPClientTransport(new URL(`${gate}/mcp`), { authProvider: provider });
let transport = open();
try {
  await new Client({ name: "ts-sdk-check", version: "1" }).connect(transport);
  throw new Error("connected without signing in");
} catch (failure) {
  if (!(failure instanceof UnauthorizedError)) throw failure;
}
await transport.finishAuth(provider.code);
transport = open();
const client = new Client({ name: "ts-sdk-check", version: "1" });
await client.connect(transport);
console.log(`protocol: ${transport.protocolVersion}`);
console.log(`tools: ${(await client.listTools()).tools.map(tool => tool.name).sort().join(",")}`);
const me = await client.callTool({ name: "getMe", arguments: {} });
console.log(`getMe: subject=${me.structuredContent?.subject} isError=${me.isError === true}`);
await client.close();
