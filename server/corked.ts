import type { Socket } from 'node:net';

/** Runs `write` with the socket corked: what it sends leaves in one system call (each costs as much as a sign-in's logic, profiled). */
export function corked(socket: Socket, write: () => void): void {
  socket.cork();
  try {
    write();
  } finally {
    socket.uncork();
  }
}
