/**
 * The HTTP API of the desk, on Fastify: threads (create, run or resume, state, list) and the operations of the
 * host (deploy, rollback, canary, promote, versions, audit). Bodies are checked by Fastify's JSON schemas; every
 * error is `{ "error": "..." }` with its status code, never a stack.
 */
import { randomUUID } from "node:crypto";
import { Command } from "@langchain/langgraph";
import type { ThreadInfo } from "@langgraph-compat/host";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { GRAPH_ID, LABELS, type Desk, type Label } from "./desk.js";

/** A thread as the API shows it (the names of `langgraph-compat dev`'s API). */
const thread = (info: ThreadInfo) => ({ thread_id: info.threadId, version: info.version, status: info.status, paused_at: info.pausedAt, pin_reason: info.pinReason });

const threadId = { type: "string", minLength: 1, maxLength: 200 } as const;
const idParams = { type: "object", properties: { id: threadId }, required: ["id"] } as const;

const schemas = {
  createThread: { body: { type: "object", properties: { thread_id: threadId }, additionalProperties: false } },
  run: {
    params: idParams,
    // Exactly one of: input (a new ticket) or resume (the answer to the interrupt the thread is paused in).
    body: {
      type: "object",
      properties: {
        input: { type: "object", properties: { message: { type: "string", minLength: 1 } }, required: ["message"], additionalProperties: false },
        resume: { type: "object" },
      },
      minProperties: 1,
      maxProperties: 1,
      additionalProperties: false,
    },
  },
  state: { params: idParams },
  deploy: { body: { type: "object", properties: { version: { type: "string", enum: LABELS } }, required: ["version"], additionalProperties: false } },
  canary: { body: { type: "object", properties: { fraction: { type: "number", minimum: 0, maximum: 1 } }, required: ["fraction"], additionalProperties: false } },
  audit: { querystring: { type: "object", properties: { limit: { type: "integer", minimum: 1, maximum: 1000 } }, additionalProperties: false } },
};

const fail = (reply: FastifyReply, status: number, error: string) => reply.code(status).send({ error });

/** Builds the server around an open desk; `listen` is the caller's. */
export function buildApp(desk: Desk, options: { logger?: boolean } = {}): FastifyInstance {
  const { host, pins } = desk;
  // Unknown or extra properties are an error, not silently dropped (Fastify's default removes them).
  const app = Fastify({ logger: options.logger ?? false, ajv: { customOptions: { removeAdditional: false } } });

  app.setErrorHandler((error: { statusCode?: number; validation?: unknown; name?: string; message?: string }, request, reply) => {
    const status = error.validation ? 400 : error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error(error);
    // A failing graph is named (`InvalidUpdateError: ...`); the stack goes to the log only.
    void fail(reply, status, status === 500 ? `${error.name ?? "Error"}: ${error.message}` : String(error.message));
  });
  app.setNotFoundHandler((request, reply) => fail(reply, 404, `no route ${request.method} ${request.url}`));

  const versionState = async () => {
    const state = await pins.state(GRAPH_ID);
    return { active: state.heads.at(-1) ?? null, canary: state.canary ?? null, versions: await host.versions() };
  };
  /** Runs an operation of the host; one whose precondition fails (no previous version to roll back to…) is a 409. */
  const operation = async (reply: FastifyReply, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      const message = error instanceof Error ? error.message : "";
      if (!message.startsWith("GraphHost: ")) throw error;
      return fail(reply, 409, message.slice("GraphHost: ".length));
    }
    return versionState();
  };

  app.post<{ Body: { thread_id?: string } }>("/threads", {
    schema: schemas.createThread,
    // The body is optional here: no body is an empty one.
    preValidation: async (request) => {
      request.body ??= {};
    },
  }, async (request, reply) => {
    const id = request.body.thread_id ?? randomUUID();
    if ((await pins.pin(GRAPH_ID, id)) !== undefined) return fail(reply, 409, `thread "${id}" exists`);
    return reply.code(201).send(thread(await host.createThread(id)));
  });

  app.post<{ Params: { id: string }; Body: { input?: { message: string }; resume?: object } }>("/threads/:id/runs", { schema: schemas.run }, async (request, reply) => {
    const { id } = request.params;
    if ((await pins.pin(GRAPH_ID, id)) === undefined) return fail(reply, 404, `no thread "${id}"; create it with POST /threads`);
    const body = request.body;
    const result = (await host.invoke(id, "resume" in body ? new Command({ resume: body.resume }) : body.input)) as Record<string, unknown>;
    const { __interrupt__, ...values } = result ?? {};
    const version = (await pins.pin(GRAPH_ID, id))?.version;
    return { thread_id: id, version, values, ...(__interrupt__ === undefined ? {} : { __interrupt__ }) };
  });

  app.get<{ Params: { id: string } }>("/threads/:id/state", { schema: schemas.state }, async (request, reply) => {
    const { id } = request.params;
    const pin = await pins.pin(GRAPH_ID, id);
    if (pin === undefined) return fail(reply, 404, `no thread "${id}"`);
    const state = (await host.getState(id)) as { values: unknown; next: string[]; tasks: Array<{ id: string; name: string; interrupts: unknown[] }>; createdAt?: string };
    return { thread_id: id, version: pin.version, values: state.values, next: state.next, tasks: state.tasks.map((t) => ({ id: t.id, name: t.name, interrupts: t.interrupts })), created_at: state.createdAt ?? null };
  });

  app.get("/threads", async () => ({ threads: (await host.threads()).map(thread) }));

  app.post<{ Body: { version: Label } }>("/deploy", { schema: schemas.deploy }, async (request, reply) => {
    const result = await host.deploy(desk.versions[request.body.version]);
    if (!result.ok) return fail(reply, 500, `deploy of ${request.body.version} failed: ${result.error}`);
    return { version: result.version, pinned: result.pinned.map(thread) };
  });

  app.post("/rollback", (_request, reply) => operation(reply, () => host.rollback()));
  app.post<{ Body: { fraction: number } }>("/canary", { schema: schemas.canary }, (request, reply) => operation(reply, () => host.canary(request.body.fraction)));
  app.post("/promote", (_request, reply) => operation(reply, () => host.promote()));
  app.get("/versions", versionState);
  app.get<{ Querystring: { limit?: number } }>("/audit", { schema: schemas.audit }, async (request) => ({ audit: await host.audit(request.query.limit) }));

  return app;
}
