import * as v from 'valibot';
import { LinkId } from '../protocol/call-link';
import type { Answers } from './channel';

/**
 * The popup's call-link requests to the background (runtime.sendMessage, from extension pages only). The
 * list itself is read from storage (lib/storage/items.ts `callLinks`), which the background keeps current.
 */
export const LinkRequest = v.variant('type', [
  v.strictObject({ type: v.literal('link.create') }),
  v.strictObject({ type: v.literal('link.revoke'), id: LinkId }),
]);
export type LinkRequest = v.InferOutput<typeof LinkRequest>;

/** A link just made, or null: not made (signed out, server away, or over the server's limit). */
export const CreatedLink = v.nullable(v.object({ url: v.pipe(v.string(), v.url()), expiresAt: v.number() }));
export type CreatedLink = v.InferOutput<typeof CreatedLink>;

export const LinkAnswers = {
  'link.create': CreatedLink,
  'link.revoke': null,
} as const satisfies Answers<LinkRequest>;
