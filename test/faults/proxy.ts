import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";

/**
 * A loopback TCP proxy in front of DynamoDB Local that misbehaves on demand:
 * - "pass":      forwards both ways;
 * - "reset":     accepts, then resets every connection at once (a dropping load balancer);
 * - "blackhole": accepts and reads, never answers (a hung endpoint);
 * - "lose-transaction-answers": forwards everything, but a connection that carried a
 *   TransactWriteItems is reset when DynamoDB answers: the write commits and the client
 *   never learns it did.
 * Changing the mode drops every open connection, so kept-alive sockets cannot slip past.
 */
export type ProxyMode = "pass" | "reset" | "blackhole" | "lose-transaction-answers";

export interface FaultyProxy {
  endpoint: string;
  port: number;
  setMode(mode: ProxyMode): void;
  /** Connections accepted since the start, to prove the client really went through the proxy. */
  readonly connections: number;
  stop(): Promise<void>;
}

export async function startFaultyProxy(upstreamPort: number): Promise<FaultyProxy> {
  let mode: ProxyMode = "pass";
  let connections = 0;
  const open = new Set<Socket>();

  const drop = (socket: Socket) => {
    if (!socket.destroyed) socket.resetAndDestroy();
  };

  const server: Server = createServer((client) => {
    connections++;
    open.add(client);
    client.on("close", () => open.delete(client));
    client.on("error", () => {});
    if (mode === "reset") {
      drop(client);
      return;
    }
    if (mode === "blackhole") {
      client.resume();
      return;
    }
    const loseAnswers = mode === "lose-transaction-answers";
    let carriedTransaction = false;
    const upstream = tcpConnect({ port: upstreamPort, host: "127.0.0.1" });
    open.add(upstream);
    upstream.on("close", () => {
      open.delete(upstream);
      drop(client);
    });
    upstream.on("error", () => drop(client));
    client.on("close", () => upstream.destroy());
    client.on("data", (chunk: Buffer) => {
      if (loseAnswers && /x-amz-target:\s*DynamoDB_\d+\.TransactWriteItems/i.test(chunk.toString("latin1"))) {
        carriedTransaction = true;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (carriedTransaction) drop(client);
      else client.write(chunk);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("the proxy has no port");
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    setMode(next) {
      mode = next;
      for (const socket of open) drop(socket);
    },
    get connections() {
      return connections;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
