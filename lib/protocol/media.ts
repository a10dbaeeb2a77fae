import * as v from 'valibot';

export const Media = v.picklist(['audio', 'video']);
export type Media = v.InferOutput<typeof Media>;
