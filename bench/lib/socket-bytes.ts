/**
 * Bytes a server has written to its connections (HTTP headers and bodies, as they went on the wire), counted in
 * the server's own process. The bench measured them before with a counting proxy in a process of its own between
 * desk and server: a third process on the two cores and a second hop for every page, which no district has.
 */
import type { Server } from 'node:net';
import type { Socket } from 'node:net';

export function countSocketBytes(server: Server): () => number {
  const open = new Set<Socket>();
  let closed = 0;
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      closed += socket.bytesWritten;
    });
  });
  return () => [...open].reduce((sum, socket) => sum + socket.bytesWritten, closed);
}

/** A child's answer to a line on its stdin (server-process.ts `ask`): its bytes written so far. */
export function answerByteCount(written: () => number): void {
  process.stdin.on('data', () => process.stdout.write(`${JSON.stringify({ bytesDown: written() })}\n`));
}
