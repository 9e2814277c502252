import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** axe's rules for WCAG 2.1 A and AA and its best practices: every rule of those tags, none turned off. */
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * axe for a page of this site, reporting violations. Every rule runs on every element either way;
 * two settings only change how the results come back, which on a pattern page (about 19,000 elements, most of them code) cost more than the rules:
 * - legacy mode runs axe.run() in the page itself instead of axe's frame-by-frame partial runs,
 *   which are finished in a second page after serialising every node. Partial runs exist for
 *   cross-origin iframes; the site has none, and every-page.spec.ts fails any request to another origin.
 * - resultTypes: ['violations'] gives full detail only for violations: passes and incomplete results
 *   keep one node each instead of thousands.
 * Measured on a quiet two-core machine: three-tier-web-app 17.7 s -> 5.2 s, Lambda 2.9 s -> 1.7 s.
 */
export function axe(page: Page): AxeBuilder {
	return new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).setLegacyMode(true);
}

/** The violations axe finds on the page as loaded now, one line each with the elements concerned. */
export async function axeViolations(page: Page): Promise<string[]> {
	const results = await axe(page).withTags(axeTags).analyze();
	return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}
