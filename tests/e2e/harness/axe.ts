import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer';

const require = createRequire(import.meta.url);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core inside the page (or only `within` one element of it) (injected through the DevTools protocol, which the extension page's CSP does
 * not block) and returns the serious and critical violations.
 */
export async function seriousViolations(page: Page, within?: string): Promise<AxeViolation[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run(context?: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    // `within`: one element (a shadow host and what it holds), not the page around it.
    const { violations } = await (within ? axe.run({ include: [[within]] }) : axe.run());
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, within);
}
