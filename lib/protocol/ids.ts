import * as v from 'valibot';

export const CallId = v.pipe(v.string(), v.uuid());
