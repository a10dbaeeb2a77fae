import { vi } from 'vitest';

/**
 * The unit project runs its files one after another in a shared worker (isolate: false: a fresh worker per
 * file cost more than the tests themselves). Each file still starts as if alone: a fresh module graph, so
 * a module evaluated under another file's vi.mock (or its fake browser) is evaluated again under this
 * file's; and no global, environment variable or fake clock left by the file before.
 */
vi.resetModules();
vi.unstubAllGlobals();
vi.unstubAllEnvs();
vi.useRealTimers();
