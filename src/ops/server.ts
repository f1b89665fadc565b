import { createServer, type Server } from 'node:http';
import type { Metrics } from './metrics.ts';

/** What /healthz checks. */
export interface HealthChecks {
  /** Resolves when the store answers a trivial query. */
  store(): Promise<void>;
  /** Each configured platform and whether it is connected now. */
  platforms(): Record<string, boolean>;
}

/** A running operations listener. */
export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

const STORE_TIMEOUT_MS = 2_000;

/**
 * Serves `GET /healthz` (200 when the store answers and every configured platform is connected,
 * else 503; the JSON body says which) and `GET /metrics` (Prometheus text format).
 */
export async function startOpsServer(port: number, metrics: Metrics, checks: HealthChecks, host = '0.0.0.0'): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'GET' && req.url === '/metrics') {
        const { body, contentType } = await metrics.render();
        res.writeHead(200, { 'content-type': contentType }).end(body);
        return;
      }
      if (req.method === 'GET' && req.url === '/healthz') {
        let store: 'ok' | string = 'ok';
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([checks.store(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no answer within 2 s')), STORE_TIMEOUT_MS)))]);
        } catch (error) {
          store = error instanceof Error ? error.message : String(error);
        } finally {
          clearTimeout(timer);
        }
        const platforms = Object.fromEntries(Object.entries(checks.platforms()).map(([name, up]) => [name, up ? 'connected' : 'disconnected']));
        const ok = store === 'ok' && Object.values(platforms).every((p) => p === 'connected');
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', store, platforms }));
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
