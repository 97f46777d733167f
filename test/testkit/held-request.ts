import http from 'node:http';

/** A JSON POST kept in flight by construction: the server has read its headers, and its body waits for `release`. */
export interface HeldRequest {
  /** Resolves once the server has answered `100 Continue`, i.e. it is handling this request. */
  started: Promise<void>;
  /** Sends the body, so the server can finish the request. */
  release(): void;
  /** The status the server finally answered with; rejects if the connection failed. */
  status: Promise<number>;
}

/**
 * `Expect: 100-continue` makes a Node server answer 'continue' as soon as it has parsed the headers,
 * so a test can hold a request in flight without sleeping: signal the server after `started`, and
 * `release` the body once the server says it is shutting down.
 */
export function holdRequest(url: string, body: unknown): HeldRequest {
  const payload = JSON.stringify(body);
  const request = http.request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), Expect: '100-continue' },
  });
  const status = new Promise<number>((resolve, reject) => {
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
  });
  const started = new Promise<void>((resolve) => request.once('continue', () => resolve()));
  request.flushHeaders();
  return { started, status, release: () => request.end(payload) };
}
