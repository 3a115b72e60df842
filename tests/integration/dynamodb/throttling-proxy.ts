import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ThrottlingProxy {
  endpoint: string;
  throttled: number;
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of a DynamoDB-API server that answers the first `times` requests for
 * `operation` the way DynamoDB does when a partition is over capacity, and forwards everything else.
 */
export async function startThrottlingProxy(target: string, operation: string, times: number): Promise<ThrottlingProxy> {
  const upstream = new URL(target);
  const proxy: ThrottlingProxy = { endpoint: '', throttled: 0, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (String(req.headers['x-amz-target']).endsWith(`.${operation}`) && proxy.throttled < times) {
        proxy.throttled++;
        const body = JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'throttled by test proxy' });
        return void res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' }).end(body);
      }
      const forward = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      forward.on('error', (error) => res.writeHead(502).end(String(error)));
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
