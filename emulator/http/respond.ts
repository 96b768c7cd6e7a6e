import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { errorBody } from './errors.ts';

export function sendJson(res: ServerResponse, status: number, body: unknown, requestId?: string): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(requestId ? { 'x-acs-request-id': requestId } : {}),
  });
  res.end(text);
}

/** Node answers unparseable HTTP with a bare 400; the SDK would choke on it, so answer JSON there too. */
export function sendRawJsonError(socket: Socket, requestId: string, code: string, message: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const text = JSON.stringify(errorBody(requestId, code, message));
  socket.end(
    `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json;charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
  );
}
