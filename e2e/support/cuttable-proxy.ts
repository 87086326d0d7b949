import net from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy in front of the app, so a test can cut a browser's connections for real (as a
 * network failure would) and hold new ones off for a while. Cookies are not port-specific, so a
 * page loaded through the proxy keeps its session. It can also send new connections to another
 * port, as a load balancer moves a client to another instance.
 */
export async function startCuttableProxy(targetPort: number) {
  const sockets = new Set<net.Socket>();
  const requestHeads: string[] = [];
  /** The port each of `requestHeads` was sent to. */
  const requestTargets: number[] = [];
  let refusing = false;
  let target = targetPort;
  const server = net.createServer((client) => {
    if (refusing) return void client.destroy();
    const upstreamPort = target;
    const upstream = net.connect(upstreamPort, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
    }
    // What the browser really sent (headers it adds below the page, like Last-Event-ID, included).
    client.once("data", (chunk: Buffer) => {
      requestHeads.push(chunk.toString("latin1").split("\r\n\r\n")[0] ?? "");
      requestTargets.push(upstreamPort);
    });
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requestHeads,
    requestTargets,
    /** New connections go to this port from now on. */
    retarget(port: number) {
      target = port;
    },
    /** Drops every open connection and refuses new ones until `restore()`. */
    cut() {
      refusing = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      refusing = false;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
