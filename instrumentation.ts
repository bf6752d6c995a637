// Next.js calls register() once per server process before it serves anything.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/server/startServer");
    await startServer();
  }
}
