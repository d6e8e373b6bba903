/**
 * host-server: `node dist/src/main.js --migrate` creates the tables and exits; `node dist/src/main.js` serves.
 * DATABASE_URL names the Postgres database (threads and pins); PORT (3000) and HOST (127.0.0.1) where to listen.
 */
import { buildApp } from "./app.js";
import { migrate, openDesk } from "./desk.js";

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/desk");
  if (process.argv.includes("--migrate")) {
    await migrate(databaseUrl);
    console.log("host-server: migrated (pin store and checkpointer tables are ready)");
    return;
  }
  console.log("host-server: this process RUNS the graph code of v1/ and v2/ (the compatibility check only reads it)");
  const desk = await openDesk(databaseUrl);
  const app = buildApp(desk, { logger: true });
  const stop = async () => {
    await app.close();
    await desk.close();
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? "127.0.0.1" });
}

main().catch((error: unknown) => {
  console.error(`host-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
