import * as v from 'valibot';

/**
 * The shape every one-off channel between the extension's contexts shares: requests are a valibot variant
 * on `type`, and each request type declares the schema of its answer (null: it gets none). From that one
 * declaration a sender gets each answer's type and a receiver must return it.
 *
 * Hand-written rather than @webext-core/messaging (WXT's recommendation): that library wraps every message
 * in its own envelope, hands the raw `sender` to each handler with no gate of its own, and sends a handler's
 * thrown error (message and stack) back to the sender, here a script living in x.com. Its code is 1.24 KB
 * gzipped against 0.18 KB for this file (esbuild, minified, valibot apart), in a content script that ships to
 * every x.com page.
 */
type Request = { type: string };

export type Answers<R extends Request> = { readonly [T in R['type']]: v.GenericSchema | null };

export type AnswerOf<A, T extends keyof A> = A[T] extends v.GenericSchema ? v.InferOutput<A[T]> : void;

/** One handler per request type, each returning its declared answer; `from` is who sent it (sender.ts). */
export type Handlers<R extends Request, A extends Answers<R>, From> = {
  [T in R['type']]: (message: Extract<R, { type: T }>, from: From) => AnswerOf<A, T> | Promise<AnswerOf<A, T>>;
};

/**
 * The receiving side, called with what the sender gate let through: the request parsed with its schema and
 * handed to its handler. A request that does not parse gets no answer. The handler runs in the listener's
 * turn, so one that needs a user gesture (opening the side panel) still has it.
 */
export function receive<R extends Request, A extends Answers<R>, From>(
  schema: v.GenericSchema<unknown, R>,
  handlers: Handlers<R, A, From>,
  raw: unknown,
  from: From,
): Promise<unknown> | undefined {
  const parsed = v.safeParse(schema, raw);
  if (!parsed.success) return undefined;
  const handler = handlers[parsed.output.type as R['type']] as (message: R, from: From) => unknown;
  const answer = handler(parsed.output, from);
  return answer === undefined ? undefined : Promise.resolve(answer);
}

/**
 * The sending side: `send` delivers the request, the answer is parsed with the schema declared for it.
 * Null when the request gets no answer, none came, or it does not fit: never an unchecked value.
 */
export async function ask<R extends Request, A extends Answers<R>, M extends R>(
  answers: A,
  send: (message: M) => Promise<unknown>,
  message: M,
): Promise<AnswerOf<A, M['type']> | null> {
  const raw = await send(message);
  const schema = answers[message.type as M['type']];
  if (!schema || raw === undefined || raw === null) return null;
  const parsed = v.safeParse(schema, raw);
  return parsed.success ? (parsed.output as AnswerOf<A, M['type']>) : null;
}
