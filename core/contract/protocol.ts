import { z } from 'zod';
import { WireError } from './errors.ts';

/** The envelope every transport (in-process, WebSocket, Electron MessagePort) carries as JSON text. */
export const CallMessage = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  input: z.unknown(),
});
export type CallMessage = z.infer<typeof CallMessage>;

export const ResultMessage = z.discriminatedUnion('ok', [
  z.object({ t: z.literal('result'), id: z.number().int(), ok: z.literal(true), output: z.unknown() }),
  z.object({ t: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: WireError }),
]);
export type ResultMessage = z.infer<typeof ResultMessage>;

export const EventMessage = z.object({ t: z.literal('event'), name: z.string(), payload: z.unknown() });
export type EventMessage = z.infer<typeof EventMessage>;

/** A protocol-level failure not tied to one call (malformed frame, no id to answer). */
export const ProtocolErrorMessage = z.object({ t: z.literal('error'), error: WireError });

export const ServerMessage = z.union([ResultMessage, EventMessage, ProtocolErrorMessage]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** The minimal duplex both ends need: text frames in, text frames out. */
export interface Duplex {
  send(frame: string): void;
  onMessage(listener: (frame: string) => void): void;
  onClose(listener: () => void): void;
  close(): void;
}
