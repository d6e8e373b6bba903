/**
 * The dev HTTP API over a {@link DevHost}: JSON in, JSON out, errors as `{ error }` with a 4xx/5xx status.
 * A failing request never takes the server down.
 *
 * - `POST /threads` → `{ thread_id }`
 * - `POST /threads/:id/runs` with `{ input }`, `{ resume }` or `{ command: { resume, goto, update } }`
 *   → `{ thread_id, version, values, __interrupt__? }`
 * - `GET /threads/:id/state` → `{ thread_id, version, values, next, tasks }`
 * - `GET /threads` → `{ threads: [{ thread_id, version, status, paused_at, pin_reason }] }`
 * - `GET /status` → what is served and the last reload
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { Command } from "@langgraph-compat/runtime";
import type { DevHost, ThreadInfo } from "./host.js";

const MAX_BODY = 1 << 20;

/** A request error with its HTTP status. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What `GET /status` reports, supplied by the dev session. */
export type StatusSource = () => Record<string, unknown> | Promise<Record<string, unknown>>;

function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "bigint") return v.toString();
    if (typeof v === "function" || typeof v === "symbol") return undefined;
    if (v instanceof Error) return { name: v.name, message: v.message };
    if (v instanceof Map) return Object.fromEntries(v);
    if (v instanceof Set) return [...v];
    return v;
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  let text: string;
  try {
    text = toJson(body);
  } catch (error) {
    status = 500;
    text = JSON.stringify({ error: `response is not serializable: ${(error as Error).message}` });
  }
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, "request body over 1 MiB");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `request body is not JSON: ${(error as Error).message}`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new HttpError(400, "request body must be a JSON object");
  return body as Record<string, unknown>;
}

function threadJson(info: ThreadInfo) {
  return { thread_id: info.threadId, version: info.version, status: info.status, paused_at: info.pausedAt, pin_reason: info.pinReason };
}

/** What a run request asks for: `input`, or a `Command` built from `resume` / `command`. */
function runInput(body: Record<string, unknown>): unknown {
  if ("command" in body) {
    const command = body.command;
    if (typeof command !== "object" || command === null) throw new HttpError(400, "command must be an object { resume?, goto?, update? }");
    const { resume, goto, update } = command as Record<string, unknown>;
    return new Command({ resume, goto, update } as ConstructorParameters<typeof Command>[0]);
  }
  if ("resume" in body) return new Command({ resume: body.resume });
  if ("input" in body) return body.input ?? null;
  throw new HttpError(400, "a run needs { input }, { resume } or { command }");
}

/** The dev API server (not yet listening). */
export function createDevServer(host: DevHost, status: StatusSource): Server {
  const created = new Set<string>();
  const running = new Set<string>();
  const info = async (threadId: string) => (await host.threads()).find((t) => t.threadId === threadId);
  const known = async (threadId: string) => {
    if (!created.has(threadId) && !(await info(threadId))) throw new HttpError(404, `no thread "${threadId}"; create it with POST /threads`);
  };

  async function route(req: IncomingMessage): Promise<[number, unknown]> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? "GET";
    if (parts.length === 1 && parts[0] === "status" && method === "GET") return [200, await status()];
    if (parts[0] !== "threads") throw new HttpError(404, `no route ${method} ${url.pathname}`);
    if (parts.length === 1 && method === "GET") {
      const listed = (await host.threads()).map(threadJson);
      for (const id of created) {
        if (!listed.some((t) => t.thread_id === id)) listed.push({ thread_id: id, version: null as unknown as string, status: "new", paused_at: [], pin_reason: [] });
      }
      return [200, { threads: listed }];
    }
    if (parts.length === 1 && method === "POST") {
      const body = await readJson(req);
      const id = body.thread_id === undefined ? randomUUID() : String(body.thread_id);
      if (created.has(id) || (await info(id))) throw new HttpError(409, `thread "${id}" already exists`);
      created.add(id);
      const registered = await host.createThread?.(id);
      return [201, registered ? { ...threadJson(registered) } : { thread_id: id }];
    }
    const id = parts[1];
    if (parts.length === 3 && parts[2] === "state" && method === "GET") {
      await known(id);
      const state = (await host.getState(id)) as { values?: unknown; next?: unknown; tasks?: { id: string; name: string; interrupts?: unknown[] }[]; createdAt?: string };
      const tasks = (state.tasks ?? []).map((t) => ({ id: t.id, name: t.name, interrupts: t.interrupts ?? [] }));
      return [200, { thread_id: id, version: (await info(id))?.version ?? null, values: state.values ?? {}, next: state.next ?? [], tasks, created_at: state.createdAt }];
    }
    if (parts.length === 3 && parts[2] === "runs" && method === "POST") {
      await known(id);
      const input = runInput(await readJson(req));
      if (running.has(id)) throw new HttpError(409, `thread "${id}" has a run in progress`);
      running.add(id);
      try {
        const result = await host.invoke(id, input);
        const { __interrupt__, ...values } = (typeof result === "object" && result !== null ? result : { value: result }) as Record<string, unknown>;
        return [200, { thread_id: id, version: (await info(id))?.version ?? null, values, ...(__interrupt__ ? { __interrupt__ } : {}) }];
      } finally {
        running.delete(id);
      }
    }
    const knownPath = parts.length === 1 || (parts.length === 3 && (parts[2] === "state" || parts[2] === "runs"));
    throw new HttpError(knownPath ? 405 : 404, `no route ${method} ${url.pathname}`);
  }

  return createServer((req, res) => {
    route(req).then(
      ([status, body]) => send(res, status, body),
      (error: unknown) => {
        if (error instanceof HttpError) return send(res, error.status, { error: error.message });
        const name = error instanceof Error && error.name !== "Error" ? `${error.name}: ` : "";
        send(res, 500, { error: `${name}${error instanceof Error ? error.message : String(error)}` });
      },
    );
  });
}
